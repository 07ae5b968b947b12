"""The e-book's six data-quality dimensions as checks, duplicate detection and a golden record.

The e-book (*Hoe controleer je eenvoudig de kwaliteit van je data?*) splits data quality into
six themes. Each check below belongs to one of them and returns its findings as rows of one
tidy report (dimension, check, column, row, value, problem):

============== ============================================== ===========================
dimension      question                                       checks
============== ============================================== ===========================
completeness   are all required fields filled in?             :func:`required`
validity       do values meet the format, type and range?     :func:`allowed`,
                                                              :func:`valid_date`,
                                                              :func:`pattern`
accuracy       do values reflect reality (plausible)?         :func:`plausible`,
                                                              :func:`placeholder`
consistency    same structure within and between datasets,    :func:`same_format`,
               no duplicates?                                 :func:`capitalised`,
                                                              :func:`duplicates`
integrity      are keys and references kept across tables?    :func:`unique`,
                                                              :func:`references`
timeliness     are the data up to date and at hand?           :func:`fresh`
============== ============================================== ===========================

Undefined input such as ``?`` or ``onbekend`` counts as missing (:data:`PLACEHOLDERS`).

Examples
--------
>>> from aimkit import quality
>>> customers = quality.ebook_example()
>>> found = quality.report(customers, quality.ebook_checks())
>>> sorted(found["dimension"].unique())
['accuracy', 'completeness', 'consistency', 'validity']

Used in: notebooks/04_aim3_data_maturity_and_quality.ipynb and the case notebooks' data
preparation.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from aimkit import i18n
from aimkit.io import parse_dates, parse_numbers

DIMENSIONS = ("completeness", "validity", "accuracy", "consistency", "integrity", "timeliness")
PLACEHOLDERS = frozenset({"", "?", "??", "-", "--", "x", "xx", "xxx", "n/a", "na", "onbekend",
                          "unknown", "inconnu", "nvt", "none", "null", "test"})
PARTICLES = frozenset({"van", "de", "der", "den", "het", "ter", "ten", "le", "la", "du", "des",
                       "d'", "von", "di", "da"})
REPORT_COLUMNS = ["dimension", "check", "column", "row", "value", "problem"]


@dataclass(frozen=True)
class Check:
    """One data-quality check: its dimension, a name, and the function that finds problems.

    ``find(frame)`` returns ``(row label, column, value, problem)`` tuples.

    Your own rule is a ``Check`` too, also one that compares columns. A rule "the total is
    the sum of its parts" (an invoice's net amount plus VAT) compares each row's total with
    the sum of the part columns, allowing half a cent for rounding, and reports the rows
    where they differ on the total column:

    >>> def total_is_sum(total, parts, tolerance=0.005):
    ...     def find(frame):
    ...         expected = frame[parts].sum(axis=1, min_count=len(parts))
    ...         bad = ~((frame[total] - expected).abs() <= tolerance)  # NaN counts as bad
    ...         return [(row, total, frame.at[row, total],
    ...                  f"{total} is not {' + '.join(parts)} ({expected[row]:.2f})")
    ...                 for row in frame.index[bad]]
    ...     return Check("consistency", f"{total} = {' + '.join(parts)}", find)
    >>> invoices = pd.DataFrame({"net": [100.0, 50.0, 80.0], "vat": [21.0, 10.5, None],
    ...                          "total": [121.0, 61.5, 96.8]})
    >>> report(invoices, [total_is_sum("total", ["net", "vat"])])[
    ...     ["check", "row", "value", "problem"]].values.tolist()
    [['total = net + vat', 1, 61.5, 'total is not net + vat (60.50)'], \
['total = net + vat', 2, 96.8, 'total is not net + vat (nan)']]

    Examples
    --------
    >>> required("Naam").dimension
    'completeness'
    """

    dimension: str
    name: str
    find: Callable[[pd.DataFrame], list[tuple]]


def is_missing(values: pd.Series) -> pd.Series:
    """True where a value is empty or undefined input (``?``, ``onbekend``, ...).

    Examples
    --------
    >>> is_missing(pd.Series(["Arthur", "?", None, " "])).tolist()
    [False, True, True, True]
    """
    text = values.astype("str").str.strip().str.lower()
    return values.isna() | text.isin(PLACEHOLDERS)


def normalise(text) -> str:
    """Lower-case, strip accents, keep letters and digits only: ``"Géraldine-M."`` → ``geraldinem``.

    Examples
    --------
    >>> normalise("apt 201"), normalise("Apt201"), normalise("Géraldine")
    ('apt201', 'apt201', 'geraldine')
    """
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    plain = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plain.lower())


PROBLEMS: dict[str, i18n.Text] = {
    "missing": {"en": "missing or undefined input", "nl": "ontbrekende of onbepaalde invoer"},
    "not_allowed": {"en": "not one of the allowed values {values}",
                    "nl": "niet een van de toegelaten waarden {values}"},
    "not_date": {"en": "not a valid date", "nl": "geen geldige datum"},
    "not_format": {"en": "not {what}", "nl": "niet {what}"},
    "implausible": {"en": "implausible: outside {low} … {high}",
                    "nl": "onwaarschijnlijk: buiten {low} … {high}"},
    "placeholder": {"en": "placeholder text instead of a real value",
                    "nl": "opvultekst in plaats van een echte waarde"},
    "format": {"en": "written as {shape!r}, most are {common!r}",
               "nl": "geschreven als {shape!r}, de meeste als {common!r}"},
    "capital": {"en": "does not start with a capital letter",
                "nl": "begint niet met een hoofdletter"},
    "not_unique": {"en": "key value is not unique", "nl": "sleutelwaarde is niet uniek"},
    "not_found": {"en": "not found in {target}", "nl": "niet gevonden in {target}"},
    "stale": {"en": "not updated in the last {days} days",
              "nl": "niet bijgewerkt in de laatste {days} dagen"},
    "duplicate": {"en": "duplicate: same person as rows {rows}",
                  "nl": "dubbel: dezelfde persoon als rijen {rows}"},
}
"""What a finding says is wrong, in the course's language (:func:`aimkit.i18n.say`)."""


def _rows(frame: pd.DataFrame, column: str, mask: pd.Series, problem: str) -> list[tuple]:
    return [(row, column, frame.at[row, column], problem) for row in frame.index[mask.to_numpy()]]


# ----------------------------------------------------------------- checks per dimension

def required(*columns: str) -> Check:
    """Completeness: these columns must be filled in with a real value.

    Examples
    --------
    >>> frame = pd.DataFrame({"Voornaam": ["Arthur", "?"]})
    >>> required("Voornaam").find(frame)
    [(1, 'Voornaam', '?', 'missing or undefined input')]
    """
    def find(frame):
        return [f for col in columns
                for f in _rows(frame, col, is_missing(frame[col]), i18n.say(PROBLEMS["missing"]))]
    return Check("completeness", f"required({', '.join(columns)})", find)


def allowed(column: str, values: Iterable[str]) -> Check:
    """Validity: a filled-in value must be one of ``values`` (e.g. a code list).

    Examples
    --------
    >>> frame = pd.DataFrame({"Geslacht": ["M", "1", "?"]})
    >>> [f[0] for f in allowed("Geslacht", {"M", "V", "X"}).find(frame)]
    [1]
    """
    values = frozenset(values)

    def find(frame):
        present = ~is_missing(frame[column])
        bad = present & ~frame[column].astype("str").str.strip().isin(values)
        return _rows(frame, column, bad, i18n.say(PROBLEMS["not_allowed"], values=sorted(values)))
    return Check("validity", f"allowed({column})", find)


def valid_date(column: str) -> Check:
    """Validity: a filled-in value must be a real calendar date (45-15-1555 is not).

    Examples
    --------
    >>> frame = pd.DataFrame({"born": ["10/09/1970", "45-15-1555"]})
    >>> valid_date("born").find(frame)
    [(1, 'born', '45-15-1555', 'not a valid date')]
    """
    def find(frame):
        bad = ~is_missing(frame[column]) & parse_dates(frame[column]).isna()
        return _rows(frame, column, bad, i18n.say(PROBLEMS["not_date"]))
    return Check("validity", f"valid_date({column})", find)


def pattern(column: str, regex: str, what: str) -> Check:
    """Validity: a filled-in value must fully match ``regex`` (``what`` names the format).

    Examples
    --------
    >>> frame = pd.DataFrame({"email": ["an@shop.be", "an(at)shop.be"]})
    >>> [f[0] for f in pattern("email", r"[^@ ]+@[^@ ]+\\.[a-z]+", "an e-mail address").find(frame)]
    [1]
    """
    compiled = re.compile(regex)

    def find(frame):
        text = frame[column].astype("str").str.strip()
        bad = ~is_missing(frame[column]) & ~text.str.fullmatch(compiled)
        return _rows(frame, column, bad, i18n.say(PROBLEMS["not_format"], what=what))
    return Check("validity", f"pattern({column})", find)


def plausible(column: str, low=None, high=None) -> Check:
    """Accuracy: a valid value must lie in a plausible range (born in 1850 is valid, but wrong).

    ``low`` and ``high`` are numbers, or dates for a date column (``"today"`` allowed).

    Examples
    --------
    >>> frame = pd.DataFrame({"born": ["10/09/1970", "25-05-1850"]})
    >>> plausible("born", low="1900-01-01", high="today").find(frame)[0][:2]
    (1, 'born')
    """
    def bound(value, dates):
        if value is None:
            return None
        if dates:
            return pd.Timestamp.today().normalize() if value == "today" else pd.Timestamp(value)
        return value

    def find(frame):
        values = frame[column]
        dates = isinstance(low or high, str) or pd.api.types.is_datetime64_any_dtype(values)
        parsed = parse_dates(values) if dates else parse_numbers(values, decimal=".")
        lo, hi = bound(low, dates), bound(high, dates)
        bad = pd.Series(False, index=frame.index)
        if lo is not None:
            bad |= parsed < lo
        if hi is not None:
            bad |= parsed > hi
        return _rows(frame, column, bad, i18n.say(PROBLEMS["implausible"], low=low, high=high))
    return Check("accuracy", f"plausible({column})", find)


def placeholder(column: str, words: Sequence[str] = ("onbekend", "unknown", "test")) -> Check:
    """Accuracy: a value that contains a filler word ("123 onbekende straat") is not real.

    Examples
    --------
    >>> frame = pd.DataFrame({"Adres": ["Stationstraat 10", "123 onbekende straat"]})
    >>> [f[0] for f in placeholder("Adres").find(frame)]
    [1]
    """
    regex = "|".join(re.escape(w) for w in words)

    def find(frame):
        text = frame[column].astype("str").str.lower()
        bad = ~is_missing(frame[column]) & text.str.contains(regex, regex=True)
        return _rows(frame, column, bad, i18n.say(PROBLEMS["placeholder"]))
    return Check("accuracy", f"placeholder({column})", find)


def _shape(value) -> str:
    """Digits become 9, letter runs become a: '10/09/1970' → '99/99/9999', 'apt 201' → 'a 999'."""
    return re.sub(r"[^\W\d_]+", "a", re.sub(r"\d", "9", str(value).strip()))


def same_format(column: str) -> Check:
    """Consistency: values should share one written format (the most common one).

    Examples
    --------
    >>> frame = pd.DataFrame({"born": ["10/09/1970", "21/09/1965", "25-05-1850"]})
    >>> same_format("born").find(frame)
    [(2, 'born', '25-05-1850', "written as '99-99-9999', most are '99/99/9999'")]
    """
    def find(frame):
        present = ~is_missing(frame[column])
        shapes = frame.loc[present, column].map(_shape)
        if shapes.empty:
            return []
        common = shapes.value_counts().index[0]
        bad = (shapes != common).reindex(frame.index, fill_value=False)
        return [(row, column, frame.at[row, column],
                 i18n.say(PROBLEMS["format"], shape=shapes[row], common=common))
                for row in frame.index[bad.to_numpy()]]
    return Check("consistency", f"same_format({column})", find)


def capitalised(column: str) -> Check:
    """Consistency: names start with a capital, except particles such as *van* or *de*.

    Examples
    --------
    >>> frame = pd.DataFrame({"Voornaam": ["Arthur", "géraldine"], "Naam": ["van Dam", "Dubois"]})
    >>> [f[:2] for f in capitalised("Voornaam").find(frame) + capitalised("Naam").find(frame)]
    [(1, 'Voornaam')]
    """
    def first_word_lower(value) -> bool:
        words = str(value).strip().split()
        while words and words[0].lower() in PARTICLES:
            words = words[1:]
        return bool(words) and words[0][:1].islower()

    def find(frame):
        present = ~is_missing(frame[column])
        bad = present & frame[column].map(first_word_lower).astype(bool)
        return _rows(frame, column, bad, i18n.say(PROBLEMS["capital"]))
    return Check("consistency", f"capitalised({column})", find)


def unique(column: str) -> Check:
    """Integrity: a key column must not repeat a value.

    Examples
    --------
    >>> [f[0] for f in unique("id").find(pd.DataFrame({"id": [1, 2, 2]}))]
    [1, 2]
    """
    def find(frame):
        bad = frame[column].duplicated(keep=False) & frame[column].notna()
        return _rows(frame, column, bad, i18n.say(PROBLEMS["not_unique"]))
    return Check("integrity", f"unique({column})", find)


def references(column: str, valid: Iterable, target: str = "the other table") -> Check:
    """Integrity: every filled-in value must exist in another table (no orphans).

    Examples
    --------
    >>> orders = pd.DataFrame({"customer_id": ["C1", "C9"]})
    >>> references("customer_id", ["C1", "C2"], "crm_customers").find(orders)[0][3]
    'not found in crm_customers'
    """
    valid = pd.Index(pd.unique(pd.Series(list(valid))))

    def find(frame):
        bad = frame[column].notna() & ~frame[column].isin(valid)
        return _rows(frame, column, bad, i18n.say(PROBLEMS["not_found"], target=target))
    return Check("integrity", f"references({column})", find)


def fresh(column: str, max_age_days: int, today=None) -> Check:
    """Timeliness: a record's last update must be at most ``max_age_days`` old.

    Examples
    --------
    >>> frame = pd.DataFrame({"updated": ["2021-01-05", "2015-03-01"]})
    >>> [f[0] for f in fresh("updated", 365 * 2, today="2021-06-30").find(frame)]
    [1]
    """
    def find(frame):
        now = pd.Timestamp(today) if today is not None else pd.Timestamp.today().normalize()
        age = (now - parse_dates(frame[column])).dt.days
        bad = age.isna() | (age > max_age_days)
        return _rows(frame, column, bad, i18n.say(PROBLEMS["stale"], days=max_age_days))
    return Check("timeliness", f"fresh({column})", find)


def duplicates(*, last_name: str, first_name: str | None = None,
               address: Sequence[str] = (), phone: str | None = None,
               birth_date: str | None = None) -> Check:
    """Consistency: records that describe the same person (see :func:`duplicate_groups`).

    Examples
    --------
    >>> frame = ebook_example()
    >>> [f[0] for f in duplicates(last_name="Naam", first_name="Voornaam",
    ...                           address=("Adres", "Ext.")).find(frame)]
    [2, 4]
    """
    def find(frame):
        groups = duplicate_groups(frame, last_name=last_name, first_name=first_name,
                                  address=address, phone=phone, birth_date=birth_date)
        bad = groups.map(groups.value_counts()) > 1

        def others(row):
            return sorted(set(groups.index[groups == groups[row]]) - {row})
        return [(row, last_name, frame.at[row, last_name],
                 i18n.say(PROBLEMS["duplicate"], rows=others(row)))
                for row in frame.index[bad.to_numpy()]]
    return Check("consistency", "duplicates", find)


# ----------------------------------------------------------------- report

def report(frame: pd.DataFrame, checks: Iterable[Check]) -> pd.DataFrame:
    """Run the checks and return one tidy row per finding.

    Parameters
    ----------
    frame : DataFrame
        The table to check; it is not changed.
    checks : iterable of Check
        From the functions of this module.

    Returns
    -------
    DataFrame
        Columns ``dimension, check, column, row, value, problem``; ``row`` is the frame's index
        label (for a file read with ``aimkit.io.read_table``, the spreadsheet row is ``row + 2``).

    Examples
    --------
    >>> frame = pd.DataFrame({"Taal": ["NL", "ENG", None]})
    >>> report(frame, [required("Taal"), allowed("Taal", {"NL", "FR", "EN", "DE"})])[
    ...     ["dimension", "row", "value"]].values.tolist()
    [['completeness', 2, nan], ['validity', 1, 'ENG']]
    """
    rows = [(check.dimension, check.name, column, row, value, problem)
            for check in checks for row, column, value, problem in check.find(frame)]
    found = pd.DataFrame(rows, columns=REPORT_COLUMNS).astype({"value": "object"})
    order = {d: i for i, d in enumerate(DIMENSIONS)}
    return found.sort_values(["dimension", "row"], key=lambda s: s.map(order)
                             if s.name == "dimension" else s, kind="stable").reset_index(drop=True)


def summary(found: pd.DataFrame, frame: pd.DataFrame, checks: Iterable[Check]) -> pd.DataFrame:
    """Score each dimension: how many checks ran, findings, and the share of rows without one.

    Examples
    --------
    >>> frame = pd.DataFrame({"Taal": ["NL", "ENG", None, "FR"]})
    >>> checks = [required("Taal")]
    >>> summary(report(frame, checks), frame, checks).loc["completeness", "rows_ok_pct"]
    np.float64(75.0)
    """
    checks = list(checks)
    table = pd.DataFrame(index=pd.Index(DIMENSIONS, name="dimension"))
    table["checks"] = [sum(c.dimension == d for c in checks) for d in DIMENSIONS]
    table["findings"] = found["dimension"].value_counts().reindex(DIMENSIONS, fill_value=0)
    affected = found.groupby("dimension")["row"].nunique().reindex(DIMENSIONS, fill_value=0)
    table["rows_ok_pct"] = (100 * (1 - affected / max(len(frame), 1))).round(1)
    table.loc[table["checks"] == 0, "rows_ok_pct"] = float("nan")  # not checked
    return table


# ----------------------------------------------------------------- duplicates and golden record

def _split_name(last: str, first: str) -> tuple[str, str]:
    """Return normalised (last name, first name or initial): 'S Dubois', '' → (dubois, s)."""
    words = str(last or "").split()
    if not first and len(words) > 1 and len(words[0].rstrip(".")) == 1:
        first, words = words[0], words[1:]
    return normalise(" ".join(words)), normalise(first)


def _same_first(a: str, b: str) -> bool:
    return not a or not b or a == b or (len(a) == 1 and b.startswith(a)) or \
        (len(b) == 1 and a.startswith(b))


def duplicate_groups(frame: pd.DataFrame, *, last_name: str, first_name: str | None = None,
                     address: Sequence[str] = (), phone: str | None = None,
                     birth_date: str | None = None) -> pd.Series:
    """Give records that describe the same person the same group number.

    Two records match when their normalised last names are equal, their first names agree
    (equal, an initial of the other, or missing) **and** at least one more identifier agrees:
    the normalised address, the phone number (digits only, +32 → 0) or the birth date. A name
    alone is never enough: half of all Belgians share their first + last name with someone.

    Parameters
    ----------
    frame : DataFrame
        The records.
    last_name, first_name : str
        Column names; a last name like "S Dubois" with an empty first name counts as initial S.
    address : sequence of str
        Columns that together form the address (e.g. street and box number).
    phone, birth_date : str, optional
        Column names.

    Returns
    -------
    Series
        Group number per row (the smallest row position in the group), aligned with ``frame``.

    Examples
    --------
    >>> groups = duplicate_groups(ebook_example(), last_name="Naam", first_name="Voornaam",
    ...                           address=("Adres", "Ext."))
    >>> groups.tolist()
    [0, 1, 2, 3, 2]
    """
    n = len(frame)
    missing_first = is_missing(frame[first_name]) if first_name else pd.Series(True, frame.index)
    firsts = [("" if gone else v) for v, gone in
              zip(frame[first_name] if first_name else [""] * n, missing_first, strict=True)]
    names = [_split_name(last, first) for last, first in zip(frame[last_name], firsts, strict=True)]
    keys = {}
    if address:
        joined = frame[list(address)].astype("str").where(frame[list(address)].notna(), "")
        keys["address"] = joined.agg(" ".join, axis=1).map(normalise).tolist()
    if phone:
        digits = frame[phone].astype("str").str.replace(r"\D", "", regex=True)
        keys["phone"] = digits.str.replace(r"^32", "0", regex=True).where(frame[phone].notna(),
                                                                          "").tolist()
    if birth_date:
        keys["birth"] = parse_dates(frame[birth_date]).astype("str").where(
            parse_dates(frame[birth_date]).notna(), "").tolist()
    parent = list(range(n))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_last: dict[str, list[int]] = {}
    for i, (last, _) in enumerate(names):
        if last:
            by_last.setdefault(last, []).append(i)
    for members in by_last.values():
        for a_pos, a in enumerate(members):
            for b in members[a_pos + 1:]:
                if not _same_first(names[a][1], names[b][1]):
                    continue
                if any(values[a] and values[a] == values[b] for values in keys.values()):
                    ra, rb = root(a), root(b)
                    parent[max(ra, rb)] = min(ra, rb)
    return pd.Series([root(i) for i in range(n)], index=frame.index, name="group")


def golden_record(frame: pd.DataFrame, groups: pd.Series, order_by: str | None = None,
                  checks: Iterable[Check] = ()) -> pd.DataFrame:
    """Merge each group of duplicates into one best record (the *golden record*).

    The e-book asks for the *most correct and recent* information per person. For every column
    the merged value is therefore the **most recent correct** value in the group: missing and
    undefined input is skipped, so is every value one of ``checks`` finds a problem with, and of
    the values left the one from the most recently updated record wins (``order_by``). Ties, or
    no ``order_by``, go to the most complete record, then to the earliest. How often a value
    occurs does not count: an old address copied into three systems is still old. When no
    value of a group passes the checks, the field stays empty (``None``): to be completed, not
    guessed.

    Parameters
    ----------
    frame : DataFrame
        The records.
    groups : Series
        Group number per record, e.g. from :func:`duplicate_groups`.
    order_by : str, optional
        A column with each record's last-update date.
    checks : iterable of Check
        Checks a value must pass to be kept, e.g. :func:`pattern` or :func:`same_format`.
        Findings of :func:`duplicates` are about whole records and are ignored here.

    Returns
    -------
    DataFrame
        One row per group (indexed by group number), the frame's columns and ``merged_rows``
        (the index labels of the records merged).

    Examples
    --------
    >>> table = ebook_example()
    >>> groups = duplicate_groups(table, last_name="Naam", first_name="Voornaam",
    ...                           address=("Adres", "Ext."))
    >>> golden = golden_record(table, groups, checks=ebook_checks())
    >>> golden.loc[2, ["Naam", "Voornaam", "Geslacht", "Adres", "Taal", "merged_rows"]].tolist()
    ['Dubois', 'Samantha', 'V', None, None, [2, 4]]

    The more recent of two correct values wins, however often the older one occurs:

    >>> moved = pd.DataFrame({"street": ["Kerkstraat 1", "Kerkstraat 1", "Veldstraat 2"],
    ...                       "updated": ["2019-01-01", "2020-01-01", "2021-03-01"]})
    >>> golden_record(moved, pd.Series([0, 0, 0]), order_by="updated").loc[0, "street"]
    'Veldstraat 2'
    """
    if order_by is not None:
        recency = parse_dates(frame[order_by]).rank(method="first", na_option="top")
    else:
        recency = pd.Series(0.0, index=frame.index)
    missing = frame.apply(is_missing)
    filled = (~missing).sum(axis=1).to_numpy()
    found = report(frame, checks)
    for column, rows in found[found["check"] != "duplicates"].groupby("column")["row"]:
        missing.loc[rows.unique(), column] = True  # an incorrect value counts as not there
    rank = pd.DataFrame({"group": groups.to_numpy(), "recency": recency.to_numpy(),
                         "filled": filled,
                         "position": -np.arange(len(frame))}, index=frame.index)
    merged = pd.DataFrame(index=pd.Index(sorted(pd.unique(groups)), name=None))
    for column in frame.columns:
        best = rank[~missing[column].to_numpy()].sort_values(
            ["group", "recency", "filled", "position"], kind="stable").groupby("group").tail(1)
        merged[column] = frame[column].loc[best.index].set_axis(best["group"]).reindex(
            merged.index).astype("object").where(lambda v: v.notna(), None)
    merged["merged_rows"] = pd.Series(frame.index, index=frame.index).groupby(
        groups).agg(list).reindex(merged.index)
    return merged


# ----------------------------------------------------------------- the e-book's example

def ebook_example() -> pd.DataFrame:
    """The e-book's example customer table (p. 20), with every flaw it points at.

    Examples
    --------
    >>> ebook_example().loc[0, ["Naam", "Voornaam"]].tolist()
    ['Lagrande', 'géraldine']
    """
    return pd.DataFrame(
        [["Lagrande", "géraldine", "M", "Stationstraat 10", "bus 5", "10/09/1970", "FR"],
         ["Van Lippens", "Arthur", "M", "rue Elise 5", None, "25-05-1850", "NL"],
         ["Dubois", "Samantha", "V", "123 onbekende straat", "apt 201", "21/09/1965", None],
         ["Dubois", "?", "M", "25 kerkstraat", None, "45-15-1555", "?"],
         ["S Dubois", "?", "1", "123 onbekende straat", "apt201", "6-05-1998", "ENG"]],
        columns=["Naam", "Voornaam", "Geslacht", "Adres", "Ext.", "Geboortedatum", "Taal"],
    )


def ebook_checks(today="2021-06-30") -> list[Check]:
    """The checks that find every flaw the e-book points at in :func:`ebook_example`.

    Examples
    --------
    >>> [c.dimension for c in ebook_checks()][:3]
    ['completeness', 'validity', 'validity']
    """
    return [
        required("Naam", "Voornaam", "Geslacht", "Adres", "Geboortedatum", "Taal"),
        allowed("Geslacht", {"M", "V", "X"}),
        allowed("Taal", {"NL", "FR", "EN", "DE"}),
        valid_date("Geboortedatum"),
        plausible("Geboortedatum", low="1900-01-01", high=today),
        placeholder("Adres"),
        same_format("Geboortedatum"),
        capitalised("Voornaam"),
        duplicates(last_name="Naam", first_name="Voornaam", address=("Adres", "Ext.")),
    ]
