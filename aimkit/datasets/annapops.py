"""Anna Pops: a kids' fashion boutique's customer file, webshop orders and shop payments (p. 59).

Anna Pops sells children's and mothers' clothing in its own shop and webshop. Its
custom-made system, built by an outside partner when the shop opened, keeps three exports
that are not linked automatically:

- ``customers``: the customer file (name, e-mail, mobile number, address);
- ``web_orders``: webshop orders, always with the customer's number and e-mail;
- ``shop_payments``: the till's payments, exported Belgian-Excel style. A payment carries
  the customer number only when staff looked the customer up; otherwise often the mobile
  number typed in for the loyalty card (with or without spaces, ``+32`` or ``0``), and for
  walk-in shoppers nothing at all.

Hidden behaviour: the system went live when the shop opened in January 2013. The new shop
drew most of its customers in its first years: sign-ups per month fall smoothly, by a third
per year (no month holds more than 3 % of them), so most of today's buyers have been
customers for years. Customers are fans, regulars, seasonal buyers (every new collection)
or one-off buyers, each kind with its own purchase rate, basket and number of years until
the children outgrow the clothes and the customer stops. Repeat purchases come at fairly
regular intervals (a size up), not at random moments; seasonal buyers come when a new
collection is launched (twice a year). In the last twelve months some customers who have been
coming for more than three years (their children are older) buy less: half of the fans and
half of the regulars at half their rate, and one in seven fans almost stop (0.15 of their
rate). A few seasonal buyers (2 %) buy much more (a new baby). Returns in the shop are
negative payments; cancelled web orders stay in the export with status ``cancelled``.

What ``planted=False`` removes: the behaviour types and the slowdown. Every customer then
buys at one common pace (the same spread from customer to customer, with the basket and online
share of the average purchase), from the first purchase until the export, and nobody changes pace
in the current year: whatever moves between the baseline and the current period is chance.
Sign-ups, the three exports and their flaws stay as they are.

Examples
--------
>>> tables = generate(seed=1, scale=0.2)
>>> sorted(tables)
['customers', 'shop_payments', 'web_orders']

Used in: notebooks/cases/14_annapops_rfmt_behaviour.ipynb
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from aimkit.datasets import BELGIAN_EXCEL, DEFAULT_SEED, Case, Transactions

CASE = Case(
    company="Anna Pops", title="RFMT and behaviour change",
    notebook="cases/14_annapops_rfmt_behaviour.ipynb", ebook_page=59, minutes=45,
    transactions=Transactions("web_orders", {"ordered_at": "order_date"}), aim_phase="5 and 6")

TABLES = {
    "customers": {
        "en": "the customer file: name, e-mail, mobile number, address",
        "nl": "het klantenbestand: naam, e-mail, gsm-nummer, adres"},
    "web_orders": {
        "en": "webshop orders with customer number and e-mail; status paid or cancelled",
        "nl": "webshopbestellingen met klantnummer en e-mail; status betaald of geannuleerd"},
    "shop_payments": {
        "en": "till payments: customer number, a typed mobile number, or nothing",
        "nl": "kassabetalingen: klantnummer, een getypt gsm-nummer of niets"},
}
FORMATS = {"shop_payments": BELGIAN_EXCEL}

START = pd.Timestamp("2013-01-07")
EXPORT_DATE = pd.Timestamp("2021-06-30")
CURRENT_START = pd.Timestamp("2020-07-01")
"""The current period of the case: the last twelve months before the export."""

_N_CUSTOMERS = 6000
# kind: share of customers, purchases per year, mean basket (€), mean years until the
# children outgrow the clothes, share of their purchases made online
_KINDS = pd.DataFrame(
    {"share": [0.22, 0.25, 0.30, 0.23], "rate": [12.0, 6.0, 2.4, 0.0],
     "basket": [110.0, 75.0, 55.0, 55.0], "years": [9.0, 7.0, 4.5, 0.0],
     "online": [0.35, 0.45, 0.5, 0.6]},
    index=["fan", "regular", "seasonal", "one-off"])
_RATE_SPREAD = 0.15                          # sd of log purchase rate within a kind
_YEARS_SHAPE = 3.0                           # gamma shape of the years until they stop
_REGULARITY = 12.0                           # gamma shape of the gaps between purchases
_SIGNUP_DECLINE = 0.4                        # sign-ups per month fall as exp(-0.4 * years)
# (share, factor on the purchase rate in the current year) per kind; slowing down (factor
# < 1) only for customers of more than _SLOW_AFTER_YEARS at the start of the current year
_CURRENT_CHANGES = {"fan": [(0.50, 0.5), (0.14, 0.15)], "regular": [(0.5, 0.5)],
                    "seasonal": [(0.02, 3.5)]}
_SLOW_AFTER_YEARS = 3
_LAUNCHES_PER_YEAR = 2                       # new collections: seasonal buyers come then ...
_FIRST_LAUNCH = 53                           # ... from 1 March 2013 (days after START) ...
_LAUNCH_JITTER = 7                           # ... give or take a week (sd in days)
_COMMON_RATE = 4.0                           # without planted types: everyone's purchases
                                             # per year (about as many purchases in all)
_BASKET_SPREAD = 0.25                        # sd of a customer's log mean basket
_ONLINE_SPREAD = 0.25                        # sd of a customer's online share around the kind's
_PURCHASE_SPREAD = 0.35                      # sd of a purchase's log amount around the basket
_MIN_CUSTOMERS = 10                          # the smallest sample ``scale`` can give
_MOBILE_KNOWN = 0.85                         # customers whose mobile number is in the file
_SHIPPING = (4.95, 60)                       # shipping cost on web orders below 60 €
_CANCELLED = 0.03                            # web orders cancelled
_LOOKED_UP = 0.55                            # shop payments with the customer looked up ...
_PHONE_TYPED = 0.75                          # ... else the mobile number typed this often
_RETURNED = 0.04                             # shop purchases returned ...
_RETURN_DAYS = (3, 20)                       # ... this many days later ...
_RETURN_PART = [0.5, 1.0]                    # ... for half or all of the amount
_WALK_IN_BASKET = (45, 0.5)                  # a walk-in's amount: median €, sd of its log
_METHODS = (["Bancontact", "Cash", "Visa", "Payconiq"], [0.55, 0.2, 0.15, 0.1])
_WALK_INS_PER_YEAR = 800                     # shop payments of people not in the file
_FIRST = ["Emma", "Louise", "Marie", "Lotte", "Julie", "Sarah", "Hanne", "Elke", "Lien",
          "Charlotte", "Ellen", "Eva", "Sofie", "Kato", "Nina", "Fien", "Lore", "Anke", "Tom",
          "Pieter", "Jonas", "An", "Inge", "Griet", "Veerle"]
_LAST = ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
         "Wouters", "De Smet", "Dubois", "Vermeulen", "Van den Broeck", "De Clercq", "Lemmens",
         "Verhoeven", "Hermans", "Michiels", "Desmet", "Coppens"]
_CITIES = [("9000", "Gent"), ("9050", "Gentbrugge"), ("9820", "Merelbeke"), ("9830",
           "Sint-Martens-Latem"), ("9940", "Evergem"), ("2000", "Antwerpen"), ("8000",
           "Brugge"), ("9300", "Aalst"), ("1000", "Brussel"), ("3000", "Leuven")]


def _start_days(u: np.ndarray) -> np.ndarray:
    """Days after ``START`` of the customers' first purchases, from uniform numbers ``u``.

    Sign-ups decline smoothly: their density is proportional to ``exp(-_SIGNUP_DECLINE * t)``
    for ``t`` years after ``START`` up to the export (inverse of its distribution function).
    """
    span = (EXPORT_DATE - START).days / 365.25
    years = -np.log1p(u * np.expm1(-_SIGNUP_DECLINE * span)) / _SIGNUP_DECLINE
    return np.floor(years * 365.25)


def _one_kind() -> pd.DataFrame:
    """One kind for ``planted=False``: everyone at the common pace, never stopping.

    The basket and online share are the kinds' averaged over their purchases.
    """
    weight = _KINDS["share"] * _KINDS["rate"] / (_KINDS["share"] * _KINDS["rate"]).sum()
    return pd.DataFrame({"share": [1.0], "rate": [_COMMON_RATE],
                         "basket": [(weight * _KINDS["basket"]).sum()], "years": [np.inf],
                         "online": [(weight * _KINDS["online"]).sum()]}, index=["everyone"])


def _customers(rng: np.random.Generator, n: int, planted: bool = True) -> pd.DataFrame:
    types = _KINDS if planted else _one_kind()
    kinds = rng.choice(types.index.to_numpy(), size=n, p=types["share"].to_numpy())
    start = START + pd.to_timedelta(_start_days(rng.random(n)), unit="D")
    spec = types.loc[kinds].reset_index(drop=True)
    years = spec["years"].to_numpy() * rng.gamma(_YEARS_SHAPE, 1 / _YEARS_SHAPE, n)
    days = np.minimum(np.round(years * 365.25), (EXPORT_DATE - START).days)  # inf: never stops
    frame = pd.DataFrame({
        "kind": kinds, "start": start,
        "stop": start + pd.to_timedelta(days, unit="D"),
        "rate": spec["rate"].to_numpy() * np.exp(rng.normal(0, _RATE_SPREAD, n)),
        "basket": spec["basket"].to_numpy() * np.exp(rng.normal(0, _BASKET_SPREAD, n)),
        "online": np.clip(spec["online"].to_numpy() + rng.normal(0, _ONLINE_SPREAD, n), 0, 1),
    })
    change = np.ones(n)
    u = rng.random(n)
    older = (CURRENT_START - start).days > _SLOW_AFTER_YEARS * 365.25
    for kind, steps in _CURRENT_CHANGES.items():
        low = 0.0
        for share, factor in steps:
            chosen = (kinds == kind) & (u >= low) & (u < low + share)
            change[chosen & (older | (factor > 1))] = factor
            low += share
    frame["current_change"] = change
    return frame


def _at_launches(rng: np.random.Generator, first: int, stop: int, rate: float,
                 change: float) -> np.ndarray:
    """Purchase days (after ``START``) of a seasonal buyer: at the collection launches.

    At each launch after the first purchase and before ``stop`` the customer buys
    ``rate / _LAUNCHES_PER_YEAR`` times on average (times ``change`` in the current year): the
    whole part always, the fraction by chance; each purchase within a week or so of the launch.

    Examples
    --------
    >>> days = _at_launches(np.random.default_rng(0), 0, 365, 4.0, 1.0)
    >>> len(days), bool(abs(days[0] - _FIRST_LAUNCH) < 30)
    (4, True)
    """
    period = 365.25 / _LAUNCHES_PER_YEAR
    launches = _FIRST_LAUNCH + period * np.arange(np.ceil(stop / period) + 1)
    launches = launches[(launches > first) & (launches < stop)]
    pace = rate / _LAUNCHES_PER_YEAR * np.where(launches >= (CURRENT_START - START).days,
                                                change, 1.0)
    count = np.floor(pace).astype(int) + (rng.random(len(launches)) < pace % 1)
    when = np.repeat(launches, count) + rng.normal(0, _LAUNCH_JITTER, count.sum())
    return np.clip(when, first, stop)


def _purchases(rng: np.random.Generator, customers: pd.DataFrame) -> pd.DataFrame:
    """Purchase days per customer: a first purchase at the start, then regular-ish gaps.

    The gaps are gamma distributed in "expected purchases" (shape ``_REGULARITY``, mean 1),
    counted at the customer's rate and, in the current year, at rate times his change.
    """
    rows = []
    current = (CURRENT_START - START).days
    export = (EXPORT_DATE - START).days
    for i, c in enumerate(customers.itertuples()):
        first = (c.start - START).days
        days = [first]
        stop = min((c.stop - START).days, export)
        if c.rate > 0 and stop > first:
            per_day = c.rate / 365.25
            before = max(current - first, 0) * per_day          # expected purchases before
            if stop > current:
                total = before + (stop - max(first, current)) * per_day * c.current_change
            else:
                total = (stop - first) * per_day
            steps = np.cumsum(rng.gamma(_REGULARITY, 1 / _REGULARITY, int(total * 1.5) + 10))
            steps = steps[steps < total]
            when = np.where(steps <= before, first + steps / per_day,
                            max(first, current) + (steps - before) / (per_day * c.current_change))
            if c.kind == "seasonal":  # they come when a new collection is launched
                when = _at_launches(rng, first, stop, c.rate, c.current_change)
            days.extend(np.floor(when).astype(int).tolist())
        rows.append(pd.DataFrame({"customer": i, "day": days}))
    buys = pd.concat(rows, ignore_index=True)
    buys["basket"] = customers["basket"].to_numpy()[buys["customer"]] * np.exp(
        rng.normal(0, _PURCHASE_SPREAD, len(buys)))
    buys["online"] = rng.random(len(buys)) < customers["online"].to_numpy()[buys["customer"]]
    return buys.sort_values(["day", "customer"], kind="stable").reset_index(drop=True)


def _phone(rng: np.random.Generator, n: int) -> np.ndarray:
    prefix = rng.choice(["0470", "0475", "0477", "0479", "0485", "0486", "0495", "0499"], n)
    digits = rng.integers(0, 1_000_000, n)
    return np.array([f"{p} {d // 10000:02d} {d // 100 % 100:02d} {d % 100:02d}"
                     for p, d in zip(prefix, digits, strict=True)])


def _typed(rng: np.random.Generator, phone: str) -> str:
    """A mobile number as staff type it at the till."""
    compact = phone.replace(" ", "")
    style = rng.integers(4)
    return [phone, compact, "+32" + compact[1:], "+32 " + phone[1:]][style]


def _times(rng: np.random.Generator, days: np.ndarray, online: bool) -> pd.Series:
    if online:  # webshop orders come day and night
        minutes = rng.integers(0, 24 * 60, len(days))
    else:  # the shop is open 10:00-18:00
        minutes = rng.integers(10 * 60, 18 * 60, len(days))
    return pd.Series(START + pd.to_timedelta(days, unit="D")
                     + pd.to_timedelta(minutes, unit="min"))


def generate(seed: int = DEFAULT_SEED, scale: float = 1.0,
             planted: bool = True) -> dict[str, pd.DataFrame]:
    """Generate Anna Pops' three exports.

    Parameters
    ----------
    seed : int
        Random seed; the default gives the shipped data.
    scale : float
        Multiplies the number of customers and walk-in shoppers.
    planted : bool
        False: one common pace for everyone, no slowdown and no stopping (see the module
        docstring).

    Returns
    -------
    dict of str to DataFrame
        ``customers``, ``web_orders`` and ``shop_payments`` as the system exports them.

    Examples
    --------
    >>> tables = generate(scale=0.1)
    >>> tables["shop_payments"]["customer_id"].isna().any()
    np.True_
    """
    rng = np.random.default_rng(seed)
    n = max(_MIN_CUSTOMERS, round(_N_CUSTOMERS * scale))
    people = _customers(rng, n, planted)
    buys = _purchases(rng, people)
    ids = np.array([f"AP{10001 + i}" for i in range(n)])
    first = rng.choice(_FIRST, n)
    last = rng.choice(_LAST, n)
    phones = _phone(rng, n)
    place = rng.integers(len(_CITIES), size=n)
    customers = pd.DataFrame({
        "customer_id": ids,
        "first_name": first,
        "last_name": last,
        "email": [f"{given.lower()}.{family.lower().replace(' ', '')}{rng.integers(1, 99)}"
                  "@example.be" for given, family in zip(first, last, strict=True)],
        "mobile": np.where(rng.random(n) < _MOBILE_KNOWN, phones, None),
        "postcode": [_CITIES[p][0] for p in place],
        "city": [_CITIES[p][1] for p in place],
        "created_on": people["start"].dt.strftime("%Y-%m-%d"),
    })

    web = buys[buys["online"]]
    web_orders = pd.DataFrame({
        "order_id": [f"W{200001 + i}" for i in range(len(web))],
        "customer_id": ids[web["customer"]],
        "email": customers["email"].to_numpy()[web["customer"]],
        "ordered_at": _times(rng, web["day"].to_numpy(), online=True)
        .dt.strftime("%Y-%m-%d %H:%M:%S").to_numpy(),
        "amount": (web["basket"] + _SHIPPING[0] * (web["basket"] < _SHIPPING[1])).round(2)
        .to_numpy(),
        "status": np.where(rng.random(len(web)) < _CANCELLED, "cancelled", "paid"),
    })

    shop = buys[~buys["online"]]
    looked_up = rng.random(len(shop)) < _LOOKED_UP
    phone_known = customers["mobile"].to_numpy()[shop["customer"]]
    typed = np.array([_typed(rng, p)
                      if not up and isinstance(p, str) and rng.random() < _PHONE_TYPED
                      else None for up, p in zip(looked_up, phone_known, strict=True)],
                     dtype=object)
    amounts = shop["basket"].to_numpy()
    returned = rng.random(len(shop)) < _RETURNED
    shop_rows = pd.DataFrame({
        "day": shop["day"].to_numpy(),
        "customer_id": np.where(looked_up, ids[shop["customer"]], None),
        "mobile": typed,
        "amount": amounts,
    })
    returns = shop_rows[returned].assign(
        day=lambda f: np.minimum(f["day"] + rng.integers(*_RETURN_DAYS, len(f)),
                                 (EXPORT_DATE - START).days),
        amount=lambda f: -f["amount"] * rng.choice(_RETURN_PART, len(f)))
    span = (EXPORT_DATE - START).days
    walk_days = rng.integers(0, span + 1,
                             rng.poisson(_WALK_INS_PER_YEAR * scale * span / 365.25))
    walk_ins = pd.DataFrame({"day": walk_days, "customer_id": None, "mobile": None,
                             "amount": _WALK_IN_BASKET[0] * np.exp(
                                 rng.normal(0, _WALK_IN_BASKET[1], len(walk_days)))})
    payments = pd.concat([shop_rows, returns, walk_ins], ignore_index=True)
    payments = payments.sort_values("day", kind="stable").reset_index(drop=True)
    paid_at = _times(rng, payments["day"].to_numpy(), online=False).sort_values()
    shop_payments = pd.DataFrame({
        "receipt_no": np.arange(500001, 500001 + len(payments)),
        "paid_at": paid_at.dt.strftime("%d/%m/%Y %H:%M").to_numpy(),
        "amount": payments["amount"].round(2).to_numpy(),
        "method": rng.choice(_METHODS[0], len(payments), p=_METHODS[1]),
        "customer_id": payments["customer_id"].to_numpy(),
        "mobile": payments["mobile"].to_numpy(),
    })
    return {"customers": customers, "web_orders": web_orders, "shop_payments": shop_payments}
