"""Retour Rumoer: a fashion webshop's orders, returns and fit reviews (Shopping Tomorrow paper).

The paper's case: "you ordered clothes and they turn out a size too big or too small". A
webshop knows whether an item runs small or large, knows your order history, and sees it
when you have one sweater in three sizes in your basket; it can warn you while you order and
advise a size. This webshop exports four tables: customers (with their consent for using
order history), the product catalogue, order lines with the return status, and fit reviews.

Hidden behaviour (what the case's model should find): every customer has a true size and
every product runs small, true or large. A line is returned more often the further the
ordered size is from the size that fits (the customer's size corrected for the product's
fit), by customers who return a lot anyway, and for dresses and jackets. Some customers order
the same item in two or three sizes to try at home ("bracketing"): all but at most one of
those go back. Reviews say whether an item runs small or large, mostly correctly.

What ``planted=False`` removes: the return drivers. Customers order exactly as before (true
sizes, bracketing baskets, reviews), but whether a line goes back is a coin flip at the
planted overall return rate, independent of the size, the product, the customer and the
basket, so "same item in several sizes in the basket" no longer predicts a return.

Planted details: customers without consent for using their order history (the case must
leave their history out); new products without reviews; timestamps as the webshop writes them
(yyyy-mm-dd HH:MM:SS).

Examples
--------
>>> tables = generate(seed=1, scale=0.1)
>>> list(tables)
['customers', 'products', 'order_lines', 'fit_reviews']

Used in: notebooks/cases/18_returns_risk_explained.ipynb
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from aimkit.datasets import DEFAULT_SEED, Case, Transactions

CASE = Case(
    company="Retour Rumoer", title="return risk, explained",
    notebook="cases/18_returns_risk_explained.ipynb", ebook_page=None, minutes=40,
    transactions=Transactions("order_lines", {"ordered_at": "order_date", "price": "amount"}))

TABLES = {
    "customers": {
        "en": "webshop accounts: sign-up date, consent to use order history",
        "nl": "webshopaccounts: aanmelddatum, toestemming om de bestelgeschiedenis te gebruiken"},
    "products": {
        "en": "catalogue: category, brand, price (sizes XS-XXL)",
        "nl": "catalogus: categorie, merk, prijs (maten XS-XXL)"},
    "order_lines": {
        "en": "order lines: order, customer, time, product, size, price, returned, reason",
        "nl": "bestellijnen: bestelling, klant, tijdstip, product, maat, prijs, teruggestuurd, "
              "reden"},
    "fit_reviews": {
        "en": "reviews: how the item fits (runs small / true to size / runs large)",
        "nl": "reviews: hoe het artikel valt (klein / normaal / groot)"},
}

START = pd.Timestamp("2020-01-01")
EXPORT_DATE = pd.Timestamp("2022-01-31")
"""The day of the export; orders run until 31/12/2021, so every return is known."""
N_CUSTOMERS = 1800
N_PRODUCTS = 160
SIZES = np.array(["XS", "S", "M", "L", "XL", "XXL"])
LAST_ORDER = pd.Timestamp("2022-01-01")  # orders before this day
MIN_CUSTOMERS = 40                 # the smallest sample ``scale`` can give

# --- products ----------------------------------------------------------------------------------
PRODUCT_FIT = [0.25, 0.5, 0.25]    # runs small, true to size, runs large
LAUNCH_DAYS = (200, 30)            # launched from this many days before START to before the end

# --- customers: a true size, a return habit, maybe a bracketer ---------------------------------
TRUE_SIZE = (2.3, 1.0)             # normal(mean, sd) on the XS (0) ... XXL (5) scale
HABIT_SD = 1.0                     # sd of a customer's own return tendency (log-odds)
BRACKETER_SHARE = 0.22             # order a few sizes and send back the rest ...
BRACKETED_ITEMS = 0.5              # ... for this share of their items ...
TWO_SIZES = 0.8                    # ... in two neighbouring sizes (else three)
INFORMED_SHARE = 0.3               # read the reviews and order the size that fits ...
INFORMED_RIGHT = 0.85              # ... this often
USUAL_SIZE = 0.8                   # the others order their usual size this often, else one off
SIGNUP_DAYS = (400, 60)            # signed up from this many days before START to before the end
CONSENT_SHARE = 0.85               # may the shop use their order history

# --- orders and returns --------------------------------------------------------------------------
ORDER_STOP = 0.2                   # orders per customer ~ geometric(this)
EXTRA_ITEMS = 0.9                  # items per order = 1 + poisson(this)
RETURN_RISK = (-2.9, 3.3)          # log-odds: intercept, per size away from the fit
KEEP_BRACKETED = (0.85, 0.4)       # chance a bracketer keeps the best size: fits, none fits
REASON_PICTURED = 0.5              # returns that fit: "not as pictured" (else "changed my mind")
ORDER_NO_START = 300000

# --- fit reviews ---------------------------------------------------------------------------------
REVIEW_SHARE = 0.25                # of the order lines
REVIEW_RIGHT = 0.8                 # a review names the product's real fit (else at random)
REVIEW_DAYS = (3, 40)              # days after the order
STARS = (4, 0.8, 0.8)              # normal(mean, minus this when sent back, sd)

_CATEGORIES = {  # share of the catalogue, price range, extra return tendency (log-odds)
    "tops": (0.3, (15, 45), 0.0),
    "trousers": (0.2, (35, 90), 0.2),
    "knitwear": (0.2, (30, 80), 0.1),
    "dresses": (0.15, (40, 120), 0.6),
    "jackets": (0.15, (60, 200), 0.4),
}
_BRANDS = np.array(["Noord", "Linnen & Co", "Stadskind", "Merel", "Urban Fjord", "Basics+"])
_ADJECTIVES = np.array(["Classic", "Relaxed", "Slim", "Oversized", "Cosy", "Summer", "Everyday"])
_NOUNS = {"tops": "T-shirt", "trousers": "chino", "knitwear": "sweater", "dresses": "dress",
          "jackets": "jacket"}


def _timestamps(seconds: np.ndarray) -> np.ndarray:
    return pd.to_datetime(seconds, unit="s").strftime("%Y-%m-%d %H:%M:%S").to_numpy()


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def generate(seed: int = DEFAULT_SEED, scale: float = 1.0,
             planted: bool = True) -> dict[str, pd.DataFrame]:
    """Generate the webshop's export.

    Parameters
    ----------
    seed : int
        Random seed; the default gives the shipped data.
    scale : float
        Multiplies the number of customers (1.0 = 1,800 customers, about 19,500 order lines).
    planted : bool
        False: returns independent of the basket, at the same base rate (see the module
        docstring).

    Returns
    -------
    dict of str to DataFrame
        ``customers``, ``products``, ``order_lines``, ``fit_reviews``.

    Examples
    --------
    >>> lines = generate(scale=0.05)["order_lines"]
    >>> sorted(lines["returned"].unique())
    ['no', 'yes']
    """
    rng = np.random.default_rng(seed)
    n = max(MIN_CUSTOMERS, round(N_CUSTOMERS * scale))
    start = int(START.timestamp())
    end = int(LAST_ORDER.timestamp())

    # --- catalogue: each product runs small (-1), true (0) or large (+1) -------------------
    names = list(_CATEGORIES)
    category = rng.choice(len(names), N_PRODUCTS, p=[_CATEGORIES[c][0] for c in names])
    low = np.array([_CATEGORIES[names[c]][1][0] for c in category])
    high = np.array([_CATEGORIES[names[c]][1][1] for c in category])
    price = np.round(rng.uniform(low, high) // 5 * 5 + 4.95, 2)
    fit = rng.choice([-1, 0, 1], N_PRODUCTS, p=PRODUCT_FIT)
    launched = rng.integers(start - LAUNCH_DAYS[0] * 86400, end - LAUNCH_DAYS[1] * 86400,
                            N_PRODUCTS)
    products = pd.DataFrame({
        "product_id": [f"P{i + 1:04d}" for i in range(N_PRODUCTS)],
        "name": [f"{_ADJECTIVES[rng.integers(len(_ADJECTIVES))]} {_NOUNS[names[c]]}"
                 for c in category],
        "category": [names[c] for c in category],
        "brand": _BRANDS[rng.integers(0, len(_BRANDS), N_PRODUCTS)],
        "price": price,
        "launched": pd.to_datetime(launched, unit="s").strftime("%Y-%m-%d").to_numpy(),
    })
    cat_effect = np.array([_CATEGORIES[names[c]][2] for c in category])

    # --- customers: a true size, a return habit, maybe a bracketer -------------------------
    size = np.clip(np.round(rng.normal(*TRUE_SIZE, n)), 0, 5).astype(int)
    habit = rng.normal(0, HABIT_SD, n)
    bracketer = rng.random(n) < BRACKETER_SHARE
    informed = rng.random(n) < INFORMED_SHARE  # reads the reviews and adjusts the size
    signup = np.sort(rng.integers(start - SIGNUP_DAYS[0] * 86400, end - SIGNUP_DAYS[1] * 86400,
                                  n))  # numbered in order
    consent = rng.random(n) < CONSENT_SHARE
    customers = pd.DataFrame({
        "customer_id": [f"K{i + 1:05d}" for i in range(n)],
        "signup_date": pd.to_datetime(signup, unit="s").strftime("%Y-%m-%d").to_numpy(),
        "consent_order_history": np.where(consent, "yes", "no"),
    })

    # --- orders ------------------------------------------------------------------------------
    n_orders = rng.geometric(ORDER_STOP, n)
    lines = []
    order_no = 0
    for c in range(n):
        first = max(start, signup[c])
        moments = np.sort(rng.integers(first, end, n_orders[c]))
        for moment in moments:
            order_no += 1
            on_sale = np.flatnonzero(launched <= moment)
            n_items = min(len(on_sale), 1 + rng.poisson(EXTRA_ITEMS))
            items = rng.choice(on_sale, n_items, replace=False)
            for p in items:
                ideal = int(np.clip(size[c] - fit[p], 0, 5))
                if bracketer[c] and rng.random() < BRACKETED_ITEMS:
                    k = 2 if rng.random() < TWO_SIZES else 3
                    first_size = size[c] - (k - 1) // 2 - (rng.random() < 0.5 and k == 2)
                    chosen = np.clip(np.arange(first_size, first_size + k), 0, 5)
                    chosen = np.unique(chosen)
                    keep = chosen[np.argmin(np.abs(chosen - ideal))]
                    keeps = rng.random() < KEEP_BRACKETED[0 if abs(keep - ideal) == 0 else 1]
                    for s in chosen:
                        back = not (keeps and s == keep)
                        lines.append((order_no, c, moment, p, s, ideal, back))
                    continue
                if informed[c]:
                    s = ideal if rng.random() < INFORMED_RIGHT else size[c]
                else:
                    s = size[c] if rng.random() < USUAL_SIZE else int(np.clip(
                        size[c] + rng.choice([-1, 1]), 0, 5))
                risk = RETURN_RISK[0] + RETURN_RISK[1] * abs(s - ideal) + habit[c] + cat_effect[p]
                lines.append((order_no, c, moment, p, s, ideal, rng.random() < _sigmoid(risk)))
    lines = pd.DataFrame(lines, columns=["order", "c", "moment", "p", "size", "ideal", "back"])
    if not planted:  # the same baskets; a line goes back at the overall rate, whatever it is
        lines["back"] = rng.random(len(lines)) < lines["back"].mean()
    # the webshop numbers orders in time order
    lines = lines.sort_values(["moment", "order"], kind="stable").reset_index(drop=True)
    lines["order"] = pd.factorize(lines["order"])[0]
    gap = lines["size"] - lines["ideal"]
    reason = np.where(~lines["back"], "",
                      np.where(gap > 0, "too large", np.where(gap < 0, "too small", np.where(
                          rng.random(len(lines)) < REASON_PICTURED, "not as pictured",
                          "changed my mind"))))
    order_lines = pd.DataFrame({
        "order_id": [f"W{o + ORDER_NO_START}" for o in lines["order"]],
        "customer_id": customers["customer_id"].to_numpy()[lines["c"]],
        "ordered_at": _timestamps(lines["moment"].to_numpy()),
        "product_id": products["product_id"].to_numpy()[lines["p"]],
        "size": SIZES[lines["size"]],
        "price": price[lines["p"]],
        "returned": np.where(lines["back"], "yes", "no"),
        "return_reason": reason,
    })

    # --- fit reviews: a quarter of the lines get one, about the product's real fit ----------
    reviewed = np.flatnonzero(rng.random(len(lines)) < REVIEW_SHARE)
    truth = fit[lines["p"].to_numpy()[reviewed]]
    noise = rng.random(len(reviewed))
    said = np.where(noise < REVIEW_RIGHT, truth, rng.choice([-1, 0, 1], len(reviewed)))
    days_later = rng.integers(*REVIEW_DAYS, len(reviewed)) * 86400
    review_moment = lines["moment"].to_numpy()[reviewed] + days_later
    fit_reviews = pd.DataFrame({
        "product_id": products["product_id"].to_numpy()[lines["p"].to_numpy()[reviewed]],
        "customer_id": customers["customer_id"].to_numpy()[lines["c"].to_numpy()[reviewed]],
        "reviewed_on": pd.to_datetime(review_moment, unit="s").strftime("%Y-%m-%d").to_numpy(),
        "fit": np.array(["runs small", "true to size", "runs large"])[said + 1],
        "stars": np.clip(np.round(rng.normal(
            STARS[0] - STARS[1] * lines["back"].to_numpy()[reviewed], STARS[2])), 1, 5).astype(int),
    })
    fit_reviews = fit_reviews[fit_reviews["reviewed_on"] < f"{EXPORT_DATE:%Y-%m-%d}"]
    fit_reviews = fit_reviews.sort_values(["reviewed_on", "product_id"], kind="stable")
    return {"customers": customers, "products": products, "order_lines": order_lines,
            "fit_reviews": fit_reviews.reset_index(drop=True)}
