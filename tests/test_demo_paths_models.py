"""The trainer's demo paths of the model cases (11, 17, 18): tagged by the convention of
99_for_trainers, and each path runs alone, top to bottom, without the untagged cells.
"""

import nbformat
import pytest
from nbclient import NotebookClient
from notebook_files import (
    DEMO_MINUTES,
    NOTEBOOKS,
    demo_path,
    demo_path_notebook,
    demo_path_problems,
)

CASES = ["cases/11_trailfinders_rebooking.ipynb", "cases/17_energy_churn_offers.ipynb",
         "cases/18_returns_risk_explained.ipynb"]
"""Case notebooks whose demo paths are tagged (the other cases are tested elsewhere)."""


def read(name):
    return nbformat.read(NOTEBOOKS / name, as_version=4)


@pytest.mark.parametrize("name", CASES)
def test_the_paths_nest_start_with_setup_and_hold_one_aha_cell_and_an_own_data_cell(name):
    nb = read(name)
    assert demo_path_problems(nb) == []
    sizes = [len(demo_path(nb, minutes)) for minutes in DEMO_MINUTES]
    assert sizes == sorted(set(sizes)), f"each longer path adds cells: {sizes}"


def tiny(*tag_lists):
    cells = [nbformat.v4.new_code_cell("x = 1", metadata={"tags": list(tags)})
             for tags in tag_lists]
    return nbformat.v4.new_notebook(cells=cells)


ALL = ["demo-10", "demo-20", "demo-40"]


def test_the_convention_check_names_what_is_wrong():
    good = tiny(ALL, [*ALL, "aha"], ["demo-40", "own-data"])
    assert demo_path_problems(good) == []
    not_nested = tiny(ALL, ["demo-10", "demo-40", "aha"], ["own-data"])
    [problem] = demo_path_problems(not_nested)
    assert problem.startswith("in the 10-minute path but not the 20-minute one")
    no_setup = tiny([], [*ALL, "aha"], ["own-data"])
    assert len(demo_path_problems(no_setup)) == 3
    two_aha = tiny([*ALL, "aha"], ["demo-40", "aha", "own-data"])
    assert demo_path_problems(two_aha) == ["2 cells are tagged 'aha'; one, in the 10-minute path"]
    assert demo_path_problems(tiny([*ALL, "aha"])) == ["0 code cells are tagged 'own-data'; one"]


@pytest.mark.slow
@pytest.mark.parametrize("minutes", DEMO_MINUTES)
@pytest.mark.parametrize("name", CASES)
def test_each_path_runs_alone_in_order(name, minutes):
    path = demo_path_notebook(read(name), minutes)
    client = NotebookClient(path, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str((NOTEBOOKS / name).parent)}})
    client.execute()  # raises CellExecutionError naming the cell that failed
