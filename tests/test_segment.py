"""aimkit.segment: value-ordered KMeans segments, choosing k, profiles, label comparison."""

import numpy as np
import pandas as pd
import pytest

from aimkit import segment


def blobs(seed=0):
    """Three well separated groups of customers: small, mid and big spenders."""
    rng = np.random.default_rng(seed)
    sizes = {"small": 60, "mid": 30, "big": 10}
    centre = {"small": (500, 2, 300), "mid": (5_000, 10, 60), "big": (50_000, 40, 10)}
    rows = []
    for kind, n in sizes.items():
        amount, orders, recency = centre[kind]
        rows.append(pd.DataFrame({"amount": amount * np.exp(rng.normal(0, 0.1, n)),
                                  "orders": orders + rng.integers(0, 2, n),
                                  "recency": recency + rng.integers(0, 5, n), "kind": kind}))
    return pd.concat(rows, ignore_index=True)


def test_segments_are_named_by_value_whatever_the_seed():
    data = blobs()
    for seed in range(4):
        seg = segment.ValueSegmenter(3, ["amount", "orders", "recency"], log=["amount"],
                                     lower_is_better=["recency"], random_state=seed)
        names = seg.fit_predict(data)
        assert pd.crosstab(names, data["kind"]).to_dict() == {
            "big": {"A": 10, "B": 0, "C": 0}, "mid": {"A": 0, "B": 30, "C": 0},
            "small": {"A": 0, "B": 0, "C": 60}}
        assert list(names.cat.categories) == ["A", "B", "C"]


def test_centres_are_in_business_units():
    data = blobs()
    seg = segment.ValueSegmenter(3, ["amount", "orders"], log=["amount"],
                                 labels=["big", "mid", "small"]).fit(data)
    means = data.groupby("kind")["amount"].apply(lambda s: np.exp(np.log1p(s).mean()) - 1)
    assert seg.centers_.loc["big", "amount"] == pytest.approx(means["big"], rel=1e-6)
    assert seg.centers_.loc["small", "orders"] == pytest.approx(
        data.loc[data["kind"] == "small", "orders"].mean())


def test_wrong_number_of_labels_is_refused():
    with pytest.raises(ValueError, match="3 labels"):
        segment.ValueSegmenter(3, ["amount"], labels=["a", "b"])


def test_choose_k_finds_the_three_groups():
    table = segment.choose_k(blobs(), ["amount", "orders"], ks=range(2, 6), log=["amount"])
    assert list(table.index) == [2, 3, 4, 5]
    assert table["silhouette"].idxmax() == 3
    assert table["inertia"].is_monotonic_decreasing


def test_profile_and_label_comparison_known_answers():
    data = pd.DataFrame({"amount": [10.0, 30.0, 100.0, 300.0], "orders": [1, 3, 5, 7]})
    seg = pd.Series(pd.Categorical(["low", "low", "high", "high"], categories=["high", "low"]))
    table = segment.profile(data, seg)
    assert table.index.tolist() == ["high", "low"]
    assert table.loc["low", "amount"] == 20.0 and table.loc["high", "orders"] == 6.0
    assert table["customers"].tolist() == [2, 2] and table["share"].tolist() == [0.5, 0.5]
    code = pd.Series(["C", "D", "A", "D"], name="code")
    shares = segment.compare_labels(seg, code)
    assert shares.loc["low"].tolist() == [0.0, 0.5, 0.5]
    assert segment.compare_labels(seg, code, normalize=False).loc["high", "D"] == 1


def test_rank_by_leaves_other_features_out_of_the_value_order():
    data = pd.DataFrame({"amount": [10.0, 11.0, 500.0, 520.0], "tenure": [900, 950, 10, 12]})
    both = segment.ValueSegmenter(2, ["amount", "tenure"]).fit_predict(data)
    money = segment.ValueSegmenter(2, ["amount", "tenure"], rank_by=["amount"]).fit_predict(data)
    assert money.tolist() == ["B", "B", "A", "A"]
    assert both.nunique() == 2


def test_lapsed_clusters_rank_below_active_ones_whatever_they_bought_before():
    """A cluster that stopped buying long ago never outranks an active one."""
    frame = pd.DataFrame({"recency_months": [30.0, 31, 32, 1, 1.5, 2],
                          "monetary": [5000.0, 5200, 5100, 50, 60, 55]})
    plain = segment.ValueSegmenter(2, ["recency_months", "monetary"],
                                   lower_is_better=["recency_months"]).fit(frame)
    guarded = segment.ValueSegmenter(2, ["recency_months", "monetary"],
                                     lower_is_better=["recency_months"],
                                     lapsed=("recency_months", 12)).fit(frame)
    assert plain.centers_.loc["A", "recency_months"] > 12  # big old spenders win unguarded
    assert guarded.centers_.loc["A", "recency_months"] < 12
    assert guarded.predict(frame).tolist() == ["B"] * 3 + ["A"] * 3
    with pytest.raises(ValueError, match="lower-is-better"):
        segment.ValueSegmenter(2, ["monetary"], lapsed=("monetary", 1))
