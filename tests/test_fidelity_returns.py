"""Retour Rumoer (Shopping Tomorrow paper): AUC >= 0.75 on later orders with a glass box, and
"same item in several sizes" among the top drivers; a compact version of notebook 18."""

import numpy as np
import pandas as pd
import pytest

from aimkit import datasets, predict
from aimkit.datasets import returns

CUTOFF = pd.Timestamp("2021-07-01")
FEATURES = ["sizes_of_item_in_basket", "fit_gap", "fit_score", "past_return_rate",
            "past_orders", "category", "price"]


@pytest.fixture(scope="module")
def case():
    tables = datasets.load("returns")
    lines = tables["order_lines"].merge(tables["products"][["product_id", "category"]])
    lines["y"] = (lines["returned"] == "yes").astype(int)
    lines["size_index"] = lines["size"].map({s: i for i, s in enumerate(returns.SIZES)})
    lines["sizes_of_item_in_basket"] = lines.groupby(["order_id", "product_id"])[
        "size"].transform("nunique")
    reviews = tables["fit_reviews"]
    known = reviews[reviews["reviewed_on"] < CUTOFF]
    score = known["fit"].map({"runs small": -1, "true to size": 0, "runs large": 1})
    lines["fit_score"] = lines["product_id"].map(score.groupby(known["product_id"]).mean())
    lines["fit_score"] = lines["fit_score"].fillna(0.0)
    lines = lines.sort_values(["ordered_at", "order_id"]).reset_index(drop=True)
    orders = lines.assign(kept=1 - lines["y"], kept_size=(1 - lines["y"]) * lines["size_index"])
    orders = orders.groupby(["customer_id", "order_id"], sort=False).agg(
        items=("y", "size"), returned=("y", "sum"), kept=("kept", "sum"),
        kept_size=("kept_size", "sum")).reset_index()
    earlier = orders.groupby("customer_id")[["items", "returned", "kept", "kept_size"]].cumsum()
    earlier -= orders[["items", "returned", "kept", "kept_size"]]
    orders["past_orders"] = orders.groupby("customer_id").cumcount()
    orders["past_return_rate"] = earlier["returned"] / earlier["items"].where(earlier["items"] > 0)
    orders["usual_size"] = earlier["kept_size"] / earlier["kept"].where(earlier["kept"] > 0)
    lines = lines.merge(orders[["order_id", "past_orders", "past_return_rate", "usual_size"]])
    consent = lines["customer_id"].map(
        tables["customers"].set_index("customer_id")["consent_order_history"])
    lines.loc[consent == "no", ["past_orders", "past_return_rate", "usual_size"]] = np.nan
    lines["fit_gap"] = (lines["size_index"] - lines["usual_size"] + lines["fit_score"]).abs()
    return lines, predict.time_split(lines["ordered_at"], CUTOFF)


def test_several_sizes_of_one_item_are_returned_far_more_often(case):
    lines, _ = case
    rate = lines.groupby(lines["sizes_of_item_in_basket"] > 1)["y"].mean()
    assert rate[True] > 2 * rate[False]


def test_glass_box_auc_at_least_075_and_several_sizes_among_top_drivers(case):
    lines, split = case
    models = {"logistic regression": predict.default_models()["logistic regression"]}
    table = predict.compare_models(lines[FEATURES], lines["y"], models, cv=split,
                                   scoring="roc_auc")
    assert table.loc["logistic regression", "mean"] >= 0.75
    [(train, test)] = split
    model = predict.best_model(table, lines[FEATURES].iloc[train], lines["y"].iloc[train],
                               models)
    drivers = predict.feature_importance(model, lines[FEATURES].iloc[test],
                                         lines["y"].iloc[test], scoring="roc_auc")
    assert "sizes_of_item_in_basket" in drivers.index[:3]


def test_explanations_add_up_and_name_the_several_sizes(case):
    lines, split = case
    [(train, test)] = split
    model = predict.make_pipeline(predict.default_models()["logistic regression"]).fit(
        lines[FEATURES].iloc[train], lines["y"].iloc[train])
    bracketed = lines.iloc[test].query("sizes_of_item_in_basket == 3").head(5)
    parts = predict.explain_linear(model, bracketed[FEATURES], lines[FEATURES].iloc[train])
    assert (parts["sizes_of_item_in_basket"] > 0.5).all()
