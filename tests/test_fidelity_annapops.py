"""Anna Pops (e-book p. 59): RFMT segments A–E, 36-month baseline versus the last 12 months.

Runs the case pipeline of notebooks/cases/14_annapops_rfmt_behaviour.ipynb through aimkit on
the shipped exports (link shop payments by customer number or mobile number, RFMT, KMeans
with five value-ordered segments, compare_periods) and asserts the FIDELITY.md targets: each
count within ±25 % of the e-book's.
"""

import pandas as pd
import pytest

from aimkit import datasets, rfm, segment

EBOOK = {"Top": 356, "Needs attention": 813, "from Top": 451, "priority": 140, "Sleeping": 112,
         "Growing": 15}


def normalise_mobile(numbers: pd.Series) -> pd.Series:
    return numbers.str.replace(r"\D", "", regex=True).str.replace(r"^32", "0", regex=True)


@pytest.fixture(scope="module")
def changes():
    tables = datasets.load("annapops")
    customers, web, shop = tables["customers"], tables["web_orders"], tables["shop_payments"]
    book = customers.assign(mobile=normalise_mobile(customers["mobile"])).dropna(subset=["mobile"])
    book = book.drop_duplicates("mobile", keep=False).set_index("mobile")["customer_id"]
    linked = shop["customer_id"].fillna(normalise_mobile(shop["mobile"]).map(book))
    paid = web[web["status"] == "paid"]
    transactions = pd.concat([
        pd.DataFrame({"customer_id": paid["customer_id"], "order_id": paid["order_id"],
                      "order_date": paid["ordered_at"], "amount": paid["amount"]}),
        pd.DataFrame({"customer_id": linked, "order_id": "S" + shop["receipt_no"].astype(str),
                      "order_date": shop["paid_at"], "amount": shop["amount"]}),
    ], ignore_index=True)
    segmenter = segment.ValueSegmenter(
        5, ["recency", "frequency", "monetary", "tenure"],
        log=["recency", "frequency", "monetary"], lower_is_better=["recency"], random_state=2021)
    return rfm.compare_periods(transactions, baseline=("2018-07-01", "2021-06-30"),
                               current=("2020-07-01", "2021-06-30"), segmenter=segmenter,
                               priority_drop=3, priority_from=2)


def counts(changes):
    groups = changes["group"].value_counts()
    attention = changes["group"] == "Needs attention"
    return {"Top": groups["Top"], "Needs attention": groups["Needs attention"],
            "from Top": int((attention & (changes["baseline"] == "A")).sum()),
            "priority": int((attention & changes["priority"]).sum()),
            "Sleeping": groups["Sleeping"], "Growing": groups["Growing"]}


@pytest.mark.parametrize("name", list(EBOOK))
def test_behaviour_group_counts_near_the_ebook(changes, name):
    found = counts(changes)[name]
    assert abs(found / EBOOK[name] - 1) <= 0.25, f"{name}: {found} vs e-book {EBOOK[name]}"


def test_the_story_moves_down_not_up(changes):
    found = counts(changes)
    assert found["Needs attention"] > 10 * found["Growing"]
    share = found["from Top"] / found["Needs attention"]
    ebook = EBOOK["from Top"] / EBOOK["Needs attention"]  # about half came from Top
    assert abs(share / ebook - 1) <= 0.25, f"{share:.2f} of Needs attention from Top"


def test_baseline_segments_are_ordered_by_value(changes):
    assert list(changes["baseline"].cat.categories) == list("ABCDE")
    assert changes["group"].isin(rfm.BEHAVIOUR_GROUPS).all()
