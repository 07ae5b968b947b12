"""Check a student's answer to a notebook exercise and say so in plain words.

Every course notebook ends with exercises. An exercise cell starts as ``answer = None``;
the check cell below it calls :func:`check`, which prints "Not answered yet" until the
student fills in an answer, then "Correct!" or a hint. The test suite replaces each
exercise with its hidden solution and expects "Correct!" from every check.

Examples
--------
>>> check(None, lambda a: a == 4)
Not answered yet: replace `None` above with your answer and run both cells.
>>> check(2 + 2, lambda a: a == 4)
Correct!
>>> check(5, lambda a: a == 4, hint="Count again.")
Not quite. Count again.
"""

from collections.abc import Callable

NOT_ANSWERED = "Not answered yet: replace `None` above with your answer and run both cells."
CORRECT = "Correct!"


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

    Examples
    --------
    >>> check("B2B", lambda a: a.lower() == "b2b")
    Correct!
    """
    if answer is None:
        print(NOT_ANSWERED)
        return
    try:
        correct = bool(test(answer))
    except Exception:  # a wrong shape of answer is a wrong answer, not a crash
        correct = False
    print(CORRECT if correct else f"Not quite. {hint}".rstrip())
