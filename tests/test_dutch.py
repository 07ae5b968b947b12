"""The Dutch edition (notebooks/nl/, written by tools/dutch.py) is complete and in step.

nbval runs the Dutch notebooks like the English ones (``notebooks`` is a testpath), with the
exercise solutions swapped in by conftest.py.
"""

import subprocess
import sys

import nbformat
import pytest
from notebook_files import NOTEBOOKS, ROOT, exercise_solutions

from tools import dutch

TRANSLATED = dutch.TRANSLATED


def english(notebook):
    return nbformat.read(NOTEBOOKS / notebook, as_version=4)


def shipped(notebook):
    return nbformat.read(dutch.DUTCH / notebook, as_version=4)


def test_the_edition_holds_exactly_the_translated_notebooks():
    english_notebooks = {p.relative_to(NOTEBOOKS).as_posix() for p in NOTEBOOKS.rglob("*.ipynb")
                         if p.relative_to(NOTEBOOKS).parts[0] not in ("nl", "apps")}
    assert set(TRANSLATED) <= english_notebooks
    generated = {p.relative_to(dutch.DUTCH).as_posix() for p in dutch.DUTCH.rglob("*.ipynb")}
    assert generated == set(TRANSLATED)


@pytest.mark.parametrize("notebook", TRANSLATED)
def test_every_markdown_cell_has_a_current_translation(notebook):
    assert dutch.untranslated(notebook) == {}, "run python -m tools.dutch --status"


@pytest.mark.parametrize("notebook", TRANSLATED)
def test_the_catalogue_names_only_cells_to_translate(notebook):
    to_translate = {c.id for c in english(notebook).cells if c.cell_type == "markdown"
                    or (c.cell_type == "code" and dutch.shows_words(c.source))}
    assert set(dutch.read_catalogue(notebook)) <= to_translate


@pytest.mark.parametrize("notebook", TRANSLATED)
def test_code_cells_run_the_english_program_plus_the_setup_line(notebook):
    source, translated = english(notebook), shipped(notebook)
    assert [c.id for c in translated.cells] == [c.id for c in source.cells]
    pairs = list(zip(source.cells, translated.cells, strict=True))
    code = [(e, d) for e, d in pairs if e.cell_type == "code"]
    setup_english, setup_dutch = code[0]
    assert setup_dutch.source.split("\n").count(dutch.SETUP_LINE) == 1
    assert dutch.same_program(setup_english.source,
                              setup_dutch.source.replace(dutch.SETUP_LINE + "\n", ""))
    for e, d in code[1:]:
        assert dutch.same_program(e.source, d.source), e.id
        if not dutch.shows_words(e.source):
            assert d.source == e.source, e.id
    for e, d in pairs:
        assert d.cell_type == e.cell_type and d.metadata == e.metadata, e.id


def test_a_translation_that_changes_what_the_code_does_is_refused(monkeypatch):
    notebook = TRANSLATED[0]
    cell = next(c for c in english(notebook).cells
                if c.cell_type == "code" and dutch.shows_words(c.source))
    changed = {"english_sha256": dutch.english_hash(cell.source),
               "dutch": [cell.source + "\nprint(1 + 1)  # iets anders"]}
    entries = {**dutch.read_catalogue(notebook), cell.id: changed}
    monkeypatch.setattr(dutch, "read_catalogue", lambda _: entries)
    assert dutch.untranslated(notebook)[cell.id] == "not the same program"


@pytest.mark.parametrize("notebook", TRANSLATED)
def test_exercise_solutions_are_the_english_code(notebook):
    assert ([code for _, code in exercise_solutions(shipped(notebook))]
            == [code for _, code in exercise_solutions(english(notebook))])


@pytest.mark.parametrize("notebook", TRANSLATED)
def test_no_markdown_cell_ships_the_english_text(notebook):
    """Only a heading may stay as it is: ``## Setup`` and CRISP-DM's phase names are English."""
    for e, d in zip(english(notebook).cells, shipped(notebook).cells, strict=True):
        heading = e.source.startswith("#") and "\n" not in e.source
        if e.cell_type == "markdown" and "solution" not in e.metadata.get("tags", []):
            assert heading or d.source != e.source, f"cell {e.id} is still English"


def test_the_shipped_tree_equals_a_fresh_generation(tmp_path):
    for path in dutch.generate(tmp_path):
        notebook = path.relative_to(tmp_path)
        assert (dutch.DUTCH / notebook).read_bytes() == path.read_bytes(), (
            f"notebooks/nl/{notebook} is out of date: run python -m tools.dutch")


@pytest.mark.parametrize("notebook", TRANSLATED)
def test_links_resolve_and_lead_to_dutch_notebooks_when_there_are(notebook):
    for cell in shipped(notebook).cells:
        if cell.cell_type != "markdown":
            continue
        for target in dutch.LINK.findall(cell.source):
            target = target[1]
            if ":" in target or target.startswith("#"):
                continue
            file = (dutch.DUTCH / notebook).parent / target.partition("#")[0]
            assert file.exists(), f"{notebook} cell {cell.id}: {target} does not exist"
            if not file.resolve().is_relative_to(NOTEBOOKS.resolve()):
                continue  # a file of the repository: README.md, docs/
            in_edition = file.resolve().is_relative_to(dutch.DUTCH)
            relative = file.resolve().relative_to(NOTEBOOKS.resolve()).as_posix()
            if relative.endswith(".ipynb") and not relative.startswith("apps/"):
                english_link = f"]({target}){dutch.ENGLISH_MARK}" in cell.source
                assert in_edition != english_link, f"{target}: Dutch, or marked English"


def test_generation_refuses_a_notebook_with_a_missing_translation(monkeypatch):
    notebook = TRANSLATED[0]
    entries = dutch.read_catalogue(notebook)
    missing = next(iter(entries))
    monkeypatch.setattr(dutch, "read_catalogue",
                        lambda _: {k: v for k, v in entries.items() if k != missing})
    with pytest.raises(ValueError, match=f"no current Dutch translation of cells .*{missing}"):
        dutch.dutch_notebook(notebook)


def test_an_outdated_translation_is_found_by_its_hash(monkeypatch):
    notebook = TRANSLATED[0]
    entries = dutch.read_catalogue(notebook)
    cell_id = next(iter(entries))
    stale = {**entries, cell_id: {**entries[cell_id], "english_sha256": "0" * 16}}
    monkeypatch.setattr(dutch, "read_catalogue", lambda _: stale)
    assert dutch.untranslated(notebook) == {cell_id: "outdated"}


@pytest.mark.parametrize("notebook", TRANSLATED)
def test_exercise_feedback_in_a_dutch_notebook_is_dutch(notebook):
    setup = next(c for c in shipped(notebook).cells if c.cell_type == "code")
    probe = (setup.source + "\nfrom aimkit.exercises import current_language\n"
             "print('language:', current_language())\n")
    result = subprocess.run([sys.executable, "-c", probe], cwd=dutch.DUTCH, capture_output=True,
                            text=True, env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin",
                                            "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith("language: nl")
