"""A trainer's demo paths through the case notebooks (issue 16): tagged, nested, runnable alone.

A case notebook that is done tags the cells a trainer runs for a 10-, 20- and 40-minute demo
(``demo-10``, ``demo-20``, ``demo-40``; the paths nest and start with the Setup cell), one cell
``aha`` inside the 10-minute path, and one ``own-data`` cell that runs the case's method on an
export (as shipped, a small example file). Each path's code cells, run alone and in order in a
fresh kernel, must run without errors: a trainer who collapses the rest must not hit a
NameError. ``notebooks/99_for_trainers.ipynb`` indexes the paths.

Every case notebook of the registry has its paths (``CASES``).
"""

import nbformat
import pytest
from nbclient import NotebookClient
from notebook_files import (
    DEMO_MINUTES,
    NOTEBOOKS,
    demo_path_notebook,
    demo_path_problems,
    tagged,
)

from aimkit import datasets
from aimkit.exercises import STRICT

CASES = [case.notebook for case in datasets.cases().values()]
TAGS = {f"demo-{minutes}" for minutes in DEMO_MINUTES} | {"aha", "own-data"}


def read(name: str):
    return nbformat.read(NOTEBOOKS / name, as_version=4)


@pytest.mark.parametrize("name", CASES)
def test_the_paths_nest_with_one_aha_and_one_own_data_cell(name):
    assert demo_path_problems(read(name)) == []


def tiny(*tag_lists, own="data = io.read_table(path)  # <- your file"):
    cells = [nbformat.v4.new_code_cell(own if "own-data" in tags else "x = 1",
                                       metadata={"tags": list(tags)}) for tags in tag_lists]
    return nbformat.v4.new_notebook(cells=cells)


ALL = ["demo-10", "demo-20", "demo-40"]


def test_the_convention_check_names_what_is_wrong():
    good = tiny(ALL, [*ALL, "aha"], ["demo-20", "demo-40"], ["demo-40", "own-data"])
    assert demo_path_problems(good) == []
    not_nested = demo_path_problems(tiny(ALL, ["demo-10", "demo-40", "aha"], ["own-data"]))
    assert not_nested[0].startswith("in the 10-minute path but not the 20-minute one")
    no_setup = demo_path_problems(tiny([], [*ALL, "aha"], ["own-data"]))
    assert sum("does not start with the Setup cell" in p for p in no_setup) == 3
    two_aha = tiny([*ALL, "aha"], ["demo-20", "demo-40"], ["demo-40", "aha", "own-data"])
    assert demo_path_problems(two_aha) == ["2 cells are tagged 'aha'; one, in the 10-minute path"]
    no_own = tiny([*ALL, "aha"], ["demo-20", "demo-40"], ["demo-40"])
    assert demo_path_problems(no_own) == ["0 code cells are tagged 'own-data'; one"]
    unmarked = tiny(ALL, [*ALL, "aha"], ["demo-20", "demo-40"], ["demo-40", "own-data"],
                    own="data = 1")
    assert demo_path_problems(unmarked)[0].startswith("the own-data cell reads with")
    same_size = tiny([*ALL, "aha"], ["own-data"])
    assert demo_path_problems(same_size) == ["each longer path adds cells: [1, 1, 1]"]


def test_tagged_reads_cell_tags():
    cell = nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["aha"]})
    assert tagged(cell, "aha") and not tagged(cell, "demo-10")


@pytest.mark.slow
@pytest.mark.parametrize("minutes", DEMO_MINUTES)
@pytest.mark.parametrize("name", CASES)
def test_each_path_runs_alone_in_order(name, minutes, monkeypatch):
    monkeypatch.delenv(STRICT, raising=False)  # exercises ship unanswered: "Not answered yet"
    path = demo_path_notebook(read(name), minutes)
    NotebookClient(path, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str((NOTEBOOKS / name).parent)}}).execute()
