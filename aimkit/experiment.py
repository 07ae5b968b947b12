"""A/B tests: split visitors at random, compare conversion rates, size the next test.

:func:`assign` splits units (visitors, customers) at random into equal groups with a seed, so
the split can be reproduced. :func:`ab_test` compares the conversion rates of a control group
A and a variant B: the *uplift* (P(convert | B) − P(convert | A)), its confidence interval and
the p-value of the difference. :func:`sample_size` says how many units each group needs to
detect a given uplift, and :func:`detectable_effect` what given groups can detect.
:func:`holdout` keeps a random holdout out of every list that leaves an analysis, sized by
:func:`sample_size`, so that the campaign can be measured afterwards with :func:`ab_test`.

Examples
--------
>>> result = ab_test(conversions_a=70, n_a=1000, conversions_b=100, n_b=1000)
>>> round(result.uplift, 3), round(result.p_value, 4)
(0.03, 0.0162)

Used in: notebooks/06_aim5_implement_pilot_ab_test.ipynb,
notebooks/07_aim6_evaluate_and_adjust.ipynb and, for the holdout of every list that leaves a
case, notebooks/cases/11_trailfinders_rebooking.ipynb,
notebooks/cases/12_costa_real_estate_recommender.ipynb,
notebooks/cases/13_wine_recommendations.ipynb,
notebooks/cases/14_annapops_rfmt_behaviour.ipynb, notebooks/cases/15_odisee_web_segments.ipynb,
notebooks/cases/16_earnieland_reactivation.ipynb, notebooks/cases/17_energy_churn_offers.ipynb
and notebooks/cases/18_returns_risk_explained.ipynb.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd
from scipy import optimize, stats

from aimkit import i18n

TEST = "two-sided two-proportion z-test with pooled variance (= Pearson chi-square, no correction)"
INTERVAL = "Newcombe hybrid score interval (from two Wilson intervals)"


@dataclass(frozen=True)
class ABResult:
    """The outcome of :func:`ab_test`; ``str()`` gives a one-paragraph reading.

    Examples
    --------
    >>> r = ab_test(10, 100, 20, 100)
    >>> r.rate_b, r.relative_uplift
    (0.2, 1.0)
    """

    rate_a: float
    rate_b: float
    uplift: float
    relative_uplift: float
    ci_low: float
    ci_high: float
    p_value: float
    z: float
    alpha: float
    n_a: int
    n_b: int
    test: str = TEST
    interval: str = INTERVAL

    @property
    def significant(self) -> bool:
        """True when the p-value is below ``alpha``."""
        return self.p_value < self.alpha

    def to_frame(self) -> pd.DataFrame:
        """The figures as a one-column table for a notebook or a report.

        Examples
        --------
        >>> ab_test(10, 100, 20, 100).to_frame().loc["rate_b", "value"]
        0.2
        """
        values = {k: v for k, v in asdict(self).items() if k not in ("test", "interval")}
        return pd.DataFrame({"value": pd.Series(values, dtype=object)})

    def __str__(self) -> str:
        verdict = _VERDICT["significant" if self.significant else "chance"]
        return i18n.say(_READ_OUT, **asdict(self), level=round(100 * (1 - self.alpha)),
                        verdict=i18n.say(verdict))


_READ_OUT = {
    "en": "A converts {rate_a:.2%} of {n_a:,}, B {rate_b:.2%} of {n_b:,}: uplift {uplift:+.2%} "
          "points ({relative_uplift:+.1%}), {level}% interval [{ci_low:+.2%}, {ci_high:+.2%}], "
          "p = {p_value:.3g}; {verdict}.",
    "nl": "A converteert {rate_a:.2%} van {n_a:,}, B {rate_b:.2%} van {n_b:,}: uplift "
          "{uplift:+.2%}-punt ({relative_uplift:+.1%}), {level}%-interval [{ci_low:+.2%}, "
          "{ci_high:+.2%}], p = {p_value:.3g}; {verdict}.",
}
"""How a test result reads out, in the course's language (:func:`aimkit.i18n.say`)."""
_VERDICT = {
    "significant": {"en": "the difference is statistically significant",
                    "nl": "het verschil is statistisch significant"},
    "chance": {"en": "the difference could be chance", "nl": "het verschil kan toeval zijn"},
}


def _check_counts(conversions: int, n: int, label: str) -> None:
    if n <= 0 or conversions < 0 or conversions > n:
        raise ValueError(f"group {label}: need 0 <= conversions <= n and n > 0, "
                         f"got {conversions} of {n}")


def wilson_interval(conversions: int, n: int, alpha: float = 0.05) -> tuple[float, float]:
    """Wilson score interval for one conversion rate.

    Stays inside [0, 1] and keeps its coverage for small rates, unlike ``p ± z·se``.

    Examples
    --------
    >>> [round(x, 4) for x in wilson_interval(0, 20)]
    [0.0, 0.1611]
    """
    _check_counts(conversions, n, "")
    z = float(stats.norm.isf(alpha / 2))
    p = conversions / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def ab_test(conversions_a, n_a: int | None = None, conversions_b: int | None = None,
            n_b: int | None = None, alpha: float = 0.05, *, group: str = "group",
            converted: str = "converted", control=None, variant=None) -> ABResult:
    """Compare the conversion rate of variant B with control A, from counts or per unit.

    **Test**: two-sided two-proportion z-test with the pooled rate under the null hypothesis,
    ``z = (p_b - p_a) / sqrt(p (1 - p) (1/n_a + 1/n_b))``; it is the same test as Pearson's
    chi-square test on the 2 × 2 table without continuity correction (z² = χ²).

    **Interval** for the uplift ``p_b - p_a``: Newcombe's hybrid score interval (method 10),
    built from the Wilson intervals of both rates. Conversion rates are small and tests are
    often small, where the Wald interval ``d ± z·se`` covers too little and can even leave
    [-1, 1]; Newcombe's interval keeps close to its nominal coverage there and costs nothing.

    Parameters
    ----------
    conversions_a, n_a : int
        Converted units and all units in control A. Or, instead of the four counts, a
        DataFrame with one row per unit (visitor, customer) and its ``group`` and
        ``converted`` columns.
    conversions_b, n_b : int
        The same for variant B.
    alpha : float
        1 − confidence level of the interval; significance level of the test.
    group, converted : str
        For unit-level data: the column with each unit's group and the column saying whether
        it converted (True/False or 1/0).
    control, variant : optional
        For unit-level data: the group values of A and B. By default the two groups in sorted
        order ("A" before "B"); name both when the sorted order is not control first.

    Returns
    -------
    ABResult
        Rates, absolute uplift (B − A, in rate points), relative uplift (B / A − 1; NaN when A
        has no conversions), interval, z and p-value.

    Examples
    --------
    >>> r = ab_test(conversions_a=70, n_a=1000, conversions_b=100, n_b=1000)
    >>> print(r)  # doctest: +NORMALIZE_WHITESPACE
    A converts 7.00% of 1,000, B 10.00% of 1,000: uplift +3.00% points (+42.9%),
    95% interval [+0.55%, +5.47%], p = 0.0162; the difference is statistically significant.
    >>> i18n.use_language("nl"); print(r)  # doctest: +NORMALIZE_WHITESPACE
    A converteert 7,00% van 1.000, B 10,00% van 1.000: uplift +3,00%-punt (+42,9%),
    95%-interval [+0,55%, +5,47%], p = 0,0162; het verschil is statistisch significant.
    >>> i18n.use_language("en")
    >>> units = pd.DataFrame({"group": ["A"] * 1000 + ["B"] * 1000,
    ...                       "converted": [1] * 70 + [0] * 930 + [1] * 100 + [0] * 900})
    >>> ab_test(units) == r
    True
    """
    if isinstance(conversions_a, pd.DataFrame):
        counts = _unit_counts(conversions_a, group, converted, control, variant)
        return ab_test(*counts, alpha=alpha)
    _check_counts(conversions_a, n_a, "A")
    _check_counts(conversions_b, n_b, "B")
    rate_a, rate_b = conversions_a / n_a, conversions_b / n_b
    uplift = rate_b - rate_a
    pooled = (conversions_a + conversions_b) / (n_a + n_b)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    z = uplift / se if se > 0 else 0.0
    p_value = float(2 * stats.norm.sf(abs(z)))
    low_a, high_a = wilson_interval(conversions_a, n_a, alpha)
    low_b, high_b = wilson_interval(conversions_b, n_b, alpha)
    ci_low = uplift - math.sqrt((rate_b - low_b) ** 2 + (high_a - rate_a) ** 2)
    ci_high = uplift + math.sqrt((high_b - rate_b) ** 2 + (rate_a - low_a) ** 2)
    relative = uplift / rate_a if rate_a > 0 else float("nan")
    return ABResult(rate_a, rate_b, uplift, relative, ci_low, ci_high, p_value, z, alpha,
                    int(n_a), int(n_b))


def _unit_counts(units: pd.DataFrame, group: str, converted: str, control,
                 variant) -> tuple[int, int, int, int]:
    """Conversions and units of control and variant in a table of one row per unit."""
    missing = [c for c in (group, converted) if c not in units.columns]
    if missing:
        raise ValueError(f"the unit table has no column {', '.join(map(repr, missing))} "
                         f"(it has: {', '.join(map(str, units.columns))})")
    if units[group].isna().any() or units[converted].isna().any():
        raise ValueError(f"every unit needs a {group!r} and a {converted!r} value; "
                         f"{int((units[group].isna() | units[converted].isna()).sum())} "
                         "rows miss one")
    outcome = units[converted]
    if not outcome.isin([0, 1]).all():  # True/False are 1/0
        raise ValueError(f"{converted!r} must be True/False or 1/0, not e.g. "
                         f"{outcome[~outcome.isin([0, 1])].iloc[0]!r}")
    groups = sorted(units[group].unique(), key=str)
    listed = ", ".join(map(str, groups))
    if control is None and variant is None:
        if len(groups) != 2:
            raise ValueError(f"{group!r} holds {len(groups)} groups ({listed}); name the two "
                             "to compare with control= and variant=")
        control, variant = groups
    counts = []
    for name in (control, variant):
        chosen = units[group] == name
        if not chosen.any():
            raise ValueError(f"no unit is in group {name!r} (groups: {listed})")
        counts += [int(outcome[chosen].astype(int).sum()), int(chosen.sum())]
    return tuple(counts)


def sample_size(baseline_rate: float, min_detectable_effect: float, alpha: float = 0.05,
                power: float = 0.8, relative: bool = False) -> int:
    """Units needed per group to detect an uplift with the z-test of :func:`ab_test`.

    Uses the usual normal approximation
    ``n = (z_{1-α/2} sqrt(2 p̄ (1 - p̄)) + z_{power} sqrt(p_a (1 - p_a) + p_b (1 - p_b)))² / δ²``
    with ``p̄`` the mean of both rates.

    Parameters
    ----------
    baseline_rate : float
        Expected conversion rate of the control group.
    min_detectable_effect : float
        The smallest uplift worth detecting: in rate points, or a fraction of the baseline
        when ``relative=True``.
    alpha, power : float
        Significance level (two-sided) and the chance to detect the effect when it is there.
    relative : bool
        Read ``min_detectable_effect`` as relative to the baseline.

    Returns
    -------
    int
        Units per group (rounded up).

    Examples
    --------
    >>> sample_size(0.07, 0.03)
    1356
    >>> sample_size(0.07, 0.20, relative=True)  # 7 % -> 8.4 %
    5691
    """
    effect = min_detectable_effect * baseline_rate if relative else min_detectable_effect
    p_a, p_b = baseline_rate, baseline_rate + effect
    if not (0 < p_a < 1 and 0 < p_b < 1) or effect == 0:
        raise ValueError("need 0 < baseline < 1, 0 < baseline + effect < 1 and an effect ≠ 0")
    mean = (p_a + p_b) / 2
    z_alpha, z_power = stats.norm.isf(alpha / 2), stats.norm.ppf(power)
    root = (z_alpha * math.sqrt(2 * mean * (1 - mean))
            + z_power * math.sqrt(p_a * (1 - p_a) + p_b * (1 - p_b)))
    return math.ceil(root ** 2 / effect ** 2)


def assign(units: Sequence, groups: Sequence[str] = ("A", "B"), seed: int = 0) -> pd.Series:
    """Split units at random into equally large groups (sizes differ by at most one).

    Parameters
    ----------
    units : sequence
        Visitor or customer IDs (distinct).
    groups : sequence of str
        Group names, e.g. ``("generic", "personalised")``.
    seed : int
        The same seed gives the same split.

    Returns
    -------
    Series
        Group per unit, indexed by unit, in the order given.

    Examples
    --------
    >>> split = assign([f"v{i}" for i in range(10)], seed=1)
    >>> split.value_counts().tolist()
    [5, 5]
    """
    index = pd.Index(units)
    if index.has_duplicates:
        raise ValueError("units must be distinct")
    labels = np.resize(np.asarray(groups, dtype=object), len(index))
    rng = np.random.default_rng(seed)
    return pd.Series(labels[rng.permutation(len(index))], index=index, name="group")


def detectable_effect(baseline_rate: float, n_a: int, n_b: int, alpha: float = 0.05,
                      power: float = 0.8) -> float:
    """The smallest uplift (in rate points) that groups of ``n_a`` and ``n_b`` units detect.

    The inverse of :func:`sample_size`, also for groups of unequal size (a small holdout A
    beside a large campaign B): the smallest ``δ`` with
    ``δ = z_{1-α/2} sqrt(p̄ (1 - p̄) (1/n_a + 1/n_b)) + z_{power} sqrt(p_a (1 - p_a)/n_a
    + p_b (1 - p_b)/n_b)``, ``p_b = p_a + δ`` and ``p̄`` the pooled rate, solved numerically.

    Examples
    --------
    >>> round(detectable_effect(0.07, 1356, 1356), 3)  # what sample_size(0.07, 0.03) was made for
    0.03
    >>> round(detectable_effect(0.07, 300, 5000), 3)  # a small holdout limits what you can see
    0.051
    """
    if not 0 < baseline_rate < 1 or min(n_a, n_b) < 1:
        raise ValueError("need 0 < baseline_rate < 1 and at least one unit in each group")
    z_alpha, z_power = stats.norm.isf(alpha / 2), stats.norm.ppf(power)
    p_a = baseline_rate

    def shortfall(effect):
        p_b = p_a + effect
        pooled = (n_a * p_a + n_b * p_b) / (n_a + n_b)
        return effect - (z_alpha * math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
                         + z_power * math.sqrt(p_a * (1 - p_a) / n_a + p_b * (1 - p_b) / n_b))

    top = 1 - p_a - 1e-12
    return float(optimize.brentq(shortfall, 1e-12, top)) if shortfall(top) > 0 else float("nan")


def holdout(units: Sequence, baseline_rate: float, min_detectable_effect: float, *,
            seed: int = 0, relative: bool = False, alpha: float = 0.05,
            power: float = 0.8) -> pd.Series:
    """Keep a random holdout out of a campaign list, large enough to measure the campaign.

    A list that leaves an analysis (a mailing, discounts, call-centre offers) is a treatment.
    Whether it works can only be measured against customers who were chosen the same way but
    did not get it: the *holdout*, drawn at random from the same list. Its size comes from
    :func:`sample_size` for the uplift the business hopes for; the campaign keeps the rest. When
    the list is too small for that, the list is split in half (the most a test can learn from
    it) and :func:`detectable_effect` says what that split can still detect.

    Parameters
    ----------
    units : sequence
        The customers on the list (distinct IDs).
    baseline_rate : float
        The expected rate (conversion, rebooking, retention …) without the campaign.
    min_detectable_effect : float
        The uplift worth detecting, in rate points (or relative, with ``relative=True``).
    seed : int
        The same seed gives the same holdout: export it with the list.
    relative, alpha, power
        As in :func:`sample_size`.

    Returns
    -------
    Series
        ``"campaign"`` or ``"holdout"`` per unit, indexed by unit, named ``group``. Its
        ``attrs`` hold the ``needed`` holdout size and the ``detectable_effect`` of the split.

    Examples
    --------
    >>> groups = holdout([f"c{i}" for i in range(5000)], 0.07, 0.03, seed=1)
    >>> groups.value_counts().to_dict()
    {'campaign': 3644, 'holdout': 1356}
    >>> groups.attrs["needed"], round(groups.attrs["detectable_effect"], 3)
    (1356, 0.025)
    >>> small = holdout([f"c{i}" for i in range(500)], 0.07, 0.03, seed=1)
    >>> small.value_counts().to_dict(), round(small.attrs["detectable_effect"], 3)
    ({'holdout': 250, 'campaign': 250}, 0.078)
    """
    index = pd.Index(units)
    if index.has_duplicates:
        raise ValueError("units must be distinct")
    needed = sample_size(baseline_rate, min_detectable_effect, alpha, power, relative)
    size = min(needed, len(index) // 2)
    labels = np.array(["campaign"] * (len(index) - size) + ["holdout"] * size, dtype=object)
    rng = np.random.default_rng(seed)
    groups = pd.Series(labels[rng.permutation(len(index))], index=index, name="group")
    groups.attrs.update(needed=needed, detectable_effect=detectable_effect(
        baseline_rate, size, len(index) - size, alpha, power) if size else float("nan"))
    return groups
