"""Benchmark ``aimkit.recommend.ItemKNN`` at Earnieland scale against a dense numpy baseline.

Builds Earnieland's world in memory (:func:`aimkit.datasets.earnieland.simulate`) with 215,000
members — about 2 million purchases at 500 shops — finds the At Risk and Can't Lose members with
:mod:`aimkit.rfm`, and times, in the same run, the case's recommendation step: fit item-based
collaborative filtering on all valid purchases and give every member to reactivate the two
shops most similar to their last shop.

- ``dense``: the textbook way — ``pd.factorize`` the IDs, fill a dense members × shops 0/1
  matrix (float32), cosine similarity as ``X.T @ X`` scaled by the column norms, ``argsort`` of
  the last shops' rows;
- ``aimkit``: ``ItemKNN().fit(...)`` and ``recommend_all(k=2, from_items=last_shop)`` on the
  sparse matrix.

Each is timed best of three; the peak memory each allocates is measured with tracemalloc in a
separate untimed call. The two answers are compared. Target: aimkit under 3 s and 1 GB on 2
cores.

First, memory on a dense catalogue (issue 14.6): ``ItemKNN().fit`` on about 100,000 ratings of
9,700 items by 610 users, shaped like MovieLens' small dataset (a few users rate thousands of
items, so tens of millions of item pairs co-occur). Reported, not timed: the tracemalloc peak
of the fit and the growth of the process's peak RSS (psutil and ``getrusage``). Target: under
1 GB (converting the similarity to LIL to clear its diagonal took 2.6 GB traced, 8 GB RSS).

Run: ``python benchmarks/recommend.py [members]``.
"""

from __future__ import annotations

import resource
import sys
import time
import tracemalloc

import numpy as np
import pandas as pd
import psutil

from aimkit import rfm
from aimkit.datasets import earnieland
from aimkit.recommend import ItemKNN

NOW = pd.Timestamp("2021-07-01")


def world(members: int) -> tuple[pd.DataFrame, pd.Series, int]:
    """Valid purchases, each At Risk / Can't Lose member's last shop, all purchases."""
    purchases = earnieland.simulate(seed=2021, users=members)["purchases"]
    valid = purchases[purchases["status"] != "declined"]
    table = rfm.rfm_table(valid, now=NOW, customer="user_id", order="purchase_id",
                          date="purchased_at", amount="amount")
    segments = rfm.named_segments(rfm.rfm_scores(table))
    targets = segments[segments.isin(["At Risk", "Can't Lose"])].index
    last = valid.drop_duplicates("user_id", keep="last").set_index("user_id")["shop_id"]
    return valid[["user_id", "shop_id"]], last.loc[targets], len(purchases)


def dense(valid: pd.DataFrame, last: pd.Series) -> pd.DataFrame:
    users, user_index = pd.factorize(valid["user_id"])
    shops, shop_index = pd.factorize(valid["shop_id"])
    matrix = np.zeros((len(user_index), len(shop_index)), dtype=np.float32)
    matrix[users, shops] = 1.0
    norms = np.sqrt(matrix.sum(axis=0))
    similarity = (matrix.T @ matrix) / np.outer(norms, norms)
    np.fill_diagonal(similarity, -np.inf)
    rows = similarity[shop_index.get_indexer(last.to_numpy())]
    best = np.argsort(-rows, axis=1, kind="stable")[:, :2]
    return pd.DataFrame({"user": np.repeat(last.index.to_numpy(), 2),
                         "item": shop_index.to_numpy()[best.ravel()]})


def sparse(valid: pd.DataFrame, last: pd.Series) -> pd.DataFrame:
    model = ItemKNN().fit(valid, user="user_id", item="shop_id")
    return model.recommend_all(k=2, from_items=last, exclude_seen=False)


def dense_catalogue(users: int = 610, items: int = 9_742, ratings: int = 100_836,
                    seed: int = 0) -> pd.DataFrame:
    """Ratings shaped like MovieLens' small dataset: skewed activity (>= 20 a user), popularity."""
    rng = np.random.default_rng(seed)
    activity = np.exp(rng.normal(0.0, 1.2, users))
    per_user = np.clip(np.round(activity / activity.sum() * ratings), 20, items // 3).astype(int)
    popularity = 1.0 / np.arange(1, items + 1) ** 0.9
    popularity /= popularity.sum()
    rated = [rng.choice(items, n, replace=False, p=popularity) for n in per_user]
    return pd.DataFrame({"user_id": np.repeat(np.arange(users), per_user),
                         "item_id": np.concatenate(rated)})


def catalogue_memory() -> None:
    """Peak memory of ``ItemKNN().fit`` on the dense catalogue (run first: peak RSS is global)."""
    ratings = dense_catalogue()
    rss_before = psutil.Process().memory_info().rss
    tracemalloc.start()
    start = time.perf_counter()
    model = ItemKNN().fit(ratings)
    seconds = time.perf_counter() - start
    traced = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kB on Linux
    matrix = model.similarity_
    size = matrix.data.nbytes + matrix.indices.nbytes + matrix.indptr.nbytes
    print(f"dense catalogue: {len(ratings):,} ratings, {ratings['user_id'].nunique()} users, "
          f"{ratings['item_id'].nunique():,} items; {matrix.nnz:,} similar pairs "
          f"({size / 2**20:,.0f} MiB)")
    print(f"ItemKNN.fit: {seconds:.1f} s (under tracemalloc), peak {traced / 2**20:,.0f} MiB "
          f"traced, peak RSS +{(peak_rss - rss_before) / 2**20:,.0f} MiB (target < 1024)\n")


def best_of(fn, *args, repeat: int = 3) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn(*args)
        times.append(time.perf_counter() - start)
    return min(times), result


def peak_mb(fn, *args) -> float:
    tracemalloc.start()
    fn(*args)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2 ** 20


def main(members: int = 215_000) -> None:
    catalogue_memory()
    start = time.perf_counter()
    valid, last, total = world(members)
    print(f"world: {valid['user_id'].nunique():,} buying members of {members:,}, "
          f"{valid['shop_id'].nunique()} shops, {total:,} purchases ({len(valid):,} valid); "
          f"{len(last):,} members to reactivate (built in {time.perf_counter() - start:.1f} s)")
    results = {}
    for name, fn in (("dense", dense), ("aimkit", sparse)):
        seconds, answer = best_of(fn, valid, last)
        results[name] = (seconds, peak_mb(fn, valid, last), answer)
    base = results["dense"][0]
    print(f"{'method':8} {'seconds':>8} {'× dense':>8} {'peak MB':>8}")
    for name, (seconds, peak, _) in results.items():
        print(f"{name:8} {seconds:8.2f} {seconds / base:8.2f} {peak:8.0f}")
    mine = results["aimkit"][2].groupby("user")["item"].agg(frozenset)
    theirs = results["dense"][2].groupby("user")["item"].agg(frozenset)
    agree = (mine == theirs.reindex(mine.index)).mean()
    print(f"same top-2 set for {agree:.2%} of members (float32 vs float64 ties may differ)")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:]))
