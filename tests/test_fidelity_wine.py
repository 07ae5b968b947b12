"""Wine merchant (e-book p. 55): the FIDELITY.md targets emerge from the shipped data.

Targets: channels linked through the POS; customer segments found automatically; at least 90 %
of the top-5 recommendations match the customer's preferred type and budget band.
"""

import numpy as np
import pandas as pd
import pytest
from sklearn.cluster import KMeans
from sklearn.preprocessing import StandardScaler

from aimkit import datasets, recommend

SPELLING = {"red": "red", "rood": "red", "white": "white", "wit": "white", "rosé": "rosé",
            "rose": "rosé", "sparkling": "sparkling", "bubbels": "sparkling",
            "mousserend": "sparkling"}


@pytest.fixture(scope="module")
def prepared():
    tables = datasets.load("wine")
    wines = tables["wines"].assign(
        type=lambda w: w["type"].str.strip().str.lower().map(SPELLING))
    customers = tables["customers"]
    key = customers["email"].str.strip().str.lower()
    golden = customers.assign(key=key).sort_values("customer_id").groupby("key")[
        "customer_id"].transform("first")
    to_golden = pd.Series(golden.sort_index().to_numpy(), index=customers["customer_id"])
    sales = tables["pos_sales"].dropna(subset=["customer_id"])
    lines = sales.assign(customer=sales["customer_id"].map(to_golden)).merge(
        wines[["wine_id", "type", "price_eur"]], on="wine_id")
    return wines, customers, to_golden, lines


def test_types_and_customers_are_cleaned(prepared):
    wines, customers, to_golden, lines = prepared
    assert set(wines["type"]) == {"red", "white", "rosé", "sparkling"}
    merged = (to_golden.index != to_golden.to_numpy()).sum()
    assert 0.04 * len(customers) <= merged <= 0.12 * len(customers)
    assert lines.groupby("customer")["channel"].nunique().gt(1).mean() > 0.5


def test_segments_are_found_automatically(prepared):
    _, _, _, lines = prepared
    bottles = lines.pivot_table(index="customer", columns="type", values="quantity",
                                aggfunc="sum", fill_value=0)
    features = bottles.div(bottles.sum(axis=1), axis=0)
    features["log_price"] = np.log(lines.groupby("customer")["unit_price"].median())
    features["webshop"] = lines["channel"].eq("webshop").groupby(lines["customer"]).mean()
    labels = KMeans(5, n_init=4, random_state=2021).fit_predict(
        StandardScaler().fit_transform(features))
    shares = features.groupby(labels)[["red", "white", "rosé", "sparkling"]].mean()
    assert (shares.max(axis=1) >= 0.8).all()
    assert set(shares.idxmax(axis=1)) == {"red", "white", "rosé", "sparkling"}


def test_top5_respects_type_and_budget(prepared):
    wines, _, _, lines = prepared
    model = recommend.ItemKNN().fit(lines, user="customer", item="wine_id")
    candidates = model.recommend_all(k=50)
    history = lines.rename(columns={"customer": "user", "wine_id": "item"})
    catalogue = wines.rename(columns={"wine_id": "item"})
    top5 = recommend.rerank_by_profile(candidates, history, catalogue, category="type",
                                       price="price_eur")
    top5 = top5[top5["rank"] <= 5]
    bottles = lines.pivot_table(index="customer", columns="type", values="quantity",
                                aggfunc="sum", fill_value=0)
    table = (top5[["user", "item"]].merge(catalogue, on="item")
             .join(bottles.idxmax(axis=1).rename("preferred"), on="user")
             .join(lines.groupby("customer")["unit_price"].median().rename("usual"), on="user"))
    ok = (table["type"] == table["preferred"]) & table["price_eur"].between(
        table["usual"] / 1.5, table["usual"] * 1.5)
    assert ok.mean() >= 0.90
    assert top5.groupby("user").size().eq(5).mean() > 0.95


def test_item_knn_beats_popularity_offline(prepared):
    _, _, _, lines = prepared
    result = recommend.evaluate(recommend.ItemKNN(), lines, k=5, user="customer",
                                item="wine_id", time="sold_at")
    assert result["hit_rate"].iloc[0] > 2 * result.loc["popularity", "hit_rate"]
    assert result["hit_rate"].iloc[0] > 5 * result.loc["random", "hit_rate"]
