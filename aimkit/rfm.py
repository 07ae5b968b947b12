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

_ENGINE_FROM = 250_000  # measured: below, the group-by costs under 0.1 s more
"""Lines above which :func:`rfm_table` hands the work to its speed engine (same table)."""


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
    The table is the pandas group-by in this function's source. Above 250,000 lines the
    same table comes from ``aimkit._rfm_engine``, which folds the lines of an order into one
    and codes ids without hashing Python strings: 1.6–2.7× faster than the group-by with
    less than half its memory, 10 million lines in about DuckDB's time (``benchmarks/rfm.py``).

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
    day = _purchase_days(transactions[date])
    today = day.max() + pd.Timedelta(days=1) if now is None else _calendar_day(now)
    late = int((day > today).sum())
    if late:
        raise ValueError(f"{late} lines are dated after now={now}; "
                         "filter them out or choose a later now")
    money = transactions[amount].astype("float64").fillna(0.0)
    if len(transactions) > _ENGINE_FROM:
        from aimkit import _rfm_engine
        return _rfm_engine.per_customer(transactions[customer], transactions[order],
                                        _day_numbers(day), money.to_numpy(),
                                        int(_day_numbers(today)))

    lines = pd.DataFrame({"customer": transactions[customer], "order": transactions[order],
                          "day": day, "amount": money})
    lines = lines[lines["customer"].notna()]  # an order without a customer counts for no one
    if lines["order"].isna().any():
        raise ValueError(f"column {order!r} has missing order ids")
    per_customer = lines.groupby("customer")
    table = pd.DataFrame({
        "recency": (today - per_customer["day"].max()).dt.days,
        "frequency": per_customer["order"].nunique(),
        "monetary": per_customer["amount"].sum(),
        "tenure": (today - per_customer["day"].min()).dt.days,
    })
    if isinstance(table.index, pd.CategoricalIndex):  # the customers, not their categories
        table.index = table.index.astype(table.index.categories.dtype)
    return table.rename_axis(customer)


def _purchase_days(dates: pd.Series) -> pd.Series:
    """The calendar day of each date: datetimes, text, or integers like ``20210315``.

    A tz-aware datetime counts in its own time zone (a purchase at 23:30 in Brussels is
    on that Brussels day).

    Examples
    --------
    >>> _purchase_days(pd.Series([20240301, 20240302])).dt.strftime("%d/%m").tolist()
    ['01/03', '02/03']
    >>> _purchase_days(pd.Series(["2024-03-01 23:59"])).tolist()
    [Timestamp('2024-03-01 00:00:00')]
    """
    if isinstance(dates.dtype, pd.DatetimeTZDtype):
        dates = dates.dt.tz_localize(None)  # the local calendar day
    elif pd.api.types.is_integer_dtype(dates.dtype):
        dates = pd.to_datetime(dates.astype("string"), format="%Y%m%d")
    elif not pd.api.types.is_datetime64_dtype(dates.dtype):
        try:
            dates = pd.to_datetime(dates, format="ISO8601")
        except (ValueError, TypeError):
            dates = pd.to_datetime(dates)
    missing = int(dates.isna().sum())
    if missing:
        raise ValueError(f"column {dates.name!r} has {missing} missing or unreadable dates")
    return dates.dt.normalize()


def _calendar_day(value) -> pd.Timestamp:
    return pd.Timestamp(value).tz_localize(None).normalize()


def _day_numbers(days):
    """Days since 1970-01-01 as int64 (the engine's day numbers)."""
    return np.asarray(days, dtype="datetime64[D]").view(np.int64)


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

GROUP_NAMES_NL = {"Top": "Top", "New": "Nieuw", "Needs attention": "Aandacht nodig",
                  "Growing": "Groeiend", "Loyal": "Loyaal", "Sleeping": "Slapend",
                  "Inactive": "Inactief"}
"""The e-book's Dutch name of each behaviour group, for tables and figures."""


def period_rfmt(transactions: pd.DataFrame, period, **columns) -> pd.DataFrame:
    """RFMT of the customers who bought in ``period``, measured the day after it ends.

    Recency, the number of orders and monetary value count only the period's lines. Tenure
    is the customer's whole relationship: days since his first purchase ever (being a
    customer does not restart with a period). Frequency is orders per month of the part
    of the period he was already a customer (at least one month), and ``monetary_per_month``
    the revenue over those same months, so periods of different lengths give comparable
    values; ``recency_months`` is recency in months.

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
                        monetary_per_month=table["monetary"] / months, tenure=tenure,
                        recency_months=table["recency"] / DAYS_PER_MONTH)


def compare_periods(transactions: pd.DataFrame, *, baseline, current, segmenter,
                    priority_drop: int = 2, priority_from: int = 2,
                    **columns) -> pd.DataFrame:
    """Each customer's segment in a baseline period and in the current one, as behaviour groups.

    The segmenter is fitted on the baseline's RFMT (:func:`period_rfmt`) and then places
    both periods' RFMT in those segments: the baseline is the yardstick. When the periods
    differ in length, segment on per-month features (``frequency``, ``monetary_per_month``,
    ``recency_months``): a current period a third of the baseline has a third of its totals,
    so on ``monetary`` almost everyone would "move down" while buying at the same pace.

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

