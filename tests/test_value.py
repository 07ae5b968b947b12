import numpy as np
import pandas as pd
import pytest

from aimkit import value


def test_annualise_six_months_twice():
    assert value.annualise(0.5, months=6) == pytest.approx(0.75)
    assert value.annualise(0.1, months=12) == pytest.approx(0.1)


def test_clv_known_answers():
    # r = 0.8, no discounting: 100 * (0.8 + 0.64 + ...) = 400; two years: 80 + 64 = 144
    assert value.clv(100.0, 0.2, discount_rate=0.0) == pytest.approx(400.0)
    assert value.clv(100.0, 0.2, discount_rate=0.0, years=2) == pytest.approx(144.0)
    # discounting at 25 %: keep = 0.8 / 1.25 = 0.64 -> 100 * 0.64 / 0.36
    assert value.clv(100.0, 0.2, discount_rate=0.25) == pytest.approx(100 * 0.64 / 0.36)
    assert value.clv(100.0, 1.0) == pytest.approx(0.0)  # leaves for sure: worth nothing
    np.testing.assert_allclose(value.clv(np.array([100.0, 200.0]), np.array([0.5, 0.5]), 0.0),
                               [100.0, 200.0])


def test_expected_margin_known_answer():
    # accepted half the time at 80; declined: stays 60 % of the time at 100
    assert value.expected_margin(0.5, 80.0, 0.4, 100.0) == pytest.approx(0.5 * 80 + 0.5 * 60)


def customers_and_offers():
    customers = pd.DataFrame({"churn_probability": [0.8, 0.05, 0.5],
                              "margin": [200.0, 200.0, 100.0]},
                             index=pd.Index(["risky", "loyal", "middle"], name="customer_id"))
    offers = pd.DataFrame({"discount": [10.0, 60.0, 150.0], "p": [0.3, 0.6, 0.9]},
                          index=pd.Index(["small", "medium", "large"], name="offer_id"))
    return customers, offers


ACCEPT = {"accept_probability": lambda pairs: pairs["p"],
          "offer_margin": lambda pairs: pairs["margin"] - pairs["discount"]}


def test_next_best_offers_ranks_by_expected_margin_and_beats_no_action():
    customers, offers = customers_and_offers()
    top = value.next_best_offers(customers, offers, k=3, **ACCEPT)
    risky = top[top["customer_id"] == "risky"]
    # no action: 0.2 * 200 = 40; small 0.3*190 + 0.7*40 = 85; medium 0.6*140 + 0.4*40 = 100;
    # large 0.9*50 + 0.1*40 = 49
    assert risky["offer_id"].tolist() == ["medium", "small", "large"]
    assert risky["expected_margin"].tolist() == pytest.approx([100.0, 85.0, 49.0])
    assert risky["rank"].tolist() == [1, 2, 3]
    # the loyal customer stays anyway (190 without an offer): no offer beats that
    assert "loyal" not in set(top["customer_id"])
    assert (top["gain"] > 0).all()


def test_next_best_offers_respects_the_margin_floor_and_k():
    customers, offers = customers_and_offers()
    top = value.next_best_offers(customers, offers, k=1, margin_floor=100.0, **ACCEPT)
    assert (top["offer_margin"] >= 100.0).all()
    assert top.groupby("customer_id").size().max() == 1
    # for the risky customer "medium" (margin 140) is still allowed and best
    assert top.set_index("customer_id").loc["risky", "offer_id"] == "medium"
    # with a floor above every offer's margin nothing is proposed
    assert value.next_best_offers(customers, offers, margin_floor=1000.0, **ACCEPT).empty


def test_evaluate_policy_adds_up_per_customer():
    customers, offers = customers_and_offers()
    result = value.evaluate_policy(customers, offers,
                                   pd.Series({"risky": "medium", "middle": "small"}), **ACCEPT)
    # risky: 100; loyal: 0.95*200 = 190; middle: 0.3*90 + 0.7*0.5*100 = 62
    assert result["expected margin"] == pytest.approx(100 + 190 + 62)
    # retained: risky 0.6 + 0.4*0.2; loyal 0.95; middle 0.3 + 0.7*0.5
    assert result["expected retained"] == pytest.approx(0.68 + 0.95 + 0.65)
    assert result["offers made"] == 2
    nothing = value.evaluate_policy(customers, offers, pd.Series(dtype="str"), **ACCEPT)
    assert nothing["expected margin"] == pytest.approx(40 + 190 + 50)


def test_the_optimised_policy_beats_no_action_and_one_offer_for_all():
    rng = np.random.default_rng(0)
    customers = pd.DataFrame({"churn_probability": rng.random(50),
                              "margin": rng.uniform(50, 300, 50)},
                             index=pd.Index([f"c{i}" for i in range(50)], name="customer_id"))
    offers = pd.DataFrame({"discount": [5.0, 40.0, 90.0], "p": [0.2, 0.5, 0.8]},
                          index=pd.Index(["a", "b", "c"], name="offer_id"))
    top = value.next_best_offers(customers, offers, k=3, **ACCEPT)
    best = top[top["rank"] == 1].set_index("customer_id")["offer_id"]
    optimised = value.evaluate_policy(customers, offers, best, **ACCEPT)
    nothing = value.evaluate_policy(customers, offers, pd.Series(dtype="str"), **ACCEPT)
    everyone_c = value.evaluate_policy(customers, offers,
                                       pd.Series("c", index=customers.index), **ACCEPT)
    assert optimised["expected margin"] >= nothing["expected margin"]
    assert optimised["expected margin"] >= everyone_c["expected margin"]


def test_calibration_table_groups_of_equal_size():
    y = [0, 0, 0, 1, 0, 1, 1, 1]
    p = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]
    table = value.calibration_table(y, p, bins=2)
    assert table["rows"].tolist() == [4, 4]
    assert table["predicted"].tolist() == pytest.approx([0.25, 0.65])
    assert table["observed"].tolist() == pytest.approx([0.25, 0.75])


def test_offer_pairs_is_a_cross_join_with_suffixes():
    customers = pd.DataFrame({"fee": [1.0, 2.0]}, index=pd.Index(["A", "B"], name="customer_id"))
    offers = pd.DataFrame({"fee": [5.0]}, index=pd.Index(["X"], name="offer_id"))
    pairs = value.offer_pairs(customers, offers)
    assert pairs.columns.tolist() == ["customer_id", "fee", "offer_id", "fee_offer"]
    assert len(pairs) == 2


def test_churn_probability_is_the_annualised_class_1_probability():
    from sklearn.linear_model import LogisticRegression

    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    model = LogisticRegression().fit(X, [0, 0, 1, 1])
    six_months = model.predict_proba(X)[:, 1]
    np.testing.assert_allclose(value.churn_probability(model, X, months=6),
                               1 - (1 - six_months) ** 2)
    np.testing.assert_allclose(value.churn_probability(model, X), six_months)
