"""Each notebook runs once in the suite: nbval's run also checks the exercises' solutions.

nbval (``--nbval-lax`` in pyproject.toml) runs every notebook cell by cell; a cell that raises
fails the suite, so the notebooks' ``assert`` cells are the fidelity checks (docs/fidelity.md).
This plugin adds, for every notebook collected by nbval:

- each exercise cell (tagged ``exercise``) is replaced by the code of its hidden solution;
- the kernel starts with ``AIMKIT_EXERCISES_STRICT=1``, so ``exercises.check`` raises
  AssertionError on a wrong or unanswered answer and nbval reports that check cell as failed;
- every notebook cell, and every browser test, is marked ``slow`` (``pytest -m "not slow"``
  skips them for a quick loop).

That exercises ship unanswered (``= None``) is checked statically by tests/test_exercises.py.
Hypothesis keeps its example database in the system's temp folder, not in the repository.
"""

import os
import tempfile
from pathlib import Path

import pytest
from nbval.plugin import IPyNbCell
from notebook_files import exercise_solutions

from aimkit.exercises import STRICT

os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY",
                      str(Path(tempfile.gettempdir()) / "start2aim-hypothesis"))


def pytest_collection_modifyitems(items):
    """Swap the solutions into the notebooks nbval collected; mark notebooks and browsers slow."""
    solved = {}  # notebook collector -> {id(exercise cell): solution code}
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)
        if not isinstance(item, IPyNbCell):
            continue
        item.add_marker(pytest.mark.slow)
        if item.parent not in solved:
            pairs = exercise_solutions(item.parent.nb)
            solved[item.parent] = {id(cell): code for cell, code in pairs}
        code = solved[item.parent].get(id(item.cell))
        if code is not None:
            item.cell.source = code


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    """Start notebook kernels (in the setup of a notebook's first cell) in strict mode."""
    if not isinstance(item, IPyNbCell):
        return (yield)
    before = os.environ.get(STRICT)
    os.environ[STRICT] = "1"
    try:
        return (yield)
    finally:
        if before is None:
            del os.environ[STRICT]
        else:
            os.environ[STRICT] = before
