"""Exercises of notebook 00 (start here): the rows of an export, the rows of a problem.

Used in: the checks of notebook 00, through ``exercises.check("00.n", answer, ...)``.
"""

import tempfile
from pathlib import Path

import pandas as pd

from aimkit import io
from aimkit.exercises import Example, Exercise
from aimkit.exercises.answers import NUMBER, SEQUENCE, number, sequence


def _example_tables() -> dict:
    erp = pd.DataFrame({"document_no": ["D1", "D1", "D2", "D3", "D3", "D3"],
                        "amount": [10.0, 5.0, 7.5, 1.0, 2.0, 3.0]})
    return {"kinnarps": {"erp_orders": erp}}


ERP_ROWS = Exercise(
    id="00.1",
    judge=number(lambda kinnarps: len(kinnarps["erp_orders"]), mistakes={
        "header": lambda right, kinnarps: right + 1,
        "documents": lambda right, kinnarps: kinnarps["erp_orders"]["document_no"].nunique(),
        "columns": lambda right, kinnarps: kinnarps["erp_orders"].shape[1]}),
    context=("kinnarps",),
    hints=(
        {"en": "kinnarps is a dictionary of tables; the ERP export is kinnarps['erp_orders'].",
         "nl": "kinnarps is een dictionary van tabellen; de ERP-export is "
               "kinnarps['erp_orders']."},
        {"en": "len() of a DataFrame counts its rows (the header is not a row).",
         "nl": "len() van een DataFrame telt de rijen (de hoofding is geen rij)."},
        {"en": "len(kinnarps['erp_orders'])", "nl": "len(kinnarps['erp_orders'])"},
    ),
    feedback={
        **NUMBER,
        "header": {
            "en": "{answer:,.0f} counts the header line too, as a spreadsheet numbers its rows; "
                  "the table has one row less.",
            "nl": "{answer:,.0f} telt ook de hoofding mee, zoals een rekenblad zijn rijen "
                  "nummert; de tabel heeft één rij minder."},
        "documents": {
            "en": "{answer:,.0f} is the number of documents; an order has several lines, and "
                  "the question asks for the lines (rows).",
            "nl": "{answer:,.0f} is het aantal documenten; een bestelling heeft meerdere lijnen, "
                  "en de vraag is het aantal lijnen (rijen)."},
        "columns": {
            "en": "{answer:,.0f} is the number of columns; len() or .shape[0] gives the rows.",
            "nl": "{answer:,.0f} is het aantal kolommen; len() of .shape[0] geeft de rijen."},
    },
    examples=(Example(6, context=_example_tables), Example(7, "header", _example_tables),
              Example(3, "documents", _example_tables), Example(2, "columns", _example_tables),
              Example((6, 2), "many_numbers", _example_tables)),
)


def _problem_rows(webshop) -> tuple:
    try:
        io.read_table(webshop, schema=io.TRANSACTIONS)
    except io.DataError as error:
        return error.rows
    return ()


def _example_webshop() -> dict:
    path = Path(tempfile.mkdtemp()) / "webshop.csv"
    path.write_text("customer_id,order_id,order_date,amount\nW1,1,2021-03-01,19.99\n"
                    "W2,2,2021-03-02,5.00\nW3,3,2021-03-02,nineteen\n", encoding="utf-8")
    return {"webshop": path}


PROBLEM_ROWS = Exercise(
    id="00.2",
    judge=sequence(_problem_rows, mistakes={
        "pandas_index": lambda right, webshop: [r - 2 for r in right],
        "data_row": lambda right, webshop: [r - 1 for r in right]}),
    context=("webshop",),
    hints=(
        {"en": "Read the file inside try: ... except io.DataError as error: and print the "
               "error.",
         "nl": "Lees het bestand binnen try: ... except io.DataError as error: en print de "
               "fout."},
        {"en": "The message numbers rows as a spreadsheet does: the header is row 1.",
         "nl": "De melding nummert rijen zoals een rekenblad: de hoofding is rij 1."},
        {"en": "The error has them already: answer = error.rows.",
         "nl": "De fout heeft ze al: answer = error.rows."},
    ),
    feedback={
        **SEQUENCE,
        "pandas_index": {
            "en": "these are pandas' row labels (counting from 0 under the header); the "
                  "message numbers rows as your spreadsheet does, header = row 1.",
            "nl": "dit zijn de rijlabels van pandas (tellen vanaf 0 onder de hoofding); de "
                  "melding nummert rijen zoals je rekenblad, hoofding = rij 1."},
        "data_row": {
            "en": "you counted the data rows from 1; in a spreadsheet the header is row 1, so "
                  "every data row is one higher.",
            "nl": "je telde de datarijen vanaf 1; in een rekenblad is de hoofding rij 1, dus "
                  "elke datarij ligt één hoger."},
    },
    examples=(Example((4,), context=_example_webshop), Example([4], context=_example_webshop),
              Example((2,), "pandas_index", _example_webshop),
              Example((3,), "data_row", _example_webshop),
              Example(4, "not_a_sequence", _example_webshop),
              Example((4, 5), "length", _example_webshop)),
)

EXERCISES = (ERP_ROWS, PROBLEM_ROWS)
