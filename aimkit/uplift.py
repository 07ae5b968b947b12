"""Uplift modelling: which customers does an offer actually change (a randomised test shows it).

A churn model says who is likely to leave; it does not say whom a call would keep. Some
customers stay anyway (*sure things*), some leave anyway (*lost causes*), some stay only when
called (*persuadables*), and some leave *because* they are reminded that switching exists
(*sleeping dogs*). Only a randomised test shows the difference: customers called and not
called, chosen by chance, so the groups differ only by the call.

The **two-model** (T-learner) uplift fits one classifier on the called customers and one on
the others, each predicting the good outcome (e.g. stayed); a customer's uplift is the
difference of the two probabilities. It is judged on held-out customers of the test with the
**Qini curve**: call customers in order of predicted uplift; after the top ``k`` the curve
shows the extra good outcomes the calls bring,
``stayed among called − stayed among not called × (called / not called)``. Calling at random
gives the straight line to the same end point; a useful model lies above it.

Examples
--------
>>> rng = np.random.default_rng(0)
>>> X = pd.DataFrame({"price_driven": rng.random(4000)})
>>> called = rng.random(4000) < 0.5
>>> stayed = rng.random(4000) < 0.8 + 0.15 * called * (X["price_driven"] > 0.5)
>>> model = TwoModelUplift().fit(X, called, stayed)
>>> curve = qini_curve(model.predict_uplift(X), called, stayed)
>>> bool(qini_area(curve) > 0)
True

Used in: notebooks/cases/17_energy_churn_offers.ipynb
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression

from aimkit.predict import make_pipeline


class TwoModelUplift:
    """Two classifiers, one per group of a randomised test; uplift = their difference.

    Parameters
    ----------
    model : classifier, optional
        Fitted once per group inside :func:`aimkit.predict.make_pipeline` (default: logistic
        regression, which is stable on the few hundred customers a pilot has).

    Examples
    --------
    >>> X = pd.DataFrame({"x": [0.0, 1, 0, 1, 0, 1, 0, 1]})
    >>> called = np.array([1, 1, 1, 1, 0, 0, 0, 0], dtype=bool)
    >>> stayed = np.array([0, 1, 0, 1, 0, 0, 1, 0])
    >>> uplift = TwoModelUplift().fit(X, called, stayed).predict_uplift(X)
    >>> bool(uplift[1] > uplift[0])
    True
    """

    def __init__(self, model=None):
        self.model = LogisticRegression(max_iter=2000) if model is None else model

    def fit(self, X: pd.DataFrame, treated, outcome) -> TwoModelUplift:
        """Fit the treated and the control model on their own rows."""
        treated = np.asarray(treated, dtype=bool)
        outcome = np.asarray(outcome).astype(int)
        if treated.all() or not treated.any():
            raise ValueError("need customers in both groups (treated and control) to fit uplift")
        self.treated_ = make_pipeline(self.model).fit(X[treated], outcome[treated])
        self.control_ = make_pipeline(self.model).fit(X[~treated], outcome[~treated])
        return self

    def predict_uplift(self, X: pd.DataFrame) -> np.ndarray:
        """P(outcome | treated) − P(outcome | not treated) per row."""
        return self.treated_.predict_proba(X)[:, 1] - self.control_.predict_proba(X)[:, 1]


def qini_curve(uplift, treated, outcome) -> pd.DataFrame:
    """Extra good outcomes when treating the customers in order of predicted uplift.

    Parameters
    ----------
    uplift : array-like
        Predicted uplift per customer (held-out customers of a randomised test).
    treated : array-like of bool
        Whether each customer was treated.
    outcome : array-like of 0/1
        The good outcome (stayed, bought).

    Returns
    -------
    DataFrame
        One row per customer plus a first row for "nobody": ``share_targeted`` (0 to 1),
        ``incremental`` (extra good outcomes among the targeted, scaled to the treated) and
        ``random`` (the same for random targeting: a straight line to the same end).

    Examples
    --------
    >>> curve = qini_curve([0.3, 0.2, 0.1, 0.0], [1, 0, 1, 0], [1, 0, 0, 1])
    >>> curve["incremental"].round(2).tolist()
    [0.0, 1.0, 1.0, 1.0, 0.0]
    """
    order = np.argsort(-np.asarray(uplift, dtype=float), kind="stable")
    treated = np.asarray(treated, dtype=bool)[order]
    outcome = np.asarray(outcome).astype(float)[order]
    n_t, n_c = np.cumsum(treated), np.cumsum(~treated)
    y_t, y_c = np.cumsum(outcome * treated), np.cumsum(outcome * ~treated)
    incremental = y_t - np.divide(y_c * n_t, n_c, out=np.zeros(len(n_c)), where=n_c > 0)
    share = np.arange(1, len(order) + 1) / len(order)
    curve = pd.DataFrame({"share_targeted": np.r_[0.0, share],
                          "incremental": np.r_[0.0, incremental]})
    curve["random"] = curve["share_targeted"] * curve["incremental"].iloc[-1]
    return curve


def qini_area(curve: pd.DataFrame) -> float:
    """Mean gap between the Qini curve and random targeting (positive: better than random).

    Examples
    --------
    >>> qini_area(pd.DataFrame({"share_targeted": [0, .5, 1], "incremental": [0, 2, 2],
    ...                         "random": [0, 1, 2]}))
    0.5
    """
    gap = curve["incremental"] - curve["random"]
    return float(np.trapezoid(gap, curve["share_targeted"]))


__all__ = ["TwoModelUplift", "qini_area", "qini_curve"]
