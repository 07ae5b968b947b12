"""Customer value: churn, lifetime value, offer acceptance and the next best offer.

The energy supplier's case (e-book p. 77) combines three predictions so that retention rises
while the margin per contract holds: the chance a customer leaves (churn), what the customer
is worth (customer lifetime value, CLV) and the chance a customer accepts a given offer. The
churn and acceptance probabilities come from classifiers (see :mod:`aimkit.predict`); this
module turns them into money and into a ranked list of offers per customer.

The arithmetic, for one customer and one offer over the next year:

- no action: the customer stays with probability ``1 - churn`` and brings ``margin``;
- offer accepted (probability ``p``): a new contract, the customer stays and brings the
  offer's margin ``offer_margin``; offer declined: as with no action.

    expected margin = p * offer_margin + (1 - p) * (1 - churn) * margin

An offer is worth making when this beats no action; :func:`next_best_offers` ranks the offers
that do and never proposes one whose margin is below the margin floor.

Examples
--------
>>> round(float(expected_margin(accept=0.5, offer_margin=80.0, churn=0.4, margin=100.0)), 2)
70.0

Used in: notebooks/cases/17_energy_churn_offers.ipynb, benchmarks/energy.py
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd


def annualise(probability, months: float):
    """Turn a churn probability over ``months`` into one over twelve months.

    Assumes the monthly risk stays the same: ``1 - (1 - p) ** (12 / months)``.

    Examples
    --------
    >>> round(float(annualise(0.19, months=6)), 4)
    0.3439
    """
    return 1 - (1 - np.asarray(probability, dtype=float)) ** (12 / months)


def churn_probability(model, X, months: float = 12):
    """Yearly churn probability from a classifier that predicts leaving within ``months``.

    The churn label usually looks a few months ahead (here: left within six months); money
    arithmetic (CLV, expected margin over a year) needs the yearly probability, see
    :func:`annualise`.

    Parameters
    ----------
    model : fitted classifier
        With ``predict_proba``; class 1 = left.
    X : DataFrame
        The customers' features.
    months : float
        The horizon of the model's label.

    Returns
    -------
    ndarray
        Probability of leaving within twelve months.

    Examples
    --------
    >>> from sklearn.dummy import DummyClassifier
    >>> model = DummyClassifier(strategy="prior").fit([[0]] * 4, [0, 0, 0, 1])
    >>> churn_probability(model, [[0]], months=6).round(4).tolist()
    [0.4375]
    """
    return annualise(model.predict_proba(X)[:, 1], months)


def clv(margin, churn, discount_rate: float = 0.08, years: int | None = None):
    """Customer lifetime value with constant yearly margin and constant retention.

    A customer who stays a year brings ``margin`` at the end of that year and stays another
    year with probability ``r = 1 - churn``; money next year is worth ``1 / (1 + d)`` today:

        CLV = sum over t = 1 .. years of margin * r**t / (1 + d)**t
            = margin * r / (1 + d - r)          (years=None: no horizon)

    It assumes the margin and the churn probability do not change with time or tenure, and
    ignores acquisition costs. Simple, explainable, and good enough to rank customers.

    Parameters
    ----------
    margin : float or array
        Margin per year in €.
    churn : float or array
        Probability of leaving within a year (see :func:`annualise`).
    discount_rate : float
        Yearly discount rate ``d``.
    years : int, optional
        Horizon; ``None`` sums for ever.

    Returns
    -------
    float or array
        CLV in €.

    Examples
    --------
    >>> round(float(clv(100.0, churn=0.2, discount_rate=0.0)), 2)
    400.0
    >>> round(float(clv(100.0, churn=0.2, discount_rate=0.0, years=2)), 2)
    144.0
    """
    margin = np.asarray(margin, dtype=float)
    keep = (1 - np.asarray(churn, dtype=float)) / (1 + discount_rate)
    if years is None:
        return margin * keep / (1 - keep)
    return margin * keep * (1 - keep ** years) / (1 - keep)


def expected_margin(accept, offer_margin, churn, margin):
    """Expected margin over the next year if the offer is made (see the module docstring).

    Examples
    --------
    >>> expected_margin(accept=0.0, offer_margin=50.0, churn=0.3, margin=100.0)
    np.float64(70.0)
    """
    accept = np.asarray(accept, dtype=float)
    return accept * offer_margin + (1 - accept) * (1 - np.asarray(churn)) * margin


def calibration_table(y_true, probability, bins: int = 10) -> pd.DataFrame:
    """Predicted against observed rate in groups of equal size (deciles by default).

    Expected-value arithmetic needs probabilities that mean what they say: in the group
    where the model predicts 30 %, about 30 % should churn.

    Parameters
    ----------
    y_true : array-like of 0/1
        What happened.
    probability : array-like
        The model's probabilities.
    bins : int
        Number of groups.

    Returns
    -------
    DataFrame
        One row per group: ``rows``, ``predicted`` (mean probability), ``observed`` (rate).

    Examples
    --------
    >>> table = calibration_table([0, 0, 1, 1], [0.1, 0.2, 0.7, 0.9], bins=2)
    >>> table["observed"].tolist()
    [0.0, 1.0]
    """
    frame = pd.DataFrame({"y": np.asarray(y_true, dtype=float),
                          "p": np.asarray(probability, dtype=float)})
    frame["group"] = pd.qcut(frame["p"].rank(method="first"), bins, labels=False) + 1
    table = frame.groupby("group").agg(rows=("y", "size"), predicted=("p", "mean"),
                                       observed=("y", "mean"))
    return table


def offer_pairs(customers: pd.DataFrame, offers: pd.DataFrame) -> pd.DataFrame:
    """Every customer with every offer: one row per pair, both tables' columns side by side.

    The index names become columns (default ``customer_id`` and ``offer_id``); offer columns
    that share a name with a customer column get the suffix ``_offer``.

    Examples
    --------
    >>> c = pd.DataFrame({"margin": [100.0, 50.0]}, index=pd.Index(["A", "B"], name="customer_id"))
    >>> o = pd.DataFrame({"fee": [10.0, 20.0]}, index=pd.Index(["X", "Y"], name="offer_id"))
    >>> offer_pairs(c, o)[["customer_id", "offer_id"]].values.tolist()
    [['A', 'X'], ['A', 'Y'], ['B', 'X'], ['B', 'Y']]
    """
    left = customers.rename_axis(customers.index.name or "customer_id").reset_index()
    right = offers.rename_axis(offers.index.name or "offer_id").reset_index()
    return left.merge(right, how="cross", suffixes=("", "_offer"))


def _score(customers, offers, accept_probability, offer_margin, churn, margin):
    pairs = offer_pairs(customers, offers)
    pairs["accept_probability"] = np.asarray(accept_probability(pairs), dtype=float)
    pairs["offer_margin"] = np.asarray(offer_margin(pairs), dtype=float)
    pairs["expected_margin"] = expected_margin(pairs["accept_probability"],
                                               pairs["offer_margin"], pairs[churn], pairs[margin])
    pairs["gain"] = pairs["expected_margin"] - (1 - pairs[churn]) * pairs[margin]
    return pairs


def next_best_offers(customers: pd.DataFrame, offers: pd.DataFrame, k: int = 3,
                     margin_floor: float = 0.0, *,
                     accept_probability: Callable[[pd.DataFrame], np.ndarray],
                     offer_margin: Callable[[pd.DataFrame], np.ndarray],
                     churn: str = "churn_probability", margin: str = "margin") -> pd.DataFrame:
    """Rank the offers per customer by expected margin; at most ``k``, all better than no action.

    Parameters
    ----------
    customers : DataFrame
        Indexed by customer; columns ``churn`` (probability of leaving within the horizon) and
        ``margin`` (margin over the horizon without an offer), plus what the callables need.
    offers : DataFrame
        Indexed by offer, with the columns the callables need.
    k : int
        Offers per customer (the call-centre agent gets a top 3).
    margin_floor : float
        An offer whose margin for this customer is below this is never proposed: retention
        must not cost the margin per contract.
    accept_probability : callable
        Takes the pairs (see :func:`offer_pairs`) and returns the chance each offer is accepted.
    offer_margin : callable
        Takes the pairs and returns each offer's margin for that customer over the horizon.
    churn, margin : str
        Column names in ``customers``.

    Returns
    -------
    DataFrame
        One row per proposed offer, best first per customer: customer, ``rank``, offer,
        ``accept_probability``, ``offer_margin``, ``expected_margin`` and ``gain`` (expected
        margin minus that of no action). Customers for whom no offer beats no action are absent.

    Examples
    --------
    >>> customers = pd.DataFrame({"churn_probability": [0.5], "margin": [100.0]},
    ...                          index=pd.Index(["A"], name="customer_id"))
    >>> offers = pd.DataFrame({"margin_after": [90.0, 30.0], "p": [0.6, 0.9]},
    ...                       index=pd.Index(["small discount", "big discount"], name="offer_id"))
    >>> top = next_best_offers(customers, offers, margin_floor=40.0,
    ...                        accept_probability=lambda p: p["p"],
    ...                        offer_margin=lambda p: p["margin_after"])
    >>> top[["offer_id", "rank", "expected_margin"]].values.tolist()
    [['small discount', 1, 74.0]]
    """
    pairs = _score(customers, offers, accept_probability, offer_margin, churn, margin)
    customer = customers.index.name or "customer_id"
    offer = offers.index.name or "offer_id"
    keep = (pairs["offer_margin"] >= margin_floor) & (pairs["gain"] > 0)
    ranked = pairs[keep].sort_values([customer, "expected_margin", offer],
                                     ascending=[True, False, True], kind="stable")
    ranked["rank"] = ranked.groupby(customer).cumcount() + 1
    ranked = ranked[ranked["rank"] <= k]
    columns = [customer, "rank", offer, "accept_probability", "offer_margin",
               "expected_margin", "gain"]
    return ranked[columns].reset_index(drop=True)


def evaluate_policy(customers: pd.DataFrame, offers: pd.DataFrame, assignment: pd.Series, *,
                    accept_probability: Callable[[pd.DataFrame], np.ndarray],
                    offer_margin: Callable[[pd.DataFrame], np.ndarray],
                    churn: str = "churn_probability", margin: str = "margin") -> pd.Series:
    """Expected result of giving each customer one offer (or none) over the horizon.

    Parameters
    ----------
    customers, offers, accept_probability, offer_margin, churn, margin
        As in :func:`next_best_offers`.
    assignment : Series
        Indexed by customer: the offer to make, or missing for no offer.

    Returns
    -------
    Series
        ``customers``, ``offers made``, ``expected acceptances``, ``expected retained``
        (customers still with us), ``expected margin`` (€) and ``margin per retained``.

    Examples
    --------
    >>> customers = pd.DataFrame({"churn_probability": [0.5, 0.1], "margin": [100.0, 100.0]},
    ...                          index=pd.Index(["A", "B"], name="customer_id"))
    >>> offers = pd.DataFrame({"m": [80.0]}, index=pd.Index(["X"], name="offer_id"))
    >>> result = evaluate_policy(customers, offers, pd.Series({"A": "X", "B": None}),
    ...                          accept_probability=lambda p: np.full(len(p), 0.5),
    ...                          offer_margin=lambda p: p["m"])
    >>> result[["expected retained", "expected margin"]].tolist()
    [1.65, 155.0]
    """
    customer = customers.index.name or "customer_id"
    offer = offers.index.name or "offer_id"
    assignment = assignment.reindex(customers.index)
    chosen = assignment.dropna()
    stay = 1 - customers[churn]
    retained = stay.copy()
    money = stay * customers[margin]
    accepted = 0.0
    if len(chosen):
        pairs = _score(customers.loc[chosen.index], offers.loc[sorted(set(chosen))],
                       accept_probability, offer_margin, churn, margin)
        pairs = pairs[pairs[offer].to_numpy() == chosen.reindex(pairs[customer]).to_numpy()]
        pairs = pairs.set_index(customer)
        p = pairs["accept_probability"]
        retained.loc[pairs.index] = p + (1 - p) * stay.loc[pairs.index]
        money.loc[pairs.index] = pairs["expected_margin"]
        accepted = float(p.sum())
    return pd.Series({
        "customers": float(len(customers)),
        "offers made": float(len(chosen)),
        "expected acceptances": round(accepted, 2),
        "expected retained": round(float(retained.sum()), 2),
        "expected margin": round(float(money.sum()), 2),
        "margin per retained": round(float(money.sum() / retained.sum()), 2),
    })


__all__ = [
    "annualise", "calibration_table", "churn_probability", "clv",
    "evaluate_policy", "expected_margin", "next_best_offers", "offer_pairs",
]
