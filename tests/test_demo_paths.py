"""A trainer's demo paths through the case notebooks (issue 16): tagged, nested, runnable alone.

A case notebook that is done tags the cells a trainer runs for a 10-, 20- and 40-minute demo
(``demo-10``, ``demo-20``, ``demo-40``; the paths nest), one cell ``aha`` inside the 10-minute
path, and one ``own-data`` cell that runs the case's method on an export (as shipped, a small
example file). Each path's code cells, run alone and in order in a fresh kernel, must run
without errors: a trainer who collapses the rest must not hit a NameError.

Add a case notebook to ``DONE`` when its paths are tagged.
"""

import os

import nbformat
import pytest
from nbclient import NotebookClient
from notebook_files import NOTEBOOKS, tagged

from aimkit.exercises import STRICT

DONE = [  # case notebooks whose demo paths are tagged; this list only grows
    "cases/10_kinnarps_b2b_clustering.ipynb",
    "cases/12_costa_real_estate_recommender.ipynb",
]
PATHS = ("demo-10", "demo-20", "demo-40")
TIMEOUT = 300


def read(name: str):
    return nbformat.read(NOTEBOOKS / name, as_version=4)


def path_cells(nb, path: str) -> list:
    """The code cells a trainer runs on ``path``, in notebook order."""
    return [c for c in nb.cells if c.cell_type == "code" and tagged(c, path)]


def test_every_case_notebook_is_in_done_or_not_yet_tagged():
    for nb_path in sorted((NOTEBOOKS / "cases").glob("*.ipynb")):
        name = nb_path.relative_to(NOTEBOOKS).as_posix()
        tags = {t for c in read(name).cells for t in c.get("metadata", {}).get("tags", [])}
        if tags & {*PATHS, "aha", "own-data"}:
            assert name in DONE, f"{name} carries demo tags: add it to DONE"


def path_problems(nb) -> list[str]:
    """What breaks the demo-path convention in ``nb``: nesting, aha, own-data, Setup."""
    problems = [f"demo-10 without demo-20 and demo-40: {c.source[:60]!r}" for c in nb.cells
                if tagged(c, "demo-10") and not (tagged(c, "demo-20") and tagged(c, "demo-40"))]
    problems += [f"demo-20 without demo-40: {c.source[:60]!r}" for c in nb.cells
                 if tagged(c, "demo-20") and not tagged(c, "demo-40")]
    sizes = [len(path_cells(nb, path)) for path in PATHS]
    if not 0 < sizes[0] < sizes[1] < sizes[2]:
        problems.append(f"code cells per path do not grow: {sizes}")
    aha = [c for c in nb.cells if tagged(c, "aha")]
    if len(aha) != 1 or not tagged(aha[0], "demo-10"):
        problems.append(f"{len(aha)} aha cells; one, in the 10-minute path")
    own = [c for c in nb.cells if tagged(c, "own-data") and c.cell_type == "code"]
    if len(own) != 1 or not all(text in own[0].source for text in ("io.read_table",
                                                                    "# <- your file")):
        problems.append("one own-data code cell, with io.read_table and a '# <- your file' line")
    setup = next((c for c in nb.cells if c.cell_type == "code"), None)
    if setup is None or not tagged(setup, "demo-10"):
        problems.append("the Setup cell (the first code cell) is not in every path")
    return problems


@pytest.mark.parametrize("name", DONE)
def test_the_paths_nest_with_one_aha_and_one_own_data_cell(name):
    assert path_problems(read(name)) == []


def test_the_convention_check_names_what_is_wrong():
    def cell(tags, source="x = 1"):
        return nbformat.v4.new_code_cell(source, metadata={"tags": tags})

    nb = nbformat.v4.new_notebook(cells=[cell(["demo-10", "demo-40"]), cell(["demo-20"]),
                                         cell(["own-data"], "data = 1")])
    problems = path_problems(nb)
    assert any(p.startswith("demo-10 without demo-20") for p in problems)
    assert any(p.startswith("demo-20 without demo-40") for p in problems)
    assert "0 aha cells; one, in the 10-minute path" in problems
    assert any(p.startswith("one own-data code cell") for p in problems)
    assert any(p.startswith("code cells per path do not grow") for p in problems)


@pytest.mark.slow
@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("name", DONE)
def test_each_path_runs_alone_in_order(name, path, monkeypatch):
    monkeypatch.delenv(STRICT, raising=False)  # exercises ship unanswered: "Not answered yet"
    nb = read(name)
    alone = nbformat.v4.new_notebook(cells=path_cells(nb, path), metadata=nb.metadata)
    folder = (NOTEBOOKS / name).parent
    NotebookClient(alone, timeout=TIMEOUT, kernel_name="python3",
                   resources={"metadata": {"path": str(folder)}}).execute()
    errors = [o for c in alone.cells for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors
    assert os.environ.get(STRICT) is None
