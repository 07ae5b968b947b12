"""Every exercise's hidden solution passes its check, and as shipped it says 'not answered yet'.

An exercise is three cells (see CONTRIBUTING.md): a code cell tagged ``exercise``, a markdown
cell tagged ``solution`` holding one fenced python block, and a code cell tagged ``check``.
"""

import re

import nbformat
import pytest
from nbclient import NotebookClient
from notebook_files import course_notebooks, ids

from aimkit.exercises import CORRECT, NOT_ANSWERED

SOLUTION = re.compile(r"```python\n(.*?)```", re.S)
EXEMPT = {"99_for_trainers.ipynb"}  # a guide, not a lesson
COURSE = course_notebooks()
LESSONS = [p for p in COURSE if p.name not in EXEMPT]


def tagged(cell, tag):
    return tag in cell.get("metadata", {}).get("tags", [])


def exercises(nb):
    """Yield (exercise cell, solution code) pairs."""
    cells = nb.cells
    for i, cell in enumerate(cells):
        if tagged(cell, "exercise"):
            solution = next(c for c in cells[i + 1:] if tagged(c, "solution"))
            match = SOLUTION.search(solution.source)
            assert match, "a solution cell holds one ```python block"
            yield cell, match.group(1)


@pytest.mark.parametrize("path", LESSONS, ids=ids(LESSONS))
def test_at_least_two_exercises_with_checks(path):
    nb = nbformat.read(path, as_version=4)
    pairs = list(exercises(nb))
    checks = [c for c in nb.cells if tagged(c, "check")]
    assert len(pairs) >= 2, "each lesson has at least two exercises"
    assert len(checks) == len(pairs), "one check cell per exercise"
    for cell, _ in pairs:
        assert re.search(r"=\s*None", cell.source), "an exercise ships unanswered (= None)"
    for cell in checks:
        assert "exercises.check(" in cell.source


@pytest.mark.parametrize("path", LESSONS, ids=ids(LESSONS))
def test_solutions_pass_their_checks(path):
    nb = nbformat.read(path, as_version=4)
    for cell, code in list(exercises(nb)):
        cell.source = code
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    checks = [c for c in nb.cells if tagged(c, "check")]
    for cell in checks:
        printed = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
        assert CORRECT in printed, f"check cell printed {printed!r}"
        assert NOT_ANSWERED not in printed


def test_solution_pattern_reads_a_fenced_block():
    source = "<details><summary>Solution</summary>\n\n```python\nanswer = 4\n```\n</details>"
    assert SOLUTION.search(source).group(1) == "answer = 4\n"
