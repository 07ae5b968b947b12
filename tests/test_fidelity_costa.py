"""Costa real estate (e-book p. 50): the FIDELITY.md targets emerge from the shipped data.

Targets: user-based KNN beats a popular and a random box offline (hit rate at k); the A/B test
gives a positive uplift whose confidence interval excludes zero; new listings appear in the
recommendations through metadata similarity.
"""

import pytest

from aimkit import datasets, experiment, recommend

K = 50
METADATA = dict(numeric=["price_eur", "bedrooms", "living_area_m2", "beach_distance_m"],
                categorical=["coast", "town", "property_type", "sea_view", "finish"],
                weights={"coast": 3, "property_type": 2, "price_eur": 2})


def interactions_from(events):
    """The notebook's preparation: IDs from URLs, no duplicates, no crawlers, weights."""
    clean = events.dropna(subset=["visitor_id"]).drop_duplicates()
    clean = clean.assign(property_id=clean["page_url"].str.extract(r"-(p\d{4})$", expand=False)
                         .str.upper())
    views = clean[(clean["event"] == "page_view") & clean["property_id"].notna()]
    per_visitor = views.groupby("visitor_id").size()
    bots = per_visitor[per_visitor > 100].index
    keep = (clean["event"].isin(["page_view", "favourite"]) & clean["property_id"].notna()
            & ~clean["visitor_id"].isin(bots))
    out = clean[keep]
    return out.assign(weight=out["event"].map({"page_view": 1, "favourite": 3})), bots


def ab_result(tables):
    assignment = tables["ab_assignment"]
    conv = tables["conversions"].merge(assignment, on="visitor_id")
    converted = conv.loc[conv["timestamp"] >= conv["assigned_at"], "visitor_id"].unique()
    test = assignment.assign(converted=assignment["visitor_id"].isin(converted))
    g = test.groupby("variant")["converted"].agg(["sum", "size"])
    return experiment.ab_test(int(g.loc["generic", "sum"]), int(g.loc["generic", "size"]),
                              int(g.loc["personalised", "sum"]), int(g.loc["personalised", "size"]))


@pytest.fixture(scope="module")
def tables():
    return datasets.load("costa")


@pytest.fixture(scope="module")
def interactions(tables):
    return interactions_from(tables["events"])[0]


def test_the_crawlers_are_found(tables):
    _, bots = interactions_from(tables["events"])
    assert sorted(bots) == ["vbot000", "vbot001", "vbot002", "vbot003"]


def test_user_knn_beats_popular_and_random_boxes(interactions):
    scores = recommend.evaluate(recommend.UserKNN(neighbours=K), interactions, k=10,
                                user="visitor_id", item="property_id", time="timestamp",
                                weight="weight")
    knn, popular, random = scores["hit_rate"]
    assert knn >= 1.5 * popular
    assert knn >= 3 * random


def test_ab_uplift_is_positive_with_an_interval_above_zero(tables):
    result = ab_result(tables)
    assert result.uplift > 0 and result.ci_low > 0 and result.p_value < 0.05


@pytest.mark.slow
@pytest.mark.parametrize("seed", [7, 11])
def test_the_uplift_is_not_a_lucky_seed(seed):
    result = ab_result(datasets.generate("costa", seed=seed))
    assert result.uplift > 0 and result.ci_low > 0


def test_new_listings_appear_in_recommendations(tables, interactions):
    properties = tables["properties"]
    hybrid = recommend.Hybrid(recommend.UserKNN(neighbours=K),
                              recommend.ContentSimilarity(**METADATA)).fit(
        interactions, properties, user="visitor_id", item="property_id", weight="weight")
    assert len(hybrid.new_items_) == 12
    assert not interactions["property_id"].isin(hybrid.new_items_).any()
    visitors = interactions["visitor_id"].drop_duplicates().sample(150, random_state=0)
    boxes = [hybrid.recommend(v, k=10) for v in visitors]
    share = sum((b["source"] == "content").any() for b in boxes) / len(boxes)
    appearing = {i for b in boxes for i in b.loc[b["source"] == "content", "item"]}
    assert 0.1 <= share <= 0.9
    assert len(appearing) >= 6
