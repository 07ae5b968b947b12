"""Smoke test: the course start page renders in Voila in headless Chromium without errors."""

import json
import re

import pytest
from harness import NOTEBOOKS, open_app, page_problems

START = NOTEBOOKS / "00_start_here.ipynb"


def start_notebook():
    """The start page; until it exists, the first notebook the course has."""
    if START.exists():
        return START
    others = sorted(NOTEBOOKS.rglob("*.ipynb"))
    if not others:
        pytest.skip("no notebook to render yet")
    return others[0]


def title(notebook) -> str:
    """The text of the first ``# `` heading of the notebook's first markdown cell."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    source = next("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    heading = next(line for line in source.splitlines() if line.startswith("# "))
    return re.sub(r"[*_`]", "", heading[2:]).strip()


@pytest.mark.browser
def test_start_notebook_renders_without_errors(voila_server, page):
    notebook = start_notebook()
    open_app(page, voila_server.render_url(notebook.relative_to(NOTEBOOKS).as_posix()))
    heading = page.locator("h1").first
    assert heading.is_visible()
    assert title(notebook) in heading.inner_text()
    assert page_problems(page) == []
    assert page.page_errors == []
