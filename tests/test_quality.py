"""aimkit.quality: every flaw the e-book points at in its example table is flagged."""

import pandas as pd
import pytest

from aimkit import quality

# (row, column, dimension) of each flaw the e-book's example customer table shows
EBOOK_FLAWS = {
    (2, "Taal", "completeness"),          # Samantha Dubois: no language
    (3, "Voornaam", "completeness"),      # "?" as first name: undefined input
    (3, "Taal", "completeness"),
    (4, "Voornaam", "completeness"),
    (3, "Geboortedatum", "validity"),     # 45-15-1555 is no date
    (4, "Geslacht", "validity"),          # gender "1"
    (4, "Taal", "validity"),              # "ENG" is not a language code of the list
    (1, "Geboortedatum", "accuracy"),     # born in 1850: valid, but not real
    (2, "Adres", "accuracy"),             # "123 onbekende straat"
    (4, "Adres", "accuracy"),
    (0, "Voornaam", "consistency"),       # "géraldine" without capital
    (1, "Geboortedatum", "consistency"),  # dd-mm-yyyy among dd/mm/yyyy
    (3, "Geboortedatum", "consistency"),
    (4, "Geboortedatum", "consistency"),  # 6-05-1998
    (2, "Naam", "consistency"),           # Samantha Dubois and S Dubois: one person
    (4, "Naam", "consistency"),
}


def test_every_ebook_flaw_is_flagged_and_nothing_else():
    found = quality.report(quality.ebook_example(), quality.ebook_checks())
    flagged = set(zip(found["row"], found["column"], found["dimension"], strict=True))
    assert flagged == EBOOK_FLAWS


def test_report_is_tidy_and_ordered_by_dimension():
    found = quality.report(quality.ebook_example(), quality.ebook_checks())
    assert list(found.columns) == quality.REPORT_COLUMNS
    order = [quality.DIMENSIONS.index(d) for d in found["dimension"]]
    assert order == sorted(order)


def test_summary_scores_rows_without_findings():
    table = quality.ebook_example()
    checks = quality.ebook_checks()
    summary = quality.summary(quality.report(table, checks), table, checks)
    assert summary.loc["completeness", "rows_ok_pct"] == 40.0  # rows 0 and 1 are complete
    assert summary.loc["validity", "findings"] == 3
    assert pd.isna(summary.loc["integrity", "rows_ok_pct"])  # not checked


def test_input_table_is_not_changed():
    table = quality.ebook_example()
    quality.report(table, quality.ebook_checks())
    pd.testing.assert_frame_equal(table, quality.ebook_example())


PEOPLE = pd.DataFrame({
    "last": ["Peeters", "Peeters", "Peeters", "Peeters", "De Smet", "de smet"],
    "first": ["Jan", "Jan", "J.", "Jan", "Marie", "Marie"],
    "street": ["Kerkstraat 1", "Dorpsstraat 9", "kerkstraat 1", "Molenweg 3", "Veldstraat 2",
               "Beekstraat 4"],
    "phone": ["0470 11 22 33", "0475 00 00 00", None, "+32 470 11 22 33", None, None],
    "born": ["01/02/1980", "03/04/1975", None, None, "1990-05-06", "06/05/1990"],
})


def test_a_shared_name_alone_is_not_a_duplicate():
    groups = quality.duplicate_groups(PEOPLE, last_name="last", first_name="first",
                                      address=("street",), phone="phone", birth_date="born")
    # row 2 (initial J., same address) and row 3 (same phone, +32 form) are Jan at row 0;
    # row 1 shares only the name; the De Smets share name and birth date
    assert groups.tolist() == [0, 1, 0, 0, 4, 4]


def test_without_extra_identifiers_nobody_is_merged():
    groups = quality.duplicate_groups(PEOPLE, last_name="last", first_name="first")
    assert groups.tolist() == list(range(6))


def test_golden_record_keeps_the_most_recent_correct_value():
    table = pd.DataFrame({"last": ["Peeters"] * 4, "first": ["Jan", "J.", "?", "Jan"],
                          "email": ["jan@old.be", None, "jan(at)new.be", "jan@new.be"],
                          "updated": ["2019-01-01", "2021-06-01", "2021-03-01", "2020-01-01"]})
    checks = [quality.pattern("first", r"[A-Z][a-z]+", "a full first name"),
              quality.pattern("email", r"[^@ ]+@[^@ ]+\.[a-z]+", "an e-mail address")]
    golden = quality.golden_record(table, pd.Series([0] * 4), order_by="updated", checks=checks)
    assert golden.loc[0, "first"] == "Jan"         # the newer "J." is not a full first name
    assert golden.loc[0, "email"] == "jan@new.be"  # the newest correct e-mail address
    assert golden.loc[0, "merged_rows"] == [0, 1, 2, 3]
    without_checks = quality.golden_record(table, pd.Series([0] * 4), order_by="updated")
    assert without_checks.loc[0, "first"] == "J."   # recency alone keeps the initial
    assert without_checks.loc[0, "email"] == "jan(at)new.be"


def test_golden_record_leaves_a_field_empty_when_no_value_is_correct():
    table = pd.DataFrame({"phone": ["+32 470 11", "0470"], "updated": ["2020-01-01", "2021-01-01"]})
    check = quality.pattern("phone", r"0\d{3} \d{2} \d{2} \d{2}", "a Belgian mobile number")
    golden = quality.golden_record(table, pd.Series([5, 5]), order_by="updated", checks=[check])
    assert golden.loc[5, "phone"] is None
    assert golden.loc[5, "updated"] == "2021-01-01"


def test_integrity_and_timeliness_checks():
    orders = pd.DataFrame({"order_id": [1, 2, 2], "customer_id": ["C1", "C7", None],
                           "updated": ["2021-06-01", "2018-01-01", "not a date"]})
    found = quality.report(orders, [
        quality.unique("order_id"),
        quality.references("customer_id", ["C1", "C2"], "crm_customers"),
        quality.fresh("updated", 365, today="2021-06-30"),
    ])
    got = set(zip(found["dimension"], found["row"], strict=True))
    assert got == {("integrity", 1), ("integrity", 2), ("timeliness", 1), ("timeliness", 2)}


@pytest.mark.parametrize("value, expected", [("?", True), ("Onbekend", True), (None, True),
                                             ("  ", True), ("Arthur", False), ("0", False)])
def test_undefined_input_counts_as_missing(value, expected):
    assert quality.is_missing(pd.Series([value], dtype="object")).iloc[0] == expected


def test_pattern_check_for_validity():
    frame = pd.DataFrame({"email": ["an@shop.be", "an(at)shop.be", None]})
    found = quality.report(frame, [quality.pattern("email", r"[^@ ]+@[^@ ]+\.[a-z]+",
                                                   "an e-mail address")])
    assert found["row"].tolist() == [1]


def total_is_sum(total, parts, tolerance=0.005):
    """The cross-column rule of the ``Check`` docstring: total = sum of the parts."""
    def find(frame):
        expected = frame[parts].sum(axis=1, min_count=len(parts))
        bad = ~((frame[total] - expected).abs() <= tolerance)
        return [(row, total, frame.at[row, total], f"{total} is not {' + '.join(parts)}")
                for row in frame.index[bad]]
    return quality.Check("consistency", f"{total} = {' + '.join(parts)}", find)


def test_a_cross_column_rule_is_a_check():
    orders = pd.DataFrame({"products": [10.0, 20.0, 5.0, 7.0], "shipping": [4.95, 0.0, 4.95, None],
                           "total": [14.95, 20.004, 9.0, 7.0]})
    found = quality.report(orders, [total_is_sum("total", ["products", "shipping"]),
                                    quality.required("shipping")])
    rule = found[found["check"] == "total = products + shipping"]
    assert rule["row"].tolist() == [2, 3]  # 5 + 4.95 != 9; a missing part cannot add up
    assert (rule["column"] == "total").all() and (rule["dimension"] == "consistency").all()
    scores = quality.summary(found, orders, [total_is_sum("total", ["products", "shipping"])])
    assert scores.loc["consistency", "findings"] == 2


def test_findings_speak_the_course_language(monkeypatch):
    from aimkit import i18n
    assert i18n.problems(quality.PROBLEMS) == []
    monkeypatch.setattr(i18n, "_chosen_language", ["nl"])
    frame = pd.DataFrame({"Voornaam": ["Arthur", "?"], "born": ["10/09/1970", "25-05-1850"]})
    assert quality.required("Voornaam").find(frame)[0][3] == "ontbrekende of onbepaalde invoer"
    assert quality.same_format("born").find(frame)[0][3].startswith("geschreven als")
