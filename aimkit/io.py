"""Read users' own CSV exports safely, check them against a schema, and export safely.

Real exports are messy: a Belgian Excel export uses ``;`` between fields, decimal commas
(``1.234,56``), dd/mm/yyyy dates and the cp1252 encoding; another system writes UTF-8 with
a byte-order mark and ISO dates. :func:`read_table` sniffs all of that, so a user does not
have to say what their file looks like, and :class:`Schema` checks that the columns a
technique needs are there and hold what they should. Every problem becomes a
:class:`DataError` whose message names the file, the column, the problem and the first
offending rows, numbered as a spreadsheet numbers them (the header is row 1). The input file
is only ever read.

:func:`export_csv` writes a table for a mailing tool or a colleague: ID columns are replaced
by salted-hash pseudonyms and cells a spreadsheet would run as a formula are neutralised.

Examples
--------
>>> from aimkit import io
>>> data = "klant;order;datum;bedrag\\nC1;1;03/02/2021;1.234,50\\n".encode("cp1252")
>>> frame = io.read_table(data, schema=io.TRANSACTIONS,
...                       columns={"klant": "customer_id", "order": "order_id",
...                                "datum": "order_date", "bedrag": "amount"})
>>> frame.loc[0, "amount"], str(frame.loc[0, "order_date"].date())
(np.float64(1234.5), '2021-02-03')

Used in: notebooks/00_start_here.ipynb, notebooks/04_aim3_data_maturity_and_quality.ipynb,
notebooks/08_legal_and_responsible_ai.ipynb, notebooks/cases/10_kinnarps_b2b_clustering.ipynb,
notebooks/cases/11_trailfinders_rebooking.ipynb, notebooks/cases/14_annapops_rfmt_behaviour.ipynb,
notebooks/cases/16_earnieland_reactivation.ipynb, notebooks/cases/17_energy_churn_offers.ipynb and
the segment explorer app.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io as _stdio
import os
import re
import secrets
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd

from aimkit import i18n

MAX_BYTES = 50 * 1024 * 1024
"""Largest file :func:`read_table` accepts by default (50 MB)."""

MISSING = frozenset({"", "NA", "N/A", "n/a", "NULL", "null", "#N/A", "NaN", "nan"})
"""Cell texts read as an empty (missing) value."""

SEPARATORS = (";", ",", "\t", "|")
SHOW_ROWS = 5

_ISO_DATE = (r"(?P<y1>\d{4})(?P<isep>[-/])(?P<m1>\d{1,2})(?P=isep)(?P<d1>\d{1,2})"
             r"(?:[ T](?P<H1>\d{1,2}):(?P<M1>\d{2})(?::(?P<S1>\d{2})(?:\.\d+)?)?Z?)?")
_DAY_FIRST = (r"(?P<d2>\d{1,2})(?P<sep>[/.\-])(?P<m2>\d{1,2})(?P=sep)(?P<y2>\d{4})"
              r"(?: (?P<H2>\d{1,2}):(?P<M2>\d{2})(?::(?P<S2>\d{2}))?)?")
DATE_PATTERN = re.compile(rf"^(?:{_ISO_DATE}|{_DAY_FIRST})$")

_NUMBER = {
    # decimal comma: 1.234,56  1234,56  -12  1 234,5
    ",": re.compile(r"^[+-]?(?:\d{1,3}(?:[. ]\d{3})+|\d+)(?:,\d+)?$|^[+-]?,\d+$"),
    # decimal point: 1,234.56  1234.56  -12  1.5e3
    ".": re.compile(r"^[+-]?(?:\d{1,3}(?:[, ]\d{3})+|\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?$"
                    r"|^[+-]?\.\d+$"),
}
_LEADING_ZERO = re.compile(r"^[+-]?0\d")
_CURRENCY = re.compile(r"^(?:€|EUR)\s*|\s*(?:€|EUR)$")
_SPACES = re.compile(r"[\s\u00a0\u202f]")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file.

    ``problem`` is the English description; problems made with :meth:`of` can also be told
    in Dutch (:meth:`text`), for the apps.

    Examples
    --------
    >>> print(Problem("orders.csv", "amount", "is not a number", (4, 7), 2))
    orders.csv, column 'amount': is not a number (rows 4, 7)
    >>> found = Problem.of("orders.csv", "amount", "not_whole", (4, 7, 9), 5)
    >>> print(found.text("nl"))
    orders.csv, kolom 'amount': bevat waarden die geen gehele getallen zijn (rijen 4, 7, 9 en nog 2)
    """

    file: str
    column: str | None
    problem: str
    rows: tuple[int, ...] = ()
    count: int = 0
    key: str = ""
    values: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, file: str, column: str | None, key: str, rows=(), count: int = 0,
           **values) -> Problem:
        """The problem described by the text ``problem_<key>`` of :mod:`aimkit.i18n`."""
        return cls(file, column, i18n.text(f"problem_{key}", "en", **values), tuple(rows),
                   count, key, tuple(values.items()))

    def text(self, lang: str = "en") -> str:
        """The file, column, problem and first rows in ``lang`` ("nl" or "en")."""
        problem = (i18n.text(f"problem_{self.key}", lang, **dict(self.values)) if self.key
                   else self.problem)
        where = self.file if self.column is None else i18n.text(
            "problem_in_column", lang, file=self.file, column=self.column)
        text = f"{where}: {problem}"
        if self.rows:
            text += " (" + i18n.text("problem_row" if len(self.rows) == 1 else "problem_rows",
                                     lang, rows=", ".join(map(str, self.rows)))
            if self.count > len(self.rows):
                text += " " + i18n.text("problem_more", lang, count=self.count - len(self.rows))
            text += ")"
        return text

    def __str__(self) -> str:
        return self.text("en")


class DataError(ValueError):
    """A file that cannot be used as it is; ``problems`` lists everything found.

    The message has one line per problem and names the file, the column, the problem and the
    first rows (spreadsheet numbering: the header is row 1, the first data row is row 2).

    Examples
    --------
    >>> try:
    ...     read_table(b"", name="empty.csv")
    ... except DataError as error:
    ...     print(error)
    empty.csv: the file is empty (0 bytes); export the data again
    """

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__(self.text("en"))

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` ("nl" or "en"), one line per problem."""
        return "\n".join(p.text(lang) for p in self.problems)

    @property
    def file(self) -> str:
        """The file the (first) problem is in."""
        return self.problems[0].file

    @property
    def column(self) -> str | None:
        """The column of the first problem, if any."""
        return self.problems[0].column

    @property
    def rows(self) -> tuple[int, ...]:
        """The first offending rows of the first problem (spreadsheet numbering)."""
        return self.problems[0].rows


@dataclass(frozen=True)
class Column:
    """What one column of a schema must hold.

    Parameters
    ----------
    name : str
        Canonical name; a file column matches it ignoring case, spaces, ``-`` and ``_``.
    kind : {"string", "integer", "number", "date"}
        The type its values must have.
    required : bool
        The column must be in the file.
    nullable : bool
        Empty cells are allowed.
    min, max : number or date text, optional
        Allowed range (inclusive).
    allowed : tuple, optional
        The only values allowed.
    unique : bool
        No value may appear twice.

    Examples
    --------
    >>> Column("amount", "number", min=0).kind
    'number'
    """

    name: str
    kind: str = "string"
    required: bool = True
    nullable: bool = False
    min: float | str | None = None
    max: float | str | None = None
    allowed: tuple | None = None
    unique: bool = False

    def __post_init__(self):
        if self.kind not in {"string", "integer", "number", "date"}:
            raise ValueError(f"unknown column kind {self.kind!r}")


@dataclass(frozen=True)
class Schema:
    """The columns a technique needs, with their types and rules.

    Columns that the schema does not name are kept and typed by sniffing.

    Examples
    --------
    >>> schema = Schema("scores", (Column("name"), Column("score", "integer", min=0, max=10)))
    >>> read_table(b"name,score\\nAn,7\\n", schema)["score"].tolist()
    [7]
    """

    name: str
    columns: tuple[Column, ...]
    unique_keys: tuple[tuple[str, ...], ...] = field(default=())

    @property
    def required(self) -> list[str]:
        """Names of the required columns."""
        return [c.name for c in self.columns if c.required]


TRANSACTIONS = Schema(
    "transactions",
    (
        Column("customer_id", "string"),
        Column("order_id", "string"),
        Column("order_date", "date", min="1990-01-01"),
        Column("amount", "number"),  # refunds are negative lines
    ),
)
"""The canonical transactions schema: one line per order line (or order), refunds negative."""


# ----------------------------------------------------------------------------- reading

def read_table(source, schema: Schema | None = None, *, columns: Mapping[str, str] | None = None,
               name: str | None = None, max_bytes: int = MAX_BYTES) -> pd.DataFrame:
    """Read a CSV export, sniffing its dialect, and optionally check it against a schema.

    Parameters
    ----------
    source : path, bytes or binary file object
        The export (an upload arrives as bytes). A file is only read, never changed.
    schema : Schema, optional
        Columns that must be present and their rules, e.g. :data:`TRANSACTIONS`.
    columns : mapping, optional
        Renames file columns first, e.g. ``{"Klantnummer": "customer_id"}``.
    name : str, optional
        The file name to use in messages (default: the path's name or "uploaded file").
    max_bytes : int
        Larger files are refused with a clear message.

    Returns
    -------
    DataFrame
        Numbers as float64/int64 (Int64 with gaps), dates as datetime64, the rest as text;
        empty cells as missing. ``frame.attrs["read_as"]`` says how the file was read.

    Raises
    ------
    DataError
        Names the file, the column, the problem and the first offending rows.

    Examples
    --------
    >>> belgian = "Naam;Bedrag;Datum\\nJanssens;1.250,75;31/12/2020\\n".encode("cp1252")
    >>> frame = read_table(belgian, name="export.csv")
    >>> frame["Bedrag"].iloc[0], frame.attrs["read_as"]["separator"]
    (np.float64(1250.75), ';')
    """
    data, label = _read_bytes(source, name, max_bytes)
    text, encoding = _decode(data, label)
    separator = _sniff_separator(text)
    raw, rows = _parse(text, separator, label)
    if columns:
        raw = raw.rename(columns=dict(columns))
    if schema is not None:
        raw = _match_schema_names(raw, schema, label)
    cells = {col: _cells(raw[col]) for col in raw.columns}
    decimal = _file_decimal(cells, separator)
    problems: list[Problem] = []
    typed = {}
    schema_columns = {c.name: c for c in schema.columns} if schema else {}
    for col in raw.columns:
        if col in schema_columns:
            typed[col], found = _apply_column(raw[col], cells[col], schema_columns[col],
                                              decimal, rows, label)
            problems.extend(found)
        else:
            typed[col] = _sniff_column(raw[col], cells[col], decimal)
    frame = pd.DataFrame(typed, index=pd.RangeIndex(len(raw)))
    if schema is not None:
        problems.extend(_check_keys(frame, schema, rows, label))
    if problems:
        raise DataError(problems)
    frame.attrs["read_as"] = {"file": label, "encoding": encoding, "separator": separator,
                              "decimal": decimal}
    return frame


def _read_bytes(source, name: str | None, max_bytes: int) -> tuple[bytes, str]:
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        label = name or path.name
        if not path.is_file():
            raise DataError([Problem.of(label, None, "not_found" if not path.exists()
                                        else "folder")])
        size = path.stat().st_size
        _check_size(size, max_bytes, label)
        data = path.read_bytes()
    elif isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        label = name or "uploaded file"
    elif hasattr(source, "read"):
        data = source.read()
        label = name or Path(str(getattr(source, "name", "uploaded file"))).name
        if isinstance(data, str):
            data = data.encode("utf-8")
    else:
        raise TypeError(f"read_table reads a path, bytes or a file object, not {type(source)}")
    _check_size(len(data), max_bytes, label)
    _check_content(data, label)
    return data, label


def _check_size(size: int, max_bytes: int, label: str) -> None:
    if size > max_bytes:
        raise DataError([Problem.of(label, None, "too_large", size=f"{size / 1e6:.1f}",
                                    limit=f"{max_bytes / 1e6:.0f}")])


_SIGNATURES = {b"PK\x03\x04": "xlsx", b"\xd0\xcf\x11\xe0": "xls", b"%PDF": "pdf",
               b"\x89PNG": "png", b"\xff\xd8\xff": "jpeg", b"\x1f\x8b": "gzip"}
"""The first bytes of files that are no CSV export, and their problem's key."""


def _check_content(data: bytes, label: str) -> None:
    if not data:
        raise DataError([Problem.of(label, None, "empty")])
    for signature, key in _SIGNATURES.items():
        if data.startswith(signature):
            raise DataError([Problem.of(label, None, key)])
    head = data[:8192]
    if not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13))
        if b"\x00" in head or controls > len(head) * 0.05:
            raise DataError([Problem.of(label, None, "binary")])


def _decode(data: bytes, label: str) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        try:
            data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = "cp1252"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        encoding = "latin-1"  # decodes any byte; cp1252 has five undefined bytes
        text = data.decode(encoding)
    if not text.strip():
        raise DataError([Problem.of(label, None, "blank")])
    return text, encoding


def _sniff_separator(text: str) -> str:
    """Pick the separator that splits the header and the first lines into the same width."""
    sample = "\n".join(text.lstrip("\r\n").splitlines()[:50])
    best, best_score = ",", (0.0, 0)
    for sep in SEPARATORS:
        widths = [len(r) for r in csv.reader(_stdio.StringIO(sample), delimiter=sep) if r]
        if not widths or widths[0] < 2:
            continue
        consistent = sum(w == widths[0] for w in widths) / len(widths)
        score = (consistent, widths[0])
        if score > best_score:
            best, best_score = sep, score
    return best


def _parse(text: str, separator: str, label: str) -> tuple[pd.DataFrame, np.ndarray]:
    """Split into text cells; return the cells and each row's spreadsheet number."""
    text = text.lstrip("\r\n")
    header = next(csv.reader(_stdio.StringIO(text), delimiter=separator))
    names = [h.strip() for h in header]
    _check_header(names, label)
    with warnings.catch_warnings():
        warnings.simplefilter("error", pd.errors.ParserWarning)  # rows wider than the header
        try:
            raw = pd.read_csv(_stdio.StringIO(text), sep=separator, dtype=str, na_filter=False,
                              skip_blank_lines=False, header=0, index_col=False, engine="c")
        except (pd.errors.ParserError, pd.errors.ParserWarning):
            raise DataError([_ragged_rows(text, separator, len(names), label)]) from None
    raw.columns = names
    rows = np.arange(len(raw)) + 2
    blank = np.logical_and.reduce([_blank(raw[col]) for col in raw.columns])
    raw, rows = raw.loc[~blank].reset_index(drop=True), rows[~blank]
    unnamed = [c for c in raw.columns if c.startswith("\0unnamed")]
    for col in unnamed:
        if not _blank(raw[col]).all():
            position = list(raw.columns).index(col) + 1
            raise DataError([Problem.of(label, None, "unnamed_column", position=position)])
    raw = raw.drop(columns=unnamed)
    if raw.empty:
        raise DataError([Problem.of(label, None, "no_rows")])
    return raw, rows


def _check_header(names: list[str], label: str) -> None:
    seen: dict[str, int] = {}
    for position, name in enumerate(names, start=1):
        if not name:
            names[position - 1] = f"\0unnamed{position}"
            continue
        if name in seen:
            raise DataError([Problem.of(label, name, "twice_in_header", (1,), 1,
                                        first=seen[name], second=position)])
        seen[name] = position


def _ragged_rows(text: str, separator: str, width: int, label: str) -> Problem:
    bad = [number for number, row in enumerate(csv.reader(_stdio.StringIO(text),
                                                          delimiter=separator), start=1)
           if number > 1 and len(row) > width]
    return Problem.of(label, None, "ragged", bad[:SHOW_ROWS], len(bad), width=width)


def _file_decimal(cells: dict[str, _Cells], separator: str) -> str:
    """Decimal comma when more columns read as numbers only that way (else `;` files decide)."""
    comma_only = dot_only = 0
    for col in cells.values():
        if not col.texts:
            continue
        comma, dot = _all_numbers(col.texts, ","), _all_numbers(col.texts, ".")
        comma_only += comma and not dot
        dot_only += dot and not comma
    if comma_only != dot_only:
        return "," if comma_only > dot_only else "."
    return "," if separator == ";" else "."


@dataclass(frozen=True)
class _Cells:
    """A column as its distinct trimmed values and, per row, the value's code (-1: missing).

    Real exports repeat values a lot (dates, codes, amounts), so every test and conversion
    runs once per distinct value and is spread over the rows with ``codes``.
    """

    codes: np.ndarray
    texts: list[str]

    @property
    def missing(self) -> np.ndarray:
        return self.codes < 0

    def spread(self, per_text: np.ndarray, fill) -> np.ndarray:
        """Per-row values from one value per distinct text (``fill`` where missing)."""
        out = np.append(per_text, np.array([fill], dtype=per_text.dtype))
        return out[self.codes]  # code -1 takes the appended fill


def _cells(column: pd.Series) -> _Cells:
    codes, uniques = pd.factorize(column)
    remap, texts, seen = np.empty(len(uniques), dtype=np.int64), [], {}
    for i, value in enumerate(uniques):
        text = str(value).strip()
        if text in MISSING:
            remap[i] = -1
        else:
            remap[i] = seen.setdefault(text, len(texts))
            if remap[i] == len(texts):
                texts.append(text)
    codes = np.where(codes >= 0, np.append(remap, -1)[codes], -1)
    return _Cells(codes, texts)


def _blank(column: pd.Series) -> np.ndarray:
    codes, uniques = pd.factorize(column)
    return np.array([not str(u).strip() for u in uniques] + [True], dtype=bool)[codes]


def _number_text(text: str) -> str:
    return _CURRENCY.sub("", text)


def _is_number(text: str, decimal: str) -> bool:
    text = _number_text(text)
    return bool(_NUMBER[decimal].match(text)) and not _LEADING_ZERO.match(text)


def _all_numbers(texts: list[str], decimal: str) -> bool:
    return all(_is_number(t, decimal) for t in texts)  # stops at the first text that is not


def _number_values(texts: list[str], decimal: str) -> tuple[np.ndarray, np.ndarray]:
    """Numbers for the texts (NaN where not a number) and which texts are numbers."""
    values, ok = np.full(len(texts), np.nan), np.zeros(len(texts), dtype=bool)
    for i, text in enumerate(texts):
        if _is_number(text, decimal):
            text = _SPACES.sub("", _number_text(text))
            text = text.replace(".", "").replace(",", ".") if decimal == "," else \
                text.replace(",", "")
            values[i], ok[i] = float(text), True
    return values, ok


def _date_values(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Datetimes for the texts (NaT where not a real date) and which texts are dates."""
    values = np.full(len(texts), np.datetime64("NaT"), dtype="datetime64[us]")
    for i, text in enumerate(texts):
        match = DATE_PATTERN.match(text)
        if match is None:
            continue
        g = match.groupdict()
        try:
            values[i] = datetime(int(g["y1"] or g["y2"]), int(g["m1"] or g["m2"]),
                                 int(g["d1"] or g["d2"]), int(g["H1"] or g["H2"] or 0),
                                 int(g["M1"] or g["M2"] or 0), int(g["S1"] or g["S2"] or 0))
        except ValueError:  # 31/02/2021, 45-15-1555
            continue
    return values, ~np.isnat(values)


def _text_column(cells: _Cells, index: pd.Index) -> pd.Series:
    texts = np.array(cells.texts + [None], dtype=object)
    return pd.Series(texts[cells.codes], index=index, dtype="str")


def parse_dates(values: pd.Series) -> pd.Series:
    """Parse date texts written as yyyy-mm-dd, dd/mm/yyyy, dd-mm-yyyy or dd.mm.yyyy.

    Day first, as in Belgium; an optional time ``HH:MM[:SS]`` is kept. Anything else,
    including impossible dates such as 31/02/2021, becomes NaT.

    Examples
    --------
    >>> parse_dates(pd.Series(["10/09/1970", "1970-09-10", "45-15-1555", None])).tolist()
    [Timestamp('1970-09-10 00:00:00'), Timestamp('1970-09-10 00:00:00'), NaT, NaT]
    """
    if pd.api.types.is_datetime64_any_dtype(values):
        return values
    cells = _cells(values)
    dates, _ = _date_values(cells.texts)
    return pd.Series(cells.spread(dates, np.datetime64("NaT")), index=values.index,
                     name=values.name).astype("datetime64[ns]")


def parse_numbers(values: pd.Series, decimal: str = ",") -> pd.Series:
    """Parse number texts with a decimal comma (``1.234,56``) or point (``1,234.56``).

    Examples
    --------
    >>> parse_numbers(pd.Series(["1.234,56", "-12", "€ 5,5", "twaalf"])).tolist()
    [1234.56, -12.0, 5.5, nan]
    """
    if pd.api.types.is_numeric_dtype(values):
        return values.astype("float64")
    cells = _cells(values)
    numbers, _ = _number_values(cells.texts, decimal)
    return pd.Series(cells.spread(numbers, np.nan), index=values.index, name=values.name)


def _sniff_column(column: pd.Series, cells: _Cells, decimal: str) -> pd.Series:
    """Type a column from its texts: numbers, dates, else trimmed text."""
    if cells.texts and _all_numbers(cells.texts, decimal):
        numbers, _ = _number_values(cells.texts, decimal)
        return _numeric_column(pd.Series(cells.spread(numbers, np.nan), index=column.index))
    if cells.texts and all(DATE_PATTERN.match(t) for t in cells.texts):
        dates, ok = _date_values(cells.texts)
        if ok.all():
            return pd.Series(cells.spread(dates, np.datetime64("NaT")), index=column.index)
    return _text_column(cells, column.index)


def _numeric_column(numbers: pd.Series) -> pd.Series:
    present = numbers.dropna()
    whole = (present % 1 == 0).all() and (present.abs() < 2**53).all()
    if whole:
        return numbers.astype("Int64") if numbers.isna().any() else numbers.astype("int64")
    return numbers.astype("float64")


def _apply_column(column: pd.Series, cells: _Cells, spec: Column, decimal: str,
                  rows: np.ndarray, label: str) -> tuple[pd.Series, list[Problem]]:
    """Type a schema column and list what breaks its rules."""
    problems = []
    missing = cells.missing

    def report(mask: np.ndarray, key: str, **values) -> None:
        where = rows[np.flatnonzero(mask)]
        if len(where):
            problems.append(Problem.of(label, spec.name, key, where[:SHOW_ROWS].tolist(),
                                       len(where), **values))

    if not spec.nullable:
        report(missing, "empty_cells")
    if spec.kind in ("integer", "number"):
        per_text, ok = _number_values(cells.texts, decimal)
        numbers = pd.Series(cells.spread(per_text, np.nan), index=column.index)
        example = "12,50" if decimal == "," else "12.50"
        report(~missing & ~cells.spread(ok, True), "not_numbers", example=example)
        if spec.kind == "integer":
            report((numbers % 1 != 0).to_numpy() & numbers.notna().to_numpy(), "not_whole")
        typed = _numeric_column(numbers) if spec.kind == "integer" else numbers
        bounds = numbers
    elif spec.kind == "date":
        per_text, ok = _date_values(cells.texts)
        report(~missing & ~cells.spread(ok, True), "not_dates")
        typed = pd.Series(cells.spread(per_text, np.datetime64("NaT")), index=column.index)
        bounds = typed
    else:
        typed = _text_column(cells, column.index)
        bounds = typed
    if spec.min is not None:
        low = pd.Timestamp(spec.min) if spec.kind == "date" else spec.min
        report((bounds < low).to_numpy(), "below_min", min=spec.min)
    if spec.max is not None:
        high = pd.Timestamp(spec.max) if spec.kind == "date" else spec.max
        report((bounds > high).to_numpy(), "above_max", max=spec.max)
    if spec.allowed is not None:
        allowed = ", ".join(map(str, spec.allowed))
        report((typed.notna() & ~typed.isin(spec.allowed)).to_numpy(), "not_allowed",
               allowed=allowed)
    if spec.unique:
        report((typed.duplicated(keep=False) & typed.notna()).to_numpy(), "duplicates")
    return typed, problems


def _normal(name: str) -> str:
    return re.sub(r"[\s_\-]+", "_", name.strip().lower())


def _match_schema_names(raw: pd.DataFrame, schema: Schema, label: str) -> pd.DataFrame:
    """Rename file columns to the schema's names (ignoring case and spacing); report gaps."""
    by_normal = {_normal(c): c for c in raw.columns}
    renames, missing = {}, []
    for spec in schema.columns:
        if spec.name in raw.columns:
            continue
        found = by_normal.get(_normal(spec.name))
        if found is not None:
            renames[found] = spec.name
        elif spec.required:
            missing.append(spec.name)
    if missing:
        have = ", ".join(raw.columns)
        raise DataError([Problem.of(label, name, "missing_column", have=have)
                         for name in missing])
    return raw.rename(columns=renames)


def _check_keys(frame: pd.DataFrame, schema: Schema, rows: np.ndarray,
                label: str) -> list[Problem]:
    problems = []
    for key in schema.unique_keys:
        dup = frame.duplicated(list(key), keep=False).to_numpy()
        if dup.any():
            where = rows[dup]
            problems.append(Problem.of(label, " + ".join(key), "key_repeats",
                                       where[:SHOW_ROWS].tolist(), len(where)))
    return problems


# ----------------------------------------------------------------------------- exporting

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_ID_NAME = re.compile(r"(^|_)id$|^id_|(^|_)(klant|customer|user|visitor)(_?nr|nummer|number)?$")


def id_columns(frame: pd.DataFrame) -> list[str]:
    """Columns that hold identifiers by their name: ``id``, ``*_id``, ``customer``, ``klantnummer``.

    Examples
    --------
    >>> id_columns(pd.DataFrame(columns=["customer_id", "segment", "order_id", "amount"]))
    ['customer_id', 'order_id']
    """
    return [c for c in frame.columns if _ID_NAME.search(_normal(str(c)))]


def pseudonym(value, salt: str) -> str:
    """Salted-hash pseudonym of one identifier (HMAC-SHA256, 16 hex digits).

    The same value and salt always give the same pseudonym; without the salt it cannot be
    traced back by hashing candidate IDs.

    Examples
    --------
    >>> pseudonym("C00042", salt="workshop") == pseudonym("C00042", salt="workshop")
    True
    >>> pseudonym("C00042", salt="workshop").startswith("P")
    True
    """
    digest = hmac.new(salt.encode("utf-8"), str(value).encode("utf-8"), hashlib.sha256)
    return "P" + digest.hexdigest()[:16]


def formula_safe(value):
    """Neutralise text a spreadsheet would run as a formula by putting ``'`` in front.

    Examples
    --------
    >>> formula_safe("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> formula_safe("Janssens")
    'Janssens'
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def export_csv(frame: pd.DataFrame, path=None, *, pseudonymise: Sequence[str] | str = "auto",
               salt: str | None = None, sep: str = ",", decimal: str = ".",
               encoding: str = "utf-8"):
    """Write a table as CSV for a mailing tool or a colleague, pseudonymised and formula-safe.

    Parameters
    ----------
    frame : DataFrame
        The table; it is not changed.
    path : path or text file object, optional
        Where to write; ``None`` returns the CSV text.
    pseudonymise : "auto" or list of str
        Columns whose values are replaced by :func:`pseudonym`; "auto" takes
        :func:`id_columns`; ``[]`` keeps the real IDs (only when the receiver may see them).
    salt : str, optional
        Secret for the pseudonyms. Default: a new random salt per export, so two exports
        cannot be linked; pass your own secret salt to keep pseudonyms stable over exports.
    sep, decimal, encoding
        CSV dialect; ``sep=";", decimal=","`` for Belgian Excel.

    Returns
    -------
    str or path
        The CSV text when ``path`` is None, else ``path``.

    Examples
    --------
    >>> table = pd.DataFrame({"customer_id": ["C1"], "note": ["=1+1"], "amount": [-5.0]})
    >>> print(export_csv(table, salt="s"))
    customer_id,note,amount
    P28063b40b33ea1cd,'=1+1,-5.0
    <BLANKLINE>
    """
    columns = id_columns(frame) if pseudonymise == "auto" else list(pseudonymise)
    unknown = [c for c in columns if c not in frame.columns]
    if unknown:
        raise KeyError(f"cannot pseudonymise missing columns: {', '.join(unknown)}")
    salt = salt if salt is not None else secrets.token_hex(16)
    out = frame.copy()
    for col in columns:
        out[col] = out[col].map(lambda v: v if pd.isna(v) else pseudonym(v, salt))
    for col in out.columns:
        if not (pd.api.types.is_numeric_dtype(out[col]) or
                pd.api.types.is_datetime64_any_dtype(out[col])):
            out[col] = out[col].map(formula_safe)
    text = out.to_csv(index=False, sep=sep, decimal=decimal, lineterminator="\n")
    if path is None:
        return text
    if hasattr(path, "write"):
        path.write(text)
        return path
    Path(path).write_text(text, encoding=encoding)
    return path


# ------------------------------------------------------------------------ guessing columns
COLUMN_NAMES = {
    "customer_id": ("customer", "customer_no", "customer_number", "klant", "klant_id", "klantnr",
                    "klantnummer", "klant_nr", "client", "client_id", "user_id", "member_id",
                    "lid"),
    "order_id": ("order", "order_no", "order_number", "bestelling", "bestelnr", "bestelnummer",
                 "document_no", "receipt_no", "ticket", "bon", "bonnummer", "invoice_no",
                 "factuur", "factuurnummer", "factuurnr", "transaction_id", "purchase_id",
                 "booking_id"),
    "order_date": ("date", "datum", "besteldatum", "orderdatum", "factuurdatum", "ordered_at",
                   "paid_at", "sold_at", "purchased_at", "booking_date", "aankoopdatum",
                   "transaction_date"),
    "amount": ("bedrag", "totaal", "total", "total_amount", "line_amount", "omzet", "revenue",
               "price", "prijs", "total_price", "waarde", "value", "bedrag_incl_btw"),
}
"""Other names export systems give a schema column (Dutch and English), most likely first."""


def guess_columns(columns, schema: Schema,
                  names: Mapping[str, Sequence[str]] | None = None) -> dict[str, str | None]:
    """Guess which file column holds each column of ``schema`` (``None`` when unsure).

    A file column fits when its name, ignoring case, spaces, ``-`` and ``_``, is the schema
    column's name or one of its other names (:data:`COLUMN_NAMES`, most likely first). Each
    file column is used once. Pass the result, turned around, as ``read_table``'s
    ``columns``; ask the user for the columns left at ``None``.

    Parameters
    ----------
    columns : sequence of str
        The file's column names, e.g. ``read_table(data).columns``.
    schema : Schema
        The columns to find.
    names : mapping, optional
        ``{schema column: other names}``; by default :data:`COLUMN_NAMES`.

    Returns
    -------
    dict
        ``{schema column: file column or None}``, in the schema's order.

    Examples
    --------
    >>> guess_columns(["Klantnummer", "Factuurnr", "Datum", "Bedrag incl btw", "Winkel"],
    ...               TRANSACTIONS)
    {'customer_id': 'Klantnummer', 'order_id': 'Factuurnr', 'order_date': 'Datum', \
'amount': 'Bedrag incl btw'}
    >>> guess_columns(["a", "b"], TRANSACTIONS)["amount"] is None
    True

    Used in: the segment explorer app (notebooks/apps/segment_explorer.ipynb).
    """
    names = COLUMN_NAMES if names is None else names
    by_normal = {_normal(str(c)): c for c in columns}
    guess: dict[str, str | None] = {}
    for spec in schema.columns:
        found = (by_normal.get(_normal(n)) for n in (spec.name, *names.get(spec.name, ())))
        guess[spec.name] = next((c for c in found if c is not None and c not in guess.values()),
                                None)
    return guess
