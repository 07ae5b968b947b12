"""RFM and RFMT: how recently, how often and for how much each customer buys, and for how long.

An RFM table has one row per customer, computed from transaction lines (the canonical
``customer_id, order_id, order_date, amount`` of :data:`aimkit.io.TRANSACTIONS`):

- **recency**: whole days from the customer's last purchase day to ``now``;
- **frequency**: the number of distinct orders;
- **monetary**: the sum of the line amounts (refund lines are negative, so they reduce it);
- **tenure**: whole days from the customer's first purchase day to ``now`` (the T of RFMT).

Scores turn the values into quintiles (1 = worst, 5 = best; recency reversed), and the
common eleven named segments (Champions … Lost) read from the R score and the FM score.
:func:`compare_periods` segments a baseline period and the current period and turns each
customer's move into the e-book's behaviour groups (Top, New, Needs attention, Growing, Loyal,
Sleeping) with a priority flag.

Examples
--------
>>> import pandas as pd
>>> lines = pd.DataFrame({"customer_id": ["a", "a", "b"], "order_id": [1, 2, 3],
...                       "order_date": ["2024-01-01", "2024-01-10", "2024-01-05"],
...                       "amount": [10.0, 5.0, 7.5]})
>>> rfm_table(lines)  # doctest: +NORMALIZE_WHITESPACE
             recency  frequency  monetary  tenure
customer_id
a                  1          2      15.0      10
b                  6          1       7.5       6

Used in: notebooks/05_aim4_analysis_toolbox.ipynb, notebooks/cases/14_annapops_rfmt_behaviour.ipynb
and notebooks/cases/16_earnieland_reactivation.ipynb.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

COLUMNS = ("recency", "frequency", "monetary", "tenure")


# ----------------------------------------------------------------------------- the table

def _days(column: pd.Series, name: str) -> np.ndarray:
    """Calendar days since 1970-01-01 (int64) of a date column given as dates or text."""
    if isinstance(column.dtype, pd.DatetimeTZDtype):
        column = column.dt.tz_localize(None)  # the local calendar day
    elif pd.api.types.is_integer_dtype(column.dtype):
        column = pd.to_datetime(column.astype("string"), format="%Y%m%d")  # 20210315
    elif not pd.api.types.is_datetime64_dtype(column.dtype):
        try:
            column = pd.to_datetime(column, format="ISO8601")
        except (ValueError, TypeError):
            column = pd.to_datetime(column)
    values = column.to_numpy()
    if values.dtype.kind != "M":
        values = values.astype("datetime64[ns]")
    ticks = values.view(np.int64)
    missing = int((ticks == np.iinfo(np.int64).min).sum())  # NaT
    if missing:
        raise ValueError(f"column {name!r} has {missing} missing or unreadable dates")
    unit, count = np.datetime_data(values.dtype)
    return ticks // (np.timedelta64(1, "D") // np.timedelta64(count, unit))  # floor: day


def _day(value) -> int:
    return int(np.datetime64(pd.Timestamp(value).tz_localize(None).normalize(), "D")
               .astype(np.int64))


def rfm_table(transactions: pd.DataFrame, *, now=None, customer: str = "customer_id",
              order: str = "order_id", date: str = "order_date",
              amount: str = "amount") -> pd.DataFrame:
    """Recency, frequency, monetary value and tenure per customer.

    Parameters
    ----------
    transactions : DataFrame
        One row per order line (or per order). Lines without a customer are left out
        (an order not linked to a customer cannot count for anyone).
    now : date, str or Timestamp, optional
        The day the table describes. Default: the day after the last line in the data
        (lines without a customer included), so the most recent buyer has recency 1. A
        time of day is ignored. Lines after ``now`` are refused.
    customer, order, date, amount : str
        Column names. Dates may be datetimes (tz-aware ones count in their own time zone),
        ISO text (``2021-03-15``, ``2021-03-15 14:02``), other text pandas can read, or
        integers like ``20210315``. Only the calendar day counts: a purchase at 23:59 and
        one at 00:01 the next day are one day apart.

    Returns
    -------
    DataFrame
        Indexed by customer (sorted), with int64 ``recency`` (days from the last purchase
        day to ``now``), int64 ``frequency`` (distinct order ids), float64 ``monetary``
        (sum of amounts; refund lines are negative; missing amounts count as 0) and int64
        ``tenure`` (days from the first purchase day to ``now``). For a customer with one
        purchase day, tenure equals recency. Every line counts, refund lines too: filter
        them out first if only purchases should set the dates.

    Raises
    ------
    ValueError
        When a needed column is missing, dates or order ids are missing, or lines lie
        after ``now``.

    Notes
    -----
    The work is vectorised: lines of the same customer and order that follow each other
    are folded into one run with element-wise comparisons, only the runs are hashed to
    integer codes, and the per-customer results come from ``numpy`` reductions
    (``reduceat``, ``bincount``, ``maximum.at``). Exports list the lines of an order
    together, so this hashes far fewer values than a group-by; shuffled lines give the
    same answer, only slower.

    Examples
    --------
    Two lines of one order, a refund line and a customer with one purchase:

    >>> lines = pd.DataFrame({
    ...     "customer_id": ["a", "a", "a", "b"],
    ...     "order_id": ["o1", "o1", "o2", "o3"],
    ...     "order_date": ["2024-03-01 09:00", "2024-03-01 09:00", "2024-03-08 18:30",
    ...                    "2024-03-05 12:00"],
    ...     "amount": [20.0, 5.0, -5.0, 12.5]})
    >>> rfm_table(lines, now="2024-03-10")  # doctest: +NORMALIZE_WHITESPACE
                 recency  frequency  monetary  tenure
    customer_id
    a                  2          2      20.0       9
    b                  5          1      12.5       5
    """
    missing = [c for c in (customer, order, date, amount) if c not in transactions.columns]
    if missing:
        raise ValueError(f"transactions lack the column(s) {', '.join(map(repr, missing))}; "
                         f"it has {', '.join(map(str, transactions.columns))}")
    if len(transactions) == 0:
        return _empty(customer)
    all_days = _days(transactions[date], date)
    today = int(all_days.max()) + 1 if now is None else _day(now)
    if all_days.max() > today:
        raise ValueError(f"{int((all_days > today).sum())} lines are dated after now={now}; "
                         "filter them out or choose a later now")
    cust, categories = _values(transactions[customer])
    orders, _ = _values(transactions[order])
    money = np.nan_to_num(transactions[amount].to_numpy(dtype=np.float64), nan=0.0)

    # fold consecutive lines of the same customer and order into runs; hash only the runs
    new_run = np.empty(len(cust), dtype=bool)
    new_run[0] = True
    np.not_equal(cust[1:], cust[:-1], out=new_run[1:])
    new_run[1:] |= orders[1:] != orders[:-1]
    starts = np.flatnonzero(new_run)
    run_cust, uniques = _factorize(cust[starts], sort=True,  # -1: no customer
                                   text=_is_text(transactions[customer]))
    run_orders = orders[starts]
    if run_orders.dtype.kind in "iuf" and (np.diff(run_orders) > 0).all():
        run_order, n_orders = None, len(starts)  # numbers rising: every run another order
    else:
        run_order, order_uniques = _factorize(run_orders, text=_is_text(transactions[order]))
        n_orders = len(order_uniques)
    linked = run_cust >= 0
    if run_order is not None and (run_order[linked] < 0).any():
        raise ValueError(f"column {order!r} has missing order ids")
    days = all_days
    if not linked.all():  # orders not linked to a customer cannot count for anyone
        line_run = np.cumsum(new_run) - 1
        keep = linked[line_run]
        days, money, kept_run = days[keep], money[keep], line_run[keep]
        starts = np.flatnonzero(np.r_[True, kept_run[1:] != kept_run[:-1]])
        run_cust = run_cust[linked]
        run_order = None if run_order is None else run_order[linked]
        if len(starts) == 0 or len(days) == 0:
            return _empty(customer)

    run_last = np.maximum.reduceat(days, starts)
    run_first = np.minimum.reduceat(days, starts)
    run_money = np.add.reduceat(money, starts)
    n = len(uniques)
    last = np.full(n, np.iinfo(np.int64).min)
    first = np.full(n, np.iinfo(np.int64).max)
    np.maximum.at(last, run_cust, run_last)
    np.minimum.at(first, run_cust, run_first)
    monetary = np.bincount(run_cust, weights=run_money, minlength=n)
    if run_order is None:
        frequency = np.bincount(run_cust, minlength=n)
    else:
        frequency = _distinct_orders(run_cust, run_order, n, n_orders)

    index = categories[uniques.astype(np.int64)] if categories is not None else uniques
    return pd.DataFrame({"recency": today - last, "frequency": frequency,
                         "monetary": monetary, "tenure": today - first},
                        index=pd.Index(index, name=customer))


def _empty(customer: str) -> pd.DataFrame:
    empty = pd.DataFrame({"recency": [], "frequency": [], "monetary": [], "tenure": []})
    return empty.astype({"recency": "int64", "frequency": "int64", "monetary": "float64",
                         "tenure": "int64"}).rename_axis(customer)


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


# ----------------------------------------------------------------------------- scores

def _score(values: pd.Series, bins: int) -> pd.Series:
    """1 + the bin of the share of customers with a strictly lower value (ties share a score)."""
    below = values.rank(method="min").to_numpy() - 1
    scores = 1 + np.floor(bins * below / len(values)).astype(np.int64)
    return pd.Series(scores, index=values.index)


def rfm_scores(rfm: pd.DataFrame, bins: int = 5) -> pd.DataFrame:
    """Quantile scores 1 … ``bins`` for recency, frequency and monetary value (5 = best).

    A customer's score is one plus the bin his share of customers with a *strictly lower*
    value falls in: the lowest fifth of the values scores 1, the highest fifth 5. Recency is
    reversed (fewer days is better). Customers with equal values always get the same score,
    so a value shared by many customers (frequency 1 for most shoppers) does not spread
    over several scores, and some scores may stay empty.

    Parameters
    ----------
    rfm : DataFrame
        From :func:`rfm_table`: ``recency``, ``frequency`` and ``monetary``.
    bins : int
        Number of score levels (5 = quintiles).

    Returns
    -------
    DataFrame
        ``r_score``, ``f_score``, ``m_score`` and ``fm_score`` (the mean of F and M, rounded
        half up), int64, indexed like ``rfm``.

    Examples
    --------
    >>> rfm = pd.DataFrame({"recency": [1, 10, 30, 60, 90], "frequency": [9, 1, 1, 3, 2],
    ...                     "monetary": [500.0, 20.0, 35.0, 90.0, 60.0]},
    ...                    index=pd.Index(list("abcde"), name="customer_id"))
    >>> rfm_scores(rfm)  # doctest: +NORMALIZE_WHITESPACE
                 r_score  f_score  m_score  fm_score
    customer_id
    a                  5        5        5         5
    b                  4        1        1         1
    c                  3        1        2         2
    d                  2        4        4         4
    e                  1        3        3         3
    """
    if bins < 2:
        raise ValueError("bins must be at least 2")
    scores = pd.DataFrame({
        "r_score": _score(-rfm["recency"], bins),
        "f_score": _score(rfm["frequency"], bins),
        "m_score": _score(rfm["monetary"], bins),
    })
    scores["fm_score"] = (scores["f_score"] + scores["m_score"] + 1) // 2
    return scores


# (name, R scores, FM scores): every (R, FM) cell of the 5 × 5 grid is in exactly one row
SEGMENT_RULES = (
    ("Champions", (5,), (4, 5)),
    ("Loyal Customers", (3, 4), (4, 5)),
    ("Potential Loyalists", (4, 5), (2, 3)),
    ("New Customers", (5,), (1,)),
    ("Promising", (4,), (1,)),
    ("Need Attention", (3,), (3,)),
    ("About To Sleep", (3,), (1, 2)),
    ("At Risk", (1, 2), (3, 4)),
    ("Can't Lose", (1, 2), (5,)),
    ("Hibernating", (2,), (1, 2)),
    ("Lost", (1,), (1, 2)),
)
SEGMENTS = tuple(name for name, _, _ in SEGMENT_RULES)
"""The eleven named segments, best first."""


def named_segments(scores: pd.DataFrame) -> pd.Series:
    """Name each customer's segment from the R score and the FM score (five-level scores).

    The rule table (R = recency score, FM = mean of the frequency and monetary scores,
    rounded half up; 5 is best). Every combination falls in exactly one segment:

    =====================  =======  ========
    segment                R        FM
    =====================  =======  ========
    Champions              5        4–5
    Loyal Customers        3–4      4–5
    Potential Loyalists    4–5      2–3
    New Customers          5        1
    Promising              4        1
    Need Attention         3        3
    About To Sleep         3        1–2
    At Risk                1–2      3–4
    Can't Lose             1–2      5
    Hibernating            2        1–2
    Lost                   1        1–2
    =====================  =======  ========

    Parameters
    ----------
    scores : DataFrame
        From :func:`rfm_scores` with ``bins=5``: ``r_score`` and ``fm_score`` (or
        ``f_score`` and ``m_score``).

    Returns
    -------
    Series
        Categorical with the categories of :data:`SEGMENTS` (best first), named ``segment``.

    Examples
    --------
    >>> scores = pd.DataFrame({"r_score": [5, 1, 3], "fm_score": [5, 5, 1]})
    >>> named_segments(scores).tolist()
    ['Champions', "Can't Lose", 'About To Sleep']
    """
    r = scores["r_score"].to_numpy()
    if "fm_score" in scores:
        fm = scores["fm_score"].to_numpy()
    else:
        fm = (scores["f_score"].to_numpy() + scores["m_score"].to_numpy() + 1) // 2
    if not (np.isin(r, range(1, 6)).all() and np.isin(fm, range(1, 6)).all()):
        raise ValueError("named segments need scores from 1 to 5 (rfm_scores with bins=5)")
    grid = np.empty((6, 6), dtype=np.int64)
    for code, (_, r_range, fm_range) in enumerate(SEGMENT_RULES):
        grid[np.ix_(r_range, fm_range)] = code
    names = pd.Categorical.from_codes(grid[r, fm], categories=list(SEGMENTS))
    return pd.Series(names, index=scores.index, name="segment")


# ----------------------------------------------------------------------------- RFMT and periods

DAYS_PER_MONTH = 365.25 / 12


def rfmt_table(transactions: pd.DataFrame, *, now=None, **columns) -> pd.DataFrame:
    """The e-book's RFMT: like :func:`rfm_table`, with frequency as orders per month.

    Frequency becomes the number of orders per month since the first purchase (at least one
    month counts, so a new customer's single order is 1 per month, not 30); ``orders`` keeps
    the count. Recency, monetary and tenure are those of :func:`rfm_table`.

    Parameters
    ----------
    transactions, now, **columns
        As in :func:`rfm_table` (``customer=``, ``order=``, ``date=``, ``amount=``).

    Examples
    --------
    >>> lines = pd.DataFrame({"customer_id": ["a", "a", "a"], "order_id": [1, 2, 3],
    ...                       "order_date": ["2024-01-01", "2024-02-01", "2024-03-01"],
    ...                       "amount": [10.0, 10.0, 10.0]})
    >>> rfmt_table(lines, now="2024-04-01").loc["a"].round(2).tolist()
    [31.0, 1.0, 30.0, 91.0, 3.0]
    """
    table = rfm_table(transactions, now=now, **columns)
    months = np.maximum(table["tenure"] / DAYS_PER_MONTH, 1.0)
    return table.assign(orders=table["frequency"], frequency=table["frequency"] / months)


BEHAVIOUR_GROUPS = ("Top", "New", "Needs attention", "Growing", "Loyal", "Sleeping", "Inactive")
"""The e-book's six behaviour groups, plus Inactive for customers without a current purchase."""


def period_rfmt(transactions: pd.DataFrame, period, **columns) -> pd.DataFrame:
    """RFMT of the customers who bought in ``period``, measured the day after it ends.

    Recency, the number of orders and monetary value count only the period's lines. Tenure
    is the customer's whole relationship: days since his first purchase ever (being a
    customer does not restart with a period). Frequency is orders per month of the part
    of the period he was already a customer (at least one month), so periods of different
    lengths give comparable frequencies.

    Parameters
    ----------
    transactions : DataFrame
        All transaction lines (see :func:`rfm_table`), also those before the period.
    period : (start, end)
        First and last day, both included.
    **columns
        Column names as in :func:`rfm_table`.

    Examples
    --------
    >>> lines = pd.DataFrame({"customer_id": ["a", "a", "a"], "order_id": [1, 2, 3],
    ...                       "order_date": ["2020-01-01", "2021-01-01", "2021-03-01"],
    ...                       "amount": [10.0, 20.0, 20.0]})
    >>> row = period_rfmt(lines, ("2021-01-01", "2021-12-31")).loc["a"]
    >>> row[["recency", "orders", "monetary", "tenure"]].tolist()
    [306.0, 2.0, 40.0, 731.0]
    >>> round(row["frequency"], 3)  # 2 orders in 12 months
    np.float64(0.167)
    """
    date = columns.get("date", "order_date")
    start, end = (pd.Timestamp(p).normalize() for p in period)
    days = transactions[date]
    if not pd.api.types.is_datetime64_any_dtype(days.dtype):
        days = pd.to_datetime(days, format="ISO8601")
    days = (days.dt.tz_localize(None) if days.dt.tz else days).dt.normalize().to_numpy()
    now = end + pd.Timedelta(days=1)
    inside = (days >= start.to_datetime64()) & (days < now.to_datetime64())
    table = rfm_table(transactions.loc[inside], now=now, **columns)
    history = rfm_table(transactions.loc[days < now.to_datetime64()], now=now, **columns)
    tenure = history["tenure"].reindex(table.index)
    months = np.maximum(np.minimum(tenure, (now - start).days) / DAYS_PER_MONTH, 1.0)
    return table.assign(orders=table["frequency"], frequency=table["frequency"] / months,
                        tenure=tenure)


def compare_periods(transactions: pd.DataFrame, *, baseline, current, segmenter,
                    priority_drop: int = 2, priority_from: int = 2,
                    **columns) -> pd.DataFrame:
    """Each customer's segment in a baseline period and in the current one, as behaviour groups.

    The segmenter is fitted on the baseline's RFMT (:func:`period_rfmt`) and then places
    both periods' RFMT in those segments: the baseline is the yardstick. Periods may overlap
    (the e-book: the last 36 months against the last 12). A current period shorter than the
    baseline gives smaller totals, so the yardstick is strict: few customers move up.

    Behaviour groups (the e-book's, best level first = A), checked in this order:

    ===============  ===========================================================
    New              first purchase ever in the current period (or none in the
                     baseline)
    Inactive         no purchase in the current period (not one of the e-book's
                     groups: its figure counts current buyers only)
    Sleeping         fell to the lowest segment (e.g. B → E)
    Top              A in the baseline and A now
    Needs attention  moved down, not to the lowest segment (e.g. B → C)
    Growing          moved up (e.g. D → C)
    Loyal            same segment, not A
    ===============  ===========================================================

    A customer who moved down gets the **priority** flag when he dropped at least
    ``priority_drop`` levels from one of the ``priority_from`` best segments: an A → C
    customer is more urgent than a D → E one.

    Parameters
    ----------
    transactions : DataFrame
        Transaction lines (see :func:`rfm_table`).
    baseline, current : (start, end)
        First and last day of each period (both included); RFMT is measured on the day
        after the last day.
    segmenter : object
        ``fit(rfmt)`` and ``predict(rfmt) -> Series`` of labels, ``levels`` best first,
        e.g. :class:`aimkit.segment.ValueSegmenter`.
    priority_drop, priority_from : int
        The priority rule above.
    **columns
        Column names as in :func:`rfm_table`.

    Returns
    -------
    DataFrame
        One row per customer of either period: ``baseline`` and ``current`` segment
        (ordered categoricals, missing when absent), ``bought_in_current`` (bool),
        ``levels_dropped`` (positive = down; 0 for New), ``group`` (categorical of
        :data:`BEHAVIOUR_GROUPS`) and ``priority`` (bool).

    Examples
    --------
    >>> from aimkit.segment import ValueSegmenter
    >>> lines = pd.DataFrame({
    ...     "customer_id": ["a", "a", "b", "b", "c", "a", "b", "d"],
    ...     "order_id": range(8),
    ...     "order_date": ["2021-01-05", "2021-03-01", "2021-02-01", "2021-02-20", "2021-01-10",
    ...                    "2022-01-03", "2022-01-20", "2022-01-25"],
    ...     "amount": [200.0, 300.0, 30.0, 20.0, 10.0, 250.0, 20.0, 40.0]})
    >>> seg = ValueSegmenter(2, features=["monetary"], log=["monetary"])
    >>> table = compare_periods(lines, baseline=("2021-01-01", "2021-12-31"),
    ...                         current=("2022-01-01", "2022-01-31"), segmenter=seg)
    >>> table[["baseline", "current", "group"]]  # doctest: +NORMALIZE_WHITESPACE
                baseline current     group
    customer_id
    a                  A       A       Top
    b                  B       B     Loyal
    c                  B     NaN  Inactive
    d                NaN       B       New
    """
    base = period_rfmt(transactions, baseline, **columns)
    cur = period_rfmt(transactions, current, **columns)
    segmenter.fit(base)
    levels = list(segmenter.levels)
    lowest = len(levels) - 1
    table = pd.DataFrame({"baseline": segmenter.predict(base)}).join(
        pd.DataFrame({"current": segmenter.predict(cur)}), how="outer")
    bought = table.index.isin(cur.index)
    start, end = (pd.Timestamp(p).normalize() for p in current)
    new = table.index.isin(cur.index[cur["tenure"] <= (end - start).days + 1])
    for col in ("baseline", "current"):
        table[col] = pd.Categorical(table[col], categories=levels, ordered=True)
    b = table["baseline"].cat.codes.to_numpy()
    c = table["current"].cat.codes.to_numpy()
    dropped = np.where((b >= 0) & (c >= 0), c - b, 0)
    group = np.select(
        [new | (b < 0), ~bought, (c == lowest) & (dropped > 0), (b == 0) & (c == 0),
         dropped > 0, dropped < 0],
        ["New", "Inactive", "Sleeping", "Top", "Needs attention", "Growing"], default="Loyal")
    table["bought_in_current"] = bought
    table["levels_dropped"] = np.where(new, 0, dropped)
    table["group"] = pd.Categorical(group, categories=list(BEHAVIOUR_GROUPS))
    table["priority"] = ((table["levels_dropped"] >= priority_drop) & (b >= 0)
                         & (b < priority_from)).to_numpy()
    return table.rename_axis(columns.get("customer", "customer_id"))

