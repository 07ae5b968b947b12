"""Every notebook is stored clean, runs on the python3 kernel and opens with the header cell."""

import json
import re

import pytest
from notebook_files import all_notebooks, course_notebooks, ids

NOTEBOOKS = all_notebooks()
COURSE = course_notebooks()


def test_the_course_has_notebooks():
    assert any(p.name == "00_start_here.ipynb" for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_stored_without_outputs_on_python3(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert nb["nbformat"] == 4
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert not cell.get("outputs"), f"stored outputs in {path.name}: strip them"
            assert cell.get("execution_count") is None, f"execution count in {path.name}"


@pytest.mark.parametrize("path", COURSE, ids=ids(COURSE))
def test_header_cell(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    first = nb["cells"][0]
    assert first["cell_type"] == "markdown"
    text = "".join(first["source"])
    assert re.match(r"# \d\d · \S", text), "title '# NN · Topic' first"
    for field in ("**AIM phase**", "**CRISP-DM**", "**E-book**", "**Time**"):
        assert field in text, f"header lacks {field}"
    assert re.search(r"\*\*Time\*\* \| \d+ minutes", text)
    goals = text.split("**You will learn to**", 1)
    assert len(goals) == 2, "header lacks the learning goals"
    bullets = [line for line in goals[1].splitlines() if line.startswith("- ")]
    assert 3 <= len(bullets) <= 5, "3 to 5 learning goals"


@pytest.mark.parametrize("path", COURSE, ids=ids(COURSE))
def test_number_matches_file_name(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    title = "".join(nb["cells"][0]["source"]).splitlines()[0]
    assert title.startswith(f"# {path.name[:2]} · ")
