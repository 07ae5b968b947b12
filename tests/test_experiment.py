"""aimkit.experiment: the A/B test against independent computations, sample size, assignment."""

import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency

from aimkit import experiment
from aimkit.experiment import ab_test, assign, sample_size, wilson_interval

CASES = [(70, 1000, 100, 1000), (1, 30, 9, 31), (0, 50, 3, 40), (120, 3016, 171, 2984),
         (500, 1000, 480, 1000), (3, 7, 3, 7), (999, 1000, 1000, 1000)]


@pytest.mark.parametrize("case", CASES)
def test_p_value_equals_chi_square_without_correction(case):
    xa, na, xb, nb = case
    chi2, p, _, _ = chi2_contingency([[xa, na - xa], [xb, nb - xb]], correction=False)
    result = ab_test(xa, na, xb, nb)
    assert abs(result.p_value - p) < 1e-9
    assert result.z ** 2 == pytest.approx(chi2, rel=1e-9)


def test_p_value_random_tables_against_chi_square():
    rng = np.random.default_rng(3)
    for _ in range(200):
        na, nb = rng.integers(20, 5000, size=2)
        xa, xb = rng.integers(1, na), rng.integers(1, nb)
        p = chi2_contingency([[xa, na - xa], [xb, nb - xb]], correction=False)[1]
        assert abs(ab_test(int(xa), int(na), int(xb), int(nb)).p_value - p) < 1e-9


def test_rates_and_uplift_by_hand():
    r = ab_test(70, 1000, 100, 1000)
    assert (r.rate_a, r.rate_b) == (0.07, 0.1)
    assert r.uplift == pytest.approx(0.03)
    assert r.relative_uplift == pytest.approx(0.03 / 0.07)
    assert r.significant and r.ci_low > 0


def test_newcombe_interval_matches_the_published_example():
    # Newcombe (1998), Statistics in Medicine 17:873, example (a): 56/70 - 48/80, method 10
    r = ab_test(48, 80, 56, 70)
    assert r.uplift == pytest.approx(0.2)
    assert (round(r.ci_low, 4), round(r.ci_high, 4)) == (0.0524, 0.3339)


def test_wilson_interval_known_values():
    assert wilson_interval(0, 20)[1] == pytest.approx(0.1611, abs=1e-4)
    # the ends are the rates p0 a score test would just reject: |p - p0| = z sqrt(p0 q0 / n)
    low, high = wilson_interval(81, 263)
    for end in (low, high):
        assert abs(81 / 263 - end) == pytest.approx(1.959964 * math.sqrt(end * (1 - end) / 263),
                                                    rel=1e-6)


def test_no_difference_gives_p_one_and_symmetric_interval():
    r = ab_test(30, 300, 30, 300)
    assert r.p_value == pytest.approx(1.0)
    assert r.ci_low == pytest.approx(-r.ci_high)
    assert not r.significant


def test_bad_counts_are_refused():
    with pytest.raises(ValueError, match="group B"):
        ab_test(1, 10, 11, 10)
    with pytest.raises(ValueError):
        ab_test(1, 0, 1, 10)


def _power(n, p_a, p_b, alpha=0.05):
    from scipy.stats import norm
    mean = (p_a + p_b) / 2
    z = norm.isf(alpha / 2)
    num = abs(p_b - p_a) * math.sqrt(n) - z * math.sqrt(2 * mean * (1 - mean))
    return norm.cdf(num / math.sqrt(p_a * (1 - p_a) + p_b * (1 - p_b)))


def test_sample_size_is_the_smallest_n_with_the_power():
    n = sample_size(0.07, 0.03)
    assert _power(n, 0.07, 0.10) >= 0.8 > _power(n - 1, 0.07, 0.10)
    assert sample_size(0.07, 0.2, relative=True) == sample_size(0.07, 0.014)


def test_sample_size_reaches_the_power_in_simulation():
    n = sample_size(0.10, 0.04)
    rng = np.random.default_rng(0)
    a = rng.binomial(n, 0.10, size=4000)
    b = rng.binomial(n, 0.14, size=4000)
    pooled = (a + b) / (2 * n)
    z = (b - a) / n / np.sqrt(pooled * (1 - pooled) * 2 / n)
    assert abs((np.abs(z) > 1.959964).mean() - 0.8) < 0.03


def test_sample_size_refuses_impossible_rates():
    with pytest.raises(ValueError):
        sample_size(0.95, 0.1)


def test_assign_is_balanced_reproducible_and_random():
    units = [f"v{i}" for i in range(101)]
    split = assign(units, groups=("generic", "personalised"), seed=5)
    assert sorted(split.value_counts().tolist()) == [50, 51]
    assert split.index.tolist() == units
    assert split.equals(assign(units, groups=("generic", "personalised"), seed=5))
    assert not split.equals(assign(units, groups=("generic", "personalised"), seed=6))
    with pytest.raises(ValueError):
        assign(["a", "a"])


def test_unit_level_data_gives_the_same_result_as_the_counts():
    rng = np.random.default_rng(5)
    units = pd.DataFrame({"variant": rng.choice(["control", "new"], 3000),
                          "bought": rng.random(3000) < 0.08})
    counts = units.groupby("variant")["bought"].agg(["sum", "count"])
    expected = ab_test(int(counts.loc["control", "sum"]), int(counts.loc["control", "count"]),
                       int(counts.loc["new", "sum"]), int(counts.loc["new", "count"]))
    assert ab_test(units, group="variant", converted="bought") == expected
    swapped = ab_test(units, group="variant", converted="bought", control="new", variant="control")
    assert swapped.uplift == pytest.approx(-expected.uplift)
    as_numbers = units.assign(bought=units["bought"].astype(int))
    assert ab_test(as_numbers, group="variant", converted="bought") == expected


@pytest.mark.parametrize("change, message", [
    (lambda u: u.drop(columns="converted"), "no column 'converted'"),
    (lambda u: u.assign(converted=["yes"] * len(u)), "True/False or 1/0"),
    (lambda u: u.assign(group=["A", "B", "C", "A"]), "3 groups"),
    (lambda u: u.assign(converted=[1, None, 0, 1]), "rows miss one"),
])
def test_unit_level_data_problems_are_named(change, message):
    units = pd.DataFrame({"group": ["A", "B", "A", "B"], "converted": [1, 0, 0, 1]})
    with pytest.raises(ValueError, match=message):
        ab_test(change(units))
    with pytest.raises(ValueError, match="no unit is in group 'X'"):
        ab_test(units, control="A", variant="X")


@pytest.mark.parametrize("n_a, n_b", [(300, 5000), (1356, 1356), (200, 200)])
def test_detectable_effect_reaches_the_power_in_simulation(n_a, n_b):
    effect = experiment.detectable_effect(0.07, n_a, n_b)
    rng = np.random.default_rng(3)
    a = rng.binomial(n_a, 0.07, 3000)
    b = rng.binomial(n_b, 0.07 + effect, 3000)
    significant = [ab_test(x, n_a, y, n_b).p_value < 0.05 for x, y in zip(a, b, strict=True)]
    power = np.mean(significant)
    assert 0.77 <= power <= 0.83


def test_detectable_effect_inverts_sample_size():
    n = experiment.sample_size(0.07, 0.03)
    assert experiment.detectable_effect(0.07, n, n) == pytest.approx(0.03, abs=2e-4)
    assert experiment.detectable_effect(0.07, n - 50, n - 50) > 0.03


def test_holdout_is_sized_by_sample_size_random_and_reproducible():
    units = [f"c{i}" for i in range(5000)]
    groups = experiment.holdout(units, 0.07, 0.03, seed=4)
    assert list(groups.index) == units
    assert (groups == "holdout").sum() == experiment.sample_size(0.07, 0.03)
    assert groups.equals(experiment.holdout(units, 0.07, 0.03, seed=4))
    assert not groups.equals(experiment.holdout(units, 0.07, 0.03, seed=5))
    first_half = (groups.iloc[:2500] == "holdout").mean()
    assert 0.22 <= first_half <= 0.32  # spread over the list, not the tail end of it


def test_a_short_list_is_split_in_half_and_says_what_it_can_detect():
    groups = experiment.holdout(range(400), 0.10, 0.02, seed=0)
    assert groups.value_counts().to_dict() == {"campaign": 200, "holdout": 200}
    assert groups.attrs["needed"] > 200
    assert groups.attrs["detectable_effect"] > 0.02
    with pytest.raises(ValueError, match="distinct"):
        experiment.holdout([1, 1, 2], 0.1, 0.05)
