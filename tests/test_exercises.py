"""Every exercise ships unanswered and its check says so; a wrong solution fails the suite.

An exercise is three cells (see CONTRIBUTING.md and ``notebook_files.exercise_solutions``).
The solutions themselves are run once, by nbval's run of each notebook: ``conftest.py`` swaps
every solution in and starts the kernel in strict mode. ``test_a_broken_solution_fails_the_suite``
proves that mechanism on two tiny notebooks.
"""

import os
import re
import shutil
import subprocess
import sys

import nbformat
import pytest
from notebook_files import ROOT, SOLUTION, course_notebooks, exercise_solutions, ids, tagged

from aimkit import exercises
from aimkit.exercises import CORRECT, NOT_ANSWERED, STRICT

EXEMPT = {"99_for_trainers.ipynb"}  # a guide, not a lesson
COURSE = course_notebooks()
LESSONS = [p for p in COURSE if p.name not in EXEMPT]


@pytest.mark.parametrize("path", LESSONS, ids=ids(LESSONS))
def test_at_least_two_exercises_shipped_unanswered_with_checks(path):
    nb = nbformat.read(path, as_version=4)
    pairs = exercise_solutions(nb)
    checks = [c for c in nb.cells if tagged(c, "check")]
    assert len(pairs) >= 2, "each lesson has at least two exercises"
    assert len(checks) == len(pairs), "one check cell per exercise"
    for (cell, _), check in zip(pairs, checks, strict=True):
        unanswered = re.search(r"^(\w+) = None\b", cell.source, re.M)
        assert unanswered, "an exercise ships unanswered (`name = None`)"
        # the check receives the unanswered variable, so as shipped it prints NOT_ANSWERED
        assert f"exercises.check({unanswered.group(1)}," in check.source


def test_an_unanswered_check_says_so_whatever_its_test(capsys, monkeypatch):
    monkeypatch.delenv(STRICT, raising=False)
    exercises.check(None, lambda a: 1 / 0)
    assert capsys.readouterr().out.strip() == NOT_ANSWERED


def test_wrong_answers_get_the_hint_and_errors_count_as_wrong(capsys, monkeypatch):
    monkeypatch.delenv(STRICT, raising=False)
    exercises.check(3, lambda a: a == 4, hint="Count again.")
    exercises.check("four", lambda a: a + 1 == 5)
    assert capsys.readouterr().out.splitlines() == ["Not quite. Count again.", "Not quite."]


def test_strict_mode_raises_on_wrong_or_missing_answers(capsys, monkeypatch):
    monkeypatch.setenv(STRICT, "1")
    with pytest.raises(AssertionError, match="Count again"):
        exercises.check(3, lambda a: a == 4, hint="Count again.")
    with pytest.raises(AssertionError, match="Not answered yet"):
        exercises.check(None, lambda a: a == 4)
    exercises.check(4, lambda a: a == 4)
    assert capsys.readouterr().out.strip() == CORRECT


def test_solution_pattern_reads_a_fenced_block():
    source = "<details><summary>Solution</summary>\n\n```python\nanswer = 4\n```\n</details>"
    assert SOLUTION.search(source).group(1) == "answer = 4\n"


def test_an_exercise_without_a_solution_is_an_error():
    nb = nbformat.v4.new_notebook(cells=[exercise_cell("answer = None")])
    with pytest.raises(ValueError, match="no solution cell"):
        exercise_solutions(nb)


def exercise_cell(source):
    return nbformat.v4.new_code_cell(source, metadata={"tags": ["exercise"]})


def tiny_lesson(solution: str):
    """A three-cell exercise whose check wants 4, solved by ``solution``."""
    return nbformat.v4.new_notebook(cells=[
        exercise_cell("answer = None  # your code"),
        nbformat.v4.new_markdown_cell(f"```python\n{solution}\n```",
                                      metadata={"tags": ["solution"]}),
        nbformat.v4.new_code_cell("from aimkit import exercises\n"
                                  "exercises.check(answer, lambda a: a == 4)",
                                  metadata={"tags": ["check"]}),
    ])


@pytest.mark.slow
def test_a_broken_solution_fails_the_suite(tmp_path):
    shutil.copy(ROOT / "conftest.py", tmp_path)
    nbformat.write(tiny_lesson("answer = 2 + 2"), tmp_path / "good.ipynb")
    nbformat.write(tiny_lesson("answer = 2 + 3"), tmp_path / "broken.ipynb")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")])}
    env.pop(STRICT, None)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--nbval-lax",
         "--nbval-current-env", "-rA", "-q", str(tmp_path)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    report = result.stdout
    assert result.returncode == 1, report[-3000:]
    assert "PASSED good.ipynb::Cell 1" in report, report[-3000:]
    assert "FAILED broken.ipynb::Cell 1" in report, report[-3000:]
    assert f"{STRICT}=1 and the check says: Not quite." in report
    stored = nbformat.read(tmp_path / "broken.ipynb", as_version=4)
    assert stored.cells[0].source == "answer = None  # your code", "the file is not modified"
