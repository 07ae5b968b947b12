"""The handouts (``python -m tools.handouts``): built from an executed notebook's handout cell,
with its current numbers, in Flemish notation; a case without a handout cell is named.
"""

import doctest

import nbformat
import pytest
from notebook_files import NOTEBOOKS

from tools import handouts

TEXT = """---
notebook: cases/10_tiny.ipynb
dimensions: collection, quality
---
# Tiny: a question

## De vraag van het bedrijf

Welke klanten?

## De data

{customers:,} klanten.

## Wat de analyse toonde

{share:.1%} van de klanten koopt voor € {amount:,.2f}.

## Wat het bedrijf deed

Een proef.
"""


def notebook(*figure_cell: str, n: str = "1000 + 234"):
    cells = [nbformat.v4.new_code_cell(f"n = {n}\nshare = 0.256")]
    cells += [nbformat.v4.new_code_cell(source, metadata={"tags": ["handout"]})
              for source in figure_cell]
    return nbformat.v4.new_notebook(cells=cells)


@pytest.fixture
def tree(tmp_path):
    """A text for the Kinnarps case (its maturity entry is real) and a tiny notebook."""
    (tmp_path / "texts").mkdir()
    (tmp_path / "notebooks" / "cases").mkdir(parents=True)
    (tmp_path / "texts" / "kinnarps.md").write_text(TEXT, encoding="utf-8")
    return tmp_path


def build(tree):
    return handouts.build(tree / "out", tree / "texts", tree / "notebooks")


def test_a_handout_carries_the_notebooks_current_numbers_the_flemish_way(tree):
    cell = '{"customers": n, "share": float(share), "amount": 1234.5}'
    nbformat.write(notebook(cell), tree / "notebooks" / "cases" / "10_tiny.ipynb")
    report = build(tree)
    assert report.written == [tree / "out" / "kinnarps.html"] and not report.without_cell
    page = report.written[0].read_text(encoding="utf-8")
    assert "1.234 klanten" in page and "25,6 % van de klanten koopt voor € 1.234,50" in page
    assert "<title>Tiny: a question</title>" in page and '<html lang="nl">' in page
    assert "@page { size: A4" in page
    assert "Wat heb je nodig om dit zelf te doen?" in page and "Datakwaliteit" in page
    nbformat.write(notebook(cell, n="999"), tree / "notebooks" / "cases" / "10_tiny.ipynb")
    assert "999 klanten" in build(tree).written[0].read_text(encoding="utf-8")


def test_a_notebook_without_a_handout_cell_is_named_not_an_empty_page(tree):
    nbformat.write(notebook(), tree / "notebooks" / "cases" / "10_tiny.ipynb")
    report = build(tree)
    assert report.written == []
    assert report.without_cell == [tree / "notebooks" / "cases" / "10_tiny.ipynb"]
    assert not (tree / "out" / "kinnarps.html").exists()
    assert "nog niet klaar" in (tree / "out" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("cell", "message"), [
    ('{"customers": n, "share": share}', r"needs \['amount'\]"),
    ("import numpy as np\n{'customers': np.int64(n)}", "wrap numpy values"),
    ("x = 1", "displays nothing"),
])
def test_a_wrong_handout_cell_gets_a_clear_message(tree, cell, message):
    nbformat.write(notebook(cell), tree / "notebooks" / "cases" / "10_tiny.ipynb")
    with pytest.raises(handouts.HandoutError, match=message):
        build(tree)


def test_a_text_needs_its_header_and_sections(tmp_path):
    path = tmp_path / "kinnarps.md"
    path.write_text(TEXT.replace("dimensions: collection, quality", "dimensions: colection"))
    with pytest.raises(handouts.HandoutError, match="unknown dimensions"):
        handouts.read_text(path)
    path.write_text(TEXT.replace("## De data", "## Data"))
    with pytest.raises(handouts.HandoutError, match="De data"):
        handouts.read_text(path)


@pytest.mark.parametrize("path", sorted(handouts.TEXTS.glob("*.md")), ids=lambda p: p.name)
def test_every_shipped_text_reads_and_names_an_existing_case_notebook(path):
    text = handouts.read_text(path)
    assert text.notebook.is_file() and text.notebook.is_relative_to(NOTEBOOKS / "cases")
    assert text.placeholders, "a handout shows the notebook's figures"


def test_the_examples_run():
    assert doctest.testmod(handouts).failed == 0
