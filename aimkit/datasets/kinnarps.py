"""Kinnarps: a Belgian office-furniture dealer's CRM and ERP exports (e-book p. 36).

Kinnarps sells projects to companies (B2B); private people can order in the showroom too.
Customer facts live in the CRM (*Caesar CRM*): the customer card with the sales team's
subjective potential code A/B/C/D (D = private customer) and mostly empty fields for sector,
employees and revenue, plus every registered contact moment. Orders, quotes and credit
memos live in the ERP (*Microsoft Dynamics*), exported Belgian-Excel style (``;``, decimal
commas, cp1252, dd/mm/yyyy). The two systems are only linked by the customer number.

Hidden behaviour (what the case's clustering should find): four kinds of customers by
size of business (small, mid-size, large and a handful of key accounts) drive the four-year
order amount, the number of orders and the number of contact moments together. The potential
code follows the true size only loosely: small customers carry every code, and a share of the
mid-size buyers are private customers coded D.

What ``planted=False`` removes: the four kinds. The same number of buying customers then come
from one continuous population (a log-normal amount with the four kinds' overall mean and
spread; orders, contacts and employees follow the amount along one smooth curve through the
kinds' typical values), and the potential code is drawn from the overall code mix,
independent of the customer's size. Tables, columns, flaws and sizes stay the same, so a
student can see what KMeans "finds" when there is nothing to find.

Planted flaws, as the e-book describes them:

- ``sector``, ``employees`` and ``annual_revenue`` are mostly empty (optional CRM fields);
- prospects without activity for six months are deleted, so the CRM only holds recent ones;
- the ERP export mixes orders with quotes and credit memos (negative amounts), reaches back
  before the four-year window, and holds showroom cash sales without a customer number;
- a few contact moments carry the CRM's empty date ``00/00/0000``.

Examples
--------
>>> tables = generate(seed=1, scale=0.5)
>>> sorted(tables)
['crm_contacts', 'crm_customers', 'erp_orders']

Used in: notebooks/00_start_here.ipynb, notebooks/05_aim4_analysis_toolbox.ipynb and
notebooks/cases/10_kinnarps_b2b_clustering.ipynb.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from aimkit.datasets import BELGIAN_EXCEL, DEFAULT_SEED, Case, Transactions

CASE = Case(
    company="Kinnarps", title="B2B customer clustering",
    notebook="cases/10_kinnarps_b2b_clustering.ipynb", ebook_page=36, minutes=40,
    transactions=Transactions("erp_orders", {"customer_no": "customer_id",
                                             "document_no": "order_id"}))

TABLES = {
    "crm_customers": {
        "en": "CRM customer cards: potential code A/B/C/D, optional sector/size fields",
        "nl": "CRM-klantenkaarten: potentieelcode A/B/C/D, optionele velden sector en grootte"},
    "crm_contacts": {
        "en": "CRM contact moments: visits, calls, e-mails, showroom visits",
        "nl": "CRM-contactmomenten: bezoeken, telefoons, e-mails, showroombezoeken"},
    "erp_orders": {
        "en": "ERP document lines (Microsoft Dynamics): orders, quotes and credit memos",
        "nl": "ERP-documentlijnen (Microsoft Dynamics): bestellingen, offertes en creditnota's"},
}
FORMATS = {"erp_orders": BELGIAN_EXCEL}

EXPORT_DATE = pd.Timestamp("2021-03-31")
"""The day the CRM and ERP were exported; the case looks at the four years before it."""
WINDOW_START = pd.Timestamp("2017-04-01")
HISTORY_START = pd.Timestamp("2012-01-01")

KINDS = pd.DataFrame(
    {
        "count": [102, 50, 16, 4],
        "amount": [9_000.0, 140_000.0, 590_000.0, 1_350_000.0],
        "orders": [4.0, 24.0, 82.0, 130.0],
        "contacts": [8.0, 32.0, 70.0, 124.0],
        "spread": [0.55, 0.28, 0.22, 0.12],
        "codes": [(0.12, 0.16, 0.36, 0.36), (0.36, 0.30, 0.10, 0.24), (0.85, 0.15, 0.0, 0.0),
                  (1.0, 0.0, 0.0, 0.0)],
    },
    index=["small", "mid-size", "large", "key account"],
)
"""The hidden kinds of customer (what ``planted=True`` builds in): how many buying customers,
the four-year amount, orders and contact moments of the typical customer, how much customers
of the kind vary (standard deviation of the log size), and the potential-code mix (A, B, C, D)
the sales team gives them."""
_N_PROSPECTS = 40          # recent prospects: contacts, no orders
_N_DORMANT = 18            # old customers whose last order is before the window
_N_CASH_SALES = 12         # showroom sales without a customer number
_QUOTES_PER_ORDER = 0.6
_CREDIT_SHARE = 0.04       # share of orders followed by a credit memo
_SIZE_EFFECT = {"orders": 0.6, "contacts": 0.5}  # elasticity to the customer's size
_EMPLOYEES = {"small": 8, "mid-size": 60, "large": 250, "key account": 900}  # typical per kind
_FILLED = {"sector": 0.25, "employees": 0.15, "annual_revenue": 0.10}  # optional CRM fields
_REVENUE_PER_EMPLOYEE = 150_000
_EMPTY_DATE_SHARE = 0.006  # contact moments saved with the CRM's empty date

_PRODUCTS = {
    "Seating": ["Office chair Capella", "Office chair Plus", "Visitor chair 5000",
                "Stool Xpression"],
    "Desks": ["Sit-stand desk Oberon", "Desk Serie [e]", "Bench desk Free"],
    "Storage": ["Cabinet Workstation", "Locker Intro", "Pedestal E-series"],
    "Meeting": ["Meeting table Fusion", "Conference chair Monolite"],
    "Acoustics": ["Screen Aero", "Acoustic panel Kite"],
    "Lounge": ["Sofa Gossip", "Lounge chair Mila"],
    "Services": ["Installation", "Interior design study", "Delivery"],
}
_SECTORS = ["Office", "Office", "Office", "Healthcare", "Education", "Public sector",
            "Industry", "Financial services"]
_FIRST = ["Jan", "An", "Pieter", "Els", "Tom", "Sofie", "Koen", "Lies", "Bart", "Katrien",
          "Wim", "Sarah", "Dirk", "Leen", "Joris", "Ilse", "Stijn", "Hilde", "Geert", "Nele"]
_LAST = ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
         "Wouters", "De Smet", "Dubois", "Vermeulen", "Van den Broeck", "De Clercq", "Lemmens"]
_COMPANY_A = ["Vanhove", "Alpha", "Delta", "Noord", "Schelde", "Leie", "Kempen", "Vlaams",
              "Brugse", "Gentse", "Dijle", "Nova", "Orion", "Polder", "Zenne", "Linea"]
_COMPANY_B = ["Advocaten", "Accountancy", "Consult", "Logistics", "Zorggroep", "Scholengroep",
              "Bouw", "Engineering", "Verzekeringen", "Architecten", "Medical", "IT Services",
              "Notariaat", "Projects", "Immo", "Technics"]
_LEGAL = ["NV", "BV", "BVBA", "CommV", "vzw"]
_CITIES = [("9000", "Gent"), ("2000", "Antwerpen"), ("3000", "Leuven"), ("8000", "Brugge"),
           ("8500", "Kortrijk"), ("9300", "Aalst"), ("2800", "Mechelen"), ("3500", "Hasselt"),
           ("1000", "Brussel"), ("8800", "Roeselare"), ("2300", "Turnhout"),
           ("9100", "Sint-Niklaas")]
_REPS = ["Katrijn V.", "Geert D.", "Sofie M.", "Tom B.", "Inge L."]
_CONTACT_TYPES = ["Visit", "Phone call", "E-mail", "Showroom visit", "Quote follow-up"]


def _dates(rng: np.random.Generator, start: pd.Timestamp, end: pd.Timestamp, n: int) -> pd.Series:
    days = rng.integers(0, (end - start).days + 1, size=n)
    return pd.Series(start + pd.to_timedelta(days, unit="D"))


def _exact_mix(shares: tuple, n: int) -> np.ndarray:
    """Potential codes in exactly the given shares (largest remainders), not by chance."""
    raw = np.asarray(shares) * n
    counts = np.floor(raw).astype(int)
    counts[np.argsort(counts - raw)[: n - counts.sum()]] += 1
    return np.repeat(np.array(list("ABCD")), counts)


def _customers(rng: np.random.Generator, scale: float) -> pd.DataFrame:
    """Buying customers of the four hidden kinds: kind, size, code, orders, contacts, amount."""
    rows = []
    for kind, spec in KINDS.iterrows():
        n = max(1, round(spec["count"] * scale))
        size = np.exp(rng.normal(0.0, spec["spread"], size=n))
        codes = rng.permutation(_exact_mix(spec["codes"], n))
        for s, code in zip(size, codes, strict=True):
            rows.append({"kind": kind, "size": s, "code": code})
    frame = pd.DataFrame(rows)
    typical = KINDS.loc[frame["kind"]].reset_index(drop=True)
    # more business means more orders and more contact moments, less than proportionally
    frame["orders"] = np.maximum(1, rng.poisson(typical["orders"]
                                                 * frame["size"] ** _SIZE_EFFECT["orders"]))
    frame["contacts"] = np.maximum(1, rng.poisson(
        typical["contacts"] * frame["size"] ** _SIZE_EFFECT["contacts"]))
    frame["amount"] = typical["amount"] * frame["size"]
    frame["employees"] = frame["kind"].map(_EMPLOYEES)
    return _since(rng, frame)


def _since(rng: np.random.Generator, frame: pd.DataFrame) -> pd.DataFrame:
    # customers who already bought before the window have older orders and contacts too
    frame["since"] = _dates(rng, HISTORY_START, EXPORT_DATE - pd.Timedelta(days=400), len(frame))
    return frame


def _one_population(rng: np.random.Generator, scale: float) -> pd.DataFrame:
    """Buying customers without kinds: as many as :func:`_customers` gives, from one population.

    The log amount is normal with the mean and spread of the four kinds together; orders,
    contacts and employees follow the amount along the log-log line through the kinds'
    typical values; the potential code is drawn from the overall mix, whatever the size.
    """
    counts = np.maximum(1, np.round(KINDS["count"] * scale)).astype(int)
    weight = counts / counts.sum()
    typical = np.log(KINDS["amount"])
    mean = (weight * typical).sum()
    spread = np.sqrt((weight * (KINDS["spread"] ** 2 + (typical - mean) ** 2)).sum())
    n = counts.sum()
    log_amount = rng.normal(mean, spread, n)

    def along(values):  # the typical value at each customer's amount, on the kinds' line
        return np.exp(np.interp(log_amount, typical, np.log(np.asarray(values, dtype=float))))

    code_mix = (weight.to_numpy()[:, None] * np.array(KINDS["codes"].tolist())).sum(axis=0)
    frame = pd.DataFrame({"kind": "one population", "size": np.exp(log_amount - mean),
                          "code": rng.permutation(_exact_mix(tuple(code_mix), n)),
                          "orders": np.maximum(1, rng.poisson(along(KINDS["orders"]))),
                          "contacts": np.maximum(1, rng.poisson(along(KINDS["contacts"]))),
                          "amount": np.exp(log_amount),
                          "employees": along(list(_EMPLOYEES.values()))})
    return _since(rng, frame)


def _card(rng: np.random.Generator, code: str, employees: float) -> dict:
    postcode, city = _CITIES[rng.integers(len(_CITIES))]
    if code == "D":  # a private customer: a person, no company facts
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        return {"name": name, "sector": None, "employees": None, "annual_revenue": None,
                "postcode": postcode, "city": city}
    name = f"{rng.choice(_COMPANY_A)} {rng.choice(_COMPANY_B)} {rng.choice(_LEGAL)}"
    employees = int(round(employees * np.exp(rng.normal(0, 0.5))))
    return {
        "name": name,
        "sector": rng.choice(_SECTORS) if rng.random() < _FILLED["sector"] else None,
        "employees": employees if rng.random() < _FILLED["employees"] else None,
        "annual_revenue": round(employees * _REVENUE_PER_EMPLOYEE * np.exp(rng.normal(0, 0.4)), -3)
        if rng.random() < _FILLED["annual_revenue"] else None,
        "postcode": postcode,
        "city": city,
    }


def _split(rng: np.random.Generator, total: float, parts: int) -> np.ndarray:
    return total * rng.dirichlet(np.full(parts, 2.0))


def _documents(rng: np.random.Generator, customers: pd.DataFrame) -> pd.DataFrame:
    docs = []
    for cust in customers.itertuples():
        n_orders = int(cust.orders)
        in_window = _dates(rng, WINDOW_START, EXPORT_DATE, n_orders)
        amounts = _split(rng, cust.amount, n_orders)
        years_before = max(0.0, (WINDOW_START - cust.since).days / 365.25)
        n_old = rng.poisson(n_orders / 4 * years_before * 0.7)
        old = _dates(rng, cust.since, WINDOW_START - pd.Timedelta(days=1), n_old)
        dates = pd.concat([in_window, old], ignore_index=True)
        amounts = np.concatenate([amounts, rng.choice(amounts, size=n_old)])
        for date, amount in zip(dates, amounts, strict=True):
            docs.append((cust.customer_id, "Order", date, amount))
            if rng.random() < _CREDIT_SHARE:
                credit_date = min(date + pd.Timedelta(days=int(rng.integers(5, 40))), EXPORT_DATE)
                docs.append((cust.customer_id, "Credit Memo", credit_date,
                             -amount * rng.uniform(0.05, 0.3)))
        for _ in range(rng.poisson(n_orders * _QUOTES_PER_ORDER)):
            docs.append((cust.customer_id, "Quote", _dates(rng, WINDOW_START, EXPORT_DATE, 1)[0],
                         cust.amount / n_orders * np.exp(rng.normal(0.3, 0.5))))
    return pd.DataFrame(docs, columns=["customer_no", "document_type", "date", "total"])


def _contacts(rng: np.random.Generator, customers: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for cust in customers.itertuples():
        start = max(WINDOW_START, cust.since)
        dates = _dates(rng, start, EXPORT_DATE, int(cust.contacts))
        years_before = max(0.0, (WINDOW_START - cust.since).days / 365.25)
        n_old = rng.poisson(cust.contacts / 4 * years_before * 0.5)
        dates = pd.concat([dates, _dates(rng, cust.since, WINDOW_START - pd.Timedelta(days=1),
                                          n_old)])
        for date in dates:
            rows.append((cust.customer_id, date, rng.choice(_CONTACT_TYPES), cust.rep))
    return pd.DataFrame(rows, columns=["customer_id", "date", "contact_type", "sales_rep"])


def _lines(rng: np.random.Generator, docs: pd.DataFrame) -> pd.DataFrame:
    categories = list(_PRODUCTS)
    rows = []
    for number, doc in enumerate(docs.itertuples(), start=1):
        prefix = {"Order": "SO", "Quote": "SQ", "Credit Memo": "CM"}[doc.document_type]
        n_lines = int(rng.integers(1, 5))
        for amount in _split(rng, doc.total, n_lines):
            category = categories[rng.integers(len(categories))]
            quantity = int(rng.integers(1, 25)) if category != "Services" else 1
            rows.append({
                "document_type": doc.document_type,
                "document_no": f"{prefix}{100000 + number}",
                "customer_no": doc.customer_no,
                "order_date": doc.date.strftime("%d/%m/%Y"),
                "item_category": category,
                "description": rng.choice(_PRODUCTS[category]),
                "quantity": -quantity if doc.document_type == "Credit Memo" else quantity,
                "amount": round(float(amount), 2),
            })
    return pd.DataFrame(rows)


def _dormant_documents(rng: np.random.Generator, dormant: pd.DataFrame) -> pd.DataFrame:
    """Orders of old customers, all before the window (they stay on the CRM and in the ERP)."""
    docs = []
    for cust in dormant.itertuples():
        n = int(rng.integers(1, 4))
        last = WINDOW_START - pd.Timedelta(days=int(rng.integers(60, 600)))
        docs.append(pd.DataFrame({"customer_no": cust.customer_id, "document_type": "Order",
                                  "date": _dates(rng, cust.since, last, n),
                                  "total": _split(rng, 6_000 * cust.size, n)}))
    return pd.concat(docs, ignore_index=True)


def _contact_table(rng: np.random.Generator, contacts: pd.DataFrame) -> pd.DataFrame:
    contacts = contacts.sort_values("date", kind="stable").reset_index(drop=True)
    minutes = rng.integers(8 * 60, 18 * 60, len(contacts))
    text = (contacts["date"] + pd.to_timedelta(minutes, unit="min")).dt.strftime("%d/%m/%Y %H:%M")
    text[rng.random(len(contacts)) < _EMPTY_DATE_SHARE] = "00/00/0000 00:00"  # the CRM's "no date"
    return pd.DataFrame({
        "contact_id": [f"CT{200001 + i}" for i in range(len(contacts))],
        "customer_id": contacts["customer_id"],
        "contact_date": text,
        "contact_type": contacts["contact_type"],
        "sales_rep": contacts["sales_rep"],
    })


def generate(seed: int = DEFAULT_SEED, scale: float = 1.0,
             planted: bool = True) -> dict[str, pd.DataFrame]:
    """Generate the CRM and ERP exports of Kinnarps.

    Parameters
    ----------
    seed : int
        Random seed; the default gives the shipped data.
    scale : float
        Multiplies the number of customers of every kind (at least one each).
    planted : bool
        False: one continuous population of buyers instead of the four hidden kinds, the
        potential code independent of size (see the module docstring).

    Returns
    -------
    dict of str to DataFrame
        ``crm_customers``, ``crm_contacts`` and ``erp_orders``, dates as exported text.

    Examples
    --------
    >>> tables = generate()
    >>> tables["crm_customers"]["potential_code"].isin(list("ABCD")).all()
    np.True_
    >>> len(generate(planted=False)["crm_customers"]) == len(tables["crm_customers"])
    True
    """
    rng = np.random.default_rng(seed)
    buyers = _customers(rng, scale) if planted else _one_population(rng, scale)
    n_prospects = max(1, round(_N_PROSPECTS * scale))
    n_dormant = max(1, round(_N_DORMANT * scale))
    n_cash = max(1, round(_N_CASH_SALES * scale))
    small = {"kind": "small", "employees": _EMPLOYEES["small"]}
    dormant = pd.DataFrame({**small, "size": np.exp(rng.normal(0, 0.5, n_dormant)),
                            "code": rng.choice(list("BCD"), n_dormant, p=[0.2, 0.4, 0.4])})
    prospects = pd.DataFrame({**small, "size": 1.0,
                              "contacts": rng.integers(1, 5, n_prospects),
                              "code": rng.choice(list("ABCD"), n_prospects,
                                                 p=[0.2, 0.3, 0.3, 0.2])})
    cards = pd.concat([buyers.assign(role="buyer"), dormant.assign(role="dormant"),
                       prospects.assign(role="prospect")], ignore_index=True)
    cards = cards.iloc[rng.permutation(len(cards))].reset_index(drop=True)  # numbers hide the kind
    cards["customer_id"] = [f"C-{10001 + i}" for i in range(len(cards))]
    cards["rep"] = rng.choice(_REPS, size=len(cards))
    # prospects inactive for six months were deleted, so the CRM's prospects are all recent
    recent = _dates(rng, EXPORT_DATE - pd.Timedelta(days=180), EXPORT_DATE, len(cards))
    old = _dates(rng, HISTORY_START, WINDOW_START - pd.Timedelta(days=800), len(cards))
    lead = pd.to_timedelta(rng.integers(0, 60, len(cards)), unit="D")
    created = cards["since"] - lead
    created = created.where(cards["role"] == "buyer", old.where(cards["role"] == "dormant", recent))
    cards["since"] = cards["since"].where(cards["role"] == "buyer", created)

    details = pd.DataFrame([_card(rng, c.code, c.employees) for c in cards.itertuples()])
    crm_customers = pd.DataFrame({
        "customer_id": cards["customer_id"],
        "name": details["name"],
        "potential_code": cards["code"],
        "sector": details["sector"],
        "employees": details["employees"].astype("Int64"),
        "annual_revenue": details["annual_revenue"],
        "postcode": details["postcode"],
        "city": details["city"],
        "sales_rep": cards["rep"],
        "created_on": created.dt.strftime("%d/%m/%Y"),
    })

    active = cards[cards["role"] == "buyer"]
    cash = pd.DataFrame({"customer_no": None, "document_type": "Order",
                         "date": _dates(rng, WINDOW_START, EXPORT_DATE, n_cash),
                         "total": np.exp(rng.normal(np.log(900), 0.6, n_cash))})
    docs = pd.concat([_documents(rng, active),
                      _dormant_documents(rng, cards[cards["role"] == "dormant"]), cash],
                     ignore_index=True)
    docs = docs.sort_values("date", kind="stable").reset_index(drop=True)
    contacts = pd.concat([_contacts(rng, active),
                          _contacts(rng, cards[cards["role"] == "prospect"])], ignore_index=True)
    return {"crm_customers": crm_customers, "crm_contacts": _contact_table(rng, contacts),
            "erp_orders": _lines(rng, docs)}
