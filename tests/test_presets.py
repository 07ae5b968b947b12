"""Import presets on small, realistic webshop exports (tests/fixtures/exports/, made up by hand).

The expected totals are computed by hand from the fixture rows (see the comments), not by code.
"""

from pathlib import Path

import pandas as pd
import pytest

from aimkit import io, presets

EXPORTS = Path(__file__).parent / "fixtures" / "exports"

EXPECTED = {
    # Shopify: Total on an order's first line only. #1001 54.90 + #1003 102.40 (same customer
    # written An.Peeters@...); #1002 19.95 + #1008 12.50 (#1005 voided and cancelled);
    # #1006 80.00 - 20.00 refunded (#1004 refunded); #1007 1250.00
    "shopify_orders.csv": ("Shopify", {
        "an.peeters@example.be": (157.30, 2), "bart.claes@example.com": (32.45, 2),
        "chloe.dubois@example.be": (60.00, 1), "dirk.maes@example.be": (1250.00, 1)},
        {"refunded": 1, "cancelled": 1}, 0),
    # WooCommerce: Order Total Amount repeated on each item line, counted once.
    # 2001 64.50 + 2007 15.95 (2003 refunded); 2002 35.00 + 2004 89.90 (2008 failed);
    # 2006 27.45 (2005 cancelled)
    "woocommerce_orders.csv": ("WooCommerce", {
        "els.wouters@example.be": (80.45, 2), "jan.de.smet@example.com": (124.90, 2),
        "lotte.jacobs@example.be": (27.45, 1)},
        {"refunded": 1, "cancelled": 1, "failed": 1}, 0),
    # Lightspeed: Grand total repeated per product line. ORD00101 74,85 + ORD00105 18,50
    # (ORD00104 payment refunded); ORD00103 1.149,00 (ORD00102 cancelled)
    "lightspeed_orders.csv": ("Lightspeed", {
        "sofie.mertens@example.be": (93.35, 2), "pieter.goossens@example.be": (1149.00, 1)},
        {"refunded": 1, "cancelled": 1}, 0),
    # Belgian Excel list, one line per invoice: K001 125,50 + 74,50; K002 1.040,00 + 59,95;
    # K003 185,00; the row "Totaal;;;;;1.484,95" is skipped
    "excel_list.csv": ("Excel-lijst", {
        "K001": (200.00, 2), "K002": (1099.95, 2), "K003": (185.00, 1)}, {}, 1),
}


def load(name):
    table = io.read_table(EXPORTS / name)
    preset = presets.recognise(table.columns)
    return preset, presets.transactions(table, preset.match(table.columns), preset)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_totals_per_customer_equal_a_hand_computation(name):
    shown, totals, excluded, total_rows = EXPECTED[name]
    preset, lines = load(name)
    assert preset.name == shown == lines.attrs["preset"]
    per_customer = lines.groupby("customer_id").agg(amount=("amount", "sum"),
                                                    orders=("order_id", "nunique"))
    assert {c: (round(r.amount, 2), r.orders) for c, r in per_customer.iterrows()} == totals
    assert lines.attrs["excluded"] == excluded
    assert lines.attrs["total_rows"] == total_rows
    assert list(lines.columns) == list(presets.FIELDS)


def test_the_file_is_not_changed():
    before = {p.name: p.read_bytes() for p in EXPORTS.iterdir()}
    for name in EXPECTED:
        load(name)
    assert before == {p.name: p.read_bytes() for p in EXPORTS.iterdir()}


def test_time_zones_keep_the_shops_day():
    _, lines = load("shopify_orders.csv")
    days = dict(zip(lines["order_id"], lines["order_date"].dt.strftime("%Y-%m-%d"), strict=True))
    assert days["#1003"] == "2023-03-04"  # 23:30 +0100 (22:30 UTC): still the 4th
    assert days["#1008"] == "2023-07-01"  # 00:15 +0200 is 30 June in UTC
    assert len(lines) == 6  # one row per kept order, not per item line


def test_summing_woocommerce_lines_would_count_totals_twice():
    """The mistake the preset prevents: the repeated order total summed per line."""
    table = io.read_table(EXPORTS / "woocommerce_orders.csv")
    kept = table[table["Order Status"].isin(["wc-completed", "wc-processing"])]
    naive = kept["Order Total Amount"].sum()
    _, lines = load("woocommerce_orders.csv")
    assert round(lines["amount"].sum(), 2) == 232.80  # 80.45 + 124.90 + 27.45
    assert naive / lines["amount"].sum() > 1.5


def test_headers_are_recognised_or_not():
    assert presets.recognise(["Name", "Email", "Total", "Created at"]) is None  # no markers
    assert presets.recognise(["Wie", "Wat", "Wanneer"]) is None
    assert presets.recognise(["Klantnummer", "Factuurnr", "Datum", "Bedrag"]).key == "excel"


def test_errors_name_the_users_column_in_the_users_language():
    text = (EXPORTS / "shopify_orders.csv").read_text(encoding="utf-8")
    bad = text.replace("2023-03-04 23:30:00 +0100", "4 maart").replace(",102.40,", ",veel,")
    table = io.read_table(bad.encode(), name="orders_export.csv")
    preset = presets.recognise(table.columns)
    with pytest.raises(io.DataError) as caught:
        presets.transactions(table, preset.match(table.columns), preset)
    dutch = caught.value.text("nl")
    assert "orders_export.csv, kolom 'Created at': bevat waarden die geen geldige datums" in dutch
    assert "kolom 'Total': bevat waarden die geen getallen zijn" in dutch
    assert "(rij 5)" in dutch  # #1003's first line is row 5 of the file (header = row 1)
    assert "order_date" not in dutch and "amount" not in dutch


def test_empty_cells_and_lines_without_customer():
    table = io.read_table(b"Klant;Factuur;Datum;Bedrag\nK1;F1;05/01/2023;\n;F2;06/01/2023;4\n",
                          name="lijst.csv")
    with pytest.raises(io.DataError, match="lijst.csv, column 'Bedrag': has empty cells"):
        presets.transactions(table, presets.EXCEL_LIST.match(table.columns))
    ok = io.read_table(b"Klant;Factuur;Datum;Bedrag\nK1;F1;05/01/2023;3\n;F2;06/01/2023;4\n")
    lines = presets.transactions(ok, presets.EXCEL_LIST.match(ok.columns))
    assert lines["amount"].tolist() == [3.0] and lines.attrs["dropped"] == 1
    assert lines.attrs["preset"] is None  # no preset given: the user's own mapping


def test_total_row_needs_an_empty_date_and_a_total_word():
    table = pd.DataFrame({"k": ["K1", "Totaal"], "d": pd.to_datetime(["2023-01-01", "2023-01-02"]),
                          "a": [1.0, 1.0]})
    assert presets.total_rows(table, "d") == 0  # dated: a customer called "Totaal"?
    assert presets.total_rows(table.assign(d=[table["d"][0], pd.NaT]), "d") == 1
