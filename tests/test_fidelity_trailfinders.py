"""TrailFinders (e-book p. 43): the FIDELITY.md targets emerge from the raw TravelNote export.

An independent, compact version of notebook 11's pipeline: deduplicate on name + address +
phone, one row per booking with the e-book's features from the history up to it, the three
labels, a time-based held-out split and the model comparison through aimkit.predict.
"""

import numpy as np
import pandas as pd
import pytest

from aimkit import datasets, predict

LABELS = ["0-200 days", "200-350 days", "> 350 days"]
FEATURES = ["n_bookings", "days_since_previous", "gap_mean", "gap_std", "customer_age",
            "participants", "party_mean", "participant_age_mean", "price",
            "price_per_participant"]


def normal(values):
    return values.fillna("").str.lower().str.split().str.join(" ")


@pytest.fixture(scope="module")
def case():
    tables = datasets.load("trailfinders")
    customers, bookings = tables["customers"], tables["bookings"]
    phone = customers["phone"].str.replace(r"\D", "", regex=True).str.replace(
        r"^3[12]", "0", regex=True)
    key = (normal(customers["first_name"]) + normal(customers["last_name"])
           + normal(customers["address"]) + phone)
    customers["person_id"] = customers.groupby(key)["customer_id"].transform("first")

    participants = tables["participants"].merge(bookings[["booking_id", "departure_date"]])
    participants["age"] = (participants["departure_date"]
                           - participants["birth_date"]).dt.days / 365.25
    rows = (bookings.merge(customers[["customer_id", "person_id", "birth_date"]])
            .merge(participants.groupby("booking_id")["age"].mean().rename("p_age").reset_index())
            .sort_values(["person_id", "booking_date", "booking_id"]).reset_index(drop=True))
    history = rows.groupby("person_id")
    rows["n_bookings"] = history.cumcount() + 1
    rows["days_since_previous"] = history["booking_date"].diff().dt.days
    gaps = rows.groupby("person_id")["days_since_previous"]
    rows["gap_mean"] = gaps.transform(lambda s: s.expanding().mean())
    rows["gap_std"] = gaps.transform(lambda s: s.expanding().std())
    rows["customer_age"] = (rows["booking_date"] - rows["birth_date"]).dt.days / 365.25
    rows["party_mean"] = history["participants"].transform(lambda s: s.expanding().mean())
    rows["participant_age_mean"] = history["p_age"].transform(lambda s: s.expanding().mean())
    rows["price"] = rows["total_price"]
    rows["price_per_participant"] = rows["total_price"] / rows["participants"]
    rows["days_to_next"] = (history["booking_date"].shift(-1) - rows["booking_date"]).dt.days
    end = rows["booking_date"].max()
    labelled = rows[rows["booking_date"] <= end - pd.Timedelta(days=350)].reset_index(drop=True)
    labels = pd.cut(labelled["days_to_next"].fillna(np.inf), [-1, 200, 350, np.inf],
                    labels=LABELS).astype(str).to_numpy()
    split = predict.time_split(labelled["booking_date"], "2019-01-01", horizon_days=350)
    return customers, rows, labelled, labels, split


def test_more_than_1000_customers_over_more_than_ten_years_with_duplicates(case):
    customers, rows, *_ = case
    people = customers["person_id"].nunique()
    assert people > 1000
    assert len(customers) - people > 50  # duplicate records exist and are merged
    names = normal(customers["first_name"]) + normal(customers["last_name"])
    assert names.nunique() < people  # a name alone would wrongly merge different people
    years = (rows["booking_date"].max() - rows["booking_date"].min()).days / 365.25
    assert years > 10


def test_most_book_once_or_twice_and_a_small_loyal_group_almost_yearly(case):
    _, rows, *_ = case
    frequency = rows.groupby("person_id").size()
    assert (frequency <= 2).mean() >= 0.6
    loyal = rows[rows["person_id"].isin(frequency[frequency >= 5].index)]
    assert 0.03 <= (frequency >= 5).mean() <= 0.25
    assert loyal["days_since_previous"].median() < 365


def test_at_least_four_models_on_one_held_out_split_best_between_73_and_83(case):
    *_, labelled, labels, split = case
    table = predict.compare_models(labelled[FEATURES], labels, cv=split, random_state=2021)
    models = table.drop(predict.BASELINE)
    assert len(models) >= 4
    assert 0.73 <= models["mean"].iloc[0] <= 0.83
    assert models["mean"].iloc[0] > table.loc[predict.BASELINE, "mean"] + 0.15


def test_shuffled_labels_score_at_chance(case):
    *_, labelled, labels, split = case
    shuffled = np.random.default_rng(0).permutation(labels)
    table = predict.compare_models(labelled[FEATURES], shuffled, cv=split, random_state=2021)
    chance = table.loc[predict.BASELINE, "mean"]
    assert table.drop(predict.BASELINE)["mean"].max() <= chance + 0.05
