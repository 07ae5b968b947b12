"""aimkit.recommend: known answers on tiny matrices, consistency, cold start, evaluation."""

import tracemalloc

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.metrics.pairwise import cosine_similarity

from aimkit import _ranking
from aimkit.recommend import (
    ContentSimilarity,
    Hybrid,
    ItemKNN,
    Popularity,
    RandomItems,
    UserKNN,
    evaluate,
    interaction_matrix,
    item_similarity,
    rerank_by_profile,
    top_k,
)

# u1 buys a, b; u2 buys a, c; u3 buys a, b, c (and a twice)
TINY = pd.DataFrame({"user_id": ["u1", "u1", "u2", "u2", "u3", "u3", "u3", "u3"],
                     "item_id": ["a", "b", "a", "c", "a", "b", "c", "a"]})


def random_interactions(seed=0, users=60, items=15, rows=400):
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"user_id": rng.integers(0, users, rows),
                         "item_id": [f"i{j:02d}" for j in rng.integers(0, items, rows)]})


def test_interaction_matrix_counts_weights_and_binary():
    matrix, users, items = interaction_matrix(TINY)
    assert list(users) == ["u1", "u2", "u3"] and list(items) == ["a", "b", "c"]
    assert matrix.toarray().tolist() == [[1, 1, 0], [1, 0, 1], [2, 1, 1]]
    binary, _, _ = interaction_matrix(TINY, binary=True)
    assert binary.toarray().max() == 1
    weighted, _, _ = interaction_matrix(TINY.assign(w=2.5), weight="w")
    assert weighted[2, 0] == 5.0
    with pytest.raises(KeyError, match="shop"):
        interaction_matrix(TINY, item="shop")


def test_item_similarity_by_hand():
    model = ItemKNN().fit(TINY)
    s = model.similarity_.toarray()
    # columns a=[1,1,1], b=[1,0,1], c=[0,1,1]
    assert s[0, 1] == pytest.approx(2 / np.sqrt(6))
    assert s[0, 2] == pytest.approx(2 / np.sqrt(6))
    assert s[1, 2] == pytest.approx(0.5)
    assert np.diag(s).tolist() == [0, 0, 0]


def test_item_similarity_equals_sklearn_cosine_on_a_random_matrix():
    data = random_interactions()
    model = ItemKNN(binary=False).fit(data)
    dense = pd.crosstab(data["user_id"], data["item_id"]).to_numpy().astype(float)
    expected = cosine_similarity(dense.T)
    np.fill_diagonal(expected, 0)
    np.testing.assert_allclose(model.similarity_.toarray(), expected, atol=1e-12)


def test_the_diagonal_is_cleared_not_stored_and_the_values_are_unchanged():
    data = random_interactions(3, users=80, items=40, rows=900)
    matrix, _, _ = interaction_matrix(data)
    similarity = item_similarity(matrix)
    dense = matrix.toarray()
    gram = dense.T @ dense
    inverse = 1 / np.sqrt(np.diag(gram))
    expected = (gram * inverse[:, None]) * inverse[None, :]  # the same products, in order
    np.fill_diagonal(expected, 0.0)
    np.testing.assert_array_equal(similarity.toarray(), expected)
    stored = similarity.tocoo()
    assert (stored.row != stored.col).all() and (stored.data != 0).all()
    assert similarity.nnz == np.count_nonzero(expected) and similarity.has_sorted_indices


def test_item_similarity_works_on_the_sparse_matrix_without_copies():
    # 300 users with 150 of 2,000 items each: about 2 million item pairs; a LIL copy to
    # clear the diagonal took 7.7x the final matrix at its peak, the CSR way 1.7x
    rng = np.random.default_rng(4)
    users = np.repeat(np.arange(300), 150)
    items = np.concatenate([rng.choice(2000, 150, replace=False) for _ in range(300)])
    data = pd.DataFrame({"user_id": users, "item_id": items})
    matrix, _, _ = interaction_matrix(data)
    tracemalloc.start()
    similarity = item_similarity(matrix)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    size = similarity.data.nbytes + similarity.indices.nbytes + similarity.indptr.nbytes
    assert similarity.nnz > 1_000_000
    assert peak < 2.2 * size


@settings(max_examples=150, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 12)),
              elements=st.sampled_from([0.0, 1.0, 2.0, 2.5, -1.0, -np.inf])),
       st.integers(1, 14))
def test_the_batch_top_k_equals_the_plain_stable_sort(scores, k):
    plain_index, plain_values = top_k(scores, k)
    batch_index, batch_values = _ranking.top_k(scores, k)
    np.testing.assert_array_equal(batch_index, plain_index)
    np.testing.assert_array_equal(batch_values, plain_values)


def test_scores_and_items_of_are_the_public_steps_of_recommend():
    model = ItemKNN().fit(TINY)
    scores = model.scores("u1")
    # u1 has a and b: score of c = sim(a, c) + sim(b, c); own items keep their scores
    assert scores.index.tolist() == ["a", "b", "c"]
    assert scores["c"] == pytest.approx(2 / np.sqrt(6) + 0.5)
    assert scores["a"] == pytest.approx(2 / np.sqrt(6))
    assert model.items_of("u1").tolist() == ["a", "b"]
    assert model.items_of(["c", "zz", "c"]).tolist() == ["c"]
    top = model.recommend("u1", k=5)
    assert top["item"].tolist() == ["c"] and top["score"].tolist() == [scores["c"]]
    with pytest.raises(KeyError, match="unknown user"):
        model.scores("nobody")


def test_item_recommendation_scores_by_hand():
    model = ItemKNN().fit(TINY)
    top = model.recommend("u1", k=5)
    assert top["item"].tolist() == ["c"]
    assert top["score"].iloc[0] == pytest.approx(2 / np.sqrt(6) + 0.5)
    everything = model.recommend("u1", k=5, exclude_seen=False)
    assert set(everything["item"]) == {"a", "b", "c"}
    basket = model.recommend(["b"], k=2)
    assert basket["item"].tolist() == ["a", "c"]
    assert model.similar_items("b", k=1)["item"].tolist() == ["a"]


def test_unknown_queries_raise_clear_errors():
    model = ItemKNN().fit(TINY)
    with pytest.raises(KeyError, match="unknown user"):
        model.recommend("nobody")
    with pytest.raises(KeyError, match="none of the items"):
        model.recommend(["zz"])
    with pytest.raises(RuntimeError, match="fit"):
        ItemKNN().recommend("u1")


@pytest.mark.parametrize("model", [ItemKNN(), UserKNN(neighbours=5)])
def test_recommend_all_agrees_with_recommend(model):
    data = random_interactions(1)
    model.fit(data)
    batch = model.recommend_all(k=4)
    for user in model.users_[:20]:
        one = model.recommend(user, k=4)
        got = batch[batch["user"] == user]
        assert got["item"].tolist() == one["item"].tolist()
        np.testing.assert_allclose(got["score"], one["score"])
        assert got["rank"].tolist() == list(range(1, len(one) + 1))


def test_recommend_all_from_items_leaves_out_the_basis_and_the_history():
    model = ItemKNN().fit(TINY)
    last = pd.Series(["b", "a"], index=["u1", "new"])
    out = model.recommend_all(k=3, from_items=last)
    assert out[out["user"] == "u1"]["item"].tolist() == ["c"]  # a and b are u1's own
    assert out[out["user"] == "new"]["item"].tolist() == ["b", "c"]
    keep = model.recommend_all(k=3, from_items=last, exclude_seen=False)
    assert keep[keep["user"] == "u1"]["item"].tolist() == ["a", "c"]  # only b, the basis, out


def test_ties_are_broken_by_item_order():
    model = ItemKNN().fit(TINY)
    assert model.recommend(["a"], k=2)["item"].tolist() == ["b", "c"]
    assert model.recommend(["a"], k=1)["item"].tolist() == ["b"]  # b and c tie: lower first


@pytest.mark.parametrize("rank", [top_k, _ranking.top_k])
def test_top_k_picks_the_lowest_columns_among_ties(rank):
    scores = np.array([[1.0, 3.0, 3.0, 3.0, 0.5, 3.0], [2.0, 1.0, 2.0, 5.0, 2.0, -np.inf]])
    index, values = rank(scores, 3)
    assert index.tolist() == [[1, 2, 3], [3, 0, 2]]
    assert values.tolist() == [[3.0, 3.0, 3.0], [5.0, 2.0, 2.0]]


def test_user_knn_by_hand():
    views = pd.DataFrame({"user_id": ["a", "a", "b", "b", "b", "c", "c", "d"],
                          "item_id": ["x", "y", "x", "y", "z", "x", "q", "q"]})
    model = UserKNN(neighbours=2).fit(views)
    near = model.neighbours_of("a")
    # a=(x,y); b=(x,y,z): 2/sqrt(6); c=(x,q): 1/2; d=(q): 0
    assert near["user"].tolist() == ["b", "c"]
    np.testing.assert_allclose(near["similarity"], [2 / np.sqrt(6), 0.5])
    top = model.recommend("a")
    # z: sim(a,b) * 1/sqrt(3);  q: sim(a,c) * 1/sqrt(2)
    expected = {"z": 2 / np.sqrt(6) / np.sqrt(3), "q": 0.5 / np.sqrt(2)}
    assert dict(zip(top["item"], top["score"], strict=True)) == pytest.approx(expected)
    anonymous = model.recommend(["q"], k=1)
    assert anonymous["item"].tolist() == ["x"]


def test_user_knn_never_counts_the_user_as_own_neighbour():
    data = random_interactions(2)
    model = UserKNN(neighbours=3).fit(data)
    for user in model.users_[:30]:
        near = model.neighbours_of(user)
        assert user not in set(near["user"]) and len(near) <= 3


def test_popularity_and_random_baselines():
    pop = Popularity().fit(TINY)
    assert pop.recommend("u1", k=3, exclude_seen=False)["item"].tolist() == ["a", "b", "c"]
    first = RandomItems(seed=4).fit(TINY).recommend_all(k=3)
    again = RandomItems(seed=4).fit(TINY).recommend_all(k=3)
    assert first.equals(again)


HOMES = pd.DataFrame({"id": ["A", "B", "C", "N"], "beds": [2, 3, 6, 3.0],
                      "price": [100, 200, 500, np.nan],
                      "region": ["Blanca", "Blanca", "Sol", "Blanca"]})


def test_gower_similarity_by_hand():
    model = ContentSimilarity(["beds", "price"], ["region"], weights={"region": 2}).fit(HOMES, "id")
    s = model.similarity(HOMES.set_index("id").loc[["A"]])[0]
    # A vs B: beds 1 - 1/4, price 1 - 100/400, region 1 (weight 2) -> (0.75 + 0.75 + 2) / 4
    assert s[1] == pytest.approx(3.5 / 4)
    # A vs N: price missing, so only beds and region count -> (0.75 + 2) / 3
    assert s[3] == pytest.approx(2.75 / 3)
    assert s[0] == 1.0
    new = model.similar_items({"beds": 6, "price": 450, "region": "Sol"}, k=1)
    assert new["item"].tolist() == ["C"]
    assert "A" not in model.similar_items("A")["item"].tolist()


def test_hybrid_brings_in_new_items_and_serves_new_users():
    views = pd.DataFrame({"user_id": ["u1", "u1", "u2", "u2", "u3"],
                          "item_id": ["A", "B", "B", "C", "C"]})
    model = Hybrid(ItemKNN(), ContentSimilarity(["beds", "price"], ["region"])).fit(
        views, HOMES.rename(columns={"id": "item_id"}))
    assert list(model.new_items_) == ["N"]
    top = model.recommend("u1", k=5).set_index("item")
    # N is B's twin (3 beds, Blanca); u1 knows B, so N inherits B's score, above C's
    assert top.index.tolist() == ["N", "C"]
    assert top.loc["N", "source"] == "content" and top.loc["C", "source"] == "collaborative"
    assert top.loc["N", "score"] == pytest.approx(1 / np.sqrt(2))
    assert model.recommend(["N"], k=1)["source"].tolist() == ["content"]
    assert model.recommend(["N"], k=1)["item"].tolist() == ["B"]
    assert model.recommend([], k=2)["source"].tolist() == ["popular", "popular"]


def clustered_views(seed=0, users=300):
    """Two tastes: users like items of their own group; popularity is flat."""
    rng = np.random.default_rng(seed)
    rows = []
    for u in range(users):
        group = u % 2
        for t, j in enumerate(rng.choice(10, size=4, replace=False)):
            rows.append((u, f"g{group}-{j}", t))
    return pd.DataFrame(rows, columns=["user_id", "item_id", "t"])


@pytest.mark.parametrize("model", [ItemKNN(), UserKNN(neighbours=10)])
def test_evaluation_beats_random_and_popularity_on_clustered_tastes(model):
    result = evaluate(model, clustered_views(), k=3, time="t")
    name = type(model).__name__
    assert list(result.index) == [name, "popularity", "random"]
    assert result.loc[name, "hit_rate"] > 1.5 * result.loc["random", "hit_rate"]
    assert result.loc[name, "hit_rate"] > result.loc["popularity", "hit_rate"]
    assert result["precision"].tolist() == pytest.approx((result["hit_rate"] / 3).tolist())
    assert (result["users"] == 300).all()


def test_evaluation_hides_the_last_new_item():
    views = pd.DataFrame({"user_id": [1, 1, 1, 2, 2], "item_id": ["a", "b", "a", "b", "a"],
                          "t": [1, 2, 3, 1, 2]})
    # user 1's last *new* item is b (a at t=3 is a repeat); user 2's is a
    result = evaluate(Popularity(), views, k=1, time="t")
    assert result.loc["Popularity", "users"] == 2
    with pytest.raises(ValueError, match="holdout"):
        evaluate(ItemKNN(), views, holdout="first")


def test_hybrid_matches_a_new_item_only_with_its_twins():
    views = pd.DataFrame({"user_id": ["u1", "u1", "u2"], "item_id": ["A", "B", "C"]})
    homes = HOMES.rename(columns={"id": "item_id"})
    meta = ContentSimilarity(["beds", "price"], ["region"])
    one = Hybrid(ItemKNN(), meta, twins=1).fit(views, homes)
    # N (3 beds, Blanca, no price) is B's twin (similarity 1); A is next (0.875)
    assert one.bridge_.astype(bool).sum() == 1
    # a basket of B scores A (bought with B), not B itself: N's only twin scores nothing
    assert "N" not in set(one.recommend(["B"], k=5)["item"])
    three = Hybrid(ItemKNN(), meta, twins=3).fit(views, homes)
    top = three.recommend(["B"], k=5).set_index("item")
    assert top.loc["N", "score"] == pytest.approx(0.875)


def test_rerank_by_profile_by_hand():
    items = pd.DataFrame({"item": ["r1", "r2", "w1", "s1"], "type": ["red", "red", "white", "sp"],
                          "price": [10.0, 20.0, 10.0, 10.0]})
    history = pd.DataFrame({"user": ["an"] * 3, "item": ["r1", "r1", "w1"]})
    candidates = pd.DataFrame({"user": ["an"] * 3, "item": ["r2", "w1", "s1"],
                               "score": [1.0, 1.0, 1.0]})
    out = rerank_by_profile(candidates, history, items, category="type", price="price",
                            spread=0.5, smoothing=1.0).set_index("item")
    # shares: red (2 + 1/3) / 4, white (1 + 1/3) / 4, sp (0 + 1/3) / 4; usual price 10
    fit_r2 = np.exp(-0.5 * (np.log(2) / 0.5) ** 2)
    assert out.loc["r2", "preference"] == pytest.approx((7 / 3) / 4 * fit_r2)
    assert out.loc["w1", "preference"] == pytest.approx((4 / 3) / 4)
    assert out.loc["s1", "preference"] == pytest.approx((1 / 3) / 4)
    assert out["rank"].tolist() == [1, 2, 3] and out.index.tolist() == ["w1", "r2", "s1"]
