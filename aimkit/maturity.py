"""The Start2AIM data-maturity model: questionnaire, scores, stage, advice and similar cases.

AIM phase 3 (*datamaturiteit aftoetsen*) asks how far a company is with its data before it
starts an AI project. This module turns the e-book's chapters before the cases into a
self-assessment. Everything a trainer may want to change (questions, answers, advice, stage
names, weights, the case companies) lives in one human-readable file,
``aimkit/data/maturity.json``, in Dutch and English; :func:`load_model` reads and checks it.

Scoring
-------
- Eight **dimensions** (strategy and objectives; data culture and roles; data collection and
  sources; data quality; storage and integration; analytics and tools; privacy and legal;
  personalisation practice), each with questions.
- Every question has **five answers**, ordered from level 1 (absent) to level 5
  (data-driven). An answer is stored as its level, an integer 1–5.
- A **dimension score** is the mean level of its answered questions (a float 1–5). Its
  **level** is the score rounded down: a dimension is at level 4 only when its answers
  average at least 4, so one strong answer does not hide a weak one.
- The **overall score** is the weighted mean of the answered dimensions' scores (the weights
  are in the data file; all 1 by default).
- The **stage** is the last of the five stages whose ``from`` threshold the overall score
  reaches (1.0, 1.8, 2.6, 3.4, 4.2: equal fifths of the 1–5 range).
- **Advice** for a dimension is the advice written for its level: the next step up. The
  **next steps** are the advice of the lowest-scoring dimensions.

Every step is a mean, a floor or a threshold, so a better answer never lowers any score,
level or stage (the tests check this). Unanswered questions are left out and listed in
:attr:`Assessment.missing`; so is "don't know / not applicable", which every question offers
(an answer of None, listed in :attr:`Assessment.unknown`). No stage is given while fewer than
``minimum_dimensions`` (6 of 8) dimensions have a score; a stage with answers missing is
*provisional* (:func:`result_note` says what is missing). Jargon in the questions has a
plain-language explanation in the model's glossary (:meth:`Model.jargon`).

The **case companies** of the e-book are placed on the same model with answers drawn from
the e-book's description of each company (its *strategische aanpak*); where the e-book says
nothing about a dimension, the case's evidence says "assumed". :func:`similar_cases` finds the
companies closest to an assessment ("companies like you"), preferring the participant's sector
and size when given; :func:`case_summary_html` tells each case in a few lines, and
:func:`room` sums up a workshop room's scans for the trainer (without names).

Examples
--------
>>> from aimkit import maturity
>>> model = maturity.load_model()
>>> answers = {q.id: 3 for q in model.questions}
>>> answers["quality_checks"] = 1
>>> result = maturity.assess(answers)
>>> float(result.scores["quality"]), int(result.levels["quality"]), result.stage.name["en"]
(2.0, 2, 'Reporting')
>>> maturity.similar_cases(result, n=1).index[0]
'annapops'

Used in: notebooks/04_aim3_data_maturity_and_quality.ipynb, notebooks/99_for_trainers.ipynb and the
data-maturity scan app.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import html
import json
import math
import numbers
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from aimkit import i18n

DEFAULT_PATH = Path(__file__).parent / "data" / "maturity.json"
ANSWERS_FORMAT = "start2aim-maturity-answers"
ANSWERS_VERSIONS = (1,)
"""Versions of the answers file that :func:`loads` reads."""
MAX_COMPANY = 120
"""Longest company name (characters) an answers file may hold."""
MAX_ANSWERS_BYTES = 1_000_000
"""Largest answers file :func:`loads` reads (a saved scan is about 1 kB)."""
LANGUAGES = ("nl", "en")


class MaturityError(ValueError):
    """A model file or an answers file that cannot be used; the message says where and why.

    Problems with an answers file (made with :meth:`of`) can also be told in Dutch
    (:meth:`text`), for the app.

    Examples
    --------
    >>> MaturityError.of("not_object", source="scan.json").text("nl")
    'scan.json: de antwoorden moeten een object zijn van vraag-id → niveau'
    """

    def __init__(self, message: str, key: str = "", values: dict | None = None):
        super().__init__(message)
        self.key, self.values = key, values or {}

    @classmethod
    def of(cls, key: str, **values) -> MaturityError:
        """The error described by the text ``answers_<key>`` of :mod:`aimkit.i18n`."""
        return cls(i18n.text(f"answers_{key}", "en", **values), key, values)

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` ("nl" or "en")."""
        return i18n.text(f"answers_{self.key}", lang, **self.values) if self.key else str(self)


@dataclass(frozen=True)
class Question:
    """One question: its id, its dimension and its answers ordered from level 1 upwards."""

    id: str
    dimension: str
    text: dict
    answers: tuple[dict, ...]


@dataclass(frozen=True)
class Dimension:
    """One dimension of the model with its questions and the advice per level."""

    id: str
    name: dict
    weight: float
    aim_phase: int
    ebook: str
    notebook: str
    questions: tuple[Question, ...]
    advice: tuple[dict, ...]


@dataclass(frozen=True)
class Stage:
    """One of the five named stages; ``start`` is the overall score where it begins."""

    number: int
    start: float
    name: dict
    description: dict


@dataclass(frozen=True)
class Model:
    """The questionnaire, stages, case companies and helping texts read from the data file.

    ``minimum_dimensions`` is how many dimensions need a score before a stage is given;
    ``unknown_answer`` the text of the "don't know / not applicable" choice every question
    has; ``sectors`` and ``sizes`` the profile choices ({"id", "name"}) that "companies like
    you" compares; ``glossary`` the plain-language explanations of jargon ({"id", "terms",
    "explanation"}).
    """

    title: dict
    about: dict
    levels: tuple[dict, ...]
    stages: tuple[Stage, ...]
    dimensions: tuple[Dimension, ...]
    cases: tuple[dict, ...]
    source: str = ""
    minimum_dimensions: int = 1
    unknown_answer: dict = field(default_factory=dict)
    sectors: tuple[dict, ...] = ()
    sizes: tuple[dict, ...] = ()
    glossary: tuple[dict, ...] = ()

    @property
    def questions(self) -> tuple[Question, ...]:
        """All questions in questionnaire order."""
        return tuple(q for d in self.dimensions for q in d.questions)

    @property
    def max_level(self) -> int:
        """The highest answer level (5 in the shipped model)."""
        return len(self.levels)

    def dimension(self, dimension_id: str) -> Dimension:
        """Return the dimension with this id."""
        for d in self.dimensions:
            if d.id == dimension_id:
                return d
        raise KeyError(f"unknown dimension {dimension_id!r}")

    def stage_for(self, overall: float) -> Stage:
        """Return the stage an overall score falls in."""
        reached = [s for s in self.stages if overall >= s.start - 1e-9]
        return reached[-1] if reached else self.stages[0]

    def choice_name(self, kind: str, choice_id: str, lang: str = "en") -> str:
        """The name of a sector or size id (``kind``: "sectors" or "sizes"); "" for "".

        Examples
        --------
        >>> load_model().choice_name("sizes", "small", "nl")
        '10 tot 49 medewerkers'
        """
        for choice in getattr(self, kind):
            if choice["id"] == choice_id:
                return choice["name"][lang]
        return ""

    def jargon(self, question: Question, lang: str = "en") -> list[tuple[str, str]]:
        """The glossary entries whose terms occur in a question or its answers.

        Returns
        -------
        list of (term, explanation)
            The first term of each entry found, in glossary order.

        Examples
        --------
        >>> model = load_model()
        >>> [term for term, _ in model.jargon(model.questions[8], "nl")]
        ['CRM', 'ERP', 'single customer view', 'CDP']
        """
        text = " ".join([question.text[lang], *(a[lang] for a in question.answers)])
        found = []
        for entry in self.glossary:
            terms = entry["terms"][lang]
            if any(re.search(r"(?<!\w)" + re.escape(term), text, re.IGNORECASE)
                   for term in terms):
                found.append((terms[0], entry["explanation"][lang]))
        return found


# ----------------------------------------------------------------------------------- the model
def _text(value, where: str, label: str) -> dict:
    if not isinstance(value, Mapping) or not all(
            isinstance(value.get(lang), str) and value[lang].strip() for lang in LANGUAGES):
        raise MaturityError(f"{label}: {where} needs a text for every language "
                            f"({', '.join(LANGUAGES)}), e.g. {{\"nl\": \"…\", \"en\": \"…\"}}")
    return dict(value)


def _get(obj, key: str, where: str, label: str):
    if not isinstance(obj, Mapping) or key not in obj:
        raise MaturityError(f"{label}: {where} lacks the key {key!r}")
    return obj[key]


def _list(value, where: str, label: str, length: int | None = None) -> list:
    if not isinstance(value, list) or not value:
        raise MaturityError(f"{label}: {where} must be a non-empty list")
    if length is not None and len(value) != length:
        raise MaturityError(f"{label}: {where} has {len(value)} entries, expected {length} "
                            "(one per answer level)")
    return value


def _parse_model(raw, label: str) -> Model:
    levels = _list(_get(raw, "levels", "the model", label), "levels", label)
    n = len(levels)
    for i, level in enumerate(levels):
        _text(_get(level, "name", f"levels[{i}]", label), f"levels[{i}].name", label)
    stages = []
    for i, s in enumerate(_list(_get(raw, "stages", "the model", label), "stages", label)):
        where = f"stages[{i}]"
        start = _get(s, "from", where, label)
        if not isinstance(start, numbers.Real) or not 1 <= start <= n:
            raise MaturityError(f"{label}: {where}.from must be a number from 1 to {n}")
        if stages and start <= stages[-1].start:
            raise MaturityError(f"{label}: {where}.from must be higher than the stage before")
        stages.append(Stage(i + 1, float(start),
                            _text(_get(s, "name", where, label), f"{where}.name", label),
                            _text(_get(s, "description", where, label), f"{where}.description",
                                  label)))
    if stages[0].start != 1:
        raise MaturityError(f"{label}: the first stage must start at 1")
    dimensions, seen = [], set()
    for i, d in enumerate(_list(_get(raw, "dimensions", "the model", label), "dimensions",
                                label)):
        where = f"dimensions[{i}]"
        did = _get(d, "id", where, label)
        if did in seen:
            raise MaturityError(f"{label}: the id {did!r} in {where} is used twice")
        questions = []
        for j, q in enumerate(_list(_get(d, "questions", where, label), f"{where}.questions",
                                    label)):
            qwhere = f"{where}.questions[{j}]"
            qid = _get(q, "id", qwhere, label)
            if qid in seen or qid == did:
                raise MaturityError(f"{label}: the id {qid!r} in {qwhere} is used twice")
            seen.add(qid)
            answers = _list(_get(q, "answers", qwhere, label), f"{qwhere}.answers", label, n)
            questions.append(Question(
                qid, did, _text(_get(q, "text", qwhere, label), f"{qwhere}.text", label),
                tuple(_text(a, f"{qwhere}.answers[{k}]", label) for k, a in enumerate(answers))))
        seen.add(did)
        advice = _list(_get(d, "advice", where, label), f"{where}.advice", label, n)
        weight = d.get("weight", 1)
        if not isinstance(weight, numbers.Real) or weight <= 0:
            raise MaturityError(f"{label}: {where}.weight must be a positive number")
        dimensions.append(Dimension(
            did, _text(_get(d, "name", where, label), f"{where}.name", label), float(weight),
            int(d.get("aim_phase", 3)), str(d.get("ebook", "")), str(d.get("notebook", "")),
            tuple(questions),
            tuple(_text(a, f"{where}.advice[{k}]", label) for k, a in enumerate(advice))))
    model = Model(_text(_get(raw, "title", "the model", label), "title", label),
                  _text(_get(raw, "about", "the model", label), "about", label),
                  tuple(levels), tuple(stages), tuple(dimensions), (), label,
                  **_helping_texts(raw, label, len(dimensions)))
    cases = []
    for i, c in enumerate(raw.get("cases", [])):
        where = f"cases[{i}]"
        for key in ("id", "name"):
            _get(c, key, where, label)
        _check_answers(_get(c, "answers", where, label), model, f"{label}: {where}.answers")
        for key, kind in (("sector_id", "sectors"), ("size", "sizes")):
            if key in c and not model.choice_name(kind, c[key]):
                raise MaturityError(f"{label}: {where}.{key} {c[key]!r} is not one of the "
                                    f"{kind}' ids")
        cases.append(dict(c))
    return replace(model, cases=tuple(cases))


def _helping_texts(raw, label: str, n_dimensions: int) -> dict:
    """The model's optional parts; a file without one takes the shipped file's."""
    def part(key):
        return raw[key] if key in raw else _shipped_raw()[key]

    minimum = part("minimum_dimensions")
    if isinstance(minimum, bool) or not isinstance(minimum, int) or not (
            1 <= minimum <= n_dimensions):
        raise MaturityError(f"{label}: minimum_dimensions must be a whole number from 1 to "
                            f"{n_dimensions}")
    choices = {}
    for kind in ("sectors", "sizes"):
        choices[kind] = tuple(
            {"id": str(_get(c, "id", f"{kind}[{i}]", label)),
             "name": _text(_get(c, "name", f"{kind}[{i}]", label), f"{kind}[{i}].name", label)}
            for i, c in enumerate(_list(part(kind), kind, label)))
    glossary = []
    for i, entry in enumerate(part("glossary")):
        where = f"glossary[{i}]"
        terms = _get(entry, "terms", where, label)
        if not all(isinstance(terms.get(lang), list) and terms[lang]
                   and all(isinstance(t, str) and t.strip() for t in terms[lang])
                   for lang in LANGUAGES):
            raise MaturityError(f"{label}: {where}.terms needs a list of words for every "
                                f"language ({', '.join(LANGUAGES)})")
        glossary.append({"id": str(_get(entry, "id", where, label)), "terms": dict(terms),
                         "explanation": _text(_get(entry, "explanation", where, label),
                                              f"{where}.explanation", label)})
    return {"minimum_dimensions": minimum,
            "unknown_answer": _text(part("unknown_answer"), "unknown_answer", label),
            **choices, "glossary": tuple(glossary)}


@functools.cache
def _shipped_raw() -> dict:
    return json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=8)
def _cached(path: str, mtime: float) -> Model:
    return _read_model(Path(path))


def _read_model(path: Path) -> Model:
    label = str(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MaturityError(f"{label}: file not found") from None
    except json.JSONDecodeError as err:
        raise MaturityError(f"{label}: not valid JSON at line {err.lineno}, column {err.colno}: "
                            f"{err.msg}") from None
    return _parse_model(raw, label)


def load_model(path=None) -> Model:
    """Read and check the questionnaire file (by default the one shipped in aimkit).

    Parameters
    ----------
    path : str or Path, optional
        A trainer's adapted copy of ``aimkit/data/maturity.json``.

    Returns
    -------
    Model

    Raises
    ------
    MaturityError
        When the file is missing, is not JSON, or lacks a field; the message names the file and
        the place, e.g. ``dimensions[2].questions[0].answers has 4 entries, expected 5``.

    Examples
    --------
    >>> model = load_model()
    >>> len(model.dimensions), len(model.questions), model.max_level
    (8, 16, 5)
    >>> [s.name["en"] for s in model.stages]
    ['Gut feeling', 'Collecting', 'Reporting', 'Predicting', 'Data-driven']
    """
    path = Path(path) if path is not None else DEFAULT_PATH
    mtime = path.stat().st_mtime if path.exists() else 0.0
    return _cached(str(path.resolve()), mtime)


def questionnaire(model: Model | None = None, lang: str = "en") -> pd.DataFrame:
    """Return the questionnaire as a long table: one row per question and answer level.

    Parameters
    ----------
    model : Model, optional
        Defaults to the shipped model.
    lang : {"en", "nl"}
        The language of the texts.

    Returns
    -------
    DataFrame
        Columns ``dimension, dimension_name, question_id, question, level, answer``.

    Examples
    --------
    >>> table = questionnaire(lang="nl")
    >>> table.shape
    (80, 6)
    >>> table.loc[0, "dimension_name"]
    'Strategie en doelstellingen'
    """
    model = model or load_model()
    _check_lang(lang)
    rows = [(d.id, d.name[lang], q.id, q.text[lang], level, answer[lang])
            for d in model.dimensions for q in d.questions
            for level, answer in enumerate(q.answers, start=1)]
    return pd.DataFrame(rows, columns=["dimension", "dimension_name", "question_id", "question",
                                       "level", "answer"])


def _check_lang(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")


# ---------------------------------------------------------------------------------- scoring
def _check_answers(answers, model: Model, label: str) -> dict[str, int]:
    if not isinstance(answers, Mapping):
        raise MaturityError.of("not_object", source=label)
    known = {q.id for q in model.questions}
    unknown = sorted(set(answers) - known)
    if unknown:
        raise MaturityError.of("unknown_ids", source=label, ids=", ".join(map(repr, unknown)))
    clean = {}
    for qid, level in answers.items():
        if (isinstance(level, bool) or not isinstance(level, numbers.Integral)
                or not 1 <= level <= model.max_level):
            shown = repr(level) if len(repr(level)) <= 20 else repr(level)[:20] + "…"
            raise MaturityError.of("bad_level", source=label, question=repr(qid),
                                   level=shown, max=model.max_level)
        clean[qid] = int(level)
    return clean


@dataclass(frozen=True)
class Assessment:
    """A scored set of answers: scores per dimension, overall score, stage and advice.

    Build one with :func:`assess` or :func:`load`. ``answers`` holds the chosen levels only;
    ``unknown`` the questions answered "don't know / not applicable"; ``missing`` every
    question without a level (unanswered or "don't know"). ``stage`` is None while fewer than
    ``model.minimum_dimensions`` dimensions have a score; a stage with answers still missing is
    :attr:`provisional`. ``sector`` and ``size`` are ids of ``model.sectors`` / ``model.sizes``
    ("" when not given).
    """

    answers: dict
    scores: pd.Series
    overall: float
    stage: Stage | None
    missing: tuple[str, ...]
    model: Model = field(repr=False)
    company: str = ""
    unknown: tuple[str, ...] = ()
    sector: str = ""
    size: str = ""

    @property
    def levels(self) -> pd.Series:
        """The level per answered dimension: its score rounded down (Int64, missing if none)."""
        return self.scores.map(lambda s: math.floor(s + 1e-9) if pd.notna(s) else pd.NA,
                               na_action=None).astype("Int64")

    @property
    def complete(self) -> bool:
        """True when every question has a level (none unanswered, none "don't know")."""
        return not self.missing

    @property
    def unscored(self) -> tuple[str, ...]:
        """The dimensions without a score (none of their questions has a level)."""
        return tuple(self.scores.index[self.scores.isna()])

    @property
    def provisional(self) -> bool:
        """True when a stage is given although some questions have no level.

        Examples
        --------
        >>> model = load_model()
        >>> some = {q.id: 3 for d in model.dimensions[:6] for q in d.questions[:1]}
        >>> result = assess(some)
        >>> result.stage.name["en"], result.provisional, len(result.unscored)
        ('Reporting', True, 2)
        >>> assess(dict(list(some.items())[:5])).stage is None
        True
        """
        return self.stage is not None and not self.complete

    def table(self, lang: str = "en") -> pd.DataFrame:
        """Return one row per dimension: name, score, level, level name and advice.

        Examples
        --------
        >>> result = assess({"strategy_objectives": 2, "strategy_audience": 3})
        >>> row = result.table().loc["strategy"]
        >>> float(row["score"]), int(row["level"]), row["level_name"]
        (2.5, 2, 'Ad hoc')
        """
        _check_lang(lang)
        rows = []
        for d in self.model.dimensions:
            level = self.levels[d.id]
            known = pd.notna(level)
            rows.append({
                "dimension": d.id, "name": d.name[lang], "score": self.scores[d.id],
                "level": level,
                "level_name": self.model.levels[level - 1]["name"][lang] if known else "",
                "advice": d.advice[level - 1][lang] if known else "",
                "notebook": d.notebook})
        return pd.DataFrame(rows).set_index("dimension")

    def answer_table(self, lang: str = "en") -> pd.DataFrame:
        """Return every question with the chosen answer (the report's appendix).

        Returns
        -------
        DataFrame
            Index: question id. Columns ``dimension_name, question, level, answer``; ``level``
            is 0 for "don't know / not applicable" and missing when unanswered, ``answer`` the
            chosen text (the "don't know" text, or "" when unanswered).

        Examples
        --------
        >>> table = assess({"quality_checks": 2, "privacy_register": None}).answer_table("nl")
        >>> table.loc["quality_checks", "answer"]
        'Eenmalig, bijvoorbeeld bij de start van een project.'
        >>> int(table.loc["privacy_register", "level"]), table.loc["privacy_register", "answer"]
        (0, 'Weet ik niet / niet van toepassing')
        """
        _check_lang(lang)
        rows = []
        for d in self.model.dimensions:
            for q in d.questions:
                level = self.answers.get(q.id, 0 if q.id in self.unknown else None)
                answer = ("" if level is None else q.answers[level - 1][lang] if level
                          else self.model.unknown_answer[lang])
                rows.append({"question_id": q.id, "dimension_name": d.name[lang],
                             "question": q.text[lang], "level": level, "answer": answer})
        table = pd.DataFrame(rows).set_index("question_id")
        return table.astype({"level": "Int64"})

    def next_steps(self, n: int = 3, lang: str = "en") -> pd.DataFrame:
        """Return the advice of the ``n`` lowest-scoring dimensions (ties in model order).

        Examples
        --------
        >>> result = assess({"quality_checks": 1, "culture_mindset": 2, "strategy_audience": 4})
        >>> result.next_steps(2).index.tolist()
        ['quality', 'culture']
        """
        table = self.table(lang).dropna(subset=["score"])
        table = table.assign(order=range(len(table)))
        return table.sort_values(["score", "order"], kind="stable").head(n).drop(columns="order")


def assess(answers: Mapping[str, int | None], model: Model | None = None,
           company: str = "", sector: str = "", size: str = "") -> Assessment:
    """Score a set of answers.

    Parameters
    ----------
    answers : mapping
        Question id → chosen level (1–5), or None for "don't know / not applicable" (which
        counts as unanswered for the scores). Unanswered questions may be left out.
    model : Model, optional
        Defaults to the shipped model.
    company : str
        A name for the report.
    sector, size : str
        Ids of ``model.sectors`` and ``model.sizes`` ("" when not given): "companies like
        you" (:func:`similar_cases`) prefers cases of the same sector and size.

    Returns
    -------
    Assessment
        Its ``stage`` is None while fewer than ``model.minimum_dimensions`` dimensions have a
        score; its ``overall`` is NaN when no dimension has one.

    Raises
    ------
    MaturityError
        Unknown question ids, levels outside 1–5, unknown sector or size ids, or an empty
        mapping.

    Examples
    --------
    >>> model = load_model()
    >>> result = assess({q.id: 5 for q in model.questions})
    >>> result.overall, result.stage.name["nl"], result.complete
    (5.0, 'Datagedreven', True)
    >>> assess({"strategy_objectives": 2}).missing[:2]
    ('strategy_audience', 'culture_mindset')
    >>> partial = assess({"strategy_objectives": 2, "strategy_audience": None})
    >>> float(partial.scores["strategy"]), partial.unknown, partial.stage
    (2.0, ('strategy_audience',), None)
    """
    model = model or load_model()
    unknown = tuple(q.id for q in model.questions if q.id in answers and answers[q.id] is None)
    clean = _check_answers({k: v for k, v in answers.items() if k not in unknown}, model,
                           "answers")
    if not clean and not unknown:
        raise MaturityError.of("none", source="answers")
    for value, kind in ((sector, "sectors"), (size, "sizes")):
        if value and not model.choice_name(kind, value):
            raise MaturityError.of("unknown_choice", source="answers", value=repr(value)[:40],
                                   choices=", ".join(c["id"] for c in getattr(model, kind)))
    scores, weights = {}, {}
    for d in model.dimensions:
        levels = [clean[q.id] for q in d.questions if q.id in clean]
        scores[d.id] = sum(levels) / len(levels) if levels else math.nan
        if levels:
            weights[d.id] = d.weight
    overall = (sum(scores[k] * w for k, w in weights.items()) / sum(weights.values())
               if weights else math.nan)
    stage = model.stage_for(overall) if len(weights) >= model.minimum_dimensions else None
    missing = tuple(q.id for q in model.questions if q.id not in clean)
    return Assessment(clean, pd.Series(scores, name="score", dtype="float64"), overall, stage,
                      missing, model, company, unknown, sector, size)


# ------------------------------------------------------------------------------------ cases
SECTOR_WEIGHT = 0.5
"""What a different sector adds to a case's distance in :func:`similar_cases`: as much as
half a level of difference on every dimension."""
SIZE_WEIGHT = 0.25
"""What each size class between you and a case adds to its distance (micro → large: 0.75)."""


def cases(model: Model | None = None, lang: str = "en") -> pd.DataFrame:
    """Return the e-book's case companies placed on the model.

    Returns
    -------
    DataFrame
        Index: case id (the dataset name). Columns: ``name, sector, sector_id, size,
        notebook, ebook_page``, one score column per dimension, ``overall`` and ``stage``.

    Examples
    --------
    >>> table = cases()
    >>> table.loc["kinnarps", "stage"], table.loc["energy", "stage"]
    ('Collecting', 'Predicting')
    >>> table.loc["annapops", ["sector_id", "size"]].tolist()
    ['retail', 'micro']
    """
    from aimkit import datasets  # imported here: the model itself needs no pandas I/O

    model = model or load_model()
    _check_lang(lang)
    notebooks = datasets.list_datasets()["notebook"]
    rows = []
    for case in model.cases:
        result = assess(case["answers"], model)
        sector = case.get("sector", {})
        rows.append({"case": case["id"], "name": case["name"],
                     "sector": sector.get(lang, "") if isinstance(sector, Mapping) else "",
                     "sector_id": case.get("sector_id", ""), "size": case.get("size", ""),
                     "notebook": notebooks.get(case.get("dataset", case["id"]), ""),
                     "ebook_page": case.get("ebook_page"),
                     **result.scores.to_dict(), "overall": result.overall,
                     "stage": result.stage.name[lang] if result.stage else ""})
    return pd.DataFrame(rows).set_index("case")


def _case(case_id: str, model: Model) -> dict:
    for case in model.cases:
        if case["id"] == case_id:
            return case
    raise KeyError(f"unknown case {case_id!r}; choose one of "
                   f"{', '.join(c['id'] for c in model.cases)}")


def case_evidence(case_id: str, model: Model | None = None, lang: str = "en") -> pd.Series:
    """Return why a case company sits where it does: the e-book's evidence per dimension.

    Examples
    --------
    >>> case_evidence("wine")["collection"]
    'wine data in Excel, paper forms at tasting days'
    """
    model = model or load_model()
    _check_lang(lang)
    evidence = _case(case_id, model).get("evidence", {})
    return pd.Series({d.id: evidence.get(d.id, {}).get(lang, "") for d in model.dimensions},
                     name=case_id)


def case_summary_html(case_id: str, model: Model | None = None, lang: str = "en",
                      heading: str = "h3") -> str:
    """A short, self-contained page section about one case company (no links, no paths).

    What the company did (the model file's ``summary``), its sector and size, its stage and
    scores on the model with the e-book's evidence per dimension, and the e-book page. The
    scan app and :func:`report_html` show it, so "companies like you" works wherever the app
    or the report is opened, without the case notebook.

    Examples
    --------
    >>> part = case_summary_html("annapops", lang="nl")
    >>> part.startswith('<section class="case" id="case-annapops">'), "RFMT" in part
    (True, True)
    >>> ".ipynb" in part or "href" in part
    False
    """
    model = model or load_model()
    _check_lang(lang)
    e, words = html.escape, _LABELS[lang]
    case = _case(case_id, model)
    placed = cases(model, lang).loc[case_id]
    facts = [placed["sector"], model.choice_name("sizes", placed["size"], lang),
             f"{words['stage']} {placed['stage']}" if placed["stage"] else "",
             f"{words['ebook_page']} {placed['ebook_page']}" if placed["ebook_page"] else ""]
    size_note = case.get("size_evidence", {}).get(lang, "")
    evidence = case_evidence(case_id, model, lang)
    rows = "".join(
        f"<tr><td>{e(d.name[lang])}</td><td>{placed[d.id]:.1f}</td>"
        f"<td>{e(evidence[d.id])}</td></tr>" for d in model.dimensions)
    return (f'<section class="case" id="case-{e(case_id)}"><{heading}>{e(case["name"])}'
            f"</{heading}><p><b>{e(' · '.join(f for f in facts if f))}</b></p>"
            f"<p>{e(case.get('summary', {}).get(lang, ''))}</p>"
            + (f"<p class='note'>{words['size']}: {e(size_note)}</p>" if size_note else "")
            + f"<div class='scroll'><table><tr><th>{words['dimension']}</th>"
            f"<th>{words['score']}</th><th>{words['evidence']}</th></tr>{rows}</table></div>"
            "</section>")


def similar_cases(assessment: Assessment, n: int = 3, lang: str = "en") -> pd.DataFrame:
    """Return the ``n`` case companies closest to an assessment ("companies like you").

    The ``distance`` between scores is the Euclidean distance over the dimensions the
    assessment scored, divided by the square root of their number (so it reads as a typical
    difference in levels; 0 when none is scored). When the assessment gives a sector or a size,
    the ranking ``fit`` adds :data:`SECTOR_WEIGHT` for a case of another sector and
    :data:`SIZE_WEIGHT` per size class between you and the case; without them ``fit`` is the
    distance.

    Returns
    -------
    DataFrame
        :func:`cases` plus ``distance``, ``same_sector`` (None when no sector is given),
        ``size_gap`` (size classes apart; None when no size is given) and ``fit``, best first.

    Examples
    --------
    >>> model = load_model()
    >>> similar_cases(assess({q.id: 4 for q in model.questions}), n=2).index.tolist()
    ['energy', 'costa']
    >>> answers = {q.id: 3 for q in model.questions}
    >>> similar_cases(assess(answers), n=2).index.tolist()
    ['odisee', 'earnieland']
    >>> like_me = similar_cases(assess(answers, sector="retail", size="micro"), n=2)
    >>> like_me.index.tolist(), like_me["same_sector"].tolist(), like_me["size_gap"].tolist()
    (['annapops', 'earnieland'], [True, False], [0, 1])
    """
    model = assessment.model
    table = cases(model, lang)
    answered = assessment.scores.dropna()
    diff = table[answered.index].sub(answered, axis=1)
    distance = (diff.pow(2).sum(axis=1) / max(len(answered), 1)).pow(0.5)
    fit = distance.copy()
    same_sector = size_gap = None
    if assessment.sector:
        same_sector = table["sector_id"] == assessment.sector
        fit += SECTOR_WEIGHT * ~same_sector
    if assessment.size:
        order = {s["id"]: i for i, s in enumerate(model.sizes)}
        size_gap = (table["size"].map(order) - order[assessment.size]).abs()
        fit += SIZE_WEIGHT * size_gap.fillna(len(order))
    table = table.assign(distance=distance.round(3), same_sector=same_sector,
                         size_gap=size_gap, fit=fit.round(3))
    return table.sort_values(["fit", "overall"], kind="stable").head(n)


@dataclass(frozen=True)
class Room:
    """The picture of a room of participants' scans, without their names (see :func:`room`)."""

    scores: pd.DataFrame
    stages: pd.DataFrame
    cases: pd.DataFrame


def room(assessments, n_cases: int = 3, lang: str = "en") -> Room:
    """Sum up a room's scans for the trainer: spread per dimension, stages, fitting cases.

    Company names are dropped: participants are numbered in the order given.

    Parameters
    ----------
    assessments : sequence of Assessment
        The participants' scans (e.g. from :func:`loads`), all on the same model.
    n_cases : int
        How many "companies like you" count per participant.
    lang : {"en", "nl"}

    Returns
    -------
    Room
        ``scores``: one row per participant (1, 2, …), one column per dimension (NaN when
        unanswered). ``stages``: per stage number (0 = no stage yet, below the minimum of
        answers) its ``name`` ("" for 0) and ``participants``. ``cases``: per case its
        ``name``, ``sector``, ``stage``, ``participants`` (for how many it is among their
        ``n_cases`` most similar) and ``mean_fit``, most fitting first.

    Examples
    --------
    >>> model = load_model()
    >>> scans = [assess({q.id: level for q in model.questions}, company=f"secret {level}")
    ...          for level in (2, 2, 3)] + [assess({"quality_checks": 1})]
    >>> picture = room(scans)
    >>> picture.scores.shape, "secret" in picture.scores.to_string()
    ((4, 8), False)
    >>> picture.stages.set_index("name")["participants"].to_dict()
    {'': 1, 'Gut feeling': 0, 'Collecting': 2, 'Reporting': 1, 'Predicting': 0, 'Data-driven': 0}
    >>> picture.cases.index[0], int(picture.cases["participants"].iloc[0])
    ('kinnarps', 3)
    """
    _check_lang(lang)
    if not assessments:
        raise ValueError("room() needs at least one assessment")
    model = assessments[0].model
    numbers = range(1, len(assessments) + 1)
    scores = pd.DataFrame([a.scores for a in assessments], index=pd.Index(numbers,
                                                                          name="participant"))
    counts = pd.Series([a.stage.number if a.stage else 0 for a in assessments]).value_counts()
    stages = pd.DataFrame({"number": range(len(model.stages) + 1),
                           "name": [""] + [s.name[lang] for s in model.stages]})
    stages["participants"] = stages["number"].map(counts).fillna(0).astype(int)
    fits = pd.concat([similar_cases(a, n_cases, lang)["fit"] for a in assessments])
    table = cases(model, lang)
    fitting = fits.groupby(level=0).agg(participants="size", mean_fit="mean")
    table = table[["name", "sector", "stage"]].join(fitting, how="inner")
    table = table.sort_values(["participants", "mean_fit"], ascending=[False, True],
                              kind="stable")
    return Room(scores, stages, table.assign(mean_fit=table["mean_fit"].round(3)))


# ----------------------------------------------------------------------------- save and load
def dumps(assessment: Assessment) -> str:
    """Return the answers as a JSON text (what :func:`save` writes).

    The file holds ``answers`` (question id → level 1–5), ``unknown`` (the questions answered
    "don't know / not applicable"), ``company``, ``sector`` and ``size``. Files without the
    last four (older scans) load as before, and older aimkit versions read new files (they
    skip what they do not know; "don't know" counts as unanswered there too).

    Examples
    --------
    >>> text = dumps(assess({"quality_checks": 2}, company="Bakkerij Peeters"))
    >>> loads(text).answers, loads(text).company
    ({'quality_checks': 2}, 'Bakkerij Peeters')
    """
    return json.dumps({"format": ANSWERS_FORMAT, "version": 1, "company": assessment.company,
                       "sector": assessment.sector, "size": assessment.size,
                       "answers": assessment.answers, "unknown": list(assessment.unknown)},
                      indent=2, ensure_ascii=False) + "\n"


def save(assessment: Assessment, path) -> Path:
    """Write the answers of an assessment to a JSON file and return its path.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     save(assess({"quality_checks": 4}), pathlib.Path(folder) / "scan.json").name
    'scan.json'
    """
    path = Path(path)
    path.write_text(dumps(assessment), encoding="utf-8")
    return path


def loads(text, model: Model | None = None, source: str = "the answers file") -> Assessment:
    """Read answers from JSON text or bytes (e.g. an uploaded file) and score them.

    Raises
    ------
    MaturityError
        With a message a workshop participant can act on: not JSON (with line and column),
        not UTF-8 text, nested too deep, a number too large, not an answers file, a version
        this aimkit does not know, unknown questions, levels outside 1–5, or a company name
        longer than :data:`MAX_COMPANY` characters.

    Examples
    --------
    >>> float(loads('{"answers": {"quality_checks": 3}}').scores["quality"])
    3.0
    >>> loads("{oops")
    Traceback (most recent call last):
    ...
    aimkit.maturity.MaturityError: the answers file is not valid JSON (line 1, column 2: \
Expecting property name enclosed in double quotes)
    """
    model = model or load_model()
    if len(text) > MAX_ANSWERS_BYTES:
        raise MaturityError.of("too_large", source=source, limit=MAX_ANSWERS_BYTES // 1000)
    if isinstance(text, bytes | bytearray | memoryview):
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise MaturityError.of("not_text", source=source) from None
    try:
        raw = json.loads(text, parse_float=_finite, parse_constant=_no_constant)
    except json.JSONDecodeError as err:
        raise MaturityError.of("not_json", source=source, line=err.lineno, column=err.colno,
                               detail=err.msg) from None
    except RecursionError:
        raise MaturityError.of("too_deep", source=source) from None
    except ValueError:  # an integer of thousands of digits, a float beyond 1e308
        raise MaturityError.of("huge_number", source=source) from None
    if not isinstance(raw, Mapping) or "answers" not in raw:
        raise MaturityError.of("no_answers", source=source)
    if raw.get("format", ANSWERS_FORMAT) != ANSWERS_FORMAT:
        raise MaturityError.of("other_format", source=source, format=repr(raw.get("format"))[:40])
    version = raw.get("version", 1)
    if isinstance(version, bool) or version not in ANSWERS_VERSIONS:
        raise MaturityError.of("unknown_version", source=source, version=repr(version)[:20])
    answers = _check_answers(raw["answers"], model, source)
    company = raw.get("company", "")
    company = company.strip() if isinstance(company, str) else ""
    if len(company) > MAX_COMPANY:
        raise MaturityError.of("company_too_long", source=source, length=len(company),
                               limit=MAX_COMPANY)
    return assess(answers | _dont_know(raw, answers, model, source), model, company,
                  **_profile(raw, model, source))


def _dont_know(raw: Mapping, answers: Mapping, model: Model, source: str) -> dict:
    """The answers file's "don't know" marks as answers of None."""
    marks = raw.get("unknown", [])
    ids = {q.id for q in model.questions}
    if not isinstance(marks, list) or not all(
            isinstance(m, str) and m in ids and m not in answers for m in marks):
        raise MaturityError.of("bad_unknown", source=source)
    return dict.fromkeys(marks)


def _profile(raw: Mapping, model: Model, source: str) -> dict:
    """The answers file's sector and size ids ("" when absent)."""
    profile = {}
    for key, kind in (("sector", "sectors"), ("size", "sizes")):
        value = raw.get(key, "")
        if value != "" and not (isinstance(value, str) and model.choice_name(kind, value)):
            raise MaturityError.of("unknown_choice", source=source, value=repr(value)[:40],
                                   choices=", ".join(c["id"] for c in getattr(model, kind)))
        profile[key] = value
    return profile


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"number too large: {text[:20]}")
    return number


def _no_constant(text: str):
    raise ValueError(f"{text} is not a number")


def load(path, model: Model | None = None) -> Assessment:
    """Read a JSON file written by :func:`save` and score it.

    Raises
    ------
    MaturityError
        When the file is missing or not a valid answers file; the message names the file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = save(assess({"privacy_register": 5}), pathlib.Path(folder) / "a.json")
    ...     load(path).answers
    {'privacy_register': 5}
    """
    path = Path(path)
    try:
        if path.is_dir():
            raise MaturityError.of("folder", source=str(path))
        if path.stat().st_size > MAX_ANSWERS_BYTES:
            raise MaturityError.of("too_large", source=str(path),
                                   limit=MAX_ANSWERS_BYTES // 1000)
        data = path.read_bytes()
    except FileNotFoundError:
        raise MaturityError(f"{path}: file not found") from None
    except OSError as error:  # a name too long, no permission
        raise MaturityError.of("unreadable", source=str(path),
                               reason=error.strerror or str(error)) from None
    return loads(data, model, source=str(path))


# --------------------------------------------------------------------------- figure and report
def radar_scores(assessment: Assessment, compare=(), lang: str = "en") -> pd.DataFrame:
    """The dimension scores to draw on a radar chart: yours, then the compared case companies.

    Parameters
    ----------
    assessment : Assessment
    compare : sequence of str
        Case ids to add as rows, e.g. ``similar_cases(a).index[:2]``.
    lang : {"en", "nl"}

    Returns
    -------
    DataFrame
        One row per company (the assessed company's name, or "You"; then the cases), one
        column per dimension (its name in ``lang``); draw it with :func:`aimkit.plots.radar`.

    Examples
    --------
    >>> scores = radar_scores(assess({"quality_checks": 2, "culture_roles": 4}),
    ...                       compare=["kinnarps"])
    >>> list(scores.index), scores.shape[1]
    (['You', 'Kinnarps'], 8)
    >>> from aimkit import plots
    >>> plots.png(plots.radar(scores, title="Data maturity"))[:4]
    b'\\x89PNG'
    """
    _check_lang(lang)
    model = assessment.model
    names = [d.name[lang] for d in model.dimensions]
    you = assessment.company or ("Jij" if lang == "nl" else "You")
    rows = {you: assessment.scores.to_numpy()}
    if len(compare):
        table = cases(model, lang)
        for case_id in compare:
            rows[table.loc[case_id, "name"]] = table.loc[case_id, [d.id for d in
                                                                   model.dimensions]].to_numpy()
    return pd.DataFrame.from_dict(rows, orient="index", columns=names).astype(float)


CHART = {"figsize": (6.0, 6.6), "dpi": 80, "fontsize": 14, "label_width": 14}
"""The radar chart of the app and the report: narrow and with large letters, so that on a
phone (shown about 360 px wide) its smallest text is still over 10 px high."""


def radar_chart(assessment: Assessment, compare=(), lang: str = "en") -> bytes:
    """The radar chart of an assessment (and compared cases) as PNG bytes.

    Unanswered dimensions are gaps marked "no answer", never drawn as level 1; the company
    name is drawn as typed. Sized by :data:`CHART` for a phone screen.

    Examples
    --------
    >>> radar_chart(assess({"quality_checks": 2}, company="$x$"), ["wine"])[:4]
    b'\\x89PNG'
    """
    from aimkit import plots  # matplotlib loads only when a chart is drawn

    fig = plots.radar(radar_scores(assessment, compare, lang), high=assessment.model.max_level,
                      title=assessment.model.title[lang], missing=_LABELS[lang]["no_answer"],
                      fontsize=CHART["fontsize"], label_width=CHART["label_width"],
                      legend_below=True, figsize=CHART["figsize"])
    return plots.png(fig, dpi=CHART["dpi"])


_LABELS = {
    "en": {"stage": "Stage", "overall": "Overall score", "dimension": "Dimension",
           "score": "Score", "level": "Level", "advice": "Advice", "next": "Your next steps",
           "similar": "Companies like you", "company": "Company", "sector": "Sector",
           "size": "Size", "ebook_page": "e-book p.", "evidence": "What the e-book says",
           "no_answer": "no answer",
           "not_answered": "not answered", "question": "Question", "answer": "Your answer",
           "appendix": "Appendix: your answers",
           "no_stage": "No stage yet: at least {minimum} of the {total} dimensions need an "
                       "answer. Without an answer: {dimensions}.",
           "provisional": "Provisional result: {count} of {total} questions without an "
                          "answer ({unknown} of them 'don't know / not applicable'). "
                          "Dimensions without a score: {dimensions}.",
           "none": "none", "scale": "Scores run from 1 (absent) to 5 (data-driven).",
           "date": "Date", "fit_note": "Chosen on the scores{profile}.",
           "fit_profile": ", then the same sector and size"},
    "nl": {"stage": "Stadium", "overall": "Totaalscore", "dimension": "Dimensie",
           "score": "Score", "level": "Niveau", "advice": "Advies", "next": "Je volgende stappen",
           "similar": "Bedrijven zoals jij", "company": "Bedrijf", "sector": "Sector",
           "size": "Grootte", "ebook_page": "e-book p.", "evidence": "Wat het e-book zegt",
           "no_answer": "geen antwoord",
           "not_answered": "niet beantwoord", "question": "Vraag", "answer": "Jouw antwoord",
           "appendix": "Bijlage: je antwoorden",
           "no_stage": "Nog geen stadium: minstens {minimum} van de {total} dimensies hebben "
                       "een antwoord nodig. Zonder antwoord: {dimensions}.",
           "provisional": "Voorlopig resultaat: {count} van de {total} vragen zonder "
                          "antwoord ({unknown} daarvan 'weet ik niet / niet van toepassing'). "
                          "Dimensies zonder score: {dimensions}.",
           "none": "geen", "scale": "Scores lopen van 1 (afwezig) tot 5 (datagedreven).",
           "date": "Datum", "fit_note": "Gekozen op de scores{profile}.",
           "fit_profile": ", dan dezelfde sector en grootte"},
}
"""The report's own words (the apps' texts are in :mod:`aimkit.i18n`)."""

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def _date(day: dt.date, lang: str) -> str:
    """A date as people in Flanders write it: 05/01/2026 (English: 5 January 2026)."""
    if lang == "nl":
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def result_note(assessment: Assessment, lang: str = "en") -> str:
    """Why there is no stage yet, or why the stage is provisional ("" for a full result).

    Examples
    --------
    >>> print(result_note(assess({"strategy_objectives": 2}), "en")[:70])
    No stage yet: at least 6 of the 8 dimensions need an answer. Without a
    """
    words, model = _LABELS[lang], assessment.model
    names = ", ".join(model.dimension(d).name[lang] for d in assessment.unscored)
    if assessment.stage is None:
        return words["no_stage"].format(minimum=model.minimum_dimensions,
                                        total=len(model.dimensions), dimensions=names)
    if assessment.provisional:
        return words["provisional"].format(count=len(assessment.missing),
                                           total=len(model.questions),
                                           unknown=len(assessment.unknown),
                                           dimensions=names or words["none"])
    return ""


def report_html(assessment: Assessment, lang: str = "en", n_cases: int = 3,
                date: dt.date | str | None = None, chart: bytes | None = None) -> str:
    """Return a self-contained HTML report: stage, radar chart, advice, similar cases, answers.

    The radar chart is embedded as a PNG, so the file can be mailed or printed as it is, and
    the "companies like you" link to short case summaries inside the report (no notebook, no
    file path). The page has a viewport tag (readable on a phone), the date as written in
    Flanders, and the answers as an appendix. All user text (the company name) is escaped.

    Parameters
    ----------
    assessment : Assessment
    lang : {"en", "nl"}
    n_cases : int
        How many similar cases to show.
    date : datetime.date or ISO text, optional
        Defaults to today.
    chart : bytes, optional
        The PNG of :func:`radar_chart` when the caller has drawn it already.

    Examples
    --------
    >>> page = report_html(assess({"quality_checks": 2}, company="<b>$x$</b>"), lang="nl",
    ...                    date="2026-01-05")
    >>> page.startswith("<!DOCTYPE html>"), "&lt;b&gt;$x$&lt;/b&gt;" in page, "<b>$x" in page
    (True, True, False)
    >>> "05/01/2026" in page, 'name="viewport"' in page, 'href="#case-' in page
    (True, True, True)
    """
    _check_lang(lang)
    words, e, model, a = _LABELS[lang], html.escape, assessment.model, assessment
    day = dt.date.fromisoformat(date) if isinstance(date, str) else date or dt.date.today()
    table = a.table(lang)
    rows = "".join(
        f"<tr><td>{e(r.name)}</td><td>{'' if pd.isna(r.score) else f'{r.score:.1f}'}</td>"
        f"<td>{e(r.level_name or words['no_answer'])}</td><td>{e(r.advice)}</td></tr>"
        for r in table.itertuples())
    steps = "".join(f"<li><b>{e(r.name)}</b>: {e(r.advice)}</li>"
                    for r in a.next_steps(3, lang).itertuples())
    similar = similar_cases(a, n_cases, lang)
    case_rows = "".join(
        f"<tr><td><a href=\"#case-{e(case_id)}\">{e(r['name'])}</a></td><td>{e(r['sector'])}"
        f"</td><td>{e(r['stage'])}</td></tr>" for case_id, r in similar.iterrows())
    summaries = "".join(case_summary_html(case_id, model, lang) for case_id in similar.index)
    answers = "".join(
        f"<tr><td>{e(r.dimension_name)}</td><td>{e(r.question)}</td>"
        f"<td>{e(r.answer or words['not_answered'])}</td></tr>"
        for r in a.answer_table(lang).itertuples())
    if a.stage is None:
        stage = f"<p class='stage'><b>{e(result_note(a, lang))}</b></p>"
    else:
        stage = (f"<p class='stage'>{words['stage']} {a.stage.number}: "
                 f"<b>{e(a.stage.name[lang])}</b> ({words['overall']} {a.overall:.1f} / "
                 f"{model.max_level})</p><p>{e(a.stage.description[lang])}</p>")
        if a.provisional:
            stage += f"<p class='provisional'>{e(result_note(a, lang))}</p>"
    profile = [model.choice_name("sectors", a.sector, lang),
               model.choice_name("sizes", a.size, lang)]
    header = " · ".join(part for part in (
        f"{words['company']}: {e(a.company)}" if a.company else "",
        e(" · ".join(p for p in profile if p)),
        f"{words['date']}: <time datetime=\"{day.isoformat()}\">{_date(day, lang)}</time>")
        if part)
    png = base64.b64encode(chart or radar_chart(a, list(similar.index[:1]), lang))
    fit = words["fit_note"].format(profile=words["fit_profile"] if a.sector or a.size else "")
    title = e(model.title[lang]) + (" – " + e(a.company) if a.company else "")
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: sans-serif; max-width: 60em; margin: 1em auto; padding: 0 1em;
  line-height: 1.4; }}
.scroll {{ overflow-x: auto; }}
table {{ border-collapse: collapse; width: 100%; margin: 1em 0; }}
th, td {{ border: 1px solid #ccc; padding: .4em .6em; text-align: left; vertical-align: top; }}
th {{ background: #eef; }} .stage {{ font-size: 1.3em; }} .note {{ color: #555; }}
.provisional {{ background: #fff4e5; border-left: 4px solid #e65100; padding: .5em .8em; }}
section.case {{ border-top: 1px solid #ccc; margin-top: 1.5em; }}
img {{ max-width: 100%; height: auto; }}
@media print {{ h2.appendix {{ break-before: page; }} }}
</style></head><body>
<h1>{e(model.title[lang])}</h1>
<p>{header}</p>
{stage}
<img alt="radar chart" src="data:image/png;base64,{png.decode("ascii")}">
<h2>{words['next']}</h2><ol>{steps}</ol>
<h2>{words['dimension']}</h2>
<div class="scroll"><table><tr><th>{words['dimension']}</th><th>{words['score']}</th>
<th>{words['level']}</th><th>{words['advice']}</th></tr>{rows}</table></div>
<p class="note">{words['scale']}</p>
<h2>{words['similar']}</h2>
<p class="note">{fit}</p>
<div class="scroll"><table><tr><th>{words['company']}</th><th>{words['sector']}</th>
<th>{words['stage']}</th></tr>{case_rows}</table></div>
{summaries}
<h2 class="appendix">{words['appendix']}</h2>
<div class="scroll"><table><tr><th>{words['dimension']}</th><th>{words['question']}</th>
<th>{words['answer']}</th></tr>{answers}</table></div>
</body></html>
"""


def save_report(assessment: Assessment, path, lang: str = "en") -> Path:
    """Write :func:`report_html` to a file and return its path.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     out = save_report(assess({"quality_checks": 3}), pathlib.Path(folder) / "r.html")
    ...     out.read_text(encoding="utf-8").count("<h2>")
    3
    """
    path = Path(path)
    path.write_text(report_html(assessment, lang), encoding="utf-8")
    return path
