"""The speed engine behind :func:`aimkit.rfm.rfm_table` for millions of lines.

:func:`aimkit.rfm.rfm_table` is the definition, written as a pandas group-by; it hands tables
above 250,000 lines to :func:`per_customer` here, which gives the same
table faster and with less memory (10 million lines: about DuckDB's time, see
``benchmarks/rfm.py``). The tests run every ``rfm_table`` test on both paths.

How: lines of the same customer and order that follow each other (exports list the lines of an
order together) are folded into one *run* with element-wise comparisons; only the runs are coded
to integers, and the per-customer results come from ``numpy`` reductions (``reduceat``,
``bincount``, ``maximum.at``). Millions of text ids are coded without Python string hashing
(:func:`_factorize`). Shuffled lines give the same answer, only slower.

Used in: aimkit/rfm.py (no notebook uses it directly).
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def per_customer(customers: pd.Series, orders: pd.Series, days: np.ndarray,
                 amounts: np.ndarray, today: int) -> pd.DataFrame:
    """Recency, frequency, monetary value and tenure per customer, like ``rfm_table``.

    Parameters
    ----------
    customers, orders : Series
        The customer and order id of each line (missing customer: the line is left out).
    days : ndarray of int64
        Each line's calendar day, counted from 1970-01-01.
    amounts : ndarray of float64
        Each line's amount, missing ones already 0.
    today : int
        The day the table describes, counted like ``days`` (no line is later).

    Returns
    -------
    DataFrame
        As :func:`aimkit.rfm.rfm_table`, its index named after ``customers``.

    Raises
    ------
    ValueError
        When a line linked to a customer has no order id.

    Examples
    --------
    >>> per_customer(pd.Series(["b", "a", "a"], name="customer_id"), pd.Series([1, 2, 3]),
    ...              np.array([10, 12, 15]), np.array([5.0, 2.5, 2.5]), today=16)
    ... # doctest: +NORMALIZE_WHITESPACE
                 recency  frequency  monetary  tenure
    customer_id
    a                  1          2       5.0       4
    b                  6          1       5.0       6
    """
    cust, categories = _values(customers)
    orders_array, _ = _values(orders)

    # fold consecutive lines of the same customer and order into runs; code only the runs
    new_run = np.empty(len(cust), dtype=bool)
    new_run[:1] = True
    np.not_equal(cust[1:], cust[:-1], out=new_run[1:])
    new_run[1:] |= orders_array[1:] != orders_array[:-1]
    starts = np.flatnonzero(new_run)
    run_cust, uniques = _factorize(cust[starts], sort=True,  # -1: no customer
                                   text=_is_text(customers))
    run_orders = orders_array[starts]
    if run_orders.dtype.kind in "iuf" and (np.diff(run_orders) > 0).all():
        run_order, n_orders = None, len(starts)  # numbers rising: every run another order
    else:
        run_order, order_uniques = _factorize(run_orders, text=_is_text(orders))
        n_orders = len(order_uniques)
    linked = run_cust >= 0
    if run_order is not None and (run_order[linked] < 0).any():
        raise ValueError(f"column {orders.name!r} has missing order ids")
    if not linked.all():  # orders not linked to a customer cannot count for anyone
        line_run = np.cumsum(new_run) - 1
        keep = linked[line_run]
        days, amounts, kept_run = days[keep], amounts[keep], line_run[keep]
        starts = np.flatnonzero(np.r_[True, kept_run[1:] != kept_run[:-1]])[:len(kept_run)]
        run_cust = run_cust[linked]
        run_order = None if run_order is None else run_order[linked]

    n = len(uniques)
    last = np.full(n, np.iinfo(np.int64).min)
    first = np.full(n, np.iinfo(np.int64).max)
    monetary = np.zeros(n)
    if len(starts):
        np.maximum.at(last, run_cust, np.maximum.reduceat(days, starts))
        np.minimum.at(first, run_cust, np.minimum.reduceat(days, starts))
        monetary = np.bincount(run_cust, weights=np.add.reduceat(amounts, starts), minlength=n)
    if run_order is None:
        frequency = np.bincount(run_cust, minlength=n)
    else:
        frequency = _distinct_orders(run_cust, run_order, n, n_orders)

    if categories is not None:
        index = categories[uniques.astype(np.int64)]
    else:  # numpy ids as a group-by gives them; pandas' own types (str, Int64) kept
        keep = not isinstance(customers.dtype, np.dtype)
        index = pd.Index(uniques, dtype=customers.dtype if keep else None)
    return pd.DataFrame({"recency": today - last, "frequency": frequency.astype(np.int64),
                         "monetary": monetary, "tenure": today - first},
                        index=index.rename(customers.name))


def _values(column: pd.Series) -> tuple[np.ndarray, pd.Index | None]:
    """A column as a numpy array that compares element-wise; categories for categoricals."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes = column.cat.codes.to_numpy()
        return np.where(codes < 0, np.nan, codes), column.cat.categories
    if getattr(column.dtype, "na_value", None) is pd.NA:  # pd.NA does not compare to bool
        return column.to_numpy(dtype=object, na_value=None), None
    return column.to_numpy(), None


def _is_text(column: pd.Series) -> bool:
    """Whether a column's values are all text or missing (a pandas string column)."""
    return isinstance(column.dtype, pd.StringDtype)


_FIXED_WIDTH_FROM = 2_000_000
_MIX = np.int64(-7046029254386353131)  # odd: multiplying by it is a bijection on 64-bit words


def _factorize(values: np.ndarray, sort: bool = False,
               text: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes (-1 for missing) and unique values, like :func:`pandas.factorize`.

    Millions of text values are not hashed as Python strings, where memory look-ups
    dominate (2–2.8 s for four million ids). They are copied once into fixed-width bytes;
    ASCII ids such as ``C0012345`` are then numbered directly (:func:`_ranked_ascii`), other
    text is hashed as 64-bit words. Both are exact. Below about two million values pandas'
    string hashing is as fast. ``text=True`` says the values are text or missing (a pandas
    string column), which saves checking every one.
    """
    if len(values) < _FIXED_WIDTH_FROM or values.dtype != object:
        return pd.factorize(values, sort=sort)
    if not text and pd.api.types.infer_dtype(values, skipna=True) != "string":
        return pd.factorize(values, sort=sort)
    missing = pd.isna(values)
    present = values[~missing] if missing.any() else values
    try:
        fixed = present.astype("S")  # ASCII text: one byte per character
        codes = _ranked_ascii(fixed)
    except UnicodeEncodeError:
        fixed = present.astype("U")  # any text: four bytes per character
        codes = None
    if codes is not None:  # already numbered in text order
        first = np.empty(int(codes.max()) + 1, dtype=np.int64)
        first[codes] = np.arange(len(codes))  # a line of each value
    else:
        codes, first = _hashed_words(fixed)
        if sort:  # byte order is text order for ASCII, code-point order for "U"
            order = np.argsort(fixed[first], kind="stable")
            rank = np.empty_like(order)
            rank[order] = np.arange(len(order))
            codes, first = rank[codes], first[order]
    if missing.any():
        full = np.full(len(values), -1, dtype=np.int64)
        full[~missing] = codes
        codes = full
    return codes, present[first]


def _ranked_ascii(fixed: np.ndarray) -> np.ndarray | None:
    """Codes of fixed-width byte strings in text order, or None when they vary too much.

    Each character position becomes a digit whose base is the number of different bytes
    seen there (``C0012345``: 1 for ``C``, up to 10 for each digit); the positions read as
    one mixed-radix number keep the text order. When the numbers span at most twice as
    many values as there are strings, marking them in a table and counting the marks
    ranks them without hashing or sorting.

    Examples
    --------
    >>> _ranked_ascii(np.array([b"C12", b"C07", b"C12", b"C10"])).tolist()
    [2, 0, 2, 1]
    """
    chars = fixed.view(np.uint8).reshape(len(fixed), fixed.dtype.itemsize)
    number = np.zeros(len(fixed), dtype=np.int64)
    span = 1
    for position in chars.T:
        position = np.ascontiguousarray(position)
        seen = np.bincount(position, minlength=256) > 0
        base = int(seen.sum())
        if base == 1:
            continue
        span *= base
        if span > 2 * len(fixed):
            return None
        number *= base
        number += (np.cumsum(seen) - 1)[position]
    marked = np.zeros(span, dtype=bool)
    marked[number] = True
    return (np.cumsum(marked, dtype=np.int64) - 1)[number]


def _hashed_words(fixed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Codes in order of first appearance and the first line of each, hashing 64-bit words.

    The words are mixed by an odd multiplier first: ids that differ only in a few
    characters would otherwise crowd the same hash buckets (measured 2× slower).
    """
    width = -(-fixed.dtype.itemsize // 8) * 8
    per_char = 4 if fixed.dtype.kind == "U" else 1
    fixed = fixed.astype(f"{fixed.dtype.kind}{width // per_char}")
    words = fixed.view(np.int64).reshape(len(fixed), -1)
    codes, _ = pd.factorize(words[:, 0] * _MIX)
    for k in range(1, words.shape[1]):
        part, part_uniques = pd.factorize(words[:, k] * _MIX)
        codes, _ = pd.factorize(codes * len(part_uniques) + part)
    seen = np.maximum.accumulate(codes)  # codes count up in order of first appearance
    return codes, np.flatnonzero(np.r_[True, seen[1:] > seen[:-1]])


def _distinct_orders(run_cust: np.ndarray, run_order: np.ndarray, n_customers: int,
                     n_orders: int) -> np.ndarray:
    """Distinct orders per customer from the runs' customer and order codes."""
    owner = np.full(n_orders, -1, dtype=np.int64)  # -1: only on unlinked lines
    owner[run_order] = run_cust
    if (owner[run_order] == run_cust).all():  # the usual case: an order has one customer
        return np.bincount(owner[owner >= 0], minlength=n_customers).astype(np.int64)
    pairs = pd.unique(run_cust.astype(np.int64) * n_orders + run_order)
    return np.bincount(pairs // n_orders, minlength=n_customers).astype(np.int64)
