"""Energy supplier (e-book p. 77): churn AUC, the policy table and the agent's top 3 emerge
from the four systems' exports; the generator scales to the e-book's 400,000 customers."""

import numpy as np
import pandas as pd
import pytest

from aimkit import datasets, features, predict, value
from aimkit.datasets import energy

MODELS = {name: model for name, model in predict.default_models().items()
          if name in ("logistic regression", "gradient boosting")}


@pytest.fixture(scope="module")
def case():
    tables = datasets.load("energy")
    view = features.customer_view(tables, energy.SNAPSHOT).join(
        features.churn_outcome(tables, energy.SNAPSHOT).rename("outcome"))
    data = view[view["outcome"] != "moved"]
    churned = (data["outcome"] == "switched supplier").astype(int)
    split = predict.holdout_split(churned)
    churn = predict.compare_models(data[features.CHURN_FEATURES], churned, MODELS, cv=split,
                                   scoring="roc_auc")
    churn_model = predict.best_model(churn, data[features.CHURN_FEATURES], churned, MODELS)
    campaign, accepted = features.campaign_pairs(tables)
    accept = predict.compare_models(campaign[features.ACCEPT_FEATURES], accepted, MODELS, cv=3,
                                    scoring="roc_auc")
    accept_model = predict.best_model(accept, campaign[features.ACCEPT_FEATURES], accepted, MODELS)
    now = features.customer_view(tables, energy.EXPORT_DATE)
    now["churn_probability"] = value.churn_probability(churn_model, now[features.CHURN_FEATURES],
                                                       months=6)
    now["margin"] = now["yearly_margin"]
    at_risk = now[now["churn_probability"] >= now["churn_probability"].quantile(0.85)]
    catalogue = tables["offer_catalogue"].set_index("offer_id")
    callables = {
        "accept_probability": lambda p: accept_model.predict_proba(
            features.offer_features(p)[features.ACCEPT_FEATURES])[:, 1],
        "offer_margin": lambda p: p["margin"] - (p["yearly_cost"]
                                                 - features.offer_features(p)["offer_cost"]),
    }
    return churn, accept, at_risk, catalogue, callables


def test_churn_auc_on_held_out_customers(case):
    churn, *_ = case
    assert churn["mean"].iloc[0] >= 0.70
    assert churn.loc[predict.BASELINE, "mean"] == 0.5


def test_offer_acceptance_is_learnable_from_the_randomised_campaign(case):
    _, accept, *_ = case
    assert accept["mean"].iloc[0] >= 0.65


def test_optimised_top3_policy_beats_no_action_and_cheapest_offer_for_all(case):
    _, _, at_risk, catalogue, callables = case
    top3 = value.next_best_offers(at_risk, catalogue, k=3, margin_floor=100.0, **callables)
    assert (top3["offer_margin"] >= 100.0).all()
    assert top3.groupby("customer_id").size().max() <= 3
    assert top3["customer_id"].nunique() > 0.5 * len(at_risk)
    pairs = value.offer_pairs(at_risk, catalogue)
    pairs["cost"] = features.offer_features(pairs)["offer_cost"]
    cheapest = pairs.loc[pairs.groupby("customer_id")["cost"].idxmin()].set_index(
        "customer_id")["offer_id"]
    optimised = top3[top3["rank"] == 1].set_index("customer_id")["offer_id"]
    results = {name: value.evaluate_policy(at_risk, catalogue, assignment, **callables)
               for name, assignment in [("none", pd.Series(dtype="str")),
                                        ("cheapest", cheapest), ("optimised", optimised)]}
    assert results["optimised"]["expected margin"] > results["none"]["expected margin"]
    assert results["optimised"]["expected margin"] > results["cheapest"]["expected margin"]
    assert results["optimised"]["expected retained"] > results["none"]["expected retained"]


def test_generator_scales_linearly_towards_400000_customers():
    assert energy.N_CUSTOMERS * 160 == 400_000  # the scale benchmarks/energy.py runs
    tables = energy.generate(scale=8)
    assert len(tables["erp_customers"]) == 20_000
    lines_per_customer = len(tables["erp_invoices"]) / 20_000
    assert lines_per_customer > 15  # 400,000 customers give millions of order lines
    assert np.isclose(lines_per_customer,
                      len(datasets.load("energy")["erp_invoices"]) / energy.N_CUSTOMERS, rtol=0.05)
