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
:attr:`Assessment.missing`.

The **case companies** of the e-book are placed on the same model with answers drawn from
the e-book's description of each company (its *strategische aanpak*); where the e-book says
nothing about a dimension, the case's evidence says "assumed". :func:`similar_cases` finds the
companies closest to an assessment ("companies like you").

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
from collections.abc import Mapping
from dataclasses import dataclass, field
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
    """The questionnaire, stages and case companies read from the data file."""

    title: dict
    about: dict
    levels: tuple[dict, ...]
    stages: tuple[Stage, ...]
    dimensions: tuple[Dimension, ...]
    cases: tuple[dict, ...]
    source: str = ""

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
                  tuple(levels), tuple(stages), tuple(dimensions), (), label)
    cases = []
    for i, c in enumerate(raw.get("cases", [])):
        where = f"cases[{i}]"
        for key in ("id", "name"):
            _get(c, key, where, label)
        _check_answers(_get(c, "answers", where, label), model, f"{label}: {where}.answers")
        cases.append(dict(c))
    return Model(model.title, model.about, model.levels, model.stages, model.dimensions,
                 tuple(cases), label)


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

    Build one with :func:`assess` or :func:`load`.
    """

    answers: dict
    scores: pd.Series
    overall: float
    stage: Stage
    missing: tuple[str, ...]
    model: Model = field(repr=False)
    company: str = ""

    @property
    def levels(self) -> pd.Series:
        """The level per answered dimension: its score rounded down (Int64, missing if none)."""
        return self.scores.map(lambda s: math.floor(s + 1e-9) if pd.notna(s) else pd.NA,
                               na_action=None).astype("Int64")

    @property
    def complete(self) -> bool:
        """True when every question is answered."""
        return not self.missing

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


def assess(answers: Mapping[str, int], model: Model | None = None,
           company: str = "") -> Assessment:
    """Score a set of answers.

    Parameters
    ----------
    answers : mapping
        Question id → chosen level (1–5). Unanswered questions may be left out.
    model : Model, optional
        Defaults to the shipped model.
    company : str
        A name for the report.

    Returns
    -------
    Assessment

    Raises
    ------
    MaturityError
        Unknown question ids, levels outside 1–5, or no answers at all.

    Examples
    --------
    >>> model = load_model()
    >>> result = assess({q.id: 5 for q in model.questions})
    >>> result.overall, result.stage.name["nl"], result.complete
    (5.0, 'Datagedreven', True)
    >>> assess({"strategy_objectives": 2}).missing[:2]
    ('strategy_audience', 'culture_mindset')
    """
    model = model or load_model()
    clean = _check_answers(answers, model, "answers")
    if not clean:
        raise MaturityError("answers: no question is answered yet")
    scores, weights = {}, {}
    for d in model.dimensions:
        levels = [clean[q.id] for q in d.questions if q.id in clean]
        scores[d.id] = sum(levels) / len(levels) if levels else math.nan
        if levels:
            weights[d.id] = d.weight
    overall = sum(scores[k] * w for k, w in weights.items()) / sum(weights.values())
    missing = tuple(q.id for q in model.questions if q.id not in clean)
    return Assessment(clean, pd.Series(scores, name="score", dtype="float64"), overall,
                      model.stage_for(overall), missing, model, company)


# ------------------------------------------------------------------------------------ cases
def cases(model: Model | None = None, lang: str = "en") -> pd.DataFrame:
    """Return the e-book's case companies placed on the model.

    Returns
    -------
    DataFrame
        Index: case id (the dataset name). Columns: ``name, sector, notebook, ebook_page``, one
        score column per dimension, ``overall`` and ``stage``.

    Examples
    --------
    >>> table = cases()
    >>> table.loc["kinnarps", "stage"], table.loc["energy", "stage"]
    ('Collecting', 'Predicting')
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
                     "notebook": notebooks.get(case.get("dataset", case["id"]), ""),
                     "ebook_page": case.get("ebook_page"),
                     **result.scores.to_dict(), "overall": result.overall,
                     "stage": result.stage.name[lang]})
    return pd.DataFrame(rows).set_index("case")


def case_evidence(case_id: str, model: Model | None = None, lang: str = "en") -> pd.Series:
    """Return why a case company sits where it does: the e-book's evidence per dimension.

    Examples
    --------
    >>> case_evidence("wine")["collection"]
    'wine data in Excel, paper forms at tasting days'
    """
    model = model or load_model()
    _check_lang(lang)
    for case in model.cases:
        if case["id"] == case_id:
            evidence = case.get("evidence", {})
            return pd.Series({d.id: evidence.get(d.id, {}).get(lang, "")
                              for d in model.dimensions}, name=case_id)
    raise KeyError(f"unknown case {case_id!r}; choose one of "
                   f"{', '.join(c['id'] for c in model.cases)}")


def similar_cases(assessment: Assessment, n: int = 3, lang: str = "en") -> pd.DataFrame:
    """Return the ``n`` case companies closest to an assessment ("companies like you").

    Closeness is the Euclidean distance between dimension scores, over the dimensions the
    assessment answered, divided by the square root of their number (so it reads as a typical
    difference in levels).

    Examples
    --------
    >>> model = load_model()
    >>> similar_cases(assess({q.id: 4 for q in model.questions}), n=2).index.tolist()
    ['energy', 'costa']
    """
    table = cases(assessment.model, lang)
    answered = assessment.scores.dropna()
    diff = table[answered.index].sub(answered, axis=1)
    distance = (diff.pow(2).sum(axis=1) / len(answered)).pow(0.5)
    table = table.assign(distance=distance.round(3))
    return table.sort_values(["distance", "overall"], kind="stable").head(n)


# ----------------------------------------------------------------------------- save and load
def dumps(assessment: Assessment) -> str:
    """Return the answers as a JSON text (what :func:`save` writes).

    Examples
    --------
    >>> text = dumps(assess({"quality_checks": 2}, company="Bakkerij Peeters"))
    >>> loads(text).answers, loads(text).company
    ({'quality_checks': 2}, 'Bakkerij Peeters')
    """
    return json.dumps({"format": ANSWERS_FORMAT, "version": 1, "company": assessment.company,
                       "answers": assessment.answers}, indent=2, ensure_ascii=False) + "\n"


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
    return assess(answers, model, company)


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


_LABELS = {
    "en": {"stage": "Stage", "overall": "Overall score", "dimension": "Dimension",
           "score": "Score", "level": "Level", "advice": "Advice", "next": "Your next steps",
           "similar": "Companies like you", "company": "Company", "sector": "Sector",
           "notebook": "Case notebook", "missing": "Unanswered questions",
           "scale": "Scores run from 1 (absent) to 5 (data-driven).", "date": "Date"},
    "nl": {"stage": "Stadium", "overall": "Totaalscore", "dimension": "Dimensie",
           "score": "Score", "level": "Niveau", "advice": "Advies", "next": "Je volgende stappen",
           "similar": "Bedrijven zoals jij", "company": "Bedrijf", "sector": "Sector",
           "notebook": "Case-notebook", "missing": "Onbeantwoorde vragen",
           "scale": "Scores lopen van 1 (afwezig) tot 5 (datagedreven).", "date": "Datum"},
}


def report_html(assessment: Assessment, lang: str = "en", n_cases: int = 3,
                date: str | None = None) -> str:
    """Return a self-contained HTML report: stage, radar chart, scores, advice, similar cases.

    The radar chart is embedded as a PNG, so the file can be mailed or printed as it is. All
    user text (the company name) is escaped.

    Examples
    --------
    >>> page = report_html(assess({"quality_checks": 2}, company="<b>Shop</b>"), date="2026-01-05")
    >>> page.startswith("<!DOCTYPE html>"), "&lt;b&gt;Shop&lt;/b&gt;" in page, "<b>Shop" in page
    (True, True, False)
    """
    _check_lang(lang)
    words = _LABELS[lang]
    e = html.escape
    model = assessment.model
    date = date or dt.date.today().isoformat()
    table = assessment.table(lang)
    rows = "".join(
        f"<tr><td>{e(r.name)}</td><td>{'' if pd.isna(r.score) else f'{r.score:.1f}'}</td>"
        f"<td>{e(r.level_name)}</td><td>{e(r.advice)}</td></tr>" for r in table.itertuples())
    steps = "".join(f"<li><b>{e(r.name)}</b>: {e(r.advice)}</li>"
                    for r in assessment.next_steps(3, lang).itertuples())
    similar = similar_cases(assessment, n_cases, lang)
    case_rows = "".join(
        f"<tr><td>{e(r.name)}</td><td>{e(r.sector)}</td><td>{e(r.stage)}</td>"
        f"<td>{e(str(r.notebook))}</td></tr>" for r in similar.itertuples())
    missing = ""
    if assessment.missing:
        missing = (f"<p class='note'>{words['missing']}: {len(assessment.missing)} / "
                   f"{len(model.questions)}</p>")
    company = e(assessment.company)
    from aimkit import plots  # matplotlib loads only when a report is drawn

    fig = plots.radar(radar_scores(assessment, compare=list(similar.index[:1]), lang=lang),
                      high=model.max_level, title=model.title[lang])
    chart = base64.b64encode(plots.png(fig, dpi=100)).decode("ascii")
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<title>{e(model.title[lang])}{' – ' + company if company else ''}</title>
<style>
body {{ font-family: sans-serif; max-width: 60em; margin: 2em auto; line-height: 1.4; }}
table {{ border-collapse: collapse; width: 100%; margin: 1em 0; }}
th, td {{ border: 1px solid #ccc; padding: .4em .6em; text-align: left; vertical-align: top; }}
th {{ background: #eef; }} .stage {{ font-size: 1.4em; }} .note {{ color: #666; }}
img {{ max-width: 100%; }}
</style></head><body>
<h1>{e(model.title[lang])}</h1>
<p>{words['company'] + ': ' + company + ' · ' if company else ''}{words['date']}: {e(date)}</p>
<p class="stage">{words['stage']} {assessment.stage.number}:
<b>{e(assessment.stage.name[lang])}</b> ({words['overall']} {assessment.overall:.1f} / \
{model.max_level})</p>
<p>{e(assessment.stage.description[lang])}</p>{missing}
<img alt="radar chart" src="data:image/png;base64,{chart}">
<h2>{words['next']}</h2><ol>{steps}</ol>
<h2>{words['dimension']}</h2>
<table><tr><th>{words['dimension']}</th><th>{words['score']}</th><th>{words['level']}</th>
<th>{words['advice']}</th></tr>{rows}</table>
<p class="note">{words['scale']}</p>
<h2>{words['similar']}</h2>
<table><tr><th>{words['company']}</th><th>{words['sector']}</th><th>{words['stage']}</th>
<th>{words['notebook']}</th></tr>{case_rows}</table>
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
