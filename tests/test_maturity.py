import copy
import json
import math

import matplotlib.pyplot as plt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aimkit import maturity
from aimkit.maturity import MaturityError

MODEL = maturity.load_model()
IDS = [q.id for q in MODEL.questions]
RAW = json.loads(maturity.DEFAULT_PATH.read_text(encoding="utf-8"))


def all_at(level):
    return {q: level for q in IDS}


# ------------------------------------------------------------------------------ the model file
def test_shipped_model_has_the_issue_dimensions_and_five_stages():
    assert [d.id for d in MODEL.dimensions] == [
        "strategy", "culture", "collection", "quality", "storage", "analytics", "privacy",
        "personalisation"]
    assert len(MODEL.stages) == 5
    assert all(len(q.answers) == 5 for q in MODEL.questions)
    assert all(len(d.advice) == 5 for d in MODEL.dimensions)


def test_every_text_exists_in_dutch_and_english():
    table_nl = maturity.questionnaire(lang="nl")
    table_en = maturity.questionnaire(lang="en")
    assert (table_nl["answer"] != table_en["answer"]).mean() > 0.9
    assert table_nl["answer"].str.len().min() > 5


def write_model(tmp_path, raw):
    path = tmp_path / "maturity.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    return path


def test_a_trainer_can_adapt_the_model_file(tmp_path):
    raw = copy.deepcopy(RAW)
    raw["dimensions"][0]["questions"][0]["text"]["en"] = "Do you have a marketing plan?"
    raw["dimensions"][3]["weight"] = 3
    model = maturity.load_model(write_model(tmp_path, raw))
    assert model.questions[0].text["en"] == "Do you have a marketing plan?"
    answers = all_at(4) | {"quality_checks": 1, "quality_duplicates": 1}
    # quality weighs 3 of 10: (7 * 4 + 3 * 1) / 10
    assert maturity.assess(answers, model).overall == pytest.approx(3.1)
    assert maturity.assess(answers).overall == pytest.approx((7 * 4 + 1) / 8)


@pytest.mark.parametrize("change, message", [
    (lambda r: r["dimensions"][2]["questions"][0]["answers"].pop(), "has 4 entries, expected 5"),
    (lambda r: r["dimensions"][1]["advice"][0].pop("nl"), "dimensions[1].advice[0]"),
    (lambda r: r["stages"].reverse(), "stages[1].from must be higher"),
    (lambda r: r["dimensions"][0].pop("questions"), "dimensions[0] lacks the key 'questions'"),
    (lambda r: r["dimensions"][1]["questions"][0].update(id="strategy_objectives"),
     "is used twice"),
    (lambda r: r["cases"][0]["answers"].update(quality_checks=7), "cases[0].answers"),
])
def test_a_broken_model_file_names_the_place(tmp_path, change, message):
    raw = copy.deepcopy(RAW)
    change(raw)
    with pytest.raises(MaturityError, match=message.replace("[", r"\[").replace("]", r"\]")):
        maturity.load_model(write_model(tmp_path, raw))


def test_model_file_that_is_not_json(tmp_path):
    path = tmp_path / "maturity.json"
    path.write_text('{"levels": [\n  1,,\n]}', encoding="utf-8")
    with pytest.raises(MaturityError, match=r"not valid JSON at line 2, column 5"):
        maturity.load_model(path)
    with pytest.raises(MaturityError, match="file not found"):
        maturity.load_model(tmp_path / "missing.json")


# ---------------------------------------------------------------------------------- scoring
def test_known_scores_by_hand():
    answers = all_at(3) | {"quality_checks": 1, "quality_duplicates": 2,
                           "privacy_register": 5, "privacy_transparency": 4}
    result = maturity.assess(answers)
    assert result.scores["quality"] == 1.5
    assert result.scores["privacy"] == 4.5
    assert result.levels["quality"] == 1 and result.levels["privacy"] == 4
    # six dimensions at 3, quality 1.5, privacy 4.5 → 24 / 8
    assert result.overall == 3.0
    assert result.stage.name["en"] == "Reporting" and result.stage.number == 3
    assert result.complete


@pytest.mark.parametrize("level, stage", [(1, 1), (2, 2), (3, 3), (4, 4), (5, 5)])
def test_uniform_answers_land_in_their_own_stage(level, stage):
    assert maturity.assess(all_at(level)).stage.number == stage


def test_stage_thresholds_are_inclusive():
    assert MODEL.stage_for(1.79).number == 1
    assert MODEL.stage_for(1.8).number == 2
    assert MODEL.stage_for(4.2).number == 5


def test_partial_answers_score_only_what_is_answered():
    result = maturity.assess({"strategy_objectives": 4, "quality_checks": 2})
    assert result.overall == 3.0
    assert math.isnan(result.scores["culture"])
    assert len(result.missing) == len(IDS) - 2
    assert not result.complete
    assert result.table().loc["culture", "advice"] == ""


@pytest.mark.parametrize("answers, message", [
    ({}, "no question is answered"),
    ({"strategy_objectives": 6}, "whole number from 1 to 5"),
    ({"strategy_objectives": 0}, "whole number from 1 to 5"),
    ({"strategy_objectives": 2.5}, "whole number"),
    ({"strategy_objectives": True}, "whole number"),
    ({"favourite_colour": 3}, "unknown question id"),
])
def test_bad_answers_are_refused(answers, message):
    with pytest.raises(MaturityError, match=message):
        maturity.assess(answers)


answer_sets = st.fixed_dictionaries({q: st.integers(1, 5) for q in IDS})


@settings(max_examples=200, deadline=None)
@given(answers=answer_sets, question=st.sampled_from(IDS), data=st.data())
def test_a_better_answer_never_lowers_a_score(answers, question, data):
    better = data.draw(st.integers(answers[question], 5))
    before = maturity.assess(answers)
    after = maturity.assess(answers | {question: better})
    assert (after.scores >= before.scores - 1e-12).all()
    assert (after.levels >= before.levels).all()
    assert after.overall >= before.overall - 1e-12
    assert after.stage.number >= before.stage.number


@settings(max_examples=50, deadline=None)
@given(answers=answer_sets)
def test_scores_stay_on_the_scale(answers):
    result = maturity.assess(answers)
    assert 1 <= result.overall <= 5
    assert result.scores.between(1, 5).all()
    assert result.levels.between(1, 5).all()


def test_next_steps_are_the_weakest_dimensions_with_their_level_advice():
    answers = all_at(4) | {"storage_integration": 1, "storage_location": 1,
                           "culture_mindset": 2, "culture_roles": 2}
    steps = maturity.assess(answers).next_steps(3)
    assert steps.index.tolist() == ["storage", "culture", "strategy"]
    assert steps.loc["storage", "advice"] == MODEL.dimension("storage").advice[0]["en"]
    assert steps.loc["culture", "advice"] == MODEL.dimension("culture").advice[1]["en"]


# ------------------------------------------------------------------------------------ cases
def test_every_case_company_is_placed_with_evidence_for_every_dimension():
    table = maturity.cases()
    assert set(table.index) == {"kinnarps", "trailfinders", "costa", "wine", "annapops",
                                "odisee", "earnieland", "energy"}
    assert table["notebook"].str.startswith("notebooks/cases/").all()
    for case_id in table.index:
        assert (maturity.case_evidence(case_id).str.len() > 10).all(), case_id


def test_cases_follow_the_ebook_story():
    table = maturity.cases()
    # the wine merchant had no data expertise and paper forms; the energy supplier a strong
    # data culture with millions of order lines
    assert table["overall"].idxmin() == "wine"
    assert table.loc["energy", "overall"] > table.loc["kinnarps", "overall"]
    assert table.loc["costa", "culture"] > table.loc["kinnarps", "culture"]
    assert table["stage"].nunique() >= 3


def test_similar_cases_finds_the_case_itself():
    for case in MODEL.cases:
        result = maturity.assess(case["answers"])
        closest = maturity.similar_cases(result, n=1)
        assert closest.index[0] == case["id"]
        assert closest["distance"].iloc[0] == 0


def test_similar_cases_ignores_unanswered_dimensions():
    kinnarps = maturity.cases().loc["kinnarps"]
    answers = {"quality_checks": 1, "quality_duplicates": 2,
               "personalisation_practice": 2, "personalisation_testing": 1}
    assert (kinnarps["quality"], kinnarps["personalisation"]) == (1.5, 1.5)
    assert maturity.similar_cases(maturity.assess(answers), n=1).index[0] == "kinnarps"


# ----------------------------------------------------------------------------- save and load
def test_json_round_trip(tmp_path):
    result = maturity.assess(all_at(2) | {"privacy_register": 5}, company="Bakkerij Één")
    path = maturity.save(result, tmp_path / "scan.json")
    back = maturity.load(path)
    assert back.answers == result.answers
    assert back.company == "Bakkerij Één"
    assert back.overall == result.overall
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == maturity.ANSWERS_FORMAT
    assert maturity.loads(path.read_bytes()).answers == result.answers


@pytest.mark.parametrize("content, message", [
    (b'{"answers": {"strategy_objectives": 3,}}', r"not valid JSON \(line 1, column 39"),
    (b"", "not valid JSON"),
    (b"\xff\xfe\x00garbage", "not a text file"),
    (b'[1, 2, 3]', "not a saved maturity scan"),
    (b'{"name": "x"}', "has no 'answers'"),
    (b'{"format": "segment-export", "answers": {}}', "'segment-export' file"),
    (b'{"answers": {"strategy_objectives": "high"}}', "'strategy_objectives' is 'high'"),
    (b'{"answers": {"q99": 3}}', "unknown question id"),
    (b'{"answers": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "nested too deeply"),
    (b'{"answers": {"strategy_objectives": 1' + b"0" * 5000 + b"}}", "too large"),
    (b'{"answers": {"strategy_objectives": 1e999}}', "too large"),
    (b'{"answers": {"strategy_objectives": NaN}}', "too large"),
    (b'{"version": 2, "answers": {}}', "version 2"),
    (b'{"version": true, "answers": {}}', "version True"),
    (b'{"version": "1", "answers": {}}', "version '1'"),
    (b'{"answers": {}, "company": "' + b"x" * 121 + b'"}', "121 characters long; at most 120"),
    ("{\"answers\": {}, \"company\": \"Café\"}".encode("cp1252"), "not a text file"),
    (b'{"answers": {"strategy_objectives": 123456789012345678901234567890}}',
     "is 12345678901234567890…"),
])
def test_bad_json_gives_a_clear_error(tmp_path, content, message):
    path = tmp_path / "upload.json"
    path.write_bytes(content)
    with pytest.raises(MaturityError, match=message) as info:
        maturity.load(path)
    assert str(path) in str(info.value)
    if info.value.key:
        assert info.value.text("nl") != str(info.value)


def test_missing_answers_file(tmp_path):
    with pytest.raises(MaturityError, match="file not found"):
        maturity.load(tmp_path / "nope.json")


# --------------------------------------------------------------------------- figure and report
def test_radar_scores_are_you_and_the_compared_cases():
    result = maturity.assess(all_at(3))
    scores = maturity.radar_scores(result, compare=["wine", "energy"], lang="nl")
    assert list(scores.index) == ["Jij", "Wine merchant", "Energy supplier"]
    assert list(scores.columns)[0] == "Strategie en doelstellingen"
    assert scores.loc["Jij"].tolist() == [3.0] * 8
    cases = maturity.cases(lang="nl")
    assert scores.loc["Wine merchant"].tolist() == cases.loc[
        "wine", [d.id for d in MODEL.dimensions]].astype(float).tolist()


def test_html_report_is_complete_and_escaped():
    answers = all_at(2) | {"storage_integration": 1, "storage_location": 1}
    result = maturity.assess(answers, company='Shop <script>alert("x")</script>')
    open_figures = set(plt.get_fignums())
    page = maturity.report_html(result, lang="nl", date="2026-11-23")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "Stadium 2" in page and "Verzamelen" in page
    assert MODEL.dimension("storage").advice[0]["nl"].replace("'", "&#x27;") in page
    assert page.count("<tr>") == 1 + 8 + 1 + 3
    assert "data:image/png;base64," in page
    assert "2026-11-23" in page
    assert set(plt.get_fignums()) == open_figures  # the report closes its radar chart


def test_answers_folder_long_path_and_big_file(tmp_path):
    with pytest.raises(MaturityError, match="is a folder"):
        maturity.load(tmp_path)
    with pytest.raises(MaturityError, match="cannot be read"):
        maturity.load(tmp_path / ("x" * 5000))
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (maturity.MAX_ANSWERS_BYTES + 1))
    with pytest.raises(MaturityError, match="larger than 1000 kB"):
        maturity.load(big)


def test_a_company_name_of_the_maximum_length_is_kept():
    name = "$x^2$ #1 \\ " + "B" * (maturity.MAX_COMPANY - 11)
    text = maturity.dumps(maturity.assess({"quality_checks": 2}, company=name))
    assert maturity.loads(text).company == name
