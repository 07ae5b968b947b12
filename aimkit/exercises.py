"""Check a student's answer to a notebook exercise and say so in plain words.

Every course notebook ends with exercises. An exercise cell starts as ``answer = None``;
the check cell below it calls :func:`check`, which prints "Not answered yet" until the
student fills in an answer, then "Correct!" or a hint.

With the environment variable ``AIMKIT_EXERCISES_STRICT=1`` a wrong or unanswered answer
raises AssertionError instead: the test suite runs every notebook with each exercise's
hidden solution swapped in and this strict mode on (see ``conftest.py``), so a solution
that no longer passes its check fails the suite.

Examples
--------
>>> check(None, lambda a: a == 4)
Not answered yet: replace `None` above with your answer and run both cells.
>>> check(2 + 2, lambda a: a == 4)
Correct!
>>> check(5, lambda a: a == 4, hint="Count again.")
Not quite. Count again.

Used in: every lesson notebook.
"""

import os
from collections.abc import Callable

NOT_ANSWERED = "Not answered yet: replace `None` above with your answer and run both cells."
CORRECT = "Correct!"
STRICT = "AIMKIT_EXERCISES_STRICT"


def check(answer, test: Callable[[object], bool], hint: str = "") -> None:
    """Print whether ``answer`` passes ``test``; an exception in ``test`` counts as wrong.

    Parameters
    ----------
    answer : object
        The student's answer; ``None`` means not answered yet.
    test : callable
        Returns True for a correct answer.
    hint : str
        Shown after "Not quite." when the answer is wrong.

    Raises
    ------
    AssertionError
        In strict mode (``AIMKIT_EXERCISES_STRICT=1``), when the answer is missing or wrong.

    Examples
    --------
    >>> check("B2B", lambda a: a.lower() == "b2b")
    Correct!
    """
    if answer is None:
        verdict = NOT_ANSWERED
    else:
        try:
            correct = bool(test(answer))
        except Exception:  # a wrong shape of answer is a wrong answer, not a crash
            correct = False
        verdict = CORRECT if correct else f"Not quite. {hint}".rstrip()
    if verdict != CORRECT and os.environ.get(STRICT) == "1":
        raise AssertionError(f"{STRICT}=1 and the check says: {verdict}")
    print(verdict)
