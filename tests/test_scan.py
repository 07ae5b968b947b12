"""A scan an owner can trust: "don't know", minimum answers, jargon, profile, report, the app.

Unit tests of :mod:`aimkit.maturity` (assessment with missing answers, similar cases with
sector and size, the report) and of the scan app without a browser
(:mod:`aimkit.apps.scan`, :mod:`aimkit.apps._browser_store`). The browser tests are in
``tests/browser/test_maturity_scan.py``.
"""

import json
import math
import re

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pytest
from test_apps import data_url, no_output_capture  # noqa: F401 (a fixture)

from aimkit import course, datasets, maturity, plots
from aimkit.apps import scan
from aimkit.maturity import MaturityError

MODEL = maturity.load_model()
IDS = [q.id for q in MODEL.questions]
DIMENSIONS = [d.id for d in MODEL.dimensions]


def first_questions(n_dimensions, level=3):
    """One answered question in each of the first ``n_dimensions`` dimensions."""
    return {d.questions[0].id: level for d in MODEL.dimensions[:n_dimensions]}


# ------------------------------------------------------------- don't know / not applicable
def test_dont_know_counts_as_unanswered_for_the_scores():
    answers = {q: 3 for q in IDS} | {"quality_checks": None, "quality_duplicates": 5,
                                     "privacy_register": None, "privacy_transparency": None}
    result = maturity.assess(answers)
    assert result.unknown == ("quality_checks", "privacy_register", "privacy_transparency")
    assert result.scores["quality"] == 5.0  # only the answered question counts
    assert math.isnan(result.scores["privacy"]) and result.unscored == ("privacy",)
    assert result.overall == pytest.approx((6 * 3 + 5) / 7)
    assert set(result.missing) == set(result.unknown) and not result.complete
    assert "quality_checks" not in result.answers
    table = result.answer_table("en")
    assert table.loc["quality_checks", "answer"] == "Don't know / not applicable"
    assert table.loc["quality_checks", "level"] == 0
    assert table.loc["quality_duplicates", "answer"] == MODEL.questions[7].answers[4]["en"]


def test_only_dont_know_gives_no_score_and_no_stage_but_no_error():
    result = maturity.assess(dict.fromkeys(IDS[:3]))
    assert math.isnan(result.overall) and result.stage is None
    assert maturity.similar_cases(result, n=2)["distance"].tolist() == [0, 0]
    with pytest.raises(MaturityError, match="no question is answered"):
        maturity.assess({})
    with pytest.raises(MaturityError, match="unknown question id"):
        maturity.assess({"favourite_colour": None})


def test_answers_file_keeps_dont_know_sector_and_size():
    result = maturity.assess({"quality_checks": 2, "privacy_register": None},
                             company="Shop", sector="retail", size="micro")
    text = maturity.dumps(result)
    raw = json.loads(text)
    assert raw["answers"] == {"quality_checks": 2} and raw["unknown"] == ["privacy_register"]
    assert (raw["sector"], raw["size"]) == ("retail", "micro")
    back = maturity.loads(text)
    assert (back.answers, back.unknown, back.sector, back.size) == (
        {"quality_checks": 2}, ("privacy_register",), "retail", "micro")
    # an older file (no unknown, sector, size) still loads
    old = maturity.loads('{"format": "start2aim-maturity-answers", "version": 1, '
                         '"company": "", "answers": {"quality_checks": 4}}')
    assert old.unknown == () and old.sector == "" and old.answers == {"quality_checks": 4}


@pytest.mark.parametrize("extra, message", [
    ({"unknown": "privacy_register"}, "must be a list of question ids"),
    ({"unknown": ["no_such_question"]}, "must be a list of question ids"),
    ({"unknown": ["quality_checks"]}, "must be a list of question ids"),  # has a level too
    ({"sector": "bakery"}, r"'bakery' is not one of the choices \(retail, b2b"),
    ({"size": 12}, "12 is not one of the choices"),
])
def test_bad_unknown_sector_or_size_in_a_file(extra, message):
    text = json.dumps({"answers": {"quality_checks": 2}} | extra)
    with pytest.raises(MaturityError, match=message) as info:
        maturity.loads(text, source="scan.json")
    assert str(info.value).startswith("scan.json") and info.value.text("nl") != str(info.value)


# --------------------------------------------------------------- minimum and provisional
def test_no_stage_below_the_minimum_and_the_note_names_what_is_missing():
    assert MODEL.minimum_dimensions == 6
    result = maturity.assess(first_questions(5))
    assert result.stage is None and not result.provisional
    note = maturity.result_note(result, "nl")
    assert note.startswith("Nog geen stadium: minstens 6 van de 8 dimensies")
    assert "Privacy en juridisch" in note and "Personalisatie in de praktijk" in note
    assert "Strategie" not in note
    assert "Nog geen stadium" in maturity.report_html(result, "nl", date="2026-01-05")


def test_a_stage_with_answers_missing_is_provisional():
    result = maturity.assess(first_questions(6) | {"storage_location": None})
    assert result.stage.name["en"] == "Reporting" and result.provisional
    note = maturity.result_note(result, "en")
    assert note.startswith("Provisional result: 10 of 16 questions without an answer (1 of them")
    assert note.endswith("without a score: Privacy and legal, Personalisation practice.")
    complete = maturity.assess({q: 3 for q in IDS})
    assert not complete.provisional and maturity.result_note(complete) == ""


# ------------------------------------------------------------------------- the model file
def test_every_glossary_entry_explains_jargon_of_some_question_in_both_languages():
    for lang in ("nl", "en"):
        used = {term for q in MODEL.questions for term, _ in MODEL.jargon(q, lang)}
        firsts = {entry["terms"][lang][0] for entry in MODEL.glossary}
        assert used == firsts, lang
    named_in_the_issue = {"collection_sources": "first-party", "quality_duplicates":
                          "golden record", "storage_integration": "CDP", "culture_roles": "DPO",
                          "analytics_level": "look-alike"}
    by_id = {q.id: q for q in MODEL.questions}
    for question_id, term in named_in_the_issue.items():
        found = dict(MODEL.jargon(by_id[question_id], "en"))
        assert term in found and len(found[term]) > 30, (question_id, term)


def test_cases_have_sector_size_and_summary_and_keep_their_ids():
    assert [c["id"] for c in MODEL.cases] == ["kinnarps", "trailfinders", "costa", "wine",
                                              "annapops", "odisee", "earnieland", "energy"]
    for case in MODEL.cases:
        assert MODEL.choice_name("sectors", case["sector_id"])
        assert MODEL.choice_name("sizes", case["size"])
        for lang in ("nl", "en"):
            assert len(case["summary"][lang]) > 150 and case["size_evidence"][lang]


def test_a_model_file_without_the_new_parts_takes_the_shipped_ones(tmp_path):
    raw = json.loads(maturity.DEFAULT_PATH.read_text(encoding="utf-8"))
    for key in ("minimum_dimensions", "unknown_answer", "sectors", "sizes", "glossary"):
        del raw[key]
    path = tmp_path / "older.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    older = maturity.load_model(path)
    assert older.minimum_dimensions == 6 and older.glossary == MODEL.glossary
    raw["cases"][0]["sector_id"] = "bakery"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(MaturityError, match=r"cases\[0\].sector_id 'bakery'"):
        maturity.load_model(path)


# ------------------------------------------------------------------- companies like you
def test_sector_and_size_change_who_is_like_you():
    answers = {q: 3 for q in IDS}
    plain = maturity.similar_cases(maturity.assess(answers), n=3)
    assert plain.index[0] == "odisee" and (plain["fit"] == plain["distance"]).all()
    like_me = maturity.similar_cases(maturity.assess(answers, sector="retail", size="micro"))
    assert like_me.index[0] == "annapops"
    row = like_me.loc["annapops"]
    assert row["same_sector"] and row["size_gap"] == 0 and row["fit"] == row["distance"]
    every = maturity.similar_cases(maturity.assess(answers, sector="retail", size="micro"), n=8)
    energy = every.loc["energy"]  # services, large: another sector and 3 size classes apart
    assert energy["fit"] == pytest.approx(energy["distance"] + maturity.SECTOR_WEIGHT
                                          + 3 * maturity.SIZE_WEIGHT, abs=2e-3)


def test_unknown_sector_or_size_is_refused():
    with pytest.raises(MaturityError, match="not one of the choices"):
        maturity.assess({"quality_checks": 2}, sector="bakery")


# -------------------------------------------------------------------------- the report
NAME = r"Bakkerij $x^2$ #1 \ <b>"
PATHS = re.compile(r"\.ipynb|notebooks/|/home/|/tmp/|/work/|[A-Z]:\\")


def test_report_has_flemish_date_viewport_appendix_and_no_paths():
    answers = {q: 2 for q in IDS} | {"privacy_register": None}
    del answers["quality_checks"]
    result = maturity.assess(answers, company=NAME, sector="retail", size="small")
    page = maturity.report_html(result, "nl", date="2026-11-23")
    assert '<time datetime="2026-11-23">23/11/2026</time>' in page
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "Bakkerij $x^2$ #1 \\ &lt;b&gt;" in page and "<b>" not in page.split("<body>")[1][
        :page.split("<body>")[1].index("</h1>")]
    assert "Detailhandel en webshops · 10 tot 49 medewerkers" in page
    assert PATHS.search(page) is None
    appendix = page[page.index("Bijlage: je antwoorden"):]
    assert appendix.count("<tr>") == 1 + len(IDS)
    for question in MODEL.questions:
        assert html_text(question.text["nl"]) in appendix
    assert "<td>Weet ik niet / niet van toepassing</td>" in appendix
    assert "<td>niet beantwoord</td>" in appendix
    assert "Voorlopig resultaat: 2 van de 16 vragen" in page
    english = maturity.report_html(result, "en", date="2026-11-23")
    assert ">23 November 2026</time>" in english and "Appendix: your answers" in english


def html_text(text: str) -> str:
    return text.replace("'", "&#x27;")


def test_report_links_every_similar_case_to_its_summary_inside_the_report():
    result = maturity.assess({q: 3 for q in IDS}, sector="retail", size="micro")
    page = maturity.report_html(result, "en", date="2026-11-23")
    links = re.findall(r'href="([^"]*)"', page)
    assert len(links) == 3 and all(link.startswith("#case-") for link in links)
    for link in links:
        assert f'id="{link[1:]}"' in page
    assert "annapops" in links[0]
    annapops = next(c for c in MODEL.cases if c["id"] == "annapops")
    assert html_text(annapops["summary"]["en"]) in page


def test_radar_chart_draws_names_as_typed_and_unanswered_dimensions_as_gaps(monkeypatch):
    drawn = []
    monkeypatch.setattr(plots, "png", lambda fig, dpi: drawn.append(fig) or b"")
    result = maturity.assess(first_questions(7), company=r"$\notacommand$ #1 \ ")
    maturity.radar_chart(result, ["wine"], "nl")
    (fig,) = drawn
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [r"$\notacommand$ #1 \ ",
                                                                  "Wine merchant"]
    you = ax.get_lines()[0].get_ydata()
    assert math.isnan(you[-2]) and not math.isnan(you[0])  # personalisation: a gap, not 1
    assert ax.get_xticklabels()[-1].get_text().endswith("(geen antwoord)")
    sizes = [t.get_fontsize() for t in fig.findobj(plt.Text) if t.get_text()]
    assert min(sizes) >= maturity.CHART["fontsize"]
    fig.canvas.draw()  # mathtext would fail on \notacommand
    plt.close(fig)


def test_report_png_of_a_mathtext_name_renders():
    result = maturity.assess({"quality_checks": 2}, company=r"$\frac{$ \oops")
    assert "data:image/png;base64," in maturity.report_html(result)


# ------------------------------------------------------------------------------- the app
def walk_to_questions(app):
    assert app.step == 0 and "Over je bedrijf" in app.step_label.value
    app.next.click()
    assert app.step == 1 and "Stap 1 van 8" in app.step_label.value


def radios(app):
    return [w for w in app.questions.children if isinstance(w, widgets.RadioButtons)]


@pytest.mark.usefixtures("no_output_capture")
def test_scan_walks_the_steps_with_dont_know_and_jargon():
    app = scan.MaturityScan()
    app.sector.value, app.size.value = "retail", "micro"
    walk_to_questions(app)
    first = radios(app)[0]
    assert first.options[-1] == ("Weet ik niet / niet van toepassing", scan.UNKNOWN)
    first.value = scan.UNKNOWN
    assert app.answers == {"strategy_objectives": None}
    assert "1 van 16 vragen beantwoord (waarvan 1 &#x27;weet ik niet&#x27;)" in (
        app.step_label.value)
    app.go(5)  # storage: CRM, ERP, single customer view, CDP
    jargon = app.questions.children[0].value
    assert "<details class='aimkit-jargon'>" in jargon and "<dt>CDP</dt>" in jargon
    app.go(99)
    assert app.step == 8 and app.next.description == "Toon mijn resultaat"
    for q in IDS[1:]:
        app.answer(q, 4)
    app.go(1)
    assert radios(app)[0].value == scan.UNKNOWN and radios(app)[1].value == 4
    app.go(8)
    app.next.click()
    assert app.body.children == (app.results,)
    assert "Stadium 4 van 5: Voorspellen · voorlopig" in app.stage.value
    assert "aimkit-provisional" in app.stage.value
    assert app.radar.value[:4] == b"\x89PNG"
    assert app.levels.value.count("<tr>") == 1 + 8
    assert app.similar.value.count("<details class='aimkit-case'>") == 3
    assert "Anna Pops" in app.similar.value
    links = re.findall(r'href="([^"]*)"', app.similar.value)
    assert len(links) == 3 and all(link.startswith(course.binder_url("cases/", "nl"))
                                   for link in links)
    assert course.binder_url(datasets.cases()["annapops"].notebook, "nl") in links


def test_scan_below_the_minimum_shows_no_stage():
    app = scan.MaturityScan("en")
    for question_id in first_questions(5):
        app.answer(question_id, 2)
    app.show_results()
    assert "No stage yet" in app.stage.value and "Stage " not in app.stage.value
    assert "Privacy and legal" in app.stage.value


def test_scan_without_answers_says_so():
    app = scan.MaturityScan("en")
    app.show_results()
    assert "Answer at least one question" in app.status.value
    assert app.body.children == (app.questionnaire,)


@pytest.mark.usefixtures("no_output_capture")
def test_answers_can_be_downloaded_from_every_step():
    app = scan.MaturityScan()
    assert app.save_answers.value == ""
    app.company.value = "Bakkerij <Peeters>"
    app.sector.value = "retail"
    app.answer("quality_checks", 2)
    app.answer("privacy_register", None)
    for step in range(len(MODEL.dimensions) + 1):
        app.go(step)
        saved = maturity.loads(data_url(app.save_answers.value, ".json"))
        assert saved.answers == {"quality_checks": 2} and saved.unknown == ("privacy_register",)
        assert saved.company == "Bakkerij <Peeters>" and saved.sector == "retail"
    assert 'download="maturity-bakkerij-peeters.json"' in app.save_answers.value
    for q in IDS:
        app.answer(q, 2)
    app.show_results()
    report = data_url(app.downloads.value, ".html").decode("utf-8")
    assert "Verzamelen" in report and "&lt;Peeters&gt;" in report


def test_report_and_chart_are_made_once_per_change(monkeypatch):
    made = []
    report_html = maturity.report_html
    monkeypatch.setattr(maturity, "report_html",
                        lambda *a, **k: made.append(k.get("chart")) or report_html(*a, **k))
    app = scan.MaturityScan()
    for q in IDS:
        app.answer(q, 3)
    app.show_results()
    app.show_results()
    app.toggle.value = "en"
    app.toggle.value = "nl"
    app.to_questions.click()
    app.show_results()
    assert len(made) == 2 and all(chart[:4] == b"\x89PNG" for chart in made)  # nl, en
    app.answer("quality_checks", 5)
    app.show_results()
    assert len(made) == 3


def test_answers_are_kept_in_the_browser_and_restored_after_a_reload():
    app = scan.MaturityScan()
    app.sector.value = "b2b"
    app.answer("strategy_objectives", 2)
    app.answer("strategy_audience", None)
    assert "localStorage.setItem(&#x27;" not in app.store.script.value  # as JS, not escaped
    assert f"localStorage.setItem('{scan.STORAGE_KEY}'" in app.store.script.value
    stored = maturity.dumps(app._assess())

    fresh = scan.MaturityScan()  # the reloaded page: a new kernel
    assert "localStorage.getItem" in fresh.store.script.value  # asks the browser
    fresh.store.inbox.value = stored  # what the page sends back
    assert fresh.answers == {"strategy_objectives": 2, "strategy_audience": None}
    assert fresh.sector.value == "b2b" and fresh.step == 2  # the first open step
    assert "teruggezet (2 vragen)" in fresh.status.value

    busy = scan.MaturityScan()
    busy.answer("quality_checks", 4)
    busy.store.inbox.value = stored  # arrives after the user started: ignored
    assert busy.answers == {"quality_checks": 4}

    damaged = scan.MaturityScan()
    damaged.store.inbox.value = '{"answers": {"quality_checks": 9}}'
    assert damaged.answers == {} and "removeItem" in damaged.store.script.value


def test_start_over_forgets_the_answers_here_and_in_the_browser():
    app = scan.MaturityScan("en")
    app.answer("quality_checks", 4)
    app.company.value = "Shop"
    app.start_over.click()
    assert app.answers == {} and app.company.value == "" and app.step == 0
    assert "removeItem" in app.store.script.value and app.save_answers.value == ""


def test_building_the_app_writes_nothing_to_the_browser():
    app = scan.MaturityScan()
    app.toggle.value = "en"
    assert "getItem" in app.store.script.value  # the restore handler is still there


def test_scan_loads_answers_and_refuses_bad_files():
    app = scan.MaturityScan("en")
    app.answer("quality_checks", 1)
    assert not app.load(b"{not json", "broken.json")
    assert "could not load" in app.status.value and "broken.json" in app.status.value
    assert app.answers == {"quality_checks": 1}
    assert not app.load(b'{"answers": {"no_such_question": 3}}', "other.json")
    assert "unknown question id(s) &#x27;no_such_question&#x27;" in app.status.value
    app.toggle.value = "nl"  # the message in the app's language
    assert not app.load(b'{"answers": {"quality_checks": 9}}', "nine.json")
    assert "het antwoord op &#x27;quality_checks&#x27; is 9" in app.status.value
    assert not app.load(b'{"answers": {}, "sector": "bakery"}', "sector.json")
    assert "is geen van de keuzes" in app.status.value
    app.toggle.value = "en"
    good = json.dumps({"company": "Shop", "size": "small", "unknown": ["privacy_register"],
                       "answers": {"quality_checks": 5}})
    assert app.load(good.encode(), "scan.json")
    assert app.answers == {"quality_checks": 5, "privacy_register": None}
    assert app.company.value == "Shop" and app.size.value == "small"
    assert "Answers loaded from scan.json" in app.status.value


def test_scan_language_toggle_keeps_the_answers():
    app = scan.MaturityScan()
    for q in IDS:
        app.answer(q, 3)
    app.sector.value = "online"
    app.show_results()
    app.toggle.value = "en"
    assert "Data-maturity scan" in app.title.value
    assert "Stage 3 of 5: Reporting" in app.stage.value
    assert app.sector.value == "online" and app.sector.label == "Online platform or digital service"
    app.toggle.value = "nl"
    assert "Rapporteren" in app.stage.value


def test_an_unexpected_error_becomes_a_message(monkeypatch):
    app = scan.MaturityScan()
    app.answer("quality_checks", 3)
    monkeypatch.setattr(maturity, "similar_cases", lambda *a, **k: 1 / 0)
    app.show_results()
    assert "Er ging iets mis (ZeroDivisionError" in app.status.value
    assert "Traceback" not in app.status.value


# -------------------------------------------------------------------- the trainer's view
def scan_file(level, company, **profile) -> bytes:
    return maturity.dumps(maturity.assess({q: level for q in IDS}, company=company,
                                          **profile)).encode()


def test_room_sums_up_the_scans_without_names():
    scans = [maturity.loads(scan_file(level, f"Secret {level}")) for level in (1, 2, 2, 4)]
    scans.append(maturity.assess(first_questions(3) | {"privacy_register": None}))
    picture = maturity.room(scans, lang="nl")
    assert list(picture.scores.index) == [1, 2, 3, 4, 5]
    assert picture.scores.loc[5].isna().sum() == 5 and picture.scores.loc[2].tolist() == [2] * 8
    counts = picture.stages.set_index("number")["participants"]
    assert counts.to_dict() == {0: 1, 1: 1, 2: 2, 3: 0, 4: 1, 5: 0}
    assert picture.stages.loc[0, "name"] == "" and picture.stages.loc[2, "name"] == "Verzamelen"
    assert picture.cases["participants"].sum() == 3 * len(scans)
    assert picture.cases["participants"].is_monotonic_decreasing
    assert "Secret" not in repr(picture)


def test_room_overview_reports_bad_files_by_name_and_skips_them():
    view = room_app()
    view.add({"anna.json": scan_file(2, "Zorro's $hop", sector="retail", size="micro"),
              "bert.json": scan_file(3, "Quintus BV"),
              "carla.json": scan_file(4, "Xyla"),
              "kapot.json": b'{"answers": {"quality_checks": 3,}',
              "leeg.json": b'{"answers": {}}',
              "foto.json": b"\x89PNG\r\n\x1a\n"})
    assert sorted(view.scans) == ["anna.json", "bert.json", "carla.json"]
    status = view.status.value
    assert "Scans in de groep: 3." in status and "3 bestand(en) overgeslagen" in status
    assert "kapot.json is geen geldige JSON (regel 1" in status
    assert "leeg.json: er is nog geen vraag beantwoord" in status
    assert "foto.json is geen tekstbestand" in status
    page = view.picture.value
    assert page.count('class="aimkit-dot"') == 3 * 8 and "(n = 3)" in page
    assert "Zorro" not in page + status and "Quintus" not in page and "Xyla" not in page
    assert page.count("<tr>") == 1 + 5 + 1 + len(maturity.room(list(view.scans.values())).cases)
    view.add({"kapot.json": scan_file(2, "Dirk")})  # fixed and loaded again
    assert len(view.scans) == 4 and "kapot.json" not in view.status.value
    view.toggle.value = "en"
    assert "Spread per dimension" in view.picture.value and "Scans in the room: 4." in (
        view.status.value)
    view.clear()
    assert view.picture.value == "" and "First load the participants" in view.status.value


def room_app():
    from aimkit.apps import room

    return room.RoomOverview()
