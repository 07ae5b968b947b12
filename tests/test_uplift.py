import numpy as np
import pandas as pd
import pytest

from aimkit import uplift


def pilot(n=6000, seed=0, effect=0.15):
    """A randomised test where only half of the customers (x > 0.5) respond to the treatment."""
    rng = np.random.default_rng(seed)
    X = pd.DataFrame({"x": rng.random(n), "noise": rng.normal(size=n)})
    treated = rng.random(n) < 0.5
    responds = (X["x"] > 0.5).to_numpy()
    outcome = rng.random(n) < 0.6 + effect * treated * responds
    return X, treated, outcome.astype(int), responds


def test_two_models_find_the_customers_the_treatment_changes():
    X, treated, outcome, responds = pilot()
    scores = uplift.TwoModelUplift().fit(X, treated, outcome).predict_uplift(X)
    assert scores[responds].mean() > scores[~responds].mean() + 0.08


def test_qini_is_above_random_for_a_real_effect_and_not_without_one():
    X, treated, outcome, _ = pilot(seed=1)
    test = np.arange(len(X)) % 2 == 1
    model = uplift.TwoModelUplift().fit(X[~test], treated[~test], outcome[~test])
    curve = uplift.qini_curve(model.predict_uplift(X[test]), treated[test], outcome[test])
    assert uplift.qini_area(curve) > 20
    areas = []
    for seed in range(5):  # no effect anywhere: the area scatters around zero
        X0, t0, y0, _ = pilot(seed=10 + seed, effect=0.0)
        m0 = uplift.TwoModelUplift().fit(X0[~test], t0[~test], y0[~test])
        areas.append(uplift.qini_area(uplift.qini_curve(m0.predict_uplift(X0[test]),
                                                        t0[test], y0[test])))
    assert abs(np.mean(areas)) < 10


def test_the_curve_ends_at_the_measured_effect_times_the_treated():
    rng = np.random.default_rng(2)
    treated = rng.random(1000) < 0.5
    outcome = (rng.random(1000) < 0.3 + 0.2 * treated).astype(int)
    curve = uplift.qini_curve(rng.random(1000), treated, outcome)
    effect = outcome[treated].mean() - outcome[~treated].mean()
    assert curve["incremental"].iloc[-1] == pytest.approx(effect * treated.sum())
    assert curve["random"].iloc[0] == 0 and curve["share_targeted"].iloc[-1] == 1


def test_one_group_only_is_refused_with_a_clear_message():
    X = pd.DataFrame({"x": [0.0, 1.0]})
    with pytest.raises(ValueError, match="both groups"):
        uplift.TwoModelUplift().fit(X, [True, True], [0, 1])
