"""aimkit.rfm: known answers on tiny hand-computed tables, the engine against the group-by.

Every ``rfm_table`` test runs on both paths: the readable group-by (what ``rfm_table`` does up
to 250,000 lines) and the speed engine of ``aimkit._rfm_engine`` (above).
"""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aimkit import _rfm_engine, rfm


def lines(rows):
    return pd.DataFrame(rows, columns=["customer_id", "order_id", "order_date", "amount"])


@pytest.fixture(params=["group-by", "engine"])
def path(request, monkeypatch):
    """Run the test on the group-by, then on the engine (forced for any lines at all)."""
    if request.param == "engine":
        monkeypatch.setattr(rfm, "_ENGINE_FROM", 0)
    return request.param


def both_paths(data, **options):
    """``rfm_table`` by the group-by and by the engine."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(rfm, "_ENGINE_FROM", 0)
        engine = rfm.rfm_table(data, **options)
    return rfm.rfm_table(data, **options), engine


# ----------------------------------------------------------------------------- rfm_table

def test_known_answer_with_lines_refunds_and_single_buyers(path):
    data = lines([
        ("ann", "o1", "2024-01-01 10:00", 30.0),
        ("ann", "o1", "2024-01-01 10:00", 20.0),   # a second line of o1
        ("ann", "o2", "2024-01-01 17:00", 15.0),   # a second order the same day
        ("ann", "o3", "2024-01-20 23:59", -10.0),  # a refund
        ("bob", "o4", "2024-01-31 00:01", 99.99),  # one purchase, on the last day
        ("cid", "o5", "2024-01-15 12:00", 5.0),
        ("cid", "o6", "2024-01-16 09:00", 6.0),
    ])
    table = rfm.rfm_table(data)  # now = 2024-02-01, the day after the last line
    expected = pd.DataFrame(
        {"recency": [12, 1, 16], "frequency": [3, 1, 2], "monetary": [55.0, 99.99, 11.0],
         "tenure": [31, 1, 17]},
        index=pd.Index(["ann", "bob", "cid"], name="customer_id"))
    pd.testing.assert_frame_equal(table, expected)


def test_now_sets_the_day_and_ignores_its_time(path):
    data = lines([("a", 1, "2024-05-01 23:59", 1.0), ("a", 2, "2024-05-02 00:01", 1.0)])
    table = rfm.rfm_table(data, now="2024-05-10 18:45")
    assert table.loc["a", "recency"] == 8      # 2 May -> 10 May
    assert table.loc["a", "tenure"] == 9       # 1 May -> 10 May
    same_day = rfm.rfm_table(data, now=pd.Timestamp("2024-05-02"))
    assert same_day.loc["a", "recency"] == 0


def test_lines_after_now_are_refused(path):
    data = lines([("a", 1, "2024-05-01", 1.0)])
    with pytest.raises(ValueError, match="after now"):
        rfm.rfm_table(data, now="2024-04-30")


def test_unlinked_lines_are_left_out_and_missing_columns_named(path):
    data = lines([("a", 1, "2024-05-01", 10.0), (None, 2, "2024-05-03", 50.0)])
    table = rfm.rfm_table(data)
    assert list(table.index) == ["a"]
    assert table.loc["a", "recency"] == 3  # now is still the day after the last line
    with pytest.raises(ValueError, match="'amount'"):
        rfm.rfm_table(data.drop(columns="amount"))


def test_date_forms_give_the_same_table(path):
    text = lines([("a", 1, "2021-03-15", 1.0), ("b", 2, "2021-03-17", 2.0)])
    stamps = text.assign(order_date=pd.to_datetime(text["order_date"]))
    integers = text.assign(order_date=[20210315, 20210317])
    zoned = stamps.assign(order_date=stamps["order_date"].dt.tz_localize("Europe/Brussels"))
    reference = rfm.rfm_table(text)
    for other in (stamps, integers, zoned):
        pd.testing.assert_frame_equal(rfm.rfm_table(other), reference)


def test_other_column_names_and_categorical_ids(path):
    data = pd.DataFrame({"klant": pd.Categorical(["x", "y", "x"]), "bon": [7, 8, 9],
                         "datum": pd.to_datetime(["2022-01-01", "2022-01-02", "2022-01-04"]),
                         "bedrag": [1.0, 2.0, 3.0]})
    table = rfm.rfm_table(data, customer="klant", order="bon", date="datum", amount="bedrag")
    assert table.index.name == "klant"
    assert table.loc["x"].tolist() == [1, 2, 4.0, 4]


def test_an_order_id_reused_by_two_customers_counts_for_each(path):
    data = lines([("a", 1, "2022-01-01", 1.0), ("b", 1, "2022-01-01", 1.0),
                  ("a", 2, "2022-01-02", 1.0)])
    assert rfm.rfm_table(data)["frequency"].tolist() == [2, 1]


@pytest.mark.parametrize("shuffle, numbered", [(False, False), (True, False), (False, True)])
@pytest.mark.parametrize("fixed_width", [False, True])
def test_the_engine_gives_the_group_by_table_on_random_data(shuffle, numbered, fixed_width,
                                                             monkeypatch):
    if fixed_width:  # code text ids the way the engine does for millions of lines
        monkeypatch.setattr(_rfm_engine, "_FIXED_WIDTH_FROM", 0)
    rng = np.random.default_rng(5)
    n_orders = 3000
    order_customer = rng.integers(0, 400, n_orders)
    order_time = pd.Timestamp("2020-01-01") + pd.to_timedelta(
        rng.integers(0, 700 * 86400, n_orders), unit="s")
    per_order = rng.integers(1, 5, n_orders)
    order = np.repeat(np.arange(n_orders), per_order)
    data = pd.DataFrame({"customer_id": [f"C{c:04d}" for c in order_customer[order]],
                         "order_id": [f"O{o}" for o in order],
                         "order_date": order_time[order],
                         "amount": np.round(rng.normal(20, 30, len(order)), 2)})
    data.loc[rng.random(len(data)) < 0.02, "customer_id"] = None  # unlinked lines
    if numbered:  # order numbers rising line by line: the fast path, every run an order
        data["order_id"] = order + 1000
    else:
        data.loc[rng.random(len(data)) < 0.01, "order_id"] = "O7"   # an id reused by many
    if shuffle:
        data = data.sample(frac=1.0, random_state=1).reset_index(drop=True)
    now = pd.Timestamp("2022-01-01")
    group_by, engine = both_paths(data, now=now)
    assert len(group_by) > 350 and group_by["frequency"].sum() > 2500
    pd.testing.assert_frame_equal(engine, group_by)
    as_string = data.astype({"customer_id": "string"})  # pd.NA
    if not numbered:
        as_string = as_string.astype({"order_id": "string"})
    string_group_by, string_engine = both_paths(as_string, now=now)
    pd.testing.assert_frame_equal(string_engine, string_group_by)
    pd.testing.assert_frame_equal(string_group_by, group_by, check_index_type=False)


@pytest.mark.parametrize("ids", [
    pd.Series(["b", "a", None, "b", "é", "a"], dtype=object),
    pd.Series(["b", "a", None, "b", "é", "a"], dtype="str"),
    pd.Series(["b", "a", None, "b", "é", "a"], dtype="string"),
    pd.Series(pd.Categorical(["b", "a", None, "b", "é", "a"], categories=["é", "b", "a", "z"])),
    pd.Series([12, 3, 7, 12, 5, 3]),
    pd.Series([12.0, 3.0, np.nan, 12.0, 5.0, 3.0]),
])
@pytest.mark.parametrize("fixed_width", [False, True])
def test_both_paths_give_the_same_index_for_every_kind_of_id(ids, fixed_width, monkeypatch):
    if fixed_width:
        monkeypatch.setattr(_rfm_engine, "_FIXED_WIDTH_FROM", 0)
    data = pd.DataFrame({"customer_id": ids, "order_id": [1, 1, 2, 3, 4, 5],
                         "order_date": ["2024-01-0" + d for d in "112345"],
                         "amount": [1.0, 2.0, 4.0, 8.0, 16.0, 32.0]})
    group_by, engine = both_paths(data)
    pd.testing.assert_frame_equal(engine, group_by, check_exact=True)
    assert group_by.index.is_monotonic_increasing or isinstance(ids.dtype, pd.CategoricalDtype)
    assert not isinstance(group_by.index, pd.CategoricalIndex)
    unlinked = 4.0 if ids.isna().any() else 0.0  # the line without a customer is left out
    assert group_by["monetary"].sum() == 63.0 - unlinked


def test_empty_input_and_missing_values_on_both_paths(path):
    table = rfm.rfm_table(lines([]))
    assert table.empty and list(table.columns) == list(rfm.COLUMNS)
    assert table.dtypes.tolist() == ["int64", "int64", "float64", "int64"]
    with pytest.raises(ValueError, match="missing order ids"):
        rfm.rfm_table(lines([("a", None, "2024-01-01", 1.0)]))
    with pytest.raises(ValueError, match="1 missing or unreadable dates"):
        rfm.rfm_table(lines([("a", 1, None, 1.0), ("a", 2, "2024-01-01", 1.0)]))
    no_amount = lines([("a", 1, "2024-01-01", None), ("a", 2, "2024-01-01", 2.0)])
    assert rfm.rfm_table(no_amount).loc["a", "monetary"] == 2.0
    unlinked_without_order = lines([("a", 1, "2024-01-01", 1.0), (None, None, "2024-01-02", 1.0)])
    assert rfm.rfm_table(unlinked_without_order).loc["a", "recency"] == 2


def test_the_engine_takes_over_above_the_threshold(monkeypatch):
    calls = []
    engine = _rfm_engine.per_customer
    monkeypatch.setattr(_rfm_engine, "per_customer", lambda *a: calls.append(1) or engine(*a))
    monkeypatch.setattr(rfm, "_ENGINE_FROM", 3)
    data = lines([("a", i, "2024-01-01", 1.0) for i in range(4)])
    small = rfm.rfm_table(data.iloc[:3])
    assert calls == [] and small.loc["a", "frequency"] == 3
    assert rfm.rfm_table(data).loc["a", "frequency"] == 4 and calls == [1]


id_text = st.one_of(st.none(), st.sampled_from(["a", "b", "ab", "é", "Z", "klant-1", "klant-10"]))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(id_text, st.integers(0, 6), st.integers(0, 60),
                          st.floats(-50, 500, allow_nan=False)), min_size=1, max_size=30),
       st.booleans())
def test_the_engine_equals_the_group_by_on_any_small_table(rows, fixed_width):
    data = lines([(c, o, pd.Timestamp("2024-01-01") + pd.Timedelta(days=d), a)
                  for c, o, d, a in rows])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_rfm_engine, "_FIXED_WIDTH_FROM", 0 if fixed_width else 2_000_000)
        group_by, engine = both_paths(data, now="2024-03-31")
    pd.testing.assert_frame_equal(engine, group_by, check_index_type=len(group_by) > 0)


day_numbers = st.integers(0, 60)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abc"), day_numbers,
                          st.floats(-50, 500, allow_nan=False)), min_size=1, max_size=25),
       st.sampled_from("abc"), day_numbers)
def test_a_later_purchase_never_raises_recency(rows, who, extra_day):
    data = lines([(c, i, pd.Timestamp("2024-01-01") + pd.Timedelta(days=d), a)
                  for i, (c, d, a) in enumerate(rows)])
    now = pd.Timestamp("2024-03-31")
    before = rfm.rfm_table(data, now=now)
    later = lines([(who, len(rows), pd.Timestamp("2024-01-01") + pd.Timedelta(days=extra_day),
                    1.0)])
    after = rfm.rfm_table(pd.concat([data, later], ignore_index=True), now=now)
    common = before.index
    assert (after.loc[common, "recency"] <= before["recency"]).all()
    assert (after.loc[common, "frequency"] >= before["frequency"]).all()
    assert (after.loc[common, "tenure"] >= before["tenure"]).all()
    assert (after["tenure"] >= after["recency"]).all()


# ----------------------------------------------------------------------------- scores

def test_scores_are_quintiles_with_recency_reversed():
    table = pd.DataFrame({"recency": np.arange(10, 0, -1), "frequency": np.arange(1, 11),
                          "monetary": np.arange(1, 11) * 10.0})
    scores = rfm.rfm_scores(table)
    assert scores["r_score"].tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert scores["f_score"].tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert scores["fm_score"].tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]


def test_ties_share_a_score():
    # six of ten customers bought once: they all score 1, the next value scores 4
    table = pd.DataFrame({"recency": range(10), "frequency": [1] * 6 + [2, 2, 3, 9],
                          "monetary": [5.0] * 10})
    scores = rfm.rfm_scores(table)
    assert scores["f_score"].tolist() == [1] * 6 + [4, 4, 5, 5]
    assert scores["m_score"].eq(1).all()
    assert rfm.rfm_scores(table, bins=2)["f_score"].tolist() == [1] * 6 + [2] * 4


def test_every_score_cell_has_exactly_one_named_segment():
    r, fm = np.meshgrid(range(1, 6), range(1, 6))
    names = rfm.named_segments(pd.DataFrame({"r_score": r.ravel(), "fm_score": fm.ravel()}))
    assert names.notna().all()
    assert set(names) == set(rfm.SEGMENTS) and len(rfm.SEGMENTS) == 11
    cells = sum(len(rr) * len(ff) for _, rr, ff in rfm.SEGMENT_RULES)
    assert cells == 25


@pytest.mark.parametrize("r, f, m, name", [
    (5, 5, 4, "Champions"), (4, 5, 5, "Loyal Customers"), (5, 2, 3, "Potential Loyalists"),
    (5, 1, 1, "New Customers"), (4, 1, 1, "Promising"), (3, 3, 3, "Need Attention"),
    (3, 1, 2, "About To Sleep"), (2, 3, 4, "At Risk"), (1, 5, 5, "Can't Lose"),
    (2, 1, 1, "Hibernating"), (1, 2, 1, "Lost"),
])
def test_named_segment_rules(r, f, m, name):
    scores = pd.DataFrame({"r_score": [r], "f_score": [f], "m_score": [m]})
    assert rfm.named_segments(scores).iloc[0] == name


def test_named_segments_need_five_levels():
    with pytest.raises(ValueError, match="1 to 5"):
        rfm.named_segments(pd.DataFrame({"r_score": [7], "fm_score": [1]}))


def test_no_linked_lines_give_an_empty_table(path):
    table = rfm.rfm_table(lines([(None, 1, "2024-05-01", 1.0)]))
    assert table.empty and list(table.columns) == list(rfm.COLUMNS)


@pytest.mark.parametrize("values", [
    ["b", "a", "b", None, "ab", "a\u00e9", "aa", "a", np.nan, "a" * 20, "a" * 19 + "b"],
    ["klant-00000012", "klant-00000001", "klant-00000012"],
    ["Z", "é", "z", "É", "a"],
])
@pytest.mark.parametrize("known_text", [False, True])
def test_text_ids_are_coded_exactly_and_sorted_like_python(values, known_text, monkeypatch):
    monkeypatch.setattr(_rfm_engine, "_FIXED_WIDTH_FROM", 0)  # the path for millions of ids
    array = np.array(values, dtype=object)
    codes, uniques = _rfm_engine._factorize(array, sort=True, text=known_text)
    present = [v for v in values if isinstance(v, str)]
    assert list(uniques) == sorted(set(present))
    decoded = [uniques[c] if c >= 0 else None for c in codes]
    assert decoded == [v if isinstance(v, str) else None for v in values]


# ----------------------------------------------------------------------------- periods

class ByMoney:
    """A segmenter with fixed thresholds on monetary value: A ≥ 100 > B ≥ 50 > C ≥ 20 > D."""

    levels = ["A", "B", "C", "D"]

    def fit(self, rfmt):
        self.fitted_on = len(rfmt)
        return self

    def predict(self, rfmt):
        codes = 3 - np.searchsorted([20, 50, 100], rfmt["monetary"].to_numpy(), side="right")
        return pd.Series(np.array(self.levels)[codes], index=rfmt.index)


def test_compare_periods_known_groups_and_priority():
    base, cur = "2020-06-01", "2021-03-01"
    rows = [("top", 150, 120), ("down1", 150, 60), ("down2", 150, 30), ("sleep", 60, 10),
            ("grow", 30, 60), ("loyal", 60, 70), ("lowlow", 10, 5), ("gone", 80, None),
            ("new", None, 40), ("bdown2", 70, 10)]
    lines = []
    for who, b_amount, c_amount in rows:
        if b_amount is not None:
            lines.append((who, f"{who}-b", base, b_amount))
        if c_amount is not None:
            lines.append((who, f"{who}-c", cur, c_amount))
    segmenter = ByMoney()
    table = rfm.compare_periods(lines_frame(lines), baseline=("2020-01-01", "2020-12-31"),
                                current=("2021-01-01", "2021-12-31"), segmenter=segmenter)
    assert segmenter.fitted_on == 9  # fitted on the baseline customers only
    groups = table["group"].astype(str).to_dict()
    assert groups == {"top": "Top", "down1": "Needs attention", "down2": "Needs attention",
                      "sleep": "Sleeping", "grow": "Growing", "loyal": "Loyal",
                      "lowlow": "Loyal", "gone": "Inactive", "new": "New",
                      "bdown2": "Sleeping"}
    assert table.loc["down2", "levels_dropped"] == 2 and table.loc["grow", "levels_dropped"] == -1
    assert table.index[table["priority"]].tolist() == ["bdown2", "down2", "sleep"]


def lines_frame(rows):
    return lines(rows).assign(order_date=lambda f: pd.to_datetime(f["order_date"]))


def test_compare_periods_measures_each_period_on_its_own_next_day():
    data = lines_frame([("a", 1, "2020-12-31", 10.0), ("a", 2, "2021-01-01", 10.0),
                        ("a", 3, "2022-01-01", 999.0)])  # after the current period: ignored

    class Recorder(ByMoney):
        seen = []

        def predict(self, rfmt):
            self.seen.append(rfmt.loc["a", ["recency", "monetary"]].tolist())
            return super().predict(rfmt)

    rfm.compare_periods(data, baseline=("2020-01-01", "2020-12-31"),
                        current=("2021-01-01", "2021-12-31"), segmenter=Recorder())
    assert Recorder.seen == [[1, 10.0], [365, 10.0]]


def test_overlapping_periods_count_first_buyers_of_the_current_period_as_new():
    data = lines_frame([("old", 1, "2019-03-01", 150.0), ("old", 2, "2021-03-01", 150.0),
                        ("fresh", 3, "2021-02-01", 150.0)])
    table = rfm.compare_periods(data, baseline=("2019-01-01", "2021-12-31"),
                                current=("2021-01-01", "2021-12-31"), segmenter=ByMoney())
    assert table.loc["fresh", "group"] == "New" and table.loc["fresh", "levels_dropped"] == 0
    assert table.loc["old", "group"] == "Top"  # 300 over three years, 150 now: still A


def test_rising_order_numbers_and_repeated_ones_give_the_same_counts(path):
    rising = lines([("a", 1, "2022-01-01", 1.0), ("a", 1, "2022-01-01", 2.0),
                    ("b", 2, "2022-01-02", 1.0), ("a", 3, "2022-01-03", 1.0)])
    repeated = rising.assign(order_id=[1, 1, 2, 1])  # a's third line reuses order 1
    assert rfm.rfm_table(rising)["frequency"].tolist() == [2, 1]
    assert rfm.rfm_table(repeated)["frequency"].tolist() == [1, 1]


def test_dates_before_1970_and_in_seconds_fall_on_their_calendar_day(path):
    data = lines([("a", 1, pd.Timestamp("1969-12-31 23:59"), 1.0),
                  ("a", 2, pd.Timestamp("1970-01-02 00:01"), 1.0)])
    data["order_date"] = data["order_date"].astype("datetime64[s]")
    table = rfm.rfm_table(data, now="1970-01-03")
    assert table.loc["a", ["recency", "tenure"]].tolist() == [1, 3]


@pytest.mark.parametrize("make_id", [
    lambda i: f"C{i:07d}",          # numbered in text order directly
    lambda i: f"cust-{i * 7919 % 1000:03d}-{'xyz'[i % 3]}",
    lambda i: f"{i * 2654435761 % 2**32:x}@example.be",  # too varied: hashed as words
])
def test_both_ways_of_coding_many_ascii_ids_agree_with_pandas(make_id):
    rng = np.random.default_rng(3)
    values = np.array([make_id(int(i)) for i in rng.integers(0, 5000, 20_000)], dtype=object)
    expected_codes, expected_uniques = pd.factorize(values, sort=True)
    fixed = values.astype("S")
    ranked = _rfm_engine._ranked_ascii(fixed)
    if ranked is not None:
        assert (ranked == expected_codes).all()
    codes, first = _rfm_engine._hashed_words(fixed)
    assert (values[first][codes] == values).all()
    assert len(first) == len(expected_uniques)
