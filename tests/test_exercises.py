"""Exercises teach: every registered check accepts its solution and names each typical mistake.

The registry (``aimkit.exercises``, one module per notebook) is tested here on its own examples:
each exercise's solution must be "Correct!" and each typical wrong answer must get its own
feedback, in English and in Dutch. The notebooks are tested statically: every exercise ships
unanswered, and a check cell of a migrated notebook only names the exercise and the notebook's
data (no expected value, no test function). The solutions themselves run once, by nbval's run
of each notebook: ``conftest.py`` swaps every solution in and starts the kernel in strict mode;
``test_a_broken_solution_fails_the_suite`` proves that mechanism on two tiny notebooks.
"""

import ast
import os
import re
import shutil
import subprocess
import sys

import nbformat
import pytest
from notebook_files import (
    ROOT,
    SOLUTION,
    course_notebooks,
    exercise_solutions,
    ids,
    notebook_number,
    tagged,
)

from aimkit import exercises, i18n
from aimkit.exercises import CORRECT, LANGUAGE, MESSAGES, NOT_ANSWERED, STRICT, answers

EXEMPT = {"99_for_trainers.ipynb"}  # a guide, not a lesson
COURSE = course_notebooks()
LESSONS = [p for p in COURSE if p.name not in EXEMPT]
NOT_MIGRATED: set[str] = set()  # still on check(answer, test, hint=...): this list only shrinks
MIGRATED = [p for p in LESSONS if p.name not in NOT_MIGRATED]
REGISTRY = exercises.registry()
EXAMPLES = [(item.id, i, example) for item in REGISTRY.values()
            for i, example in enumerate(item.examples)]


@pytest.fixture(autouse=True)
def fresh_session(monkeypatch):
    """English, not strict, no hints shown yet, whatever ran before."""
    monkeypatch.delenv(STRICT, raising=False)
    monkeypatch.delenv(LANGUAGE, raising=False)
    monkeypatch.setattr(i18n, "_chosen_language", [])
    monkeypatch.setattr(exercises, "_tries", {})


# --- the registry ---------------------------------------------------------------------------

@pytest.mark.parametrize(("exercise_id", "number", "example"), EXAMPLES,
                         ids=[f"{e}-{n}-{x.expect or 'solution'}" for e, n, x in EXAMPLES])
@pytest.mark.parametrize("language", exercises.LANGUAGES)
def test_each_solution_is_correct_and_each_typical_mistake_gets_its_feedback(
        exercise_id, number, example, language, capsys):
    item = exercises.exercise(exercise_id)
    context = example.context()
    verdict = item.judge(example.answer, **context)
    assert (verdict and verdict.key) == example.expect
    exercises.use_language(language)
    exercises.check(exercise_id, example.answer, **context)
    printed = capsys.readouterr().out
    if example.expect is None:
        assert printed.splitlines()[0] == MESSAGES["correct"][language]
    else:
        feedback = exercises.say(item.feedback[example.expect], **verdict.fields)
        assert printed.splitlines()[0] == exercises.say(MESSAGES["wrong"], feedback=feedback)
        assert MESSAGES["correct"][language] not in printed


@pytest.mark.parametrize("item", REGISTRY.values(), ids=list(REGISTRY))
def test_every_exercise_ships_a_solution_a_typical_mistake_and_three_hints(item):
    expected = [example.expect for example in item.examples]
    assert None in expected, "the solution"
    own = set(item.feedback) - {*answers.NUMBER, *answers.MAPPING, *answers.CHOICE,
                                 *answers.SEQUENCE}
    assert own & set(expected), "at least one typical mistake with its own feedback"
    assert own <= set(expected), f"feedback nobody tests: {own - set(expected)}"
    assert len(item.hints) >= 3


@pytest.mark.parametrize("item", REGISTRY.values(), ids=list(REGISTRY))
def test_every_message_is_in_english_and_dutch_with_the_same_placeholders(item):
    assert i18n.problems(item.texts()) == []


def test_the_engine_speaks_both_languages():
    assert i18n.problems(MESSAGES) == []


def test_hints_get_more_specific_on_each_try_and_stop_at_the_last(capsys):
    item = exercises.exercise("06.1")
    for _ in range(2):
        exercises.check("06.1", 13_490)
    exercises.hint("06.1")
    exercises.check("06.1", 13_490)
    hints = [line for line in capsys.readouterr().out.splitlines() if line.startswith("Hint")]
    shown = [exercises.say(text) for text in item.hints]
    assert hints == [f"Hint 1 of 3: {shown[0]}", f"Hint 2 of 3: {shown[1]}",
                     f"Hint 3 of 3: {shown[2]}", f"Hint 3 of 3: {shown[2]}"]


def test_the_language_comes_from_use_language_or_the_environment(capsys, monkeypatch):
    monkeypatch.setenv(LANGUAGE, "nl")
    exercises.check("06.1", None)
    exercises.use_language("en")
    exercises.check("06.1", None)
    assert capsys.readouterr().out.splitlines() == [MESSAGES["not_answered"]["nl"], NOT_ANSWERED]
    with pytest.raises(ValueError, match="language must be one of"):
        exercises.use_language("fr")


def test_dutch_feedback_writes_numbers_the_flemish_way(capsys):
    exercises.use_language("nl")
    exercises.check("06.2", {"choice": "A", "why": "B is beter."})
    assert "van -0,5 tot +3,5 punten (p = 0,14)" in capsys.readouterr().out


def test_a_judgement_reminds_of_the_rubric_when_the_choice_is_right(capsys):
    exercises.check("06.2", exercises.exercise("06.2").examples[0].answer)
    assert capsys.readouterr().out.splitlines() == [
        CORRECT, exercises.say(answers.RUBRIC_REMINDER)]


def test_a_check_without_the_data_it_needs_names_what_is_missing():
    with pytest.raises(TypeError, match="funnel=funnel"):
        exercises.check("02.2", "conversion")
    with pytest.raises(KeyError, match="no exercise '02.9'"):
        exercises.check("02.9", 1)


def test_an_answer_the_judge_cannot_handle_is_wrong_not_a_crash(capsys):
    exercises.check("02.2", "conversion", funnel=None)
    assert capsys.readouterr().out.startswith("Not quite: this answer could not be checked")


def test_strict_mode_raises_on_wrong_or_missing_answers(capsys, monkeypatch):
    monkeypatch.setenv(STRICT, "1")
    with pytest.raises(AssertionError, match="both groups together"):
        exercises.check("06.1", 13_490)
    with pytest.raises(AssertionError, match="Not answered yet"):
        exercises.check("06.1", None)
    exercises.check("06.1", 6745)
    assert capsys.readouterr().out.strip() == CORRECT


def test_the_older_form_still_works_until_every_notebook_is_migrated(capsys, monkeypatch):
    exercises.check(None, lambda a: 1 / 0)
    exercises.check(3, lambda a: a == 4, hint="Count again.")
    exercises.check("four", lambda a: a + 1 == 5)
    exercises.check(4, lambda a: a == 4)
    assert capsys.readouterr().out.splitlines() == [
        NOT_ANSWERED, "Not quite. Count again.", "Not quite.", CORRECT]
    monkeypatch.setenv(STRICT, "1")
    with pytest.raises(AssertionError, match="Count again"):
        exercises.check(3, lambda a: a == 4, hint="Count again.")


# --- the notebooks --------------------------------------------------------------------------

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
        assert re.search(rf"exercises\.check\((\"\d\d\.\d+\", )?{unanswered.group(1)}\b",
                         check.source)


def registry_call(source: str) -> tuple[str, list[str]] | str:
    """``(exercise id, context names)`` of ``exercises.check("NN.k", name, data=data)``, or why
    the cell is not only that call."""
    tree = ast.parse(source)
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Expr):
        return "the cell holds more than the call to exercises.check"
    call = tree.body[0].value
    if not (isinstance(call, ast.Call) and ast.unparse(call.func) == "exercises.check"):
        return "the cell is not a call to exercises.check"
    if (len(call.args) != 2 or not isinstance(call.args[0], ast.Constant)
            or not isinstance(call.args[1], ast.Name)):
        return 'the call is not exercises.check("NN.k", answer)'
    data = [(k.arg, k.value) for k in call.keywords]
    if any(not isinstance(value, ast.Name) or value.id != name for name, value in data):
        return "context is passed as name=name (the notebook's data), nothing computed"
    return call.args[0].value, [name for name, _ in data]


@pytest.mark.parametrize("path", MIGRATED, ids=ids(MIGRATED))
def test_a_check_cell_names_the_exercise_and_the_data_it_needs_nothing_else(path):
    nb = nbformat.read(path, as_version=4)
    found = []
    for cell in (c for c in nb.cells if tagged(c, "check")):
        call = registry_call(cell.source)
        assert isinstance(call, tuple), f"{call}:\n{cell.source}"
        exercise_id, context = call
        assert sorted(context) == sorted(exercises.exercise(exercise_id).context), exercise_id
        found.append(exercise_id)
    number = notebook_number(path)
    registered = sorted(i for i in REGISTRY if i.startswith(f"{number}."))
    assert found == registered == [f"{number}.{k}" for k in range(1, len(found) + 1)]


@pytest.mark.parametrize("name", sorted(NOT_MIGRATED))
def test_the_list_of_notebooks_not_yet_migrated_only_holds_notebooks_on_the_older_form(name):
    path = next(p for p in LESSONS if p.name == name)
    nb = nbformat.read(path, as_version=4)
    older = [c for c in nb.cells if tagged(c, "check") and "lambda" in c.source]
    assert older, f"{name} is migrated: remove it from NOT_MIGRATED"


def test_the_static_check_flags_expected_values_and_tests_in_check_cells():
    assert registry_call('exercises.check("02.2", answer, funnel=funnel)') == ("02.2", ["funnel"])
    for source in ['exercises.check(answer, lambda a: a == 4)',
                   'exercises.check("02.2", answer == 4)',
                   'exercises.check("02.2", answer, funnel=funnel.shift(1))',
                   '_expected = 4\nexercises.check("02.2", answer)']:
        assert isinstance(registry_call(source), str), source


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
    """A three-cell exercise (06.1, a sample size), solved by ``solution``."""
    return nbformat.v4.new_notebook(cells=[
        exercise_cell("answer = None  # your code"),
        nbformat.v4.new_markdown_cell(f"```python\n{solution}\n```",
                                      metadata={"tags": ["solution"]}),
        nbformat.v4.new_code_cell("from aimkit import exercises\n"
                                  'exercises.check("06.1", answer)',
                                  metadata={"tags": ["check"]}),
    ])


@pytest.mark.slow
def test_a_broken_solution_fails_the_suite(tmp_path):
    shutil.copy(ROOT / "conftest.py", tmp_path)
    good = "from aimkit import experiment\nanswer = experiment.sample_size(0.04, 0.01)"
    nbformat.write(tiny_lesson(good), tmp_path / "good.ipynb")
    nbformat.write(tiny_lesson(good.replace("0.01", "0.05")), tmp_path / "broken.ipynb")
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
    assert f"{STRICT}=1 and the check says: Not quite: 381 per group" in report
    stored = nbformat.read(tmp_path / "broken.ipynb", as_version=4)
    assert stored.cells[0].source == "answer = None  # your code", "the file is not modified"
