"""Benchmark ``aimkit.rfm.rfm_table`` against a per-customer loop, pandas and DuckDB.

Builds order-line tables of 1 million and 10 million lines shaped like a webshop export
(lines of an order listed together, orders by date, text customer numbers, integer order
numbers, timestamps, amounts with some refunds), then times, in the same run:

- ``loop``: a plain Python loop over the lines, accumulating per customer (1 M lines only);
- ``pandas``: the textbook ``groupby(...).agg(...)`` (what ``rfm_table`` runs up to 250,000 lines);
- ``duckdb``: one SQL ``GROUP BY`` over the same DataFrame (DuckDB reads it in place);
- ``aimkit``: :func:`aimkit.rfm.rfm_table` (here its engine, ``aimkit._rfm_engine``);
- ``aimkit, shuffled``: the same lines in random order (the engine's slow path).

Each is timed best of three (the loop and the shuffled 10 M once) and the ratios to DuckDB
are printed, with the peak memory ``rfm_table`` allocates (tracemalloc, in a separate
untimed call). All answers are checked to be equal. Run: ``python benchmarks/rfm.py [lines ...]``.
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from collections import defaultdict

import duckdb
import numpy as np
import pandas as pd

from aimkit.rfm import rfm_table

NOW = pd.Timestamp("2024-01-01")


def make_lines(n: int, seed: int = 0) -> pd.DataFrame:
    """``n`` order lines: ~2.5 lines per order, ~50 lines per customer, two years, 3 % refunds."""
    rng = np.random.default_rng(seed)
    per_order = rng.integers(1, 5, size=n // 2)
    per_order = per_order[: np.searchsorted(np.cumsum(per_order), n) + 1]
    order = np.repeat(np.arange(len(per_order)), per_order)[:n]
    n_orders = order[-1] + 1
    order_customer = rng.integers(0, max(1, n // 50), size=n_orders)
    order_time = np.sort(rng.integers(0, 730 * 86400, size=n_orders))
    amount = np.round(rng.gamma(2.0, 20.0, size=n), 2)
    amount[rng.random(n) < 0.03] *= -1
    customer = pd.Series(order_customer[order]).astype(str).str.zfill(7)
    return pd.DataFrame({
        "customer_id": "C" + customer,  # one text object per line, as a CSV reader makes
        "order_id": order + 1_000_000,
        "order_date": pd.Timestamp("2022-01-01") + pd.to_timedelta(order_time[order], unit="s"),
        "amount": amount,
    })


def loop(data: pd.DataFrame) -> pd.DataFrame:
    last, first, orders, money = {}, {}, defaultdict(set), defaultdict(float)
    days = data["order_date"].dt.normalize()
    for c, o, d, a in zip(data["customer_id"], data["order_id"], days, data["amount"],
                          strict=True):
        if c not in last or d > last[c]:
            last[c] = d
        if c not in first or d < first[c]:
            first[c] = d
        orders[c].add(o)
        money[c] += a
    rows = {c: ((NOW - last[c]).days, len(orders[c]), money[c], (NOW - first[c]).days)
            for c in last}
    frame = pd.DataFrame.from_dict(rows, orient="index",
                                   columns=["recency", "frequency", "monetary", "tenure"])
    return frame.sort_index().rename_axis("customer_id")


def pandas_groupby(data: pd.DataFrame) -> pd.DataFrame:
    grouped = data.assign(day=data["order_date"].dt.normalize()).groupby("customer_id")
    return pd.DataFrame({
        "recency": (NOW - grouped["day"].max()).dt.days,
        "frequency": grouped["order_id"].nunique(),
        "monetary": grouped["amount"].sum(),
        "tenure": (NOW - grouped["day"].min()).dt.days,
    })


def duckdb_sql(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    sql = f"""
        SELECT customer_id,
               date_diff('day', max(order_date)::DATE, DATE '{NOW.date()}') AS recency,
               count(DISTINCT order_id) AS frequency,
               sum(amount) AS monetary,
               date_diff('day', min(order_date)::DATE, DATE '{NOW.date()}') AS tenure
        FROM lines GROUP BY customer_id ORDER BY customer_id"""
    return con.execute(sql).df().set_index("customer_id")


def best_of(func, repeat: int = 3) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def same(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    a, b = a.sort_index(), b.sort_index()
    return (a.index.equals(b.index)
            and all((a[c].to_numpy() == b[c].to_numpy()).all()
                    for c in ("recency", "frequency", "tenure"))
            and np.allclose(a["monetary"], b["monetary"], rtol=1e-9, atol=1e-6))


def run(n: int) -> None:
    data = make_lines(n)
    shuffled = data.sample(frac=1.0, random_state=1).reset_index(drop=True)
    con = duckdb.connect()
    con.execute(f"SET threads TO {max(1, len(__import__('os').sched_getaffinity(0)))}")
    con.register("lines", data)
    times, answers = {}, {}
    if n <= 2_000_000:
        times["loop"], answers["loop"] = best_of(lambda: loop(data), repeat=1)
    times["pandas"], answers["pandas"] = best_of(lambda: pandas_groupby(data))
    times["duckdb"], answers["duckdb"] = best_of(lambda: duckdb_sql(con))
    times["aimkit"], answers["aimkit"] = best_of(lambda: rfm_table(data, now=NOW))
    times["aimkit, shuffled"], answers["aimkit, shuffled"] = best_of(
        lambda: rfm_table(shuffled, now=NOW), repeat=3 if n <= 2_000_000 else 1)
    tracemalloc.start()
    rfm_table(data, now=NOW)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    reference = answers["duckdb"]
    customers = reference.shape[0]
    print(f"\n{n:,} lines, {customers:,} customers, {data['order_id'].nunique():,} orders")
    print(f"{'method':<18}{'seconds':>9}{'÷ duckdb':>10}{'equal':>7}")
    for name, seconds in times.items():
        print(f"{name:<18}{seconds:>9.3f}{seconds / times['duckdb']:>10.2f}"
              f"{'yes' if same(answers[name], reference) else 'NO':>7}")
    print(f"rfm_table peak memory: {peak / 2**20:,.0f} MiB "
          f"(the input table: {data.memory_usage(deep=True).sum() / 2**20:,.0f} MiB)")


if __name__ == "__main__":
    sizes = [int(float(a)) for a in sys.argv[1:]] or [1_000_000, 10_000_000]
    for size in sizes:
        run(size)
