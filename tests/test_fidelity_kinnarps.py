"""Kinnarps (e-book p. 36): KMeans k = 4 on four years of amount, contacts and orders.

Runs the case pipeline of notebooks/cases/10_kinnarps_b2b_clustering.ipynb through aimkit on
the shipped exports and asserts the FIDELITY.md targets.
"""

import pandas as pd
import pytest

from aimkit import datasets, segment

EBOOK_AMOUNT = pd.Series([10_283, 147_345, 605_008, 1_376_600], index=["1", "2", "3", "4"])
END = pd.Timestamp("2021-03-31")
START = pd.Timestamp("2017-04-01")


@pytest.fixture(scope="module")
def clustered():
    tables = datasets.load("kinnarps")
    erp, contacts = tables["erp_orders"], tables["crm_contacts"]
    sales = erp[erp["document_type"].isin(["Order", "Credit Memo"]) & erp["customer_no"].notna()
                & erp["order_date"].between(START, END)]
    days = pd.to_datetime(contacts["contact_date"], format="%d/%m/%Y %H:%M", errors="coerce")
    window = contacts[days.between(START, END)]
    features = pd.DataFrame({
        "amount": sales.groupby("customer_no")["amount"].sum(),
        "orders": sales[sales["document_type"] == "Order"].groupby("customer_no")["document_no"]
        .nunique(),
    })
    features["contacts"] = window.groupby("customer_id").size().reindex(features.index,
                                                                        fill_value=0)
    codes = tables["crm_customers"].set_index("customer_id")["potential_code"]
    features["code"] = codes.reindex(features.index)
    seg = segment.ValueSegmenter(4, ["amount", "contacts", "orders"], labels=["4", "3", "2", "1"],
                                 random_state=2021)
    features["cluster"] = seg.fit_predict(features)
    return features


def test_centres_in_the_ebook_order_and_magnitude(clustered):
    profile = segment.profile(clustered, clustered["cluster"], ["amount", "contacts", "orders"])
    profile = profile.loc[["1", "2", "3", "4"]]
    assert profile[["amount", "contacts", "orders"]].apply(
        lambda s: s.is_monotonic_increasing).all()
    assert ((profile["amount"] / EBOOK_AMOUNT - 1).abs() <= 0.30).all()
    assert profile.loc["4", "customers"] <= 10
    assert 0.7 * 102 <= profile.loc["1", "customers"] <= 1.3 * 102


def test_potential_code_mix_per_cluster(clustered):
    shares = segment.compare_labels(clustered["cluster"], clustered["code"])
    counts = segment.compare_labels(clustered["cluster"], clustered["code"], normalize=False)
    assert (shares.loc[["3", "4"], "A"] >= 0.80).all()
    small = counts[["C", "D"]].sum(axis=1)
    assert small["1"] / small.sum() > 0.5
    assert counts.loc["1", "A"] > 0 and counts.loc["1", "B"] > 0
    assert shares.loc["2", "D"] >= 0.10  # private customers who buy like mid-size clients
