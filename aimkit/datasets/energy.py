"""An energy supplier's four systems: churn, customer value and the best offer (e-book p. 77).

A Belgian supplier of electricity and gas to households and businesses; the call centre is the
main sales and service channel. Its data sit in four systems that share the customer number:

- the **ERP**: customer information and the monthly invoice lines with payment behaviour
  (on time, late, very late), exported Belgian-Excel style (``;``, decimal commas);
- the **ticket system**: contact moments by type (complaint, question, purchase);
- the **CMS** sales application: contracts (product, prices, start and end, why it ended),
  customer feedback noted by agents (importance of price and of peace of mind, a competitor
  mentioned), the offer catalogue and the offers made in a past retention campaign;
- the **field-service application**: minutes an agent spent on each customer.

Time line: invoices from July 2019 to December 2020; a randomised retention campaign on
1 October 2019 (a random 40 % of the customers got a random offer); the case trains its
churn model on the situation of 1 July 2020 (who left for a competitor in the next six
months?) and scores the customers still active on the export date, 1 January 2021.

Hidden behaviour (what the case's models should find): a customer leaves for a competitor
more often when they pay clearly more than the market's cheapest offer and care about price,
after complaints, when they mentioned a competitor, when a fixed-price contract is about to
end, and less after many years or with direct debit. An offer is accepted more often when it
saves the customer money (weighed by how much they care about price), when its fixed term
suits a customer who values peace of mind, and by customers already looking around.

The retention-call pilot of 1 July 2020 (``retention_pilot``): a random ``PILOT_SHARE`` of the
customers active then, of whom a random ``PILOT_CALLED`` got a call with a loyalty discount.
The call changes a customer's log-odds of switching by ``RETENTION_EFFECT``: it keeps
price-driven customers (those who overpay and care about price, or mentioned a competitor) and
pushes some content customers away (a reminder that switching exists): a heterogeneous effect
that an uplift model can find and a churn model cannot.

What ``planted=False`` removes: both sets of drivers and the call's effect. Every customer then
leaves for a competitor with the same chance (called or not), and every offer is accepted with
the same chance, each the
average of the planted chances in that generation (the same base rates); the features, the
tables and their flaws stay as they are, so a churn or acceptance model can only find noise.

Planted details the case must handle: each system has its own export; some customers gave no
feedback; the invoice period is written ``yyyy-mm``; customers who moved away also end their
contract (not a loss to a competitor); new customers have less than twelve months of history.

Examples
--------
>>> tables = generate(seed=1, scale=0.1)
>>> list(tables)[:3]
['erp_customers', 'erp_invoices', 'cms_contracts']

Used in: notebooks/cases/17_energy_churn_offers.ipynb, benchmarks/energy.py
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from aimkit.datasets import BELGIAN_EXCEL, DEFAULT_SEED, Case

CASE = Case(
    company="Energy supplier", title="churn and the best offer",
    notebook="cases/17_energy_churn_offers.ipynb", ebook_page=77, minutes=50)

TABLES = {
    "erp_customers": {
        "en": "ERP customer information: type, postcode, customer since, payment method",
        "nl": "ERP-klantgegevens: type, postcode, klant sinds, betaalwijze"},
    "erp_invoices": {
        "en": "ERP monthly invoice lines: consumption, amount, payment behaviour",
        "nl": "ERP-factuurlijnen per maand: verbruik, bedrag, betaalgedrag"},
    "cms_contracts": {
        "en": "CMS contracts: product, fixed fee, variable price, start, end, end reason",
        "nl": "CMS-contracten: product, vaste vergoeding, variabele prijs, start, einde, reden van"
              " einde"},
    "cms_feedback": {
        "en": "CMS notes by agents: importance of price and peace of mind, competitor",
        "nl": "CMS-notities van agenten: belang van prijs en gemoedsrust, concurrent"},
    "tickets": {
        "en": "ticket system: contact moments (complaint, question, purchase)",
        "nl": "ticketsysteem: contactmomenten (klacht, vraag, aankoop)"},
    "field_service": {
        "en": "field-service app: minutes an agent spent per customer contact",
        "nl": "app van de buitendienst: minuten die een agent per klantcontact besteedde"},
    "offer_catalogue": {
        "en": "CMS retention offers: product, term, fixed fee, variable price",
        "nl": "CMS-retentieaanbiedingen: product, looptijd, vaste vergoeding, variabele prijs"},
    "offer_history": {
        "en": "the randomised retention campaign of 1 October 2019: offer, accepted",
        "nl": "de gerandomiseerde retentiecampagne van 1 oktober 2019: aanbod, aanvaard"},
    "retention_pilot": {
        "en": "the randomised retention-call pilot of 1 July 2020: called or not",
        "nl": "de gerandomiseerde pilot met retentiegesprekken van 1 juli 2020: gebeld of niet"},
}
FORMATS = {"erp_customers": BELGIAN_EXCEL, "erp_invoices": BELGIAN_EXCEL}

N_CUSTOMERS = 2500
HISTORY_START = pd.Timestamp("2019-07-01")
CAMPAIGN_DATE = pd.Timestamp("2019-10-01")
SNAPSHOT = pd.Timestamp("2020-07-01")
"""The churn model's training moment: features before it, churn in the six months after."""
EXPORT_DATE = pd.Timestamp("2021-01-01")
"""The day the systems were exported: the customers active then are scored."""
MONTHS = pd.period_range("2019-07", "2020-12", freq="M")

COST_C_KWH = {"electricity": 7.6, "gas": 2.4}
"""What the supplier pays per kWh (c€), from finance: variable price minus this is margin."""
AGENT_COST_PER_MINUTE = 0.9
"""Cost of a call-centre minute in €, from finance."""

# --- who the customers are (hidden traits) -----------------------------------------------
MIN_CUSTOMERS = 50                # the smallest sample ``scale`` can give
PROFESSIONAL_SHARE = 0.15         # businesses; the rest are households
GAS_SHARE = 0.35                  # gas contracts; the rest electricity
TYPICAL_KWH = {"gas": 17_000.0, "electricity": 3_500.0}  # a household's year
PROFESSIONAL_USE = 3.5            # a business uses this many times more
KWH_SPREAD = 0.35                 # sd of log yearly use around the typical value
NEW_SHARE = 0.07                  # customers who join during the invoice history
TENURE_DAYS = (6 * 365, 25 * 365)  # mean and cap of the years as a customer before it
IMPORTANCE = {"price": (3.2, 1.1), "peace_of_mind": (3.0, 1.2)}  # mean, sd on a 1-5 scale
LATE_PAYER = (1.2, 10)            # beta(a, b): the chance an invoice of theirs is paid late
DIRECT_DEBIT_SHARE = 0.6
SERVICE_ISSUES = (0.6, 1.0)       # gamma(shape, scale): how often things go wrong for them
SHOPPING_SHARE = 0.12             # already looking at competitors
OLD_DEFAULT = (0.15, 0.05, 0.75)  # on the old default product: base + per year of tenure, cap
PRODUCT_MIX = [.3, .3, .15, .15, .1]  # the others' product among products 1-5

# --- the randomised retention campaign and what makes an offer accepted --------------------
CAMPAIGN_SHARE = 0.4              # of the customers then, chosen at random (enough to test on)
ACCEPT = {"intercept": -1.5, "saving": 9.0, "term": 0.55, "green": 0.5, "shopping": 1.2}
"""Log-odds of accepting: the saving weighed by price importance (/3), the fixed term (up to two
years) and green by peace-of-mind importance (-3), already looking around."""

# --- contacts ------------------------------------------------------------------------------
TICKETS_PER_MONTH = {"complaint": (0.025, 0.09), "question": (0.06, 0.03), "purchase": 0.012}
"""Base rate plus a factor times service issues (complaints) or late paying (questions)."""
SHOPPER_MENTIONS = (0.55, 0.04)   # chance a competitor was mentioned: shoppers, the others
FEEDBACK_SHARE = 0.65             # customers with an agent's note
AGENT_MINUTES = {"complaint": (3, 8), "other": (2, 4)}  # gamma(shape, scale) per contact
LOGGED_SHARE = 0.9                # agents forget to log some contacts
AGENTS = 40

# --- who leaves ------------------------------------------------------------------------------
CHURN = {"intercept": -4.2, "overpay": 10.0, "complaints": 0.55, "max_complaints": 3,
         "competitor": 1.1, "shopping": 0.9, "renewal": 0.7, "late": 3.0, "tenure": 0.45,
         "direct_debit": 0.4, "professional": 0.3}
"""Log-odds of switching supplier in the six months after the snapshot: overpaying weighed by
price importance (/3), complaints in the year before (at most three count), a competitor
mentioned, looking around, a fixed-price renewal due, paying late; less with log(1 + years)
of tenure and direct debit (the last two are subtracted)."""
HORIZON_DAYS = 183                # six months after the snapshot: renewals due, who leaves

# --- the randomised retention pilot of 1 July 2020 -------------------------------------------
PILOT_SHARE = 0.6                 # of the customers active on the snapshot, chosen at random ...
PILOT_CALLED = 0.5                # ... of whom this share, at random, got a retention call
RETENTION_EFFECT = {"base": 0.6, "price": -6.0, "competitor": -0.6}
"""Change in the log-odds of switching supplier for a called customer: a base (a call reminds a
content customer that switching exists: more switching), minus overpaying weighed by price
importance (/3) (the call's loyalty discount answers their reason to leave), minus a mentioned
competitor. So the call keeps price-driven customers and pushes some content ones away."""
MOVE_RATE = 0.025                 # customers who move away (not a loss to a competitor)

# --- invoices ---------------------------------------------------------------------------------
SEASON = {"gas": 0.6, "electricity": 0.15}  # amplitude of the winter peak in monthly use
MONTHLY_KWH_NOISE = 0.08          # sd of log monthly use around the seasonal value
VERY_LATE_SHARE = 0.3             # of the late invoices
DIRECT_DEBIT_LATENESS = 0.3       # direct debit cuts the chance of paying late to this share
INVOICE_NO_START = 70_000_001
CONTRACT_NO_START = 500_001

# product, term in years (0 = variable, cancel any month), green, fixed € per year,
# variable c€/kWh for electricity and for gas. The first is the old default product.
_PRODUCTS = [
    ("Variabel Classic", 0, False, 45.00, 11.9, 4.05),
    ("Variabel Online", 0, False, 39.99, 9.2, 3.10),
    ("Vast 1 jaar", 1, False, 57.99, 9.6, 3.25),
    ("Vast 3 jaar Zekerheid", 3, False, 67.99, 10.1, 3.45),
    ("Groen Vast 1 jaar", 1, True, 62.99, 10.3, 3.50),
    ("Vast 1 jaar Voordeel", 1, False, 49.99, 8.7, 2.95),
]
_OFFERS = [1, 2, 3, 4, 5]  # products on offer for retention (not the old default)
_COMPETITORS = np.array(["Engie", "Luminus", "TotalEnergies", "Eneco", "Mega", "Bolt"])
_TOPICS = {"complaint": np.array(["invoice too high", "meter reading", "late refund",
                                  "price increase", "unreachable call centre"]),
           "question": np.array(["invoice", "move", "meter reading", "payment plan",
                                 "solar panels"]),
           "purchase": np.array(["extra meter", "energy scan", "green option"])}
_POSTCODES = np.array(["1000", "1800", "2000", "2018", "2800", "3000", "3500", "8000", "8500",
                       "9000", "9100", "9300"])


def _text_dates(days: np.ndarray) -> pd.Categorical:
    """Days since 1970 as dd/mm/yyyy (empty for NaN), stored compactly as categories."""
    days = np.asarray(days, dtype=float)
    unique, codes = np.unique(np.nan_to_num(days, nan=-1e6), return_inverse=True)
    valid = unique > -1e5
    text = np.full(len(unique), "", dtype=object)
    text[valid] = pd.to_datetime(pd.Series(unique[valid]), unit="D").dt.strftime(
        "%d/%m/%Y").to_numpy()
    labels, first = np.unique(text, return_inverse=True)
    return pd.Categorical.from_codes(first[codes], categories=labels)


def _day(timestamp: pd.Timestamp) -> int:
    return int((timestamp - pd.Timestamp("1970-01-01")).days)




def _yearly_cost(fixed, price_c, kwh):
    return fixed + kwh * price_c / 100


def _chance(logit: np.ndarray, planted: bool) -> np.ndarray:
    """The chance from the log-odds; without the planted drivers, everyone gets its average."""
    chance = 1 / (1 + np.exp(-logit))
    return chance if planted else np.full_like(chance, chance.mean())


def generate(seed: int = DEFAULT_SEED, scale: float = 1.0,
             planted: bool = True) -> dict[str, pd.DataFrame]:
    """Generate the supplier's exports.

    Parameters
    ----------
    seed : int
        Random seed; the default gives the shipped data.
    scale : float
        Multiplies the number of customers (1.0 = 2,500; 160 gives the e-book's 400,000 with
        7.2 million invoice lines).
    planted : bool
        False: churn and offer acceptance independent of the features, with the same base
        rates (see the module docstring).

    Returns
    -------
    dict of str to DataFrame
        One table per export, see ``TABLES``. ID and date columns are categoricals to keep
        millions of rows small in memory; they are written to CSV as plain text.

    Examples
    --------
    >>> tables = generate(scale=0.04)
    >>> len(tables["erp_customers"]), tables["erp_invoices"]["period"].iloc[0]
    (100, '2019-07')
    """
    rng = np.random.default_rng(seed)
    n = max(MIN_CUSTOMERS, round(N_CUSTOMERS * scale))
    names = [f"C{i:07d}" for i in range(1, n + 1)]

    customer_dtype = pd.CategoricalDtype(names)  # one set of categories shared by all tables

    def customer_ids(who):  # customer numbers as categories: cheap at millions of rows
        return pd.Categorical.from_codes(who, dtype=customer_dtype)
    products = pd.DataFrame(_PRODUCTS, columns=["product", "term_years", "green", "fixed_fee",
                                                "elec_c_kwh", "gas_c_kwh"])
    start, snapshot, end = _day(HISTORY_START), _day(SNAPSHOT), _day(EXPORT_DATE)

    # --- who the customers are (hidden traits) -------------------------------------------
    professional = rng.random(n) < PROFESSIONAL_SHARE
    gas = rng.random(n) < GAS_SHARE
    base = (np.where(gas, TYPICAL_KWH["gas"], TYPICAL_KWH["electricity"])
            * np.where(professional, PROFESSIONAL_USE, 1.0))
    yearly_kwh = base * rng.lognormal(0, KWH_SPREAD, n)
    new = rng.random(n) < NEW_SHARE
    mean_days, max_days = TENURE_DAYS
    since = np.where(new, rng.integers(start, end - 31, n),
                     start - np.minimum(rng.exponential(mean_days, n), max_days)).astype(int)
    tenure_at_snapshot = (snapshot - since) / 365.25
    price_importance = np.clip(np.round(rng.normal(*IMPORTANCE["price"], n)), 1, 5)
    peace_importance = np.clip(np.round(rng.normal(*IMPORTANCE["peace_of_mind"], n)), 1, 5)
    stress = rng.beta(*LATE_PAYER, n)  # chance an invoice is paid late
    direct_debit = rng.random(n) < DIRECT_DEBIT_SHARE
    service_issues = rng.gamma(*SERVICE_ISSUES, n)  # how often things go wrong for this customer
    shopping = rng.random(n) < SHOPPING_SHARE       # already looking at competitors

    # current product: long-standing customers often still on the old default
    default_base, default_per_year, default_cap = OLD_DEFAULT
    old_default = rng.random(n) < np.clip(default_base + default_per_year * tenure_at_snapshot,
                                          0, default_cap)
    product = np.where(old_default, 0, rng.choice(_OFFERS, n, p=PRODUCT_MIX))

    # the randomised retention campaign of 1 October 2019
    campaign_day = _day(CAMPAIGN_DATE)
    offered = (rng.random(n) < CAMPAIGN_SHARE) & (since < campaign_day)
    offer = rng.choice(_OFFERS, n)

    def price_of(prod):
        return np.where(gas, products["gas_c_kwh"].to_numpy()[prod],
                        products["elec_c_kwh"].to_numpy()[prod])

    def cost_of(prod):
        return _yearly_cost(products["fixed_fee"].to_numpy()[prod], price_of(prod), yearly_kwh)

    cheapest = np.minimum.reduce([cost_of(np.full(n, p)) for p in _OFFERS])

    def accept_logit(current, proposed):
        saving = (cost_of(current) - cost_of(proposed)) / cost_of(current)
        term = products["term_years"].to_numpy()[proposed]
        green = products["green"].to_numpy()[proposed]
        return (ACCEPT["intercept"] + ACCEPT["saving"] * saving * price_importance / 3
                + ACCEPT["term"] * np.minimum(term, 2) * (peace_importance - 3)
                + ACCEPT["green"] * green * (peace_importance - 3) + ACCEPT["shopping"] * shopping)

    accept_chance = _chance(accept_logit(product, offer)[offered], planted)
    accepted = offered.copy()
    accepted[offered] = rng.random(n)[offered] < accept_chance
    before = product.copy()
    product = np.where(accepted, offer, product)

    # contract end of fixed-price contracts (renewed yearly / every three years)
    term = products["term_years"].to_numpy()[product]
    contract_start = np.where(accepted, campaign_day,
                              np.maximum(since, start - rng.integers(0, 365 * np.maximum(term, 1))))
    renewal = np.where(term > 0, contract_start + 365 * np.maximum(term, 1), np.nan)
    while np.any(renewal < snapshot):
        renewal = np.where(renewal < snapshot, renewal + 365 * np.maximum(term, 1), renewal)
    ends_soon = (renewal < snapshot + HORIZON_DAYS).astype(float)

    # --- contacts: tickets and agent minutes ------------------------------------------------
    months_active = np.clip((end - np.maximum(since, start)) / 30.44, 0, 18)
    complaint_base, per_issue = TICKETS_PER_MONTH["complaint"]
    question_base, per_stress = TICKETS_PER_MONTH["question"]
    rates = {"complaint": complaint_base + per_issue * service_issues,
             "question": question_base + per_stress * stress,
             "purchase": np.full(n, TICKETS_PER_MONTH["purchase"])}
    ticket_parts = []
    for kind, rate in rates.items():
        count = rng.poisson(rate * months_active)
        who = np.repeat(np.arange(n), count)
        first = np.maximum(since, start)[who]
        day = first + rng.random(len(who)) * (end - first)
        topic = rng.integers(0, len(_TOPICS[kind]), len(who))
        ticket_parts.append(pd.DataFrame({"who": who, "day": day.astype(int), "kind": kind,
                                          "topic": _TOPICS[kind][topic]}))
    tickets = pd.concat(ticket_parts, ignore_index=True)
    complaints_before = np.bincount(
        tickets["who"][(tickets["kind"] == "complaint") & (tickets["day"] >= snapshot - 365)
                       & (tickets["day"] < snapshot)], minlength=n)

    # a competitor mentioned to an agent (mostly by customers who are looking around)
    mentioned = rng.random(n) < np.where(shopping, *SHOPPER_MENTIONS)
    feedback_given = rng.random(n) < FEEDBACK_SHARE
    feedback_day = np.maximum(since, start) + rng.random(n) * (snapshot - np.maximum(since, start))

    # --- who leaves for a competitor in the six months after the snapshot -------------------
    overpay = (cost_of(product) - cheapest) / cost_of(product)
    late_share = stress
    logit = (CHURN["intercept"] + CHURN["overpay"] * overpay * price_importance / 3
             + CHURN["complaints"] * np.minimum(complaints_before, CHURN["max_complaints"])
             + CHURN["competitor"] * mentioned + CHURN["shopping"] * shopping
             + CHURN["renewal"] * ends_soon + CHURN["late"] * late_share
             - CHURN["tenure"] * np.log1p(np.maximum(tenure_at_snapshot, 0))
             - CHURN["direct_debit"] * direct_debit + CHURN["professional"] * professional)
    active_at_snapshot = since < snapshot
    # the retention pilot: its own random stream, so adding it left the other draws alone
    pilot_rng = np.random.default_rng([seed, 2020_07_01])
    in_pilot = active_at_snapshot & (pilot_rng.random(n) < PILOT_SHARE)
    called = in_pilot & (pilot_rng.random(n) < PILOT_CALLED)
    effect = (RETENTION_EFFECT["base"]
              + RETENTION_EFFECT["price"] * overpay * price_importance / 3
              + RETENTION_EFFECT["competitor"] * mentioned)
    logit = logit + np.where(called, effect, 0.0)
    churn = active_at_snapshot.copy()
    churn[active_at_snapshot] = (rng.random(n)[active_at_snapshot]
                                 < _chance(logit[active_at_snapshot], planted))
    moved = active_at_snapshot & ~churn & (rng.random(n) < MOVE_RATE)
    leave_day = np.where(churn | moved, snapshot + rng.integers(0, HORIZON_DAYS, n), np.nan)
    reason = np.where(churn, "switched supplier", np.where(moved, "moved", ""))

    # tickets after leaving do not exist; churners complain a bit more before they go
    tickets = tickets[~(tickets["day"] >= np.nan_to_num(leave_day, nan=1e9)[tickets["who"]])]
    tickets = tickets.sort_values(["day", "who", "kind"], kind="stable").reset_index(drop=True)

    # --- invoices: one line per customer per month while active -----------------------------
    month_start = np.array([_day(p.start_time) for p in MONTHS])
    month_end = np.array([_day(p.end_time.normalize()) for p in MONTHS])
    last_day = np.nan_to_num(leave_day, nan=end)
    active = (since[:, None] <= month_end[None, :]) & (last_day[:, None] > month_start[None, :])
    who, month = np.nonzero(active)
    winter = np.cos(2 * np.pi * (MONTHS.month.to_numpy()[month] - 1) / 12)
    season = np.where(gas[who], 1 + SEASON["gas"] * winter, 1 + SEASON["electricity"] * winter)
    kwh = np.round(yearly_kwh[who] / 12 * season * rng.lognormal(0, MONTHLY_KWH_NOISE, len(who)))
    month_day = month_start[month]
    switched = accepted[who] & (month_day >= campaign_day)
    line_product = np.where(switched, product[who], before[who])
    fixed = products["fixed_fee"].to_numpy()[line_product]
    price = np.where(gas[who], products["gas_c_kwh"].to_numpy()[line_product],
                     products["elec_c_kwh"].to_numpy()[line_product])
    amount = np.round(fixed / 12 + kwh * price / 100, 2)
    paid = rng.random(len(who))
    late_p = stress[who] * np.where(direct_debit[who], DIRECT_DEBIT_LATENESS, 1.0)
    payment = np.where(paid < late_p * VERY_LATE_SHARE, 2, np.where(paid < late_p, 1, 0))
    invoices = pd.DataFrame({
        "invoice_no": np.arange(len(who)) + INVOICE_NO_START,
        "customer_id": customer_ids(who),
        "period": pd.Categorical.from_codes(month, categories=[str(p) for p in MONTHS]),
        "kwh": kwh.astype(int),
        "amount": amount,
        "payment": pd.Categorical.from_codes(payment, categories=["on time", "late",
                                                                  "very late"]),
    })

    # --- contracts (CMS): the contract before the campaign and the current one --------------
    rows = {"who": np.arange(n), "product": product, "start": contract_start,
            "end": leave_day, "reason": reason}
    old = {"who": np.flatnonzero(accepted), "product": before[accepted],
           "start": np.maximum(since, start - 400)[accepted],
           "end": np.full(accepted.sum(), campaign_day - 1.0),
           "reason": np.full(accepted.sum(), "product change")}
    contracts = pd.concat([pd.DataFrame(old), pd.DataFrame(rows)], ignore_index=True)
    contracts = contracts.sort_values(["who", "start"], kind="stable").reset_index(drop=True)
    c_gas = gas[contracts["who"]]
    c_product = contracts["product"].to_numpy()
    contracts = pd.DataFrame({
        "contract_no": np.arange(len(contracts)) + CONTRACT_NO_START,
        "customer_id": customer_ids(contracts["who"].to_numpy()),
        "energy": np.where(c_gas, "gas", "electricity"),
        "product": products["product"].to_numpy()[c_product],
        "term_years": products["term_years"].to_numpy()[c_product],
        "fixed_fee_eur_year": products["fixed_fee"].to_numpy()[c_product],
        "variable_c_kwh": np.where(c_gas, products["gas_c_kwh"].to_numpy()[c_product],
                                   products["elec_c_kwh"].to_numpy()[c_product]),
        "start_date": _text_dates(contracts["start"].to_numpy()),
        "end_date": _text_dates(contracts["end"].to_numpy()),
        "end_reason": contracts["reason"].to_numpy(),
    })

    # --- agent notes, tickets, field service, offers ----------------------------------------
    noted = np.flatnonzero(feedback_given & active_at_snapshot)
    feedback = pd.DataFrame({
        "customer_id": customer_ids(noted),
        "noted_on": _text_dates(feedback_day[noted]),
        "price_importance": price_importance[noted].astype(int),
        "peace_of_mind_importance": peace_importance[noted].astype(int),
        "competitor_mentioned": np.where(mentioned[noted],
                                         _COMPETITORS[rng.integers(0, 6, len(noted))], ""),
    })
    ticket_table = pd.DataFrame({
        "ticket_no": np.arange(len(tickets)) + 1,
        "customer_id": customer_ids(tickets["who"].to_numpy()),
        "opened_on": _text_dates(tickets["day"].to_numpy()),
        "type": tickets["kind"].to_numpy(),
        "topic": tickets["topic"].to_numpy(),
    })
    minutes = np.where(tickets["kind"] == "complaint",
                       rng.gamma(*AGENT_MINUTES["complaint"], len(tickets)),
                       rng.gamma(*AGENT_MINUTES["other"], len(tickets)))
    logged = rng.random(len(tickets)) < LOGGED_SHARE  # agents forget to log some contacts
    field = pd.DataFrame({
        "customer_id": customer_ids(tickets["who"].to_numpy()[logged]),
        "date": _text_dates(tickets["day"][logged].to_numpy()),
        "agent": pd.Categorical.from_codes(rng.integers(0, AGENTS, logged.sum()),
                                           categories=[f"AG{i:03d}" for i in range(1, AGENTS + 1)]),
        "minutes": np.round(minutes[logged], 1),
    })
    catalogue = products.iloc[_OFFERS].reset_index(drop=True)
    catalogue.insert(0, "offer_id", [f"OF{i + 1}" for i in range(len(catalogue))])
    catalogue = catalogue.rename(columns={"fixed_fee": "fixed_fee_eur_year"})
    catalogue["green"] = np.where(catalogue["green"], "yes", "no")
    got = np.flatnonzero(offered)
    history = pd.DataFrame({
        "customer_id": customer_ids(got),
        "offered_on": CAMPAIGN_DATE.strftime("%d/%m/%Y"),
        "offer_id": [f"OF{_OFFERS.index(o) + 1}" for o in offer[got]],
        "accepted": np.where(accepted[got], "yes", "no"),
    })
    customers = pd.DataFrame({
        "customer_id": customer_ids(np.arange(n)),
        "customer_type": np.where(professional, "professional", "residential"),
        "postcode": _POSTCODES[rng.integers(0, len(_POSTCODES), n)],
        "customer_since": _text_dates(since),
        "payment_method": np.where(direct_debit, "direct debit", "bank transfer"),
    })
    pilot = np.flatnonzero(in_pilot)
    retention_pilot = pd.DataFrame({
        "customer_id": customer_ids(pilot),
        "called_on": SNAPSHOT.strftime("%d/%m/%Y"),
        "group": np.where(called[pilot], "called", "not called"),
    })
    return {"erp_customers": customers, "erp_invoices": invoices, "cms_contracts": contracts,
            "cms_feedback": feedback, "tickets": ticket_table, "field_service": field,
            "offer_catalogue": catalogue, "offer_history": history,
            "retention_pilot": retention_pilot}
