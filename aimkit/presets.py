"""Import presets: recognise a webshop's order export and turn it into canonical transactions.

An SME owner brings the export his shop gives him, not our format. A :class:`Preset` knows one
export's columns and habits and :func:`transactions` turns a table read by
:func:`aimkit.io.read_table` into the canonical ``customer_id, order_id, order_date, amount``
(one row per order, or per line for a plain list), and reports what it left out:

- **order totals counted once**: Shopify writes the order total on an order's first line only,
  WooCommerce and Lightspeed repeat it on every item line (summing those lines made every
  WooCommerce amount ~2x too high); order fields are filled down within an order;
- **refunded, cancelled and failed orders** are excluded and counted (Shopify's partial refunds
  are subtracted);
- **a total row at the bottom** (an Excel list's "Totaal") is skipped and counted;
- **timestamps with a time zone** (``2023-01-02 18:47:00 +0100``) keep the shop's own day;
- **e-mail as the customer key**, compared without case (``An@x.be`` is ``an@x.be``).

Problems name the user's own columns ("Created at"), in Dutch or English.

Examples
--------
>>> from aimkit import io, presets
>>> export = (b"Name,Email,Financial Status,Created at,Total,Lineitem name\\n"
...           b"#1,an@example.be,paid,2023-01-02 18:47:00 +0100,30.00,Tea\\n"
...           b"#1,an@example.be,,2023-01-02 18:47:00 +0100,,Pot\\n"
...           b"#2,An@example.be,refunded,2023-02-01 10:00:00 +0100,9.00,Tea\\n")
>>> table = io.read_table(export, name="orders_export.csv")
>>> preset = presets.recognise(table.columns)
>>> preset.name
'Shopify'
>>> orders = presets.transactions(table, preset.match(table.columns), preset)
>>> orders[["customer_id", "amount"]].values.tolist(), orders.attrs["excluded"]
([['an@example.be', 30.0]], {'refunded': 1})

Used in: the segment explorer app (:mod:`aimkit.apps.explorer`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from aimkit import io

FIELDS = tuple(c.name for c in io.TRANSACTIONS.columns)
"""The canonical transaction fields: customer_id, order_id, order_date, amount."""

EXCLUDED = {
    "refunded": re.compile(r"refund|terugbetaal|rembours"),
    "cancelled": re.compile(r"cancel|void|annul"),
    "failed": re.compile(r"fail|mislukt|échou|echou"),
}
"""Order statuses left out, by the words they contain (English, Dutch, French); a status with
"partial" in it (Shopify's ``partially_refunded``) is kept and its refund subtracted."""

TOTAL_ROW = re.compile(r"^\s*(grand\s*)?(totaal|total|totalen|totals|som|sum|subtota(a)?l)\b",
                       re.IGNORECASE)
"""A text cell that marks a total row (``Totaal``, ``Total``, ``Grand total``, ``Som``)."""

_TIME_ZONE = re.compile(r"\s*(?:[+-]\d{2}:?\d{2}|Z|UTC)\s*$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Preset:
    """One kind of export: where its fields are and how it writes orders.

    Parameters
    ----------
    key : str
        Short name used in code and tests, e.g. ``"shopify"``.
    name : str
        The name shown to the user ("Herkend als Shopify-export").
    columns : mapping
        ``{field: file column names}`` for each of :data:`FIELDS`, most likely first
        (matched ignoring case, spaces, ``-`` and ``_``).
    markers : tuple of str
        Further columns the header must have, so another export with an ``Email`` column is
        not taken for this one.
    status : tuple of str
        Columns whose words mark an order as refunded, cancelled or failed (:data:`EXCLUDED`).
    cancelled_at : str, optional
        A column that, when filled in, marks the order cancelled.
    refunded : str, optional
        A column with the amount refunded of an order that is kept (subtracted).
    order_totals : bool
        The amount column holds the order's total, on the first line of the order or on every
        line: it is counted once per order and order fields are filled down.
    contacts : tuple of str
        The export's e-mail and name columns, for a mailing list (:func:`contacts`).
    """

    key: str
    name: str
    columns: Mapping[str, Sequence[str]]
    markers: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    cancelled_at: str | None = None
    refunded: str | None = None
    order_totals: bool = False
    contacts: tuple[str, ...] = ()

    def match(self, columns) -> dict[str, str] | None:
        """``{field: file column}`` when the header fits this preset, else None.

        Examples
        --------
        >>> SHOPIFY.match(["Name", "Email"]) is None
        True
        """
        found = io.guess_columns(list(columns), io.TRANSACTIONS, names=self.columns)
        normal = {_normal(c) for c in columns}
        if not all(found.values()) or not {_normal(m) for m in self.markers} <= normal:
            return None
        return dict(found)

    def file_column(self, columns, name: str | None) -> str | None:
        """The file's spelling of the preset column ``name`` (None when absent)."""
        if name is None:
            return None
        return next((c for c in columns if _normal(c) == _normal(name)), None)


SHOPIFY = Preset(
    "shopify", "Shopify",
    {"customer_id": ("Email",), "order_id": ("Name",), "order_date": ("Created at",),
     "amount": ("Total",)},
    markers=("Financial Status", "Lineitem name"), status=("Financial Status",),
    cancelled_at="Cancelled at", refunded="Refunded Amount", order_totals=True,
    contacts=("Email", "Billing Name"))
"""Shopify's orders export (Admin › Orders › Export): one line per item; order fields such as
Financial Status and Total only on an order's first line; Created at with a time zone."""

WOOCOMMERCE = Preset(
    "woocommerce", "WooCommerce",
    {"customer_id": ("Billing Email", "Email (Billing)", "Customer Email"),
     "order_id": ("Order Number", "Order ID"), "order_date": ("Order Date",),
     "amount": ("Order Total Amount", "Order Total")},
    markers=("Order Status",), status=("Order Status",), order_totals=True,
    contacts=("Billing Email", "Email (Billing)", "First Name (Billing)", "Last Name (Billing)"))
"""WooCommerce's order export (Advanced Order Export style): one line per item with the item's
cost, the order total repeated on every line; statuses ``wc-completed``, ``wc-refunded``,
``wc-cancelled``, ``wc-failed``, ..."""

LIGHTSPEED = Preset(
    "lightspeed", "Lightspeed",
    {"customer_id": ("Customer - Email address", "Customer - Email", "Email"),
     "order_id": ("Number", "Order number", "Sale ID"), "order_date": ("Date", "Created"),
     "amount": ("Grand total", "Total")},
    markers=("Payment status",), status=("Status", "Payment status"), order_totals=True,
    contacts=("Customer - Email address", "Customer - Email", "Customer - First name",
              "Customer - Last name"))
"""Lightspeed's order export (eCom; Retail sales exports with the same columns): one line per
product, the order's grand total repeated on every line; a status and a payment status. The
column names follow Lightspeed's ``Customer - ...`` convention; check them against a live
export when one is at hand."""

EXCEL_LIST = Preset("excel", "Excel-lijst", io.COLUMN_NAMES)
"""A plain list, e.g. from an accounting package or Excel (Belgian: ``;``, decimal comma,
dd/mm/yyyy): one line per invoice or purchase with recognisable column names."""

PRESETS = (SHOPIFY, WOOCOMMERCE, LIGHTSPEED, EXCEL_LIST)
"""The presets, tried in this order (the plain list last: its names are the most general)."""


def recognise(columns) -> Preset | None:
    """The first preset whose header fits ``columns``, or None.

    Examples
    --------
    >>> recognise(["Klantnummer", "Factuurnummer", "Datum", "Bedrag"]).key
    'excel'
    >>> recognise(["Order Number", "Order Status", "Order Date", "Billing Email",
    ...            "Order Total Amount", "Item Cost"]).name
    'WooCommerce'
    >>> recognise(["a", "b"]) is None
    True
    """
    return next((p for p in PRESETS if p.match(columns) is not None), None)


def _normal(name) -> str:
    return re.sub(r"[\s_\-]+", "_", str(name).strip().lower())


def total_rows(table: pd.DataFrame, date_column: str) -> int:
    """How many rows at the bottom are totals: no date, and a "Totaal"-like text in a cell.

    Examples
    --------
    >>> table = pd.DataFrame({"klant": ["K1", "Totaal"], "datum": ["01/02/2023", None],
    ...                       "bedrag": [5.0, 5.0]})
    >>> total_rows(table, "datum")
    1
    """
    texts = table.select_dtypes(exclude="number").astype(object)
    count = 0
    for position in range(len(table) - 1, -1, -1):
        row = texts.iloc[position]
        dated = pd.notna(table[date_column].iloc[position])
        if dated or not any(isinstance(v, str) and TOTAL_ROW.match(v) for v in row):
            break
        count += 1
    return count


def local_dates(values: pd.Series) -> pd.Series:
    """Dates and times as the shop wrote them; a time-zone offset is dropped (NaT if unreadable).

    The shop's own clock decides the day: an order at 23:30 +0100 stays on its day.

    Examples
    --------
    >>> local_dates(pd.Series(["2023-03-04 23:30:00 +0100", "05/01/2023", "soon"])).tolist()
    [Timestamp('2023-03-04 23:30:00'), Timestamp('2023-01-05 00:00:00'), NaT]
    """
    if pd.api.types.is_datetime64_any_dtype(values):
        return values
    text = values.astype(object).map(lambda v: _TIME_ZONE.sub("", v) if isinstance(v, str)
                                     else v)
    return io.parse_dates(text.astype("str"))


def customer_keys(values: pd.Series) -> pd.Series:
    """Customer keys as text; e-mail addresses trimmed and in lower case.

    Examples
    --------
    >>> customer_keys(pd.Series([" An@Example.be", 42, None, "K001"])).tolist()
    ['an@example.be', '42', nan, 'K001']
    """
    def key(value):
        if pd.isna(value):
            return np.nan
        text = str(value).strip()
        return text.lower() if _EMAIL.match(text) else text

    return values.astype(object).map(key)


CONTACT_KINDS = ("e-mail address", "name")
"""The kinds of :func:`aimkit.io.direct_identifiers` a mailing list may keep."""


def contacts(table: pd.DataFrame, mapping: Mapping[str, str],
             preset: Preset | None = None) -> pd.DataFrame:
    """Each customer's e-mail and name columns as the export has them (first value found).

    The columns are the preset's contact columns and any other column
    :func:`aimkit.io.direct_identifiers` reads as an e-mail address or a name (not the order,
    date or amount of ``mapping``: Shopify's order number is called "Name"); the index is the
    customer key as :func:`transactions` makes it. Phone numbers and addresses are not taken.

    Examples
    --------
    >>> table = pd.DataFrame({"Klant": ["K1", "K1", "K2"], "Naam": ["An", None, "Bo"],
    ...                       "E-mail": [None, "an@x.be", "bo@x.be"], "GSM": ["1", "2", "3"]})
    >>> contacts(table, {"customer_id": "Klant"})  # doctest: +NORMALIZE_WHITESPACE
                 Naam   E-mail
    customer_id
    K1             An  an@x.be
    K2             Bo  bo@x.be
    """
    rules = preset or EXCEL_LIST
    named = [rules.file_column(table.columns, c) for c in rules.contacts]
    found = [c for c, kind in io.direct_identifiers(table).items() if kind in CONTACT_KINDS]
    fields = {column for field, column in mapping.items() if field != "customer_id"}
    columns = [c for c in dict.fromkeys([*named, *found]) if c and c not in fields]
    keys = customer_keys(table[mapping["customer_id"]]).rename("customer_id")
    return table[columns].groupby(keys, sort=False).first()


def _problem(table, file, column, key, mask, **values) -> io.Problem:
    rows = [int(i) + 2 for i in table.index[np.asarray(mask)]]  # the header is row 1
    return io.Problem.of(file, column, key, rows[:io.SHOW_ROWS], len(rows), **values)


def _amounts(values: pd.Series, decimal: str) -> pd.Series:
    if pd.api.types.is_numeric_dtype(values):
        return values.astype("float64")
    return io.parse_numbers(values.astype("str"), decimal=decimal)


def transactions(table: pd.DataFrame, mapping: Mapping[str, str], preset: Preset | None = None,
                 file: str | None = None) -> pd.DataFrame:
    """Canonical transactions from an export read by :func:`aimkit.io.read_table`.

    Parameters
    ----------
    table : DataFrame
        The export as read (the user's column names); it is not changed.
    mapping : mapping
        ``{field: file column}`` for each of :data:`FIELDS` (a preset's :meth:`Preset.match`,
        or the user's choice).
    preset : Preset, optional
        The recognised export; default: a plain list (one line per purchase) whose columns
        the user pointed out.
    file : str, optional
        The file name for messages; default ``table.attrs["read_as"]["file"]``.

    Returns
    -------
    DataFrame
        ``customer_id, order_id, order_date, amount``. ``attrs``: ``file``, ``preset`` (the
        recognised export's name or None), ``dropped`` (lines without a customer),
        ``excluded`` (``{reason: orders}``), ``total_rows`` (skipped at the bottom).

    Raises
    ------
    aimkit.io.DataError
        Naming the user's column and rows: dates or amounts that cannot be read, empty
        order numbers, dates or amounts.

    Examples
    --------
    >>> table = io.read_table("Klant;Factuur;Datum;Bedrag\\nK1;F1;05/01/2023;12,50\\n"
    ...                       "K1;F2;07/01/2023;1.000,00\\nTotaal;;;1.012,50\\n".encode())
    >>> lines = transactions(table, EXCEL_LIST.match(table.columns), EXCEL_LIST)
    >>> lines["amount"].tolist(), lines.attrs["total_rows"]
    ([12.5, 1000.0], 1)
    >>> table = io.read_table(b"Klant;Datum;Bedrag;Nr\\nK1;gisteren;5;1\\n", name="kassa.csv")
    >>> mapping = {"customer_id": "Klant", "order_id": "Nr", "order_date": "Datum",
    ...            "amount": "Bedrag"}
    >>> transactions(table, mapping)
    Traceback (most recent call last):
    ...
    aimkit.io.DataError: kassa.csv, column 'Datum': holds values that are not valid dates \
(expected dd/mm/yyyy, dd-mm-yyyy or yyyy-mm-dd) (row 2)
    """
    rules = preset or EXCEL_LIST
    read_as = table.attrs.get("read_as", {})
    file = file or read_as.get("file", "uploaded file")
    decimal = read_as.get("decimal") or ("," if read_as.get("separator") == ";" else ".")
    customer, order, date, amount = (mapping[f] for f in FIELDS)
    skipped = total_rows(table, date)
    table = table.iloc[:len(table) - skipped]
    status = [c for c in (rules.file_column(table.columns, s) for s in rules.status) if c]
    cancelled_at = rules.file_column(table.columns, rules.cancelled_at)
    refunded = rules.file_column(table.columns, rules.refunded)
    if rules.order_totals:
        order_fields = [c for c in dict.fromkeys([customer, date, amount, *status, cancelled_at,
                                                  refunded]) if c]
        filled = table[order_fields].groupby(table[order], sort=False, dropna=False).transform(
            "first")
        table = filled.assign(**{order: table[order]}).loc[~table[order].duplicated()]

    reason = pd.Series("", index=table.index, dtype=object)
    for column in status:
        words = table[column].astype(object).fillna("").astype(str).str.lower()
        for name, pattern in EXCLUDED.items():
            hit = words.str.contains(pattern) & ~words.str.contains("partial") & (reason == "")
            reason[hit] = name
    if cancelled_at:
        reason[(reason == "") & table[cancelled_at].notna()] = "cancelled"
    excluded = {name: int((reason == name).sum()) for name in EXCLUDED if (reason == name).any()}
    table = table.loc[reason == ""]

    keys = customer_keys(table[customer])
    linked = keys.notna().to_numpy()
    table, keys = table.loc[linked], keys.loc[linked]
    dates = local_dates(table[date])
    amounts = _amounts(table[amount], decimal)
    if refunded:
        amounts = amounts - _amounts(table[refunded], decimal).fillna(0.0)
    problems = []
    for column, values in ((order, table[order]), (date, dates), (amount, amounts)):
        if values.isna().any():
            blank = table[column].isna()
            if blank.any():
                problems.append(_problem(table, file, column, "empty_cells", blank))
            wrong = values.isna() & ~blank
            if wrong.any():
                problems.append(
                    _problem(table, file, column, "not_dates", wrong) if column == date else
                    _problem(table, file, column, "not_numbers", wrong,
                             example="12,50" if decimal == "," else "12.50"))
    if problems:
        raise io.DataError(problems)
    lines = pd.DataFrame({
        "customer_id": keys.astype("str").to_numpy(),
        "order_id": table[order].astype(object).map(str).astype("str").to_numpy(),
        "order_date": dates.to_numpy(), "amount": amounts.to_numpy(dtype="float64")})
    lines.attrs.update(file=file, preset=preset.name if preset else None,
                       dropped=int((~linked).sum()), excluded=excluded, total_rows=skipped)
    return lines
