"""Judges for the kinds of answer an exercise asks for: a number, a mapping, a judgement.

Each function returns a judge for :class:`aimkit.exercises.Exercise`: ``judge(answer,
**context)`` gives None for a right answer or a :class:`~aimkit.exercises.Wrong` naming the
feedback to show. The feedback every judge of a kind can give sits here (``NUMBER``,
``MAPPING``, ``CHOICE``), in English and Dutch; an exercise adds the feedback of its own
typical mistakes.

Examples
--------
>>> judge = number(lambda: 0.625, mistakes={"percent": lambda right: 100 * right})
>>> judge(0.625) is None
True
>>> judge(62.5).key
'percent'
>>> judge("0.625").key
'not_a_number'

Used in: the exercise registry (aimkit/exercises/nbNN.py), through ``exercises.check``.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from aimkit.exercises import Wrong

NUMBER = {
    "not_a_number": {
        "en": "the answer is a {got}; this exercise asks for a single number.",
        "nl": "het antwoord is een {got}; deze oefening vraagt één getal."},
    "many_numbers": {
        "en": "the answer holds {size} values; take the single number out of it "
              "(e.g. `float(result[0])` or `.iloc[0]`).",
        "nl": "het antwoord bevat {size} waarden; haal er het ene getal uit "
              "(bv. `float(resultaat[0])` of `.iloc[0]`)."},
    "off": {
        "en": "{answer:,.4g} is not the value we expect. Check each step of your computation.",
        "nl": "{answer:,.4g} is niet de waarde die we verwachten. Controleer elke stap van je "
              "berekening."},
    "percent": {
        "en": "{answer:,.4g} looks like a percentage; give the share as a fraction between 0 "
              "and 1 (0.25, not 25).",
        "nl": "{answer:,.4g} lijkt een percentage; geef het aandeel als breuk tussen 0 en 1 "
              "(0.25, niet 25)."},
}
"""Feedback of :func:`number`."""

MAPPING = {
    "not_a_mapping": {
        "en": "the answer is a {got}; this exercise asks for a dictionary "
              "{{key: value, ...}}.",
        "nl": "het antwoord is een {got}; deze oefening vraagt een dictionary "
              "{{sleutel: waarde, ...}}."},
    "keys": {
        "en": "the keys do not match the exercise: missing {missing}, not expected {extra}.",
        "nl": "de sleutels kloppen niet met de oefening: ontbrekend {missing}, niet verwacht "
              "{extra}."},
    "unknown_value": {
        "en": "{value!r} (for {key!r}) is not one of the allowed values: {allowed}.",
        "nl": "{value!r} (bij {key!r}) is geen van de toegelaten waarden: {allowed}."},
    "some_wrong": {
        "en": "{wrong} of {total} are not right yet.",
        "nl": "{wrong} van de {total} zijn nog niet juist."},
}
"""Feedback of :func:`mapping`."""

CHOICE = {
    "not_a_judgement": {
        "en": 'give a dictionary with your choice and a short memo: {{"choice": "B", '
              '"why": "..."}}.',
        "nl": 'geef een dictionary met je keuze en een korte memo: {{"choice": "B", '
              '"why": "..."}}.'},
    "unknown_choice": {
        "en": "{choice!r} is not one of the options {options}.",
        "nl": "{choice!r} is geen van de opties {options}."},
    "memo_short": {
        "en": "the choice is right, but the memo ('why') has {words} words. Write two or three "
              "sentences for the owner: at least {least} words.",
        "nl": "de keuze klopt, maar de memo ('why') telt {words} woorden. Schrijf twee of drie "
              "zinnen voor de zaakvoerder: minstens {least} woorden."},
}
"""Feedback of :func:`choice`."""

RUBRIC_REMINDER = {
    "en": "Now compare your memo with the rubric and the model memo in the solution.",
    "nl": "Vergelijk nu je memo met de rubric en de modelmemo in de oplossing."}
"""Printed under "Correct!" for a judgement exercise."""


def as_number(answer) -> float | Wrong:
    """Return the answer as a float, or the :class:`Wrong` that says why it is not one number.

    Examples
    --------
    >>> as_number(3), as_number(True).key, as_number([1, 2]).key
    (3.0, 'not_a_number', 'many_numbers')
    """
    if isinstance(answer, bool | str) or answer is None:
        return Wrong("not_a_number", {"got": type(answer).__name__})
    if isinstance(answer, numbers.Real):
        return float(answer)
    size = np.size(answer) if hasattr(answer, "__len__") or hasattr(answer, "shape") else None
    if size is None:
        return Wrong("not_a_number", {"got": type(answer).__name__})
    return Wrong("many_numbers", {"size": size})


def number(expected: Callable[..., float], rel: float = 1e-9,
           mistakes: Mapping[str, Callable[..., float]] | None = None):
    """Judge a single number: right within ``rel``, else the typical mistake it matches.

    Parameters
    ----------
    expected : callable
        ``expected(**context)``: the right value, computed from the notebook's data.
    rel : float
        Largest relative difference that counts as right (and as matching a mistake).
    mistakes : dict, optional
        Feedback key -> ``wrong(right_value, **context)``: the value (or values) a typical
        mistake gives, tried in order.

    Returns
    -------
    callable
        The judge.

    Examples
    --------
    >>> judge = number(lambda: 6745, mistakes={"both": lambda right: 2 * right})
    >>> judge(13490)
    Wrong(key='both', fields={'answer': 13490.0})
    >>> judge([6745, 6745]).key
    'many_numbers'
    """
    mistakes = mistakes or {}

    def values(**context):
        right = expected(**context)
        return right, {key: wrong(right, **context) for key, wrong in mistakes.items()}

    return measured(values, rel)


def mapping(expected: Mapping[str, str],
            confusions: Mapping[tuple[str, str], str] | None = None,
            allowed: Sequence[str] | None = None):
    """Judge a dictionary of labels: the keys, the allowed values, then known confusions.

    Parameters
    ----------
    expected : dict
        The right label for each key.
    confusions : dict, optional
        ``(key, wrong label)`` -> feedback key, for mix-ups worth their own explanation.
    allowed : sequence of str, optional
        Every label the exercise offers, when some of them are right for no key (by default
        the labels of ``expected``).

    Returns
    -------
    callable
        The judge.

    Examples
    --------
    >>> judge = mapping({"a": "x", "b": "y"}, {("b", "x"): "b_is_y"})
    >>> judge({"a": "x", "b": "x"}).key
    'b_is_y'
    >>> judge({"a": "y", "b": "y"})
    Wrong(key='some_wrong', fields={'wrong': 1, 'total': 2})
    """
    confusions = confusions or {}
    allowed = sorted(set(allowed or expected.values()))

    def judge(answer, **context):
        if not isinstance(answer, Mapping):
            return Wrong("not_a_mapping", {"got": type(answer).__name__})
        missing, extra = sorted(set(expected) - set(answer)), sorted(set(answer) - set(expected))
        if missing or extra:
            return Wrong("keys", {"missing": missing or "-", "extra": extra or "-"})
        for key, value in answer.items():
            if value not in allowed:
                return Wrong("unknown_value", {"key": key, "value": value,
                                               "allowed": ", ".join(allowed)})
        wrong = [key for key in expected if answer[key] != expected[key]]
        for key in wrong:
            if (key, answer[key]) in confusions:
                return Wrong(confusions[key, answer[key]])
        return Wrong("some_wrong", {"wrong": len(wrong), "total": len(expected)}) if wrong \
            else None

    return judge


def choice(right: str, options: str, least_words: int = 12,
           facts: Callable[..., dict] | None = None):
    """Judge a judgement: ``{"choice": ..., "why": ...}`` with the right choice and a memo.

    A wrong choice gets the feedback keyed ``choice_<option>`` (each exercise writes why that
    option is weaker); the memo itself is judged by the student against the rubric in the
    solution, the check only asks that there is one.

    Parameters
    ----------
    right : str
        The option the evidence supports.
    options : str
        Every option, e.g. ``"ABC"``.
    least_words : int
        The shortest memo the check accepts.
    facts : callable, optional
        ``facts(**context)``: values the feedback on a wrong choice cites (an interval, a
        p-value), computed, never typed into the text.

    Returns
    -------
    callable
        The judge.

    Examples
    --------
    >>> judge = choice("B", "ABC")
    >>> judge({"choice": "A", "why": "..."}).key
    'choice_A'
    >>> judge({"choice": "b", "why": "short"}).key
    'memo_short'
    >>> judge({"choice": "B", "why": " ".join(["word"] * 12)}) is None
    True
    """

    def judge(answer, **context):
        if not isinstance(answer, Mapping) or not {"choice", "why"} <= set(answer):
            return Wrong("not_a_judgement")
        picked = str(answer["choice"]).strip().upper()
        if picked not in options:
            return Wrong("unknown_choice", {"choice": answer["choice"],
                                            "options": ", ".join(options)})
        if picked != right:
            return Wrong(f"choice_{picked}", facts(**context) if facts else {})
        words = len(str(answer["why"] or "").split())
        return Wrong("memo_short", {"words": words, "least": least_words}) \
            if words < least_words else None

    return judge


def measured(values: Callable[..., tuple[float, Mapping[str, float]]], rel: float = 1e-9):
    """Judge a single number against a right value and mistakes that are computed together.

    Like :func:`number`, for exercises whose right value and typical wrong values come out of
    one costly computation (a model fit, a simulation): ``values(**context)`` returns
    ``(right, {feedback key: wrong value or values})`` and runs once per check.

    Examples
    --------
    >>> judge = measured(lambda: (0.8, {"other_k": 0.6}))
    >>> judge(0.8) is None, judge(0.6).key, judge(80).key
    (True, 'other_k', 'off')
    """

    def judge(answer, **context):
        value = as_number(answer)
        if isinstance(value, Wrong):
            return value
        right, mistakes = values(**context)
        if np.isclose(value, right, rtol=rel, atol=0):
            return None
        for key, wrong in mistakes.items():
            if np.isclose(value, wrong, rtol=rel, atol=0).any():
                return Wrong(key, {"answer": value})
        return Wrong("off", {"answer": value})

    return judge


SEQUENCE = {
    "not_a_sequence": {
        "en": "the answer is a {got}; this exercise asks for a list or tuple of values.",
        "nl": "het antwoord is een {got}; deze oefening vraagt een lijst of tuple van waarden."},
    "length": {
        "en": "the answer holds {got} values; the exercise asks for {expected}.",
        "nl": "het antwoord bevat {got} waarden; de oefening vraagt er {expected}."},
    "order": {
        "en": "the right values, in another order; keep the order the exercise asks for.",
        "nl": "de juiste waarden, in een andere volgorde; behoud de volgorde die de oefening "
              "vraagt."},
    "some_wrong": {
        "en": "{wrong} of {total} are not right yet.",
        "nl": "{wrong} van de {total} zijn nog niet juist."},
}
"""Feedback of :func:`sequence`."""


def sequence(expected: Callable[..., list],
             mistakes: Mapping[str, Callable[..., list]] | None = None):
    """Judge a list or tuple: the right values in the right order, else what differs.

    Parameters
    ----------
    expected : callable
        ``expected(**context)``: the right values, computed from the notebook's data.
    mistakes : dict, optional
        Feedback key -> ``wrong(right_values, **context)``: the values a typical mistake gives,
        tried before the general feedback.

    Returns
    -------
    callable
        The judge.

    Examples
    --------
    >>> judge = sequence(lambda: [3], mistakes={"index": lambda right: [r - 2 for r in right]})
    >>> judge((3,)) is None, judge([1]).key, judge(3).key, judge([3, 4]).key
    (True, 'index', 'not_a_sequence', 'length')
    """
    mistakes = mistakes or {}

    def judge(answer, **context):
        if isinstance(answer, str | bytes | Mapping) or not hasattr(answer, "__iter__"):
            return Wrong("not_a_sequence", {"got": type(answer).__name__})
        given, right = list(answer), list(expected(**context))
        if given == right:
            return None
        for key, wrong in mistakes.items():
            if given == list(wrong(right, **context)):
                return Wrong(key)
        if len(given) != len(right):
            return Wrong("length", {"got": len(given), "expected": len(right)})
        if sorted(map(str, given)) == sorted(map(str, right)):
            return Wrong("order")
        return Wrong("some_wrong", {"wrong": sum(g != r for g, r in zip(given, right, strict=True)),
                                    "total": len(right)})

    return judge
