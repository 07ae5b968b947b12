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
notebooks/07_aim6_evaluate_and_adjust.ipynb, notebooks/08_legal_and_responsible_ai.ipynb,
every case notebook (the own exports and the lists that leave a case) and the segment
explorer app.
"""

from __future__ import annotations

import hashlib
import hmac
import io as _stdio
import json
import os
import re
import secrets
import unicodedata
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

MAX_COLUMNS = 5_000
"""Widest file :func:`read_table` accepts (columns in the header)."""

MISSING = frozenset({"", "NA", "N/A", "n/a", "NULL", "null", "#N/A", "NaN", "nan"})
"""Cell texts read as an empty (missing) value."""

SEPARATORS = (";", ",", "\t", "|")
SHOW_ROWS = 5

_ISO_DATE = (r"(?P<y1>\d{4})(?P<isep>[-/])(?P<m1>\d{1,2})(?P=isep)(?P<d1>\d{1,2})"
             r"(?:[ T](?P<H1>\d{1,2}):(?P<M1>\d{2})(?::(?P<S1>\d{2})(?:\.\d+)?)?Z?)?")
_DAY_FIRST = (r"(?P<d2>\d{1,2})(?P<sep>[/.\-])(?P<m2>\d{1,2})(?P=sep)(?P<y2>\d{4})"
              r"(?: (?P<H2>\d{1,2}):(?P<M2>\d{2})(?::(?P<S2>\d{2}))?)?")
_COMPACT_DATE = r"(?P<y3>(?:19|20)\d{2})(?P<m3>\d{2})(?P<d3>\d{2})"
DATE_PATTERN = re.compile(rf"^(?:{_ISO_DATE}|{_DAY_FIRST})$")
"""Date texts a column is sniffed as dates by: yyyy-mm-dd, dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy."""
_ANY_DATE = re.compile(rf"^(?:{_ISO_DATE}|{_DAY_FIRST}|{_COMPACT_DATE})$")

_AMOUNT = (r"^(?P<open>\()?(?P<sign>[-+\u2212])?(?P<int>[1-9]\d{{0,2}}(?P<group>[{groups}])\d{{3}}"
           r"(?:(?P=group)\d{{3}})*|\d+)?(?:{point}(?P<frac>\d+))?{exponent}"
           r"(?P<trail>-)?(?P<close>\))?$")
_NUMBER = {
    # decimal comma: 1.234,56  1234,56  -12  1 234,5  12,50-  (12,50)  −12
    ",": re.compile(_AMOUNT.format(groups=". \u00a0\u202f'", point=",", exponent="")),
    # decimal point: 1,234.56  1234.56  -12  1.5e3
    ".": re.compile(_AMOUNT.format(groups=", \u00a0\u202f'", point=r"\.",
                                   exponent=r"(?P<exp>[eE][+-]?\d+)?")),
}
_CURRENCY = re.compile(r"^(?:€|EUR)\s*|\s*(?:€|EUR)$")
_QUOTED = re.compile(r'"[^"]*"')
_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file.

    ``problem`` is the English description; problems made with :meth:`of` can also be told
    in Dutch (:meth:`text`): the apps ask for their language, ``str()`` speaks the course's
    (:func:`aimkit.i18n.current_language`).

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

    def text(self, lang: str | None = None) -> str:
        """The file, column, problem and first rows in ``lang`` (default: the course's)."""
        lang = lang or i18n.current_language()
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
        return self.text()


class DataError(ValueError):
    """A file that cannot be used as it is; ``problems`` lists everything found.

    The message has one line per problem and names the file, the column, the problem and the
    first rows (spreadsheet numbering: the header is row 1, the first data row is row 2), in
    the course's language (Dutch in the Dutch edition; :meth:`text` takes another).

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
        super().__init__(self.text())

    def text(self, lang: str | None = None) -> str:
        """The message in ``lang`` ("nl" or "en", by default the course's), one line per problem."""
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

class DataWarning(UserWarning):
    """A file was read, but something in it deserves a look (e.g. a byte that is not UTF-8).

    The same notes are in ``frame.attrs["notes"]`` as :class:`Problem` objects, which the
    apps show in Dutch.
    """


def read_table(source, schema: Schema | None = None, *, columns: Mapping[str, str] | None = None,
               name: str | None = None, max_bytes: int = MAX_BYTES,
               decimal: str | None = None) -> pd.DataFrame:
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
    decimal : {",", "."}, optional
        The decimal mark, when the file itself cannot tell: a file whose numbers are all
        written like ``1.250`` (one thousand two hundred fifty, or one and a quarter?) is
        refused with a message asking for it. By default the file decides: a value such as
        ``12,50`` or ``1.234,56`` can be read one way only.

    Returns
    -------
    DataFrame
        Numbers as float64/int64 (Int64 with gaps), dates as datetime64, the rest as text;
        empty cells as missing. ``frame.attrs["read_as"]`` says how the file was read
        (decimal ``None``: no number in the file needed one). ``frame.attrs["notes"]``
        lists :class:`Problem` objects worth a look that did not stop the reading (a byte
        that is not UTF-8 in a UTF-8 file: read as the cp1252 character, with its row and
        column); each is also issued as a :class:`DataWarning`.

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
    >>> read_table(b"product;prijs\\nA;1.250\\n", name="prijzen.csv")
    Traceback (most recent call last):
    ...
    aimkit.io.DataError: prijzen.csv, column 'prijs': reads as a different number with a \
decimal comma (1.250 = 1250) than with a decimal point (1.250 = 1.25); say which with \
decimal="," or decimal="." (row 2)
    >>> float(read_table(b"product;prijs\\nA;1.250\\n", decimal=",")["prijs"].iloc[0])
    1250.0
    """
    if decimal not in (None, ",", "."):
        raise ValueError(f'decimal must be "," or ".", not {decimal!r}')
    data, label = _read_bytes(source, name, max_bytes)
    text, encoding, strays = _decode(data, label)
    del data
    text, separator = _excel_separator_line(text)
    separator = separator or _sniff_separator(text)
    notes = _stray_notes(text, strays, separator, label)
    cells, rows = _parse(text, separator, label)
    del text
    if columns:
        cells = _rename(cells, columns, label)
    if schema is not None:
        cells = _match_schema_names(cells, schema, label)
    specs = {c.name: c for c in schema.columns} if schema else {}
    readings = {col: _NumberReadings(c.texts) for col, c in cells.items()
                if (specs[col].kind in ("integer", "number") if col in specs
                    else len(c.texts) and _number_like(c.texts).all())}
    file_decimal = decimal or _file_decimal(readings.values())
    problems: list[Problem] = []
    typed = {}
    for col, col_cells in cells.items():
        reading = readings.get(col)
        column_decimal = decimal or (reading.decimal if reading else None) or file_decimal
        if (reading is not None and column_decimal is None and reading.ambiguous.any()
                and (col in specs or reading.all_numbers(",") or reading.all_numbers("."))):
            problems.append(_ambiguous(reading, col_cells, rows, col, label))
            column_decimal = ","
        if col in specs:
            typed[col], found = _apply_column(col_cells, specs[col], reading, column_decimal,
                                              rows, label)
            problems.extend(found)
        else:
            typed[col] = _sniff_column(col_cells, reading, column_decimal)
    frame = pd.DataFrame(typed, index=pd.RangeIndex(len(rows)))
    if schema is not None:
        problems.extend(_check_keys(frame, schema, rows, label))
    if problems:
        raise DataError(problems)
    frame.attrs["read_as"] = {"file": label, "encoding": encoding, "separator": separator,
                              "decimal": file_decimal}
    frame.attrs["notes"] = notes
    for note in notes:
        warnings.warn(DataWarning(str(note)), stacklevel=2)
    return frame


def _read_bytes(source, name: str | None, max_bytes: int) -> tuple[bytes, str]:
    if isinstance(source, (str, os.PathLike)):
        label = name or (Path(source).name[:80] or str(source)[:80])
        try:
            path = Path(source)
            if path.is_dir():
                raise DataError([Problem.of(label, None, "folder")])
            if not path.exists():
                raise DataError([Problem.of(label, None, "not_found")])
            _check_size(path.stat().st_size, max_bytes, label)
            data = path.read_bytes()
        except (OSError, ValueError) as error:  # name too long, no permission, NUL in path
            if isinstance(error, DataError):
                raise
            reason = getattr(error, "strerror", None) or str(error)
            raise DataError([Problem.of(label, None, "unreadable", reason=reason)]) from None
    elif isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        label = name or "uploaded file"
    elif hasattr(source, "read"):
        data = source.read(max_bytes + 1)
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


_BOM = b"\xef\xbb\xbf"
_SIGNATURES = {b"PK\x03\x04": "xlsx", b"\xd0\xcf\x11\xe0": "xls", b"%PDF": "pdf",
               b"\x89PNG": "png", b"\xff\xd8\xff": "jpeg", b"\x1f\x8b": "gzip",
               _BOM + _BOM: "double_bom", b"\xff\xfe\x00\x00": "utf32",
               b"\x00\x00\xfe\xff": "utf32"}
"""The first bytes of files that are no CSV export we read, and their problem's key."""


def _check_content(data: bytes, label: str) -> None:
    if not data:
        raise DataError([Problem.of(label, None, "empty")])
    for signature, key in _SIGNATURES.items():
        if data.startswith(signature):
            raise DataError([Problem.of(label, None, key)])
    head = data[:8192]
    if _utf16_without_bom(head) or head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return
    if head[1:4:1] == b"\x00\x00\x00" or head[:3] == b"\x00\x00\x00":
        raise DataError([Problem.of(label, None, "utf32")])
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13))
    if b"\x00" in head or controls > len(head) * 0.05:
        raise DataError([Problem.of(label, None, "binary")])


def _utf16_without_bom(head: bytes) -> str | None:
    """"utf-16-le"/"-be" when every other byte is zero, as in text saved as UTF-16."""
    if len(head) < 4 or len(head) % 2:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.9 * len(odd) and not even.count(0):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and not odd.count(0):
        return "utf-16-be"
    return None


def _decode(data: bytes, label: str) -> tuple[str, str, list[int]]:
    """The text, its encoding and where bytes that are not UTF-8 sat in a UTF-8 file."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(data[:8192]):
        encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else \
            _utf16_without_bom(data[:8192])
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            raise DataError([Problem.of(label, None, "broken_utf16",
                                        position=error.start)]) from None
        return _not_blank(text.lstrip("\ufeff"), label), encoding, []
    encoding = "utf-8-sig" if data.startswith(_BOM) else "utf-8"
    try:
        return _not_blank(data.decode(encoding), label), encoding, []
    except UnicodeDecodeError:
        pass
    text = data.decode(encoding, errors="surrogateescape")  # a bad byte becomes U+DC80-DCFF
    strays = [m.start() for m in _STRAY.finditer(text)]
    multibyte = len(data) - len(text) - (3 if encoding == "utf-8-sig" else 0)
    if multibyte >= len(strays):  # mostly UTF-8: keep it, read the odd byte as cp1252
        text = _STRAY.sub(lambda m: _cp1252(ord(m.group()) - 0xDC00), text)
        return _not_blank(text, label), encoding, strays
    try:
        text, encoding = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "latin-1"  # cp1252 leaves five bytes undefined
    return _not_blank(text, label), encoding, []


_STRAY = re.compile("[\udc80-\udcff]")
_VISIBLE = re.compile(r"\S")


def _cp1252(byte: int) -> str:
    return bytes([byte]).decode("cp1252", errors="ignore") or bytes([byte]).decode("latin-1")


def _not_blank(text: str, label: str) -> str:
    if _VISIBLE.search(text) is None:
        raise DataError([Problem.of(label, None, "blank")])
    return text


_SEP_LINE = re.compile(r'^"?sep=(.)"?[ \t]*(?:\r\n|\r|\n)', re.IGNORECASE)


def _excel_separator_line(text: str) -> tuple[str, str | None]:
    """Drop leading blank lines and Excel's ``sep=;`` line; return the separator it names."""
    if text[:1] in ("\r", "\n"):
        text = text.lstrip("\r\n")
    line = _SEP_LINE.match(text[:16])
    if line is None:
        return text, None
    return text[line.end():].lstrip("\r\n"), line.group(1)


def _record_widths(text: str, separator: str) -> list[int]:
    """Fields per record (a quoted newline does not end a record); 0 for a blank record."""
    records = _LINE_END.split(_QUOTED.sub('""', text))
    return [r.count(separator) + 1 if r.strip() else 0 for r in records]


def _sample(text: str, size: int = 65536) -> str:
    """The first records of ``text`` (at least the header, however long)."""
    if len(text) <= size:
        return text
    ends = [text.rfind(end, 0, size) for end in ("\n", "\r")]
    end = max(ends)
    if end <= 0:
        found = _LINE_END.search(text)
        end = found.start() if found else len(text)
    return text[:end]


def _sniff_separator(text: str) -> str:
    """Pick the separator that splits the header and the first lines into the same width."""
    sample = _sample(text)
    best, best_score = ",", (0.0, 0)
    for sep in SEPARATORS:
        widths = [w for w in _record_widths(sample, sep)[:51] if w]
        if not widths or widths[0] < 2:
            continue
        consistent = sum(w == widths[0] for w in widths) / len(widths)
        score = (consistent, widths[0])
        if score > best_score:
            best, best_score = sep, score
    return best


def _stray_notes(text: str, strays: list[int], separator: str, label: str) -> list[Problem]:
    """Where in the table each byte that was not UTF-8 sits: one note per column."""
    if not strays:
        return []
    header = _LINE_END.split(_sample(text, 4096), maxsplit=1)[0].split(separator)
    found: dict[str, list[int]] = {}
    for offset in strays:
        before = _QUOTED.sub("", text[:offset])
        if before.count('"') % 2:  # inside a quoted value
            before = before[:before.rfind('"')]
        lines = _LINE_END.split(before)
        column = lines[-1].count(separator)
        name = header[column].strip('" ') if column < len(header) else f"{column + 1}"
        found.setdefault(name, []).append(len(lines))
    return [Problem.of(label, column, "stray_byte", rows[:SHOW_ROWS], len(rows))
            for column, rows in found.items()]


def _parse(text: str, separator: str, label: str) -> tuple[dict[str, _Cells], np.ndarray]:
    """Split into cells per column; return them and each row's spreadsheet number.

    Short cells are compared as bytes (see :data:`_SHORT`), longer ones as Python
    strings: both give the same cells, the bytes only faster.
    """
    data = text.encode("utf-8")  # the C parser reads UTF-8 bytes faster than a str

    def read(**options) -> pd.DataFrame:
        return pd.read_csv(_stdio.BytesIO(data), encoding="utf-8", sep=separator, header=None,
                           na_filter=False, skip_blank_lines=False, index_col=False,
                           engine="c", **options)

    try:
        names = [str(h).strip() for h in read(nrows=1, dtype=object).iloc[0]]
        if len(names) > MAX_COLUMNS:
            raise DataError([Problem.of(label, None, "too_wide", width=len(names),
                                        limit=MAX_COLUMNS)])
        _check_header(names, label)
        raw = read(dtype=_SHORT if _short_enough(data, len(names)) else object)
        columns = {position: raw[position].to_numpy()[1:] for position in raw.columns}
        del raw
        long = [position for position, values in columns.items() if values.dtype == _SHORT
                and (np.strings.str_len(values) >= _SHORT.itemsize).any()]  # maybe cut off
        if long:
            columns.update({position: values.to_numpy()[1:] for position, values
                            in read(dtype=object, usecols=long).items()})
    except pd.errors.ParserError as error:
        raise DataError([_parser_problem(str(error), text, separator, label)]) from None
    cells = {name: _cells(columns.pop(position))
             for position, name in zip(list(columns), names, strict=True)}
    rows = np.arange(len(next(iter(cells.values())).codes)) + 2
    blank = np.logical_and.reduce([c.blank for c in cells.values()])
    if blank.any():
        cells = {name: c.take(~blank) for name, c in cells.items()}
        rows = rows[~blank]
    for position, name in enumerate(names, start=1):
        if name.startswith("\0unnamed"):
            if not cells.pop(name).blank.all():
                raise DataError([Problem.of(label, None, "unnamed_column", position=position)])
    if not len(rows) or not cells:
        raise DataError([Problem.of(label, None, "no_rows")])
    return cells, rows


_PARSER_ERRORS = {
    "ragged": re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)"),
    "unclosed_quote": re.compile(r"EOF inside string starting at row (\d+)"),
}


def _parser_problem(message: str, text: str, separator: str, label: str) -> Problem:
    """Turn pandas' parser error into a Problem a user can act on."""
    ragged = _PARSER_ERRORS["ragged"].search(message)
    if ragged:
        widths = _record_widths(text, separator)
        bad = [row for row, width in enumerate(widths, start=1) if width > widths[0]]
        bad = bad or [int(ragged.group(2))]
        return Problem.of(label, None, "ragged", bad[:SHOW_ROWS], len(bad), width=widths[0])
    unclosed = _PARSER_ERRORS["unclosed_quote"].search(message)
    if unclosed:
        return Problem.of(label, None, "unclosed_quote", (int(unclosed.group(1)) + 1,), 1)
    return Problem.of(label, None, "unreadable", reason=message.split(":")[-1].strip())


def _check_header(names: list[str], label: str) -> None:
    seen: dict[str, int] = {}
    similar: dict[str, int] = {}
    for position, name in enumerate(names, start=1):
        if not name:
            names[position - 1] = f"\0unnamed{position}"
            continue
        if name in seen:
            raise DataError([Problem.of(label, name, "twice_in_header", (1,), 1,
                                        first=seen[name], second=position)])
        first = similar.get(_normal(name))
        if first is not None:
            raise DataError([Problem.of(label, name, "similar_in_header", (1,), 1,
                                        first=first, second=position, other=names[first - 1])])
        seen[name] = similar[_normal(name)] = position


def _rename(cells: dict[str, _Cells], columns: Mapping[str, str],
            label: str) -> dict[str, _Cells]:
    """Rename file columns; refuse a mapping that names no column or makes one twice."""
    unknown = [old for old in columns if old not in cells]
    if unknown:
        raise DataError([Problem.of(label, old, "rename_unknown", have=", ".join(cells))
                         for old in unknown])
    names = [columns.get(c, c) for c in cells]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise DataError([Problem.of(label, n, "rename_twice",
                                    sources=", ".join(repr(c) for c in cells
                                                      if columns.get(c, c) == n))
                         for n in twice])
    return dict(zip(names, cells.values(), strict=True))


_TEXT = np.dtypes.StringDType()
_LONGEST_MISSING = max(map(len, MISSING))


_SHORT = np.dtype("S16")
"""Cells of up to 15 UTF-8 bytes (ids, dates, amounts) are read as fixed-width bytes: no Python
object per cell, and compared as two 8-byte integers. A 16-byte cell may be cut off, so a
column holding one is read again as text."""
_SHORT_GROWTH = 2
"""Read short cells as bytes when these take at most this many times the file's size."""


def _short_enough(data: bytes, width: int) -> bool:
    """Whether to read the cells as :data:`_SHORT` bytes (any reading gives the same cells).

    Yes if, judged on its first 64 KiB, the file's cells as :data:`_SHORT` bytes take at most
    :data:`_SHORT_GROWTH` times its size.
    """
    sample = data[:65536]
    records = max(sample.count(b"\n"), sample.count(b"\r")) + 1
    return records * width * _SHORT.itemsize <= _SHORT_GROWTH * len(sample)


def _factorize_short(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Like :func:`pandas.factorize` for :data:`_SHORT` bytes, with the distinct cells as text.

    >>> _factorize_short(np.array([b"12,50", b"x", b"12,50", b"1.250,00"], dtype=_SHORT))
    (array([0, 1, 0, 2]), array(['12,50', 'x', '1.250,00'], dtype=StringDType()))
    """
    words = np.ascontiguousarray(values).view(np.int64).reshape(len(values), 2)
    codes, first = pd.factorize(words[:, 0])
    second_codes, second = pd.factorize(words[:, 1])
    if len(second) > 1:
        codes, pairs = pd.factorize(codes * len(second) + second_codes)
        first, second = first[pairs // len(second)], second[pairs % len(second)]
    else:
        second = np.repeat(second, len(first))
    distinct = np.stack([first, second], axis=1).view(_SHORT).ravel()
    return codes, distinct.astype(_TEXT)  # decodes UTF-8


@dataclass(frozen=True)
class _Cells:
    """A column as its distinct trimmed values and, per row, the value's code.

    Real exports repeat values a lot (dates, codes, amounts), so every test and conversion
    runs once per distinct value and is spread over the rows with ``codes``. Code -1 is a
    missing value (:data:`MISSING`), -2 an empty cell.
    """

    codes: np.ndarray
    texts: np.ndarray

    @property
    def missing(self) -> np.ndarray:
        return self.codes < 0

    @property
    def blank(self) -> np.ndarray:
        return self.codes == -2

    def take(self, rows: np.ndarray) -> _Cells:
        return _Cells(self.codes[rows], self.texts)

    def spread(self, per_text: np.ndarray, fill) -> np.ndarray:
        """Per-row values from one value per distinct text (``fill`` where missing)."""
        out = np.append(per_text, np.array([fill, fill], dtype=per_text.dtype))
        return out[self.codes]  # codes -1 and -2 take the appended fills


def _cells(values: np.ndarray) -> _Cells:
    """The cells of one column (texts, or :data:`_SHORT` bytes; ``nan`` is a missing cell)."""
    codes, uniques = (_factorize_short if values.dtype == _SHORT else pd.factorize)(values)
    as_text = np.asarray(uniques).astype(_TEXT, copy=False)
    stripped = np.strings.strip(as_text)
    if (stripped != as_text).any():  # "a" and "a " are one text
        inner, uniques = pd.factorize(stripped.astype(object))
        codes, stripped = np.where(codes >= 0, inner[codes], -1), uniques.astype(_TEXT)
    empty = stripped == ""
    short = np.flatnonzero(np.strings.str_len(stripped) <= _LONGEST_MISSING)
    absent = empty.copy()
    absent[short] = np.isin(stripped[short], np.array(sorted(MISSING), dtype=_TEXT))
    position = np.cumsum(~absent) - 1
    position[absent] = -1
    position[empty] = -2
    return _Cells(np.append(position, -2)[codes], np.asarray(uniques[~absent], dtype=object))


def _amount(text: str, decimal: str) -> float | None:
    """The number a text stands for with this decimal mark, or None."""
    match = _NUMBER[decimal].match(_CURRENCY.sub("", text))
    if match is None:
        return None
    g = match.groupdict()
    digits = g["int"] or ""
    if (not digits and not g["frac"]) or (digits[:1] == "0" and len(digits) > 1 and
                                          digits[1].isdigit()):
        return None  # 0470123456 is a phone number, 012 a code
    if bool(g["open"]) != bool(g["close"]) or sum(map(bool, (g["open"], g["sign"],
                                                               g["trail"]))) > 1:
        return None
    if g.get("exp") and g["group"]:
        return None
    if g["group"]:
        digits = digits.replace(g["group"], "")
    value = float(f"{digits or 0}.{g['frac'] or 0}{g.get('exp') or ''}")
    if not np.isfinite(value):
        return None  # 1e999
    negative = g["open"] or g["trail"] or g["sign"] in ("-", "\u2212")
    return -value if negative else value


_DIGITS = "0123456789"
_NUMBER_CHARS = _DIGITS + ".,-+()€ \u00a0\u202f'\u2212eE"


def _number_like(texts: np.ndarray) -> np.ndarray:
    """Which texts hold only characters a number can be written with."""
    text = np.strings.replace(np.asarray(texts).astype(_TEXT), "EUR", "")
    return np.strings.lstrip(text, _NUMBER_CHARS) == ""


def _numbers(texts: np.ndarray, marks: str = ",.") -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per decimal mark, the numbers the texts stand for (NaN if none) and which texts are.

    Plain numbers (``-1234,5``) are converted all at once; the other texts one at a time
    with the full grammar of :func:`_amount`, unless a thousands group that is not three
    digits long already rules them out (``12,50`` with a decimal point).
    """
    text = texts.astype(_TEXT, copy=False)
    number_like = _number_like(text)  # only ASCII digits among its letters
    negative = np.strings.startswith(text, "-")
    body = np.where(negative, np.strings.slice(text, 1, None), text)
    leading_zero = np.strings.startswith(body, "0") & (np.strings.str_len(body) > 1)
    readings = {}
    for decimal in marks:
        values, ok = np.full(len(text), np.nan), np.zeros(len(text), dtype=bool)
        plain = (number_like & np.strings.isdecimal(np.strings.replace(body, decimal, "", 1))
                 & ~np.strings.endswith(body, decimal)
                 & ~(leading_zero & ~np.strings.startswith(body, "0" + decimal)))
        number = np.strings.replace(body[plain], decimal, ".").astype(np.float64)
        values[plain], ok[plain] = np.where(negative[plain], -number, number), True
        group = "." if decimal == "," else ","
        _, found, last_group = np.strings.rpartition(body, np.array(group, dtype=_TEXT))
        group_digits = np.strings.partition(last_group, np.array(decimal, dtype=_TEXT))[0]
        possible = (~plain & number_like
                    & ((found == "") | (np.strings.str_len(group_digits) == 3)))
        for i in np.flatnonzero(possible):
            number = _amount(str(text[i]), decimal)
            if number is not None:
                values[i], ok[i] = number, True
        readings[decimal] = values, ok
    return readings


class _NumberReadings:
    """The texts of a column read as numbers with a decimal comma and with a decimal point."""

    def __init__(self, texts: np.ndarray):
        readings = _numbers(texts)
        self.values = {mark: values for mark, (values, _) in readings.items()}
        self.ok = {mark: ok for mark, (_, ok) in readings.items()}
        both = self.ok[","] & self.ok["."]
        self.ambiguous = both & (self.values[","] != self.values["."])

    @property
    def decimal(self) -> str | None:
        """The decimal mark some values of the column can only be read with, if just one."""
        comma = (self.ok[","] & ~self.ok["."]).any()
        point = (self.ok["."] & ~self.ok[","]).any()
        return "," if comma and not point else "." if point and not comma else None

    def all_numbers(self, decimal: str) -> bool:
        return bool(self.ok[decimal].all())


def _file_decimal(readings) -> str | None:
    """The decimal mark of the number columns that can only be read one way, if they agree."""
    marks = {r.decimal for r in readings if r.decimal and r.all_numbers(r.decimal)}
    return marks.pop() if len(marks) == 1 else None


def _ambiguous(reading: _NumberReadings, cells: _Cells, rows: np.ndarray, column: str,
               label: str) -> Problem:
    first = int(np.flatnonzero(reading.ambiguous)[0])
    where = rows[np.flatnonzero(cells.spread(reading.ambiguous, False))]
    text = str(cells.texts[first])
    return Problem.of(label, column, "ambiguous_decimal", where[:SHOW_ROWS].tolist(),
                      len(where), text=text, comma=_plain(reading.values[","][first]),
                      point=_plain(reading.values["."][first]))


def _plain(number: float) -> str:
    return f"{number:.15g}"


def _date_values(texts, pattern: re.Pattern = DATE_PATTERN) -> tuple[np.ndarray, np.ndarray]:
    """Datetimes for the texts (NaT where not a real date) and which texts are dates."""
    values = np.full(len(texts), np.datetime64("NaT"), dtype="datetime64[us]")
    for i, text in enumerate(texts):
        match = pattern.match(text)
        if match is None:
            continue
        g = match.groupdict()
        try:
            values[i] = datetime(int(g["y1"] or g["y2"] or g["y3"]),
                                 int(g["m1"] or g["m2"] or g["m3"]),
                                 int(g["d1"] or g["d2"] or g["d3"]),
                                 int(g["H1"] or g["H2"] or 0), int(g["M1"] or g["M2"] or 0),
                                 int(g["S1"] or g["S2"] or 0))
        except ValueError:  # 31/02/2021, 45-15-1555
            continue
    return values, ~np.isnat(values)


def _text_column(cells: _Cells) -> pd.Series:
    texts = np.append(cells.texts, [None, None])
    return pd.Series(texts[cells.codes], dtype="str")


def parse_dates(values: pd.Series) -> pd.Series:
    """Parse date texts written as yyyy-mm-dd, dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy or yyyymmdd.

    Day first, as in Belgium; an optional time ``HH:MM[:SS]`` is kept. Anything else,
    including impossible dates such as 31/02/2021, becomes NaT.

    Examples
    --------
    >>> parse_dates(pd.Series(["10/09/1970", "1970-09-10", "19700910", "45-15-1555"])).tolist()
    [Timestamp('1970-09-10 00:00:00'), Timestamp('1970-09-10 00:00:00'), \
Timestamp('1970-09-10 00:00:00'), NaT]
    """
    if pd.api.types.is_datetime64_any_dtype(values):
        return values
    cells = _cells(values.astype(object).where(values.notna(), "").to_numpy())
    dates, _ = _date_values(cells.texts, _ANY_DATE)
    return pd.Series(cells.spread(dates, np.datetime64("NaT")), index=values.index,
                     name=values.name).astype("datetime64[ns]")


def parse_numbers(values: pd.Series, decimal: str = ",") -> pd.Series:
    """Parse number texts with a decimal comma (``1.234,56``) or point (``1,234.56``).

    Negative amounts may also be written ``12,50-``, ``(12,50)`` or ``−12``; thousands may
    be grouped with a (non-breaking) space. ``inf``, ``nan`` and overflowing numbers are no
    numbers.

    Examples
    --------
    >>> parse_numbers(pd.Series(["1.234,56", "-12", "€ 5,5", "(7,25)", "twaalf"])).tolist()
    [1234.56, -12.0, 5.5, -7.25, nan]
    """
    if pd.api.types.is_numeric_dtype(values):
        return values.astype("float64")
    cells = _cells(values.astype(object).where(values.notna(), "").to_numpy())
    numbers, _ = _numbers(cells.texts, decimal)[decimal]
    return pd.Series(cells.spread(numbers, np.nan), index=values.index, name=values.name)


def _sniff_column(cells: _Cells, reading: _NumberReadings | None, decimal: str) -> pd.Series:
    """Type a column from its texts: numbers, dates, else trimmed text."""
    if len(cells.texts) and reading is not None and reading.all_numbers(decimal or ","):
        numbers = cells.spread(reading.values[decimal or ","], np.nan)
        return _numeric_column(pd.Series(numbers))
    if len(cells.texts) and DATE_PATTERN.match(cells.texts[0]):  # worth reading them all
        dates, ok = _date_values(cells.texts)
        if ok.all():
            return pd.Series(cells.spread(dates, np.datetime64("NaT")))
    return _text_column(cells)


def _numeric_column(numbers: pd.Series) -> pd.Series:
    present = numbers.dropna()
    whole = (present % 1 == 0).all() and (present.abs() < 2**53).all()
    if whole:
        return numbers.astype("Int64") if numbers.isna().any() else numbers.astype("int64")
    return numbers.astype("float64")


def _apply_column(cells: _Cells, spec: Column, reading: _NumberReadings | None,
                  decimal: str | None, rows: np.ndarray,
                  label: str) -> tuple[pd.Series, list[Problem]]:
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
        decimal = decimal or ","
        numbers = pd.Series(cells.spread(reading.values[decimal], np.nan))
        example = "12,50" if decimal == "," else "12.50"
        report(~missing & ~cells.spread(reading.ok[decimal], True), "not_numbers",
               example=example)
        if spec.kind == "integer":
            report((numbers % 1 != 0).to_numpy() & numbers.notna().to_numpy(), "not_whole")
        typed = _numeric_column(numbers) if spec.kind == "integer" else numbers
        bounds = numbers
    elif spec.kind == "date":
        per_text, ok = _date_values(cells.texts, _ANY_DATE)
        report(~missing & ~cells.spread(ok, True), "not_dates")
        typed = pd.Series(cells.spread(per_text, np.datetime64("NaT")))
        bounds = typed
    else:
        typed = _text_column(cells)
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


def _match_schema_names(cells: dict[str, _Cells], schema: Schema,
                        label: str) -> dict[str, _Cells]:
    """Rename file columns to the schema's names (ignoring case and spacing); report gaps."""
    by_normal = {_normal(c): c for c in cells}
    renames, missing = {}, []
    for spec in schema.columns:
        if spec.name in cells:
            continue
        found = by_normal.get(_normal(spec.name))
        if found is not None:
            renames[found] = spec.name
        elif spec.required:
            missing.append(spec.name)
    if missing:
        have = ", ".join(cells)
        raise DataError([Problem.of(label, name, "missing_column", have=have)
                         for name in missing])
    return {renames.get(c, c): values for c, values in cells.items()}


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

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20",
                  "\ufe62", "\ufe63", "\ufe66")
"""First characters (after spaces and quotes) that make a spreadsheet run a cell as a formula;
the full-width and small forms are there because some spreadsheets fold them to ``=+-@``."""
_LEADING = " \"'\u00a0\u2007\u202f\u3000"

_ID_WORDS = ("klant", "customer", "client", "relatie", "debiteur", "lid", "leden", "member",
             "user", "visitor", "account", "contact", "kaart", "card", "loyalty")
_ID_NAME = re.compile(rf"^(?:id|(?:.+ )?id|id .+|(?:{'|'.join(_ID_WORDS)})"
                      r"(?: ?(?:nr|no|nummer|number|num|id|code|key))?)$")
_DIRECT_IDENTIFIERS = {
    "e-mail address": r"e ?mail|mail|e ?mail ?(?:adres|address)|mail ?adres",
    "phone number": r"phone|telephone|tel|telefoon|telefoon ?nummer|phone ?number|gsm|gsm ?nummer"
                    r"|mobile|mobiel|mobile ?phone|cell ?phone|fax",
    "name": r"name|naam|first ?name|last ?name|full ?name|surname|given ?name|family ?name"
            r"|voornaam|achternaam|familienaam|klant ?naam|customer ?name|client ?name"
            r"|contact ?(?:person|persoon|name|naam)",
    "address": r"address|adres|street|straat|street ?address|home ?address|huisnummer"
               r"|house ?number|address ?line ?\d|adres ?regel ?\d",
}
_DIRECT = {kind: re.compile(f"^(?:{words})$") for kind, words in _DIRECT_IDENTIFIERS.items()}


def _words(name) -> str:
    """A column name as lower-case words: "CustomerID" and "Customer No." -> "customer id"."""
    text = re.sub(r"([a-z])([A-Z])", r"\1 \2", str(name))
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def id_columns(frame: pd.DataFrame) -> list[str]:
    """Columns that hold identifiers by their name, in the forms SMEs export.

    ``id``, ``*_id``, ``CustomerID``, ``ClientID``, ``customer_no``, ``Customer No.``,
    ``klantnummer``, ``klantnr``, ``relatienummer``, ``debiteurnummer``, ``lidnummer``, ...

    Examples
    --------
    >>> id_columns(pd.DataFrame(columns=["customer_id", "segment", "order_id", "amount"]))
    ['customer_id', 'order_id']
    >>> id_columns(pd.DataFrame(columns=["Customer No.", "Lidnummer", "ClientID", "idea"]))
    ['Customer No.', 'Lidnummer', 'ClientID']
    """
    return [c for c in frame.columns if _ID_NAME.match(_words(c))
            or _ID_NAME.match(_words(c).replace("nummer", " nummer").replace("nr", " nr"))]


def direct_identifiers(frame: pd.DataFrame) -> dict[str, str]:
    """Columns that name a person directly (e-mail, phone, name, address), with what they hold.

    Examples
    --------
    >>> direct_identifiers(pd.DataFrame(columns=["E-mail", "GSM", "Voornaam", "segment"]))
    {'E-mail': 'e-mail address', 'GSM': 'phone number', 'Voornaam': 'name'}
    """
    found = {}
    for column in frame.columns:
        words = _words(column)
        kind = next((k for k, pattern in _DIRECT.items() if pattern.match(words)), None)
        if kind:
            found[column] = kind
    return found


class PseudonymKey:
    """A secret that makes stable pseudonyms, kept by the data owner to map them back.

    Pseudonyms are keyed hashes (HMAC-SHA256) of the identifiers: the same ID gives the same
    pseudonym in every export made with the same key, so a mailing tool's results can be
    linked back at home; without the key nobody can test whether a guessed ID is behind a
    pseudonym. Hashing is one-way, so :meth:`reveal` maps pseudonyms back by hashing your own
    list of IDs (e.g. the CRM's customer numbers) with the key: whoever holds the key and the
    ID list can re-identify, which is why pseudonymised data is still personal data (GDPR) and
    the key file must be kept like a password, away from the exported files.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> key = PseudonymKey.create()
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = key.save(pathlib.Path(folder) / "pseudonym.key")
    ...     same = PseudonymKey.load(path)
    >>> same.pseudonym("C00042") == key.pseudonym("C00042")
    True
    >>> mailing = [key.pseudonym("C00042"), key.pseudonym(7)]
    >>> key.reveal(mailing, ids=["C00041", "C00042", 7]).tolist()
    ['C00042', 7]
    """

    FORMAT = "aimkit-pseudonym-key"

    def __init__(self, secret: bytes):
        if not isinstance(secret, bytes) or len(secret) < 16:
            raise ValueError("a pseudonym key needs a secret of at least 16 random bytes; "
                             "make one with PseudonymKey.create()")
        self._secret = secret

    def __repr__(self) -> str:
        return "PseudonymKey(<secret>)"

    @classmethod
    def create(cls) -> PseudonymKey:
        """A new key with 32 random bytes."""
        return cls(secrets.token_bytes(32))

    def dumps(self) -> str:
        """The key file's text (what :meth:`save` writes), e.g. for an app's download button.

        Examples
        --------
        >>> key = PseudonymKey.create()
        >>> PseudonymKey.loads(key.dumps()).pseudonym("C1") == key.pseudonym("C1")
        True
        """
        return json.dumps({"format": self.FORMAT, "version": 1,
                           "secret": self._secret.hex()}) + "\n"

    @classmethod
    def loads(cls, text: str | bytes, source: str = "the key") -> PseudonymKey:
        """A key from the text of a key file (:meth:`dumps`); ValueError for anything else."""
        try:
            raw = json.loads(text)
            if raw.get("format") != cls.FORMAT or raw.get("version") != 1:
                raise ValueError("not an aimkit pseudonym key")
            return cls(bytes.fromhex(raw["secret"]))
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise ValueError(f"{source}: cannot load a pseudonym key ({error})") from None

    def save(self, path, overwrite: bool = False) -> Path:
        """Write the key to a file only its owner can read; refuse to overwrite one."""
        path = Path(path)
        if path.exists() and not overwrite:
            raise FileExistsError(f"{path} exists; a new key would break the link with "
                                  "earlier exports (pass overwrite=True if you mean it)")
        path.touch(mode=0o600, exist_ok=True)
        path.write_text(self.dumps(), encoding="utf-8")
        return path

    @classmethod
    def load(cls, path) -> PseudonymKey:
        """Read a key written by :meth:`save`."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, ValueError) as error:
            raise ValueError(f"{path}: cannot load a pseudonym key ({error})") from None
        return cls.loads(text, source=str(path))

    def pseudonym(self, value) -> str:
        """The pseudonym of one identifier: ``P`` and 16 hex digits."""
        digest = hmac.new(self._secret, _id_text(value).encode("utf-8"), hashlib.sha256)
        return "P" + digest.hexdigest()[:16]

    def reveal(self, pseudonyms, ids) -> pd.Series:
        """The original ID behind each pseudonym, found among ``ids`` (missing if not there)."""
        known = {self.pseudonym(i): i for i in ids if not _is_missing(i)}
        pseudonyms = pd.Series(pseudonyms)
        return pseudonyms.map(lambda p: known.get(p, None)).astype(object)


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA


def _id_text(value) -> str:
    """The text an ID is hashed as: 42, 42.0 and "42" are one customer."""
    if isinstance(value, (bool, np.bool_)):
        return str(value)
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return str(int(value))
    return str(value)


def _key(salt) -> PseudonymKey:
    if isinstance(salt, PseudonymKey):
        return salt
    secret = salt.encode("utf-8") if isinstance(salt, str) else salt
    if not isinstance(secret, bytes) or len(secret) < 16:
        raise ValueError("the salt must be a secret of at least 16 random bytes (e.g. "
                         "secrets.token_hex(16)), or a PseudonymKey; a short or guessable "
                         "salt lets anyone re-identify customers by hashing likely IDs")
    return PseudonymKey(secret)


def pseudonym(value, salt) -> str:
    """Salted-hash pseudonym of one identifier (HMAC-SHA256, 16 hex digits).

    The same value and salt always give the same pseudonym (42 and 42.0 too); without the
    salt it cannot be traced back by hashing candidate IDs. The salt is a secret of at least
    16 random bytes, or a :class:`PseudonymKey`.

    Examples
    --------
    >>> import secrets
    >>> salt = secrets.token_hex(16)  # keep it secret, e.g. in a password manager
    >>> pseudonym("C00042", salt) == pseudonym("C00042", salt)
    True
    >>> pseudonym(42, salt) == pseudonym(42.0, salt) and pseudonym(42, salt).startswith("P")
    True
    """
    return _key(salt).pseudonym(value)


def formula_safe(value):
    """Neutralise text a spreadsheet would run as a formula by putting ``'`` in front.

    Text is neutralised when its first character, after spaces and quotes, is one of
    :data:`FORMULA_STARTS` (``=``, ``+``, ``-``, ``@``, a tab, CR or LF, ...).

    Examples
    --------
    >>> formula_safe("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> formula_safe(' "@SUM(1+1)"'), formula_safe("Janssens")
    ('\\' "@SUM(1+1)"', 'Janssens')
    """
    if isinstance(value, str) and (value.startswith(FORMULA_STARTS)
                                   or value.lstrip(_LEADING).startswith(FORMULA_STARTS)):
        return "'" + value
    return value


def _names(columns: Sequence[str] | str) -> list[str]:
    return [columns] if isinstance(columns, str) else list(columns)


_QUOTED_OR_RECORD_END = re.compile(r'("(?:[^"]|"")*")|\r\n')


def export_csv(frame: pd.DataFrame, path=None, *, pseudonymise: Sequence[str] | str = "auto",
               salt=None, sep: str = ",", decimal: str = ".", encoding: str = "utf-8",
               keep: Sequence[str] | str = ()):
    """Write a table as CSV for a mailing tool or a colleague, pseudonymised and formula-safe.

    Parameters
    ----------
    frame : DataFrame
        The table; it is not changed.
    path : path or text file object, optional
        Where to write; ``None`` returns the CSV text.
    pseudonymise : "auto", str or list of str
        Columns whose values are replaced by pseudonyms; "auto" takes :func:`id_columns`;
        ``[]`` keeps the real IDs (only when the receiver may see them).
    salt : PseudonymKey, str or bytes, optional
        Secret for the pseudonyms: a :class:`PseudonymKey` (stable pseudonyms you can map
        back) or a secret of at least 16 random bytes. Default: a new random secret per
        export, so two exports cannot be linked.
    sep, decimal, encoding
        CSV dialect; ``sep=";", decimal=","`` for Belgian Excel.
    keep : str or list of str
        Columns that name a person directly (:func:`direct_identifiers`: e-mail, phone, name,
        address) which the receiver needs, e.g. the e-mail address for a mailing tool. Other
        such columns are refused.

    Returns
    -------
    str or path
        The CSV text when ``path`` is None, else ``path``. Cells (and column names) that a
        spreadsheet would run as a formula start with ``'``; values with a line break are
        quoted.

    Raises
    ------
    ValueError
        For a direct identifier that is neither pseudonymised nor named in ``keep``, or a
        salt shorter than 16 bytes.

    Examples
    --------
    >>> key = PseudonymKey(bytes(range(16)))  # in real use: PseudonymKey.create()
    >>> table = pd.DataFrame({"customer_id": ["C1"], "note": ["=1+1"], "amount": [-5.0]})
    >>> print(export_csv(table, salt=key))
    customer_id,note,amount
    P95a69fe1418c79f4,'=1+1,-5.0
    <BLANKLINE>
    >>> export_csv(table.assign(email=["an@example.be"]), salt=key)
    Traceback (most recent call last):
    ...
    ValueError: 'email' holds an e-mail address, which names a person; leave it out, \
pseudonymise it, or name it in keep= if the receiver needs it
    """
    columns = id_columns(frame) if pseudonymise == "auto" else _names(pseudonymise)
    keep = _names(keep)
    unknown = [c for c in columns + keep if c not in frame.columns]
    if unknown:
        raise KeyError(f"cannot pseudonymise or keep missing columns: {', '.join(unknown)}")
    for column, kind in direct_identifiers(frame).items():
        if column not in columns and column not in keep:
            article = "an" if kind[0] in "aeiou" else "a"
            raise ValueError(f"{column!r} holds {article} {kind}, which names a person; leave "
                             "it out, pseudonymise it, or name it in keep= if the receiver "
                             "needs it")
    key = _key(salt) if salt is not None else PseudonymKey.create()
    out = frame.copy()
    for col in columns:
        out[col] = out[col].map(lambda v: v if _is_missing(v) else key.pseudonym(v))
    for col in out.columns:
        if not (pd.api.types.is_numeric_dtype(out[col]) or
                pd.api.types.is_datetime64_any_dtype(out[col])):
            out[col] = out[col].map(formula_safe)
    out.columns = [formula_safe(str(c)) for c in out.columns]
    text = out.to_csv(index=False, sep=sep, decimal=decimal, lineterminator="\r\n")
    # "\r\n" makes the writer quote values holding CR or LF; records then end in "\n"
    text = _QUOTED_OR_RECORD_END.sub(lambda m: m.group(1) or "\n", text)
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
