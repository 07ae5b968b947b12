"""aimkit.io: real-world exports read right, malformed files rejected with clear messages."""

import hashlib

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aimkit import io

HEADER = "customer_id;order_id;order_date;amount\r\n"


def belgian(rows: str, header: str = HEADER) -> bytes:
    return (header + rows).encode("cp1252")


# --------------------------------------------------------------------- files that read well

def test_belgian_excel_export():
    data = belgian("Café Marché;A-1;03/02/2021;1.234,50\r\nC2;A-2;28/02/2021;-12,5\r\n"
                   "C3;A-3;01/03/2021;7\r\n;;;\r\n;;;\r\n")
    frame = io.read_table(data, io.TRANSACTIONS, name="export.csv")
    assert frame["customer_id"].tolist() == ["Café Marché", "C2", "C3"]
    assert frame["amount"].tolist() == [1234.5, -12.5, 7.0]
    assert frame["order_date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2021-02-03", "2021-02-28", "2021-03-01"]
    assert frame.attrs["read_as"] == {"file": "export.csv", "encoding": "cp1252",
                                      "separator": ";", "decimal": ","}


def test_utf8_with_bom_iso_dates_and_comma_separator():
    data = "\ufeffcustomer_id,order_id,order_date,amount\nC1,1,2021-02-03 14:05,12.50\n"
    frame = io.read_table(data.encode("utf-8"), io.TRANSACTIONS)
    assert list(frame.columns) == ["customer_id", "order_id", "order_date", "amount"]
    assert frame.loc[0, "order_date"] == pd.Timestamp("2021-02-03 14:05")
    assert frame.attrs["read_as"]["encoding"] == "utf-8-sig"


def test_tab_separated_with_thousands_separators():
    data = b"customer_id\torder_id\torder_date\tamount\nC1\t1\t03-02-2021\t1,234.50\n"
    frame = io.read_table(data, io.TRANSACTIONS)
    assert frame.loc[0, "amount"] == 1234.5
    assert frame.attrs["read_as"]["separator"] == "\t"


def test_space_thousands_and_euro_sign():
    data = belgian("C1;1;03/02/2021;€ 12 345,60\r\nC2;2;04/02/2021;12,00 €\r\n")
    assert io.read_table(data, io.TRANSACTIONS)["amount"].tolist() == [12345.6, 12.0]


def test_utf16_unicode_text_export_from_excel():
    data = ("customer_id\torder_id\torder_date\tamount\r\nÉlise\t1\t03/02/2021\t5,5\r\n")
    frame = io.read_table(data.encode("utf-16"), io.TRANSACTIONS)
    assert frame.loc[0, "customer_id"] == "Élise"
    assert frame.loc[0, "amount"] == 5.5


def test_column_names_match_ignoring_case_and_spaces():
    data = b"Customer ID,Order-ID,ORDER DATE,Amount\nC1,1,2021-01-01,3\n"
    assert list(io.read_table(data, io.TRANSACTIONS).columns) == [
        "customer_id", "order_id", "order_date", "amount"]


def test_mapping_step_renames_columns_first():
    data = belgian("C1;1;03/02/2021;5\r\n", header="Klant;Bestelling;Datum;Bedrag\r\n")
    mapping = {"Klant": "customer_id", "Bestelling": "order_id", "Datum": "order_date",
               "Bedrag": "amount"}
    assert io.read_table(data, io.TRANSACTIONS, columns=mapping).shape == (1, 4)


def test_sniffing_without_schema_types_each_column():
    data = b"id;postcode;phone;price;day;note\n1;9000;0470123456;1.250,5;31/12/2020;hi\n" \
           b"2;1000;0475000000;3;01/01/2021;\n"
    frame = io.read_table(data)
    assert frame["id"].dtype == "int64" and frame["postcode"].dtype == "int64"
    assert frame["phone"].tolist() == ["0470123456", "0475000000"]  # leading zero: text
    assert frame["price"].tolist() == [1250.5, 3.0]
    assert frame["day"].dtype.kind == "M"
    assert frame["note"].isna().tolist() == [False, True]


def test_all_date_spellings_with_and_without_time():
    texts = ["2021-02-03", "2021/02/03", "03/02/2021", "3-2-2021", "03.02.2021",
             "2021-02-03T14:05:09Z", "03/02/2021 14:05"]
    dates = io.parse_dates(pd.Series(texts))
    assert dates.dt.date.astype(str).unique().tolist() == ["2021-02-03"]
    assert dates.iloc[5] == pd.Timestamp("2021-02-03 14:05:09")
    mixed = pd.Series(["2021-02/03", "03/02-2021", "2021-02-03T10:00+02"])
    assert io.parse_dates(mixed).isna().all()


def test_a_date_column_with_broken_values_stays_text_for_cleaning():
    frame = io.read_table(b"born\n10/09/1970\n45-15-1555\n")
    assert frame["born"].tolist() == ["10/09/1970", "45-15-1555"]


def test_quoted_values_with_separators_and_newlines():
    data = b'customer_id,order_id,order_date,amount,note\nC1,1,2021-01-01,"1,5","a, b\nc"\n'
    frame = io.read_table(data, io.TRANSACTIONS)
    assert frame.loc[0, "amount"] == 1.5
    assert frame.loc[0, "note"] == "a, b\nc"


def test_file_object_and_path_are_read_but_never_changed(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_bytes(belgian("C1;1;03/02/2021;5\r\n"))
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    io.read_table(path, io.TRANSACTIONS)
    with open(path, "rb") as handle:
        io.read_table(handle, io.TRANSACTIONS)
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before


# --------------------------------------------------------------------- files that are refused

def problem_of(data, schema=io.TRANSACTIONS, name="input.csv", **kwargs):
    with pytest.raises(io.DataError) as caught:
        io.read_table(data, schema, name=name, **kwargs)
    return caught.value


MALFORMED = [
    # (id, file bytes, expected words in the message, column, first rows)
    ("empty", b"", "the file is empty", None, ()),
    ("blank lines", b"\n\n  \n", "no data, only blank lines", None, ()),
    ("header only", belgian(""), "no data rows", None, ()),
    ("xlsx", b"PK\x03\x04\x14\x00\x06\x00", "Excel workbook", None, ()),
    ("xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Excel workbook", None, ()),
    ("pdf", b"%PDF-1.7\n", "PDF", None, ()),
    ("binary", bytes(range(256)) * 4, "binary file", None, ()),
    ("missing column", b"customer_id,order_date,amount\nC1,2021-01-01,5\n",
     "required column is missing", "order_id", ()),
    ("bad dates", belgian("C1;1;31/02/2021;5\r\nC2;2;2021-13-01;5\r\nC3;3;01/01/2021;5\r\n"),
     "not valid dates", "order_date", (2, 3)),
    ("text dates", belgian("C1;1;gisteren;5\r\n"), "not valid dates", "order_date", (2,)),
    ("two-digit years", belgian("C1;1;6-05-98;5\r\n"), "not valid dates", "order_date", (2,)),
    ("bad amounts", belgian("C1;1;01/01/2021;12,3,4\r\nC2;2;01/01/2021;twaalf\r\n"),
     "not numbers", "amount", (2, 3)),
    ("empty amounts", belgian("C1;1;01/01/2021;\r\nC2;2;01/01/2021;5\r\nC3;3;01/01/2021;\r\n"),
     "empty cells", "amount", (2, 4)),
    ("empty ids", belgian("C1;1;01/01/2021;5\r\n;2;01/01/2021;5\r\n"),
     "empty cells", "customer_id", (3,)),
    ("too old", belgian("C1;1;01/01/1900;5\r\n"), "below the minimum", "order_date", (2,)),
    ("ragged rows", b"customer_id,order_id,order_date,amount\nC1,1,2021-01-01,5,5\n",
     "more values than the 4 columns", None, (2,)),
    ("duplicate header",
     b"customer_id,customer_id,order_id,order_date,amount\n1,1,1,2021-01-01,1\n",
     "appears twice", "customer_id", (1,)),
    ("nameless column with data",
     b"customer_id,order_id,order_date,amount,\nC1,1,2021-01-01,5,x\n",
     "no name", None, ()),
    ("many bad rows", belgian("".join(f"C{i};{i};01/01/2021;x\r\n" for i in range(9))),
     "and 4 more", "amount", (2, 3, 4, 5, 6)),
]


@pytest.mark.parametrize("data, words, column, rows", [m[1:] for m in MALFORMED],
                         ids=[m[0] for m in MALFORMED])
def test_malformed_files_get_clear_messages(data, words, column, rows):
    error = problem_of(data)
    message = str(error)
    assert words in message
    assert message.startswith("input.csv")
    assert error.column == column
    if column:
        assert f"column '{column}'" in message
    assert error.rows == rows
    if rows:
        assert ", ".join(map(str, rows)) in message


def test_there_are_at_least_twenty_file_cases():
    assert len(MALFORMED) + 11 >= 20  # + the real-world files read above


def test_size_limit_has_its_own_message(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(belgian("C1;1;01/01/2021;5\r\n" * 2000))
    error = problem_of(path, max_bytes=10_000, name=None)
    assert "big.csv: the file is too large" in str(error)
    assert "the limit is" in str(error)


def test_missing_file_and_folder(tmp_path):
    assert "file not found" in str(problem_of(tmp_path / "nope.csv", name=None))
    assert "is a folder" in str(problem_of(tmp_path, name=None))


def test_all_problems_are_reported_at_once():
    error = problem_of(belgian("C1;1;xx;yy\r\n"))
    assert [p.column for p in error.problems] == ["order_date", "amount"]


def test_schema_rules_allowed_unique_and_keys():
    schema = io.Schema("codes", (io.Column("code", allowed=("A", "B", "C", "D")),
                                 io.Column("id", "integer", unique=True),
                                 io.Column("score", "number", min=0, max=10, nullable=True)),
                       unique_keys=(("code", "score"),))
    data = b"code,id,score\nA,1,5\nE,2,11\nA,2,5\nB,3,\n"
    error = problem_of(data, schema)
    text = str(error)
    assert "column 'code': holds values that are not allowed (allowed: A, B, C, D) (row 3)" in text
    assert "column 'id': holds duplicate values (rows 3, 4)" in text
    assert "column 'score': holds values above the maximum 10 (row 3)" in text
    assert "column 'code + score': the combination must be unique but repeats (rows 2, 4)" in text


# --------------------------------------------------------------------- exporting

SALT = "d5b1f0c2a9e84c7b93f2a61e0c4d8b7a"  # 16 random bytes as hex (secrets.token_hex(16))


def test_export_pseudonymises_ids_and_neutralises_formulas():
    table = pd.DataFrame({"customer_id": ["C1", "C2", None], "name": ["=cmd|' /C calc'!A0",
                          "+32 470", "@SUM(A1)"], "amount": [-5.0, 1.0, 2.0]})
    text = io.export_csv(table, salt=SALT, keep="name")
    lines = text.splitlines()
    assert lines[0] == "customer_id,name,amount"
    assert lines[1] == io.pseudonym("C1", SALT) + ",'=cmd|' /C calc'!A0,-5.0"
    assert "'+32 470" in lines[2] and "'@SUM(A1)" in lines[3]
    assert lines[3].startswith(",")  # a missing ID stays empty
    assert "C1" not in text and "C2" not in text
    assert table.loc[0, "customer_id"] == "C1"  # the input frame is unchanged


def test_export_without_salt_cannot_be_linked_between_exports():
    table = pd.DataFrame({"customer_id": ["C1"]})
    assert io.export_csv(table) != io.export_csv(table)
    assert io.export_csv(table, salt=SALT) == io.export_csv(table, salt=SALT)


def test_export_keeps_ids_only_when_asked(tmp_path):
    table = pd.DataFrame({"customer_id": ["C1"], "segment": ["Champions"]})
    path = io.export_csv(table, tmp_path / "out.csv", pseudonymise=[])
    assert path.read_text() == "customer_id,segment\nC1,Champions\n"
    with pytest.raises(KeyError):
        io.export_csv(table, pseudonymise=["email"])


def test_id_columns_by_name():
    names = ["id", "customer_id", "Klantnummer", "user", "visitor_id", "paid", "idea", "amount",
             "CustomerID", "ClientID", "customer_no", "Customer No.", "relatienummer",
             "Debiteurnummer", "lidnummer", "klantnr", "Klant nr", "postcode", "video", "valid"]
    assert io.id_columns(pd.DataFrame(columns=names)) == [
        "id", "customer_id", "Klantnummer", "user", "visitor_id", "CustomerID", "ClientID",
        "customer_no", "Customer No.", "relatienummer", "Debiteurnummer", "lidnummer",
        "klantnr", "Klant nr"]


@pytest.mark.parametrize("column", ["email", "E-mail", "e_mail", "EmailAddress", "emailadres",
                                    "phone", "Telefoon", "GSM", "gsmnummer", "mobiel", "name",
                                    "Naam", "first_name", "Voornaam", "Achternaam", "klantnaam",
                                    "address", "Adres", "Straat", "huisnummer"])
def test_direct_identifiers_are_refused_unless_kept_or_pseudonymised(column):
    table = pd.DataFrame({"klantnummer": ["K1"], column: ["x"], "segment": ["A"]})
    with pytest.raises(ValueError, match=f"'{column}' holds"):
        io.export_csv(table)
    assert "x" in io.export_csv(table, keep=column)  # a string works like a one-item list
    assert "x" not in io.export_csv(table, pseudonymise=["klantnummer", column])


def test_not_every_name_is_a_person():
    table = pd.DataFrame({"product_name": ["Tent"], "segment_naam": ["A"], "street_view": [1]})
    assert "Tent" in io.export_csv(table)


def test_a_string_names_one_column_and_ids_are_hashed_by_value():
    table = pd.DataFrame({"customer_id": [42, 7], "other": [42.0, 7.0]})
    text = io.export_csv(table, pseudonymise="other", salt=SALT)
    assert text.splitlines()[1] == f"42,{io.pseudonym(42, SALT)}"
    assert io.pseudonym(42, SALT) == io.pseudonym(42.0, SALT) == io.pseudonym("42", SALT)
    assert io.pseudonym(np.int64(42), SALT) == io.pseudonym(np.float64(42.0), SALT)
    assert io.pseudonym(42.5, SALT) != io.pseudonym(42, SALT)


@pytest.mark.parametrize("salt", ["workshop", "energy-crm", b"short", "x" * 15])
def test_short_salts_are_refused(salt):
    with pytest.raises(ValueError, match="at least 16 random bytes"):
        io.export_csv(pd.DataFrame({"customer_id": ["C1"]}), salt=salt)
    with pytest.raises(ValueError, match="at least 16 random bytes"):
        io.pseudonym("C1", salt)


def test_a_pseudonym_key_is_saved_loaded_and_maps_pseudonyms_back(tmp_path):
    key = io.PseudonymKey.create()
    path = key.save(tmp_path / "pseudonym.key")
    assert path.stat().st_mode & 0o077 == 0  # only the owner can read it
    assert key._secret.hex() not in repr(key)
    with pytest.raises(FileExistsError):
        io.PseudonymKey.create().save(path)
    crm = pd.DataFrame({"customer_id": ["C1", "C2", "C3"], "segment": ["A", "B", "A"]})
    first = pd.read_csv(_stdio_text(io.export_csv(crm, salt=key)))
    second = pd.read_csv(_stdio_text(io.export_csv(crm, salt=io.PseudonymKey.load(path))))
    assert first.equals(second)  # stable over exports
    assert not set(first["customer_id"]) & set(crm["customer_id"])
    results = first.loc[first["segment"] == "A", "customer_id"]  # what the mailing tool sends back
    assert key.reveal(results, ids=crm["customer_id"]).tolist() == ["C1", "C3"]
    assert io.PseudonymKey.create().reveal(results, ids=crm["customer_id"]).isna().all()
    (tmp_path / "bad.key").write_text("{}")
    with pytest.raises(ValueError, match="cannot load a pseudonym key"):
        io.PseudonymKey.load(tmp_path / "bad.key")


def _stdio_text(text):
    from io import StringIO
    return StringIO(text)


def test_line_breaks_in_values_are_always_quoted_and_headers_neutralised():
    table = pd.DataFrame({"=HYPERLINK(1)": ["a\rb", "c\nd", "e\r\nf", "plain"]})
    text = io.export_csv(table, pseudonymise=[])
    assert text == "'=HYPERLINK(1)\n\"a\rb\"\n\"c\nd\"\n\"e\r\nf\"\nplain\n"
    back = pd.read_csv(_stdio_text(text), dtype=str, keep_default_na=False)
    assert back.iloc[:, 0].tolist() == ["a\rb", "c\nd", "e\r\nf", "plain"]


@pytest.mark.parametrize("value", ["=1+1", " =1+1", "'=1+1", '"=1+1', "\t=1", "\r=1", "\n=1",
                                   "\uff1d1+1", "\u00a0+1", "-1+1", "@SUM(1)"])
def test_formulas_after_spaces_and_quotes_are_neutralised(value):
    assert io.formula_safe(value) == "'" + value


money = st.floats(min_value=-1e7, max_value=1e7, allow_nan=False).map(lambda x: round(x, 2))


@settings(max_examples=60, deadline=None, database=None)
@given(st.lists(money, min_size=1, max_size=20), st.sampled_from([(";", ","), (",", ".")]))
def test_belgian_and_plain_exports_read_back_the_same_amounts(amounts, dialect):
    sep, decimal = dialect
    table = pd.DataFrame({"customer_id": [f"C{i}" for i in range(len(amounts))],
                          "order_id": range(len(amounts)),
                          "order_date": pd.Timestamp("2021-05-01"), "amount": amounts})
    text = io.export_csv(table, pseudonymise=[], sep=sep, decimal=decimal)
    back = io.read_table(text.encode("cp1252"), io.TRANSACTIONS)
    np.testing.assert_allclose(back["amount"].to_numpy(), np.array(amounts), rtol=0, atol=1e-9)
    assert (back["order_date"] == pd.Timestamp("2021-05-01")).all()


# --------------------------------------------------------------------- no silent misreads

@pytest.mark.parametrize("data", [b"id;bedrag\n1;0,125\n2;12\n", b"id;bedrag\n1;0.125\n2;12\n",
                                  b'id,amount\n1,"0,125"\n2,"3,5"\n', b"id,amount\n1,0.125\n"])
def test_a_group_after_a_leading_zero_is_never_thousands(data):
    frame = io.read_table(data)
    assert frame.iloc[0, 1] == 0.125


@pytest.mark.parametrize("sep", [";", ","])
def test_only_ambiguous_amounts_ask_which_decimal_mark(sep):
    data = f'id{sep}amount\n1{sep}"1.250"\n2{sep}"2.500"\n3{sep}7\n'.encode()
    error = problem_of(data, None)
    assert error.column == "amount" and error.rows == (2, 3)
    assert "decimal comma (1.250 = 1250)" in str(error) and 'decimal="."' in str(error)
    assert "1.250 = 1250" in error.text("nl")
    assert io.read_table(data, decimal=",")["amount"].tolist() == [1250, 2500, 7]
    assert io.read_table(data, decimal=".")["amount"].tolist() == [1.25, 2.5, 7.0]


def test_another_column_settles_the_decimal_mark_for_the_whole_file():
    frame = io.read_table(b"id;qty;price\n1;1.250;12,50\n2;3;1,5\n")
    assert frame["qty"].tolist() == [1250, 3] and frame.attrs["read_as"]["decimal"] == ","


@pytest.mark.parametrize("text", ["1e999", "inf", "-Infinity", "1,2,3", "12.34.5,0", "1 2"])
def test_not_amounts(text):
    error = problem_of(belgian(f"C1;1;01/01/2021;{text}\r\n"))
    assert error.column == "amount" and "not numbers" in str(error)


@pytest.mark.parametrize("text, value", [
    ("12 345,60", 12345.6), ("12\u00a0345,60", 12345.6), ("12\u202f345,60", 12345.6),
    ("12,50-", -12.5), ("(12,50)", -12.5), ("\u221212", -12.0), ("€ -3,00", -3.0),
    ("1.234.567,89 EUR", 1234567.89), (",5", 0.5), ("0,5", 0.5)])
def test_belgian_french_amounts(text, value):
    data = (HEADER + f"C1;1;01/01/2021;{text}\r\nC2;2;01/01/2021;1,25\r\n").encode()
    frame = io.read_table(data, io.TRANSACTIONS)
    assert frame.loc[0, "amount"] == value


def test_a_stray_cp1252_byte_in_utf8_is_reported_with_row_and_column():
    data = "naam;stad\nJosé;Liège\nAn;Gent\nZoë;Brugge\n".encode() + b"Fran\xe7ois;Namur\n"
    with pytest.warns(io.DataWarning, match=r"column 'naam'.*row 5"):
        frame = io.read_table(data, name="leden.csv")
    assert frame["naam"].tolist() == ["José", "An", "Zoë", "François"]  # UTF-8 kept
    assert frame.attrs["read_as"]["encoding"] == "utf-8"
    note = frame.attrs["notes"][0]
    assert (note.column, note.rows) == ("naam", (5,)) and "kolom 'naam'" in note.text("nl")


def test_a_cp1252_file_is_still_read_as_cp1252():
    frame = io.read_table("naam;stad\nJosé;Liège\n".encode("cp1252"))
    assert frame.loc[0, "stad"] == "Liège" and frame.attrs["notes"] == []


def test_yyyymmdd_dates_in_a_date_column_but_not_sniffed():
    data = b"customer_id,order_id,order_date,amount\nC1,1,19970101,2.5\nC2,2,19971231,3\n"
    frame = io.read_table(data, io.TRANSACTIONS)
    assert frame["order_date"].dt.strftime("%Y-%m-%d").tolist() == ["1997-01-01", "1997-12-31"]
    assert io.read_table(data)["order_date"].dtype == "int64"
    assert "not valid dates" in str(problem_of(data.replace(b"19971231", b"19971331")))


# --------------------------------------------------------------------- every failure a DataError

def test_lone_cr_line_endings_of_old_mac_excel():
    frame = io.read_table(belgian("C1;1;01/01/2021;5\rC2;2;02/01/2021;6\r", HEADER[:-2] + "\r"),
                          io.TRANSACTIONS)
    assert frame["amount"].tolist() == [5, 6]


def test_very_long_lines_and_very_wide_files():
    long = "x" * 200_000
    frame = io.read_table(f"id;note\n1;{long}\n2;kort\n".encode())
    assert frame.loc[0, "note"] == long
    wide = ";".join(f"c{i}" for i in range(3000)) + "\n" + ";".join("1" * 3000) + "\n"
    assert io.read_table(wide.encode()).shape == (1, 3000)
    too_wide = ";".join(f"c{i}" for i in range(6000)) + "\n" + ";" * 5999 + "1\n"
    assert "6000 columns" in str(problem_of(too_wide.encode(), None))


def test_excel_sep_line_names_the_separator():
    frame = io.read_table(b"sep=,\r\nnaam,bedrag;x\r\nAn,5;1\r\n")
    assert list(frame.columns) == ["naam", "bedrag;x"]
    assert frame.attrs["read_as"]["separator"] == ","


@pytest.mark.parametrize("data, words, rows", [
    (b"\xef\xbb\xbf\xef\xbb\xbfa;b\n1;2\n", "two byte-order marks", ()),
    ("a;b\n1;2\n".encode("utf-32"), "UTF-32", ()),
    ("a;b\n1;2\n".encode("utf-32-le"), "UTF-32", ()),
    ("a;b\n1;2\n".encode("utf-16") + b"\x00\xd8", "UTF-16 but is damaged", ()),
    (b'a;b\n1;2\n3;"open\n4;5\n', "never closed", (3,)),
    (b"Amount;amount\n1;2\n", "differs only in case or spacing from 'Amount'", (1,)),
    (b"a;Order ID;order_id\n1;2;3\n", "differs only in case or spacing", (1,)),
])
def test_each_broken_file_has_its_own_message(data, words, rows):
    error = problem_of(data, None)
    assert words in str(error) and error.rows == rows
    assert error.text("nl") != str(error)


def test_utf16_without_bom_is_read():
    frame = io.read_table("naam;bedrag\nÉlise;5,5\n".encode("utf-16-le"))
    assert frame.loc[0, "naam"] == "Élise" and frame.loc[0, "bedrag"] == 5.5


def test_bad_paths_and_renames(tmp_path):
    assert "cannot be read" in str(problem_of(str(tmp_path / ("x" * 5000)), name=None))
    assert "is a folder" in str(problem_of(tmp_path, name=None))
    data = b"klant;customer_id;order_id;order_date;amount\nC1;C2;1;2021-01-01;5\n"
    error = problem_of(data, columns={"klant": "customer_id"})
    assert "would exist twice" in str(error) and error.column == "customer_id"
    assert "not in the file" in str(problem_of(data, columns={"kunde": "customer_id"}))


def test_the_header_row_may_be_quoted_over_lines_and_rows_keep_spreadsheet_numbers():
    data = b'"customer\nid";order_id;order_date;amount\nC1;1;01/01/2021;5\n\nC2;2;x;5\n'
    error = problem_of(data, columns={"customer\nid": "customer_id"})
    assert error.rows == (4,)


def test_a_data_error_speaks_the_course_language(monkeypatch):
    from aimkit import i18n
    monkeypatch.setattr(i18n, "_chosen_language", ["nl"])
    with pytest.raises(io.DataError) as caught:
        io.read_table(b"", name="leeg.csv")
    assert str(caught.value) == caught.value.text("nl") != caught.value.text("en")
    assert str(caught.value.problems[0]).startswith("leeg.csv: ")
