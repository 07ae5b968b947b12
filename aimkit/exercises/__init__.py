"""Check a student's answer to a notebook exercise and say what kind of answer is wrong.

Every course notebook ends with exercises. An exercise cell starts as ``answer = None``; the
check cell below it only names the exercise, ``exercises.check("02.2", answer)`` (plus, when
the check needs the notebook's data, that data by name: ``exercises.check("02.2", answer,
funnel=funnel)``). What a right answer is, the typical wrong answers and the hints live here,
in a registry keyed by exercise id (notebook number + exercise number), one module per
notebook (``aimkit/exercises/nb02.py``), so the notebook shows no expected value.

A check prints "Not answered yet", "Correct!" or what is wrong (the type, the shape, the units,
a typical mistake) with a hint; each wrong try, and each call of :func:`hint`, shows the next,
more specific hint. Judgement exercises take ``{"choice": "B", "why": "..."}``: the check
verifies the choice, gives feedback on it and asks for a memo; the rubric and a model memo sit
in the notebook's folded solution.

Messages speak the notebook's language: English by default, Dutch after
``exercises.use_language("nl")`` (the Setup line of a Dutch notebook) or with the environment
variable ``AIMKIT_LANGUAGE=nl``.

With ``AIMKIT_EXERCISES_STRICT=1`` a wrong or unanswered answer raises AssertionError: the test
suite runs every notebook with each exercise's hidden solution swapped in and strict mode on
(see ``conftest.py``), so a solution that no longer passes its check fails the suite.

The older form ``check(answer, test, hint="...")`` (a test function in the notebook) still
works for the notebooks that are not migrated yet (``tests/test_exercises.py`` lists them).

Examples
--------
>>> check("06.1", None)
Not answered yet: replace `None` above with your answer and run both cells.
>>> check("06.1", 6745)
Correct!
>>> check("06.1", 2 * 6745)
Not quite: 13,490 is the size of both groups together; the question asks per group.
Hint 1 of 3: It depends on the baseline rate (4 %) and the smallest uplift worth detecting.
>>> hint("06.1")
Hint 2 of 3: Call experiment.sample_size(baseline_rate, min_detectable_effect), both as fractions.
>>> use_language("nl")
>>> check("06.1", 2 * 6745)
Nog niet juist: 13.490 is de omvang van beide groepen samen; de vraag is per groep.
Hint 3 van 3: experiment.sample_size(0.04, 0.01): een stijging van 1 procentpunt is 0.01.
>>> use_language("en")

Used in: every lesson notebook, and notebooks/99_for_trainers.ipynb (where the answer keys are).
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache

from aimkit import i18n

STRICT = "AIMKIT_EXERCISES_STRICT"
"""Environment variable: ``1`` makes a wrong or missing answer raise AssertionError."""
LANGUAGE = i18n.COURSE_LANGUAGE
LANGUAGES = i18n.LANGUAGES
EXERCISE_ID = re.compile(r"^(\d\d)\.(\d+)$")

MESSAGES = {
    "not_answered": {
        "en": "Not answered yet: replace `None` above with your answer and run both cells.",
        "nl": "Nog niet beantwoord: vervang `None` hierboven door je antwoord en voer beide "
              "cellen uit."},
    "correct": {"en": "Correct!", "nl": "Juist!"},
    "wrong": {"en": "Not quite: {feedback}", "nl": "Nog niet juist: {feedback}"},
    "hint": {"en": "Hint {number} of {hints}: {hint}", "nl": "Hint {number} van {hints}: {hint}"},
    "not_checkable": {
        "en": "this answer could not be checked ({error}). Is it the kind of value the "
              "exercise asks for?",
        "nl": "dit antwoord kon niet gecontroleerd worden ({error}). Is het het soort waarde "
              "waar de oefening om vraagt?"},
}
"""The check's own sentences, in every language."""

NOT_ANSWERED = MESSAGES["not_answered"]["en"]
CORRECT = MESSAGES["correct"]["en"]

Text = i18n.Text
"""A message in every language: ``{"en": "...", "nl": "..."}``, with ``{placeholders}``."""


@dataclass(frozen=True)
class Wrong:
    """A judge's verdict on a wrong answer: which feedback to show, with its values.

    Examples
    --------
    >>> Wrong("percent", {"answer": 62.5}).key
    'percent'
    """

    key: str
    fields: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Example:
    """An answer the tests feed to a check, and the verdict it must get.

    ``expect`` is None for a right answer, or the feedback key of a typical mistake. ``context``
    builds the small stand-in for the notebook's data that the check needs.

    Examples
    --------
    >>> Example(6745).expect is None
    True
    """

    answer: object
    expect: str | None = None
    context: Callable[[], dict] = dict


@dataclass(frozen=True)
class Exercise:
    """One exercise: how to judge an answer, the feedback and the hints, in every language.

    Parameters
    ----------
    id : str
        Notebook number and exercise number, e.g. ``"02.1"``.
    judge : callable
        ``judge(answer, **context)`` returns None for a right answer or a :class:`Wrong`.
    hints : tuple of dict
        From general to specific; the n-th wrong try shows the n-th hint.
    feedback : dict
        Feedback key -> message, for the :class:`Wrong` verdicts of ``judge``.
    examples : tuple of Example
        The solution and at least one typical wrong answer, fed to the check by the tests.
    context : tuple of str
        Names of the notebook data the check needs, passed as keywords.
    after_correct : dict, optional
        Printed under "Correct!".

    Examples
    --------
    >>> exercise("06.1").context
    ()
    """

    id: str
    judge: Callable[..., Wrong | None]
    hints: tuple[Text, ...]
    feedback: Mapping[str, Text]
    examples: tuple[Example, ...]
    context: tuple[str, ...] = ()
    after_correct: Text | None = None
    """Printed under "Correct!": for a judgement, the reminder to compare the memo with the
    rubric."""

    def texts(self) -> dict[str, Text]:
        """Every message of this exercise by a unique key (for the language tests)."""
        hints = {f"hint {i}": text for i, text in enumerate(self.hints, start=1)}
        extra = {"after_correct": self.after_correct} if self.after_correct else {}
        return {**hints, **self.feedback, **extra}


@cache
def registry() -> dict[str, Exercise]:
    """Return every registered exercise by id, from the modules ``aimkit/exercises/nbNN.py``.

    Examples
    --------
    >>> sorted(registry())[:3]
    ['00.1', '00.2', '01.1']
    """
    found = {}
    for module in pkgutil.iter_modules(__path__):
        if re.fullmatch(r"nb\d\d", module.name):
            for item in importlib.import_module(f"{__name__}.{module.name}").EXERCISES:
                if item.id in found or EXERCISE_ID.match(item.id) is None:
                    raise ValueError(f"exercise id {item.id!r} is malformed or registered twice")
                if item.id.split(".")[0] != module.name[2:]:
                    raise ValueError(f"exercise {item.id} is registered in {module.name}.py")
                found[item.id] = item
    return found


def exercise(exercise_id: str) -> Exercise:
    """Return the registered exercise, or raise KeyError naming the ids that exist.

    Examples
    --------
    >>> exercise("02.2").context
    ('funnel',)
    """
    try:
        return registry()[exercise_id]
    except KeyError:
        raise KeyError(f"no exercise {exercise_id!r}; registered: {', '.join(registry())}") \
            from None


# --- language: the course's language lives in aimkit.i18n (figures speak it too) --------

use_language = i18n.use_language
current_language = i18n.current_language
say = i18n.say


# --- checking -----------------------------------------------------------------------------

_tries: dict[str, int] = {}  # exercise id -> hints shown so far, in this kernel


def _next_hint(item: Exercise) -> str:
    shown = _tries.get(item.id, 0)
    _tries[item.id] = shown + 1
    number = min(shown, len(item.hints) - 1) + 1
    return say(MESSAGES["hint"], number=number, hints=len(item.hints),
               hint=say(item.hints[number - 1]))


def hint(exercise_id: str) -> None:
    """Print the next hint of an exercise; each call is more specific, up to the last hint.

    Examples
    --------
    >>> hint("02.2")
    Hint 1 of 3: Compare the number of people in each stage with the stage before it.
    """
    print(_next_hint(exercise(exercise_id)))


def verdict(exercise_id: str, answer, **context) -> str | None:
    """Return None if ``answer`` is right, else the feedback in the current language.

    Examples
    --------
    >>> verdict("06.1", 6745) is None
    True
    """
    item = exercise(exercise_id)
    missing = [name for name in item.context if name not in context]
    if missing:
        raise TypeError(f"exercise {exercise_id} needs the notebook's data: "
                        + ", ".join(f"{name}={name}" for name in missing))
    try:
        wrong = item.judge(answer, **context)
    except Exception as error:  # an answer of an unexpected kind is wrong, not a crash
        return say(MESSAGES["not_checkable"], error=f"{type(error).__name__}: {error}")
    return None if wrong is None else say(item.feedback[wrong.key], **wrong.fields)


def check(exercise_id, answer=None, test: Callable[[object], bool] | None = None, /,
          hint: str = "", **context) -> None:
    """Print whether ``answer`` to exercise ``exercise_id`` is right, and if not, what is wrong.

    Parameters
    ----------
    exercise_id : str
        The registered exercise, e.g. ``"02.1"``. (In the older form ``check(answer, test,
        hint=...)`` of notebooks not migrated yet, this is the answer.)
    answer : object
        The student's answer; ``None`` means not answered yet.
    test : callable, optional
        Only in the older form: returns True for a right answer.
    hint : str
        Only in the older form: shown after "Not quite." when the answer is wrong.
    **context
        The notebook's data the check needs (see ``Exercise.context``), never the expected value.

    Raises
    ------
    AssertionError
        In strict mode (``AIMKIT_EXERCISES_STRICT=1``), when the answer is missing or wrong.

    Examples
    --------
    >>> check("02.2", "consideration", **exercise("02.2").examples[0].context())
    Correct!
    >>> check(5, lambda a: a == 4, hint="Count again.")
    Not quite. Count again.
    """
    if callable(answer):  # the older form: check(answer, test, hint=...)
        message = _older_form(exercise_id, answer, hint)
        correct = message == CORRECT
    elif answer is None:
        message, correct = say(MESSAGES["not_answered"]), False
    else:
        item = exercise(exercise_id)
        feedback = verdict(exercise_id, answer, **context)
        correct = feedback is None
        if correct:
            message = "\n".join([say(MESSAGES["correct"])]
                                 + ([say(item.after_correct)] if item.after_correct else []))
        else:
            message = "\n".join([say(MESSAGES["wrong"], feedback=feedback), _next_hint(item)])
    if not correct and os.environ.get(STRICT) == "1":
        raise AssertionError(f"{STRICT}=1 and the check says: {message}")
    print(message)


def _older_form(answer, test: Callable[[object], bool], hint: str) -> str:
    """The verdict of ``check(answer, test, hint=...)``; an exception in ``test`` is wrong."""
    if answer is None:
        return NOT_ANSWERED
    try:
        correct = bool(test(answer))
    except Exception:  # a wrong shape of answer is a wrong answer, not a crash
        correct = False
    return CORRECT if correct else f"Not quite. {hint}".rstrip()
