"""Keywords from web visits: sessions, a session × keyword matrix, segments and word clouds.

A website's tracking script records what each anonymous visitor looks at: the URL of every
page view, the page title and the text of what was clicked. This module turns those events
into keywords and the keywords into visitor segments, as the e-book's Odisee case does:

1. :func:`sessionize` cuts each profile's events into sessions (a pause of 30 minutes or
   more starts a new one, as in web analytics);
2. :func:`tokenize` and :func:`url_text` turn texts and URLs into lower-case words without
   accents, Dutch and English stop words or URL noise (domain, ``utm_`` parameters);
3. :func:`session_keywords` keeps each session's ``top_n`` most frequent words;
4. :func:`keyword_matrix` builds the session × keyword TF-IDF matrix (rows of length 1);
5. :func:`cluster_sessions` groups the sessions with k-means, :func:`top_words` and
   :func:`segment_summary` describe the segments (:func:`aimkit.plots.word_cloud` draws them);
6. :func:`map_personas` links segments to the marketing team's personas by their words;
7. :class:`SegmentModel` assigns a new visitor's session, while it happens, to the nearest
   segment and picks the content block to show; :meth:`SegmentModel.to_json` hands it to
   the website.

Examples
--------
>>> tokenize("Schrijf je in voor de infodag op campus Aalst!")
['schrijf', 'infodag', 'campus', 'aalst']
>>> url_text("https://www.odisee.be/nl/zoeken?q=paswoord&utm_source=facebook")
'nl zoeken paswoord'

Used in: notebooks/cases/15_odisee_web_segments.ipynb
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, urlsplit

import numpy as np
import pandas as pd
from scipy import sparse

DUTCH_STOP_WORDS = frozenset("""
aan al alle alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door
dus een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iets ik
in is ja je jij jouw jullie kan kon kunnen maar me meer men met mij mijn moet na naar niet
niets nog nu of om omdat onder ons ook op over reeds te tegen toch toen tot u uit uw van veel
voor waren was wat we wel werd wezen wie wil worden wordt zal ze zelf zich zij zijn zo zonder
zou welk welke waar jou onze wij bent nieuw nieuwe via per
""".split())
"""Dutch function words (the usual short list), plus a few web words like *nieuw* and *via*."""

ENGLISH_STOP_WORDS = frozenset("""
a an and are as at be by for from has have in is it its of on or that the this to was were
will with you your our we us
""".split())
"""English function words, for the English pages of a Flemish website."""

WEB_STOP_WORDS = frozenset("""
http https www com html htm php aspx index home page nl en fr
""".split())
"""Words every URL has: scheme, host parts, file extensions, language folders."""

STOP_WORDS = DUTCH_STOP_WORDS | ENGLISH_STOP_WORDS | WEB_STOP_WORDS
"""The default stop words of :func:`tokenize`: Dutch, English and URL noise."""

URL_FIELDS = ("full_path",)
"""Event fields that hold a URL (read with :func:`url_text`)."""

TEXT_FIELDS = ("page_title", "clicked_text")
"""Event fields that hold text (a page title, the text of a clicked link or image)."""

_WORD = re.compile(r"[^\W_]+")  # letters (any script) and digits
_LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "ı": "i",
                          "đ": "d", "ð": "d", "þ": "th"})
"""Letters without a decomposition into a plain letter and an accent, spelled in ASCII."""
_TRACKING = re.compile(r"^(utm_|fbclid$|gclid$|_ga$)")


def normalise(text: str) -> str:
    """Lower case without accents: *financiële* becomes *financiele*, *cœur* *coeur*.

    Letters such as ß, æ, ø, œ, ł and ı, which are no letter plus an accent, are spelled
    in plain letters (ss, ae, o, oe, l, i), so a word that holds one stays one word.

    Examples
    --------
    >>> normalise("Financiële Hogeschool")
    'financiele hogeschool'
    >>> normalise("Cœur, Straße, Łódź, Ærø")
    'coeur, strasse, lodz, aero'
    """
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokenize(text, stop_words: Iterable[str] = STOP_WORDS, min_length: int = 3) -> list[str]:
    """Split a text into normalised words, without stop words, numbers and short words.

    Parameters
    ----------
    text : str
        Any text; missing values (None, NaN) give no words.
    stop_words : iterable of str
        Words to leave out (normalised, lower case); default :data:`STOP_WORDS`.
    min_length : int
        Shorter words are left out.

    Returns
    -------
    list of str
        The words in their order in the text.

    Examples
    --------
    >>> tokenize("Paswoord vergeten? Toegang krijgen tot het personeelsplatform (2021)")
    ['paswoord', 'vergeten', 'toegang', 'krijgen', 'personeelsplatform']
    >>> tokenize("Odisee hogeschool", stop_words=STOP_WORDS | {"odisee", "hogeschool"})
    []
    >>> tokenize("Le cœur de ma sœur: œuvre")
    ['coeur', 'soeur', 'oeuvre']
    """
    if not isinstance(text, str):
        return []
    stop = stop_words if isinstance(stop_words, (set, frozenset)) else set(stop_words)
    return [w for w in _WORD.findall(normalise(text))
            if len(w) >= min_length and not w.isdigit() and w not in stop]


def url_text(url) -> str:
    """The words of a URL: its path and query values, without host and tracking parameters.

    Examples
    --------
    >>> url_text("https://www.odisee.be/nl/opleidingen/bachelor/elektronica-ict?campus=gent")
    'nl opleidingen bachelor elektronica ict gent'
    >>> url_text("https://www.odisee.be/nl/infodagen?utm_source=facebook&utm_campaign=x")
    'nl infodagen'
    >>> url_text("https://example.be/fr/c%C5%93ur-de-l-%C5%93uvre")
    'fr coeur de l oeuvre'
    """
    if not isinstance(url, str):
        return ""
    parts = urlsplit(url)
    values = [v for k, v in parse_qsl(parts.query) if not _TRACKING.match(k.lower())]
    return " ".join(_WORD.findall(normalise(" ".join([unquote(parts.path), *values]))))


def event_words(event: Mapping, url_fields: Sequence[str] = URL_FIELDS,
                text_fields: Sequence[str] = TEXT_FIELDS,
                stop_words: Iterable[str] = STOP_WORDS) -> list[str]:
    """The words of one tracking event: its URL(s) and texts, tokenised.

    Examples
    --------
    >>> event_words({"full_path": "https://www.odisee.be/nl/personeel/paswoord",
    ...              "page_title": "Paswoord vergeten", "clicked_text": None})
    ['personeel', 'paswoord', 'paswoord', 'vergeten']
    """
    stop = stop_words if isinstance(stop_words, frozenset) else frozenset(stop_words)
    words = []
    for name in url_fields:
        words += tokenize(url_text(event.get(name)), stop)
    for name in text_fields:
        words += tokenize(event.get(name), stop)
    return words


def sessionize(events: pd.DataFrame, profile: str = "profile_id", time: str = "when",
               gap: str | pd.Timedelta = "30min") -> pd.Series:
    """Number each event's session: a pause of ``gap`` or more starts a new session.

    Parameters
    ----------
    events : DataFrame
        One row per event, with a profile column and a datetime column.
    profile, time : str
        The column names.
    gap : str or Timedelta
        The pause that ends a session (web analytics use 30 minutes).

    Returns
    -------
    Series
        Session numbers 1, 2, … (ordered by profile, then time), aligned with ``events``.

    Examples
    --------
    >>> ev = pd.DataFrame({"profile_id": ["a", "a", "a", "b"],
    ...                    "when": pd.to_datetime(["2021-09-01 10:00", "2021-09-01 10:20",
    ...                                            "2021-09-01 11:00", "2021-09-01 10:05"])})
    >>> sessionize(ev).tolist()
    [1, 1, 2, 3]
    """
    ordered = events.sort_values([profile, time], kind="stable")
    new_profile = ordered[profile].ne(ordered[profile].shift())
    pause = ordered[time].diff() >= pd.Timedelta(gap)
    numbers = (new_profile | pause).cumsum().rename("session")
    return numbers.reindex(events.index)


def clean_events(raw: pd.DataFrame, time_format: str = "%d-%m-%Y, %H:%M:%S") -> pd.DataFrame:
    """Prepare a tracking export: parse times, drop double fires and crawlers, keep views, clicks.

    A crawler is a session with 20 or more page views at less than 5 seconds a view. Adds a
    ``session`` column (:func:`sessionize`).

    Examples
    --------
    >>> raw = pd.DataFrame({"profile_id": ["a", "a", "a"], "event_type": ["view", "view", "touch"],
    ...                     "when": ["01-09-2021, 10:00:00", "01-09-2021, 10:00:00",
    ...                              "01-09-2021, 10:01:00"]})
    >>> clean_events(raw)[["profile_id", "session"]].values.tolist()
    [['a', 1]]

    Used in: notebooks/cases/15_odisee_web_segments.ipynb (*Challenge the e-book*, after the
    notebook did each step by hand), benchmarks/text.py.
    """
    ev = raw.copy()
    ev["when"] = pd.to_datetime(ev["when"], format=time_format)
    ev = ev.drop_duplicates().reset_index(drop=True)
    ev["session"] = sessionize(ev)
    views = ev[ev["event_type"] == "view"].groupby("session")["when"].agg(["size", "min", "max"])
    seconds_per_view = (views["max"] - views["min"]).dt.total_seconds() / views["size"]
    crawler = views.index[(views["size"] >= 20) & (seconds_per_view < 5)]
    return ev[~ev["session"].isin(crawler) & ev["event_type"].isin(["view", "click"])]


def session_keywords(events: pd.DataFrame, session: str = "session",
                     url_fields: Sequence[str] = URL_FIELDS,
                     text_fields: Sequence[str] = TEXT_FIELDS,
                     stop_words: Iterable[str] = STOP_WORDS, top_n: int = 10) -> pd.DataFrame:
    """Each session's ``top_n`` most frequent keywords, with their counts.

    Parameters
    ----------
    events : DataFrame
        Tracking events with a session column and the URL and text fields.
    session : str
        The session column.
    url_fields, text_fields : sequence of str
        Columns read as URLs (:func:`url_text`) and as texts (:func:`tokenize`).
    stop_words : iterable of str
        Words to leave out.
    top_n : int
        Keywords kept per session (ties broken alphabetically).

    Returns
    -------
    DataFrame
        Columns ``session, keyword, count``, most frequent first within a session.

    Examples
    --------
    >>> ev = pd.DataFrame({"session": [1, 1, 2],
    ...                    "full_path": ["https://x.be/nl/infodagen", "https://x.be/nl/inschrijven",
    ...                                  "https://x.be/nl/personeel"],
    ...                    "page_title": ["Infodag", "Inschrijven na de infodag", None],
    ...                    "clicked_text": [None, None, "Paswoord"]})
    >>> session_keywords(ev, top_n=2)
       session      keyword  count
    0        1      infodag      2
    1        1  inschrijven      2
    2        2     paswoord      1
    3        2    personeel      1
    """
    stop = frozenset(stop_words)
    readers = [(c, url_text) for c in url_fields if c in events.columns]
    readers += [(c, str) for c in text_fields if c in events.columns]
    pieces = []
    for column, read in readers:
        # a site has few distinct URLs and titles: tokenise each distinct value once
        values = events[column].dropna()
        words = {v: tokenize(read(v), stop) for v in values.unique()}
        pieces.append(pd.DataFrame({"session": events.loc[values.index, session].to_numpy(),
                                    "keyword": values.map(words).to_numpy()}))
    long = pd.concat(pieces, ignore_index=True).explode("keyword").dropna()
    counts = long.groupby(["session", "keyword"]).size().rename("count").reset_index()
    counts = counts.sort_values(["session", "count", "keyword"], ascending=[True, False, True],
                                kind="stable")
    return counts.groupby("session").head(top_n).reset_index(drop=True)


@dataclass
class KeywordMatrix:
    """A session × keyword TF-IDF matrix and how it was built.

    Attributes
    ----------
    matrix : scipy.sparse.csr_matrix
        One row per session, one column per keyword; rows have length 1.
    sessions : Index
        The session of each row.
    vocabulary : list of str
        The keyword of each column.
    idf : ndarray
        Inverse document frequency of each keyword (all 1 without IDF weighting).
    counts : DataFrame
        The kept ``session, keyword, count`` rows the matrix was built from.
    url_fields, text_fields, stop_words, top_n
        The settings of :func:`session_keywords`, so new sessions are read the same way.

    Examples
    --------
    >>> ev = pd.DataFrame({"session": [1, 2], "page_title": ["infodag", "paswoord"]})
    >>> km = keyword_matrix(ev, min_sessions=1)
    >>> km.vocabulary, km.matrix.shape
    (['infodag', 'paswoord'], (2, 2))
    """

    matrix: sparse.csr_matrix
    sessions: pd.Index
    vocabulary: list
    idf: np.ndarray
    counts: pd.DataFrame
    url_fields: tuple = URL_FIELDS
    text_fields: tuple = TEXT_FIELDS
    stop_words: frozenset = STOP_WORDS
    top_n: int = 10

    def frame(self) -> pd.DataFrame:
        """The matrix as a (dense) DataFrame, for a look at a few rows.

        Examples
        --------
        >>> km = keyword_matrix(pd.DataFrame({"session": [1], "page_title": ["infodag"]}),
        ...                     min_sessions=1)
        >>> km.frame()  # doctest: +NORMALIZE_WHITESPACE
        keyword  infodag
        session
        1            1.0
        """
        return pd.DataFrame(self.matrix.toarray(), index=self.sessions,
                            columns=pd.Index(self.vocabulary, name="keyword"))


def keyword_matrix(events: pd.DataFrame, session: str = "session", min_sessions: int = 5,
                   url_fields: Sequence[str] = URL_FIELDS,
                   text_fields: Sequence[str] = TEXT_FIELDS,
                   stop_words: Iterable[str] = STOP_WORDS, top_n: int = 10,
                   idf: bool = False) -> KeywordMatrix:
    """Build the session × keyword matrix from tracking events.

    Each session keeps its ``top_n`` most frequent keywords (:func:`session_keywords`);
    keywords seen in fewer than ``min_sessions`` sessions are dropped, and so are sessions
    left without keywords. A weight is the damped count ``1 + log(count)`` — a word the
    session repeats counts more, but not in proportion — and each row is scaled to length 1,
    so long and short sessions compare fairly (scikit-learn's ``TfidfTransformer`` with
    ``sublinear_tf=True``). With ``idf=True`` rare words weigh more too (TF-IDF); on web
    visits that makes every page's own words stand out, so segments follow single pages
    rather than audiences.

    Parameters
    ----------
    events : DataFrame
        Tracking events with a session column.
    session : str
        The session column.
    min_sessions : int
        A keyword must occur in at least this many sessions.
    url_fields, text_fields, stop_words, top_n
        As in :func:`session_keywords`.
    idf : bool
        Multiply by the inverse document frequency (TF-IDF).

    Returns
    -------
    KeywordMatrix

    Examples
    --------
    >>> ev = pd.DataFrame({"session": [1, 2, 3], "page_title": ["infodag aalst", "infodag gent",
    ...                                                        "paswoord"]})
    >>> km = keyword_matrix(ev, min_sessions=1)
    >>> km.vocabulary
    ['aalst', 'gent', 'infodag', 'paswoord']
    >>> np.round(km.matrix.toarray()[0], 2).tolist()
    [0.71, 0.0, 0.71, 0.0]
    >>> np.round(keyword_matrix(ev, min_sessions=1, idf=True).matrix.toarray()[0], 2).tolist()
    [0.8, 0.0, 0.61, 0.0]
    """
    from sklearn.feature_extraction.text import TfidfTransformer

    stop = frozenset(stop_words)
    counts = session_keywords(events, session, url_fields, text_fields, stop, top_n)
    sessions_per_word = counts.groupby("keyword")["session"].nunique()
    common = sessions_per_word.index[sessions_per_word >= min_sessions]
    kept = counts[counts["keyword"].isin(common)]
    sessions, rows = np.unique(kept["session"].to_numpy(), return_inverse=True)
    vocabulary, cols = np.unique(kept["keyword"].to_numpy(dtype=str), return_inverse=True)
    tf = sparse.csr_matrix((kept["count"].to_numpy(dtype=float), (rows, cols)),
                           shape=(len(sessions), len(vocabulary)))
    weighting = TfidfTransformer(use_idf=idf, sublinear_tf=True).fit(tf)
    return KeywordMatrix(
        matrix=weighting.transform(tf).tocsr(), sessions=pd.Index(sessions, name="session"),
        vocabulary=vocabulary.tolist(),
        idf=weighting.idf_ if idf else np.ones(len(vocabulary)),
        counts=kept.reset_index(drop=True),
        url_fields=tuple(url_fields), text_fields=tuple(text_fields), stop_words=stop,
        top_n=top_n)


def cluster_sessions(km: KeywordMatrix, k: int = 4, seed: int = 0, n_init: int = 10) -> pd.Series:
    """Group the sessions into ``k`` segments with k-means on the TF-IDF rows.

    Segments are numbered by size, largest first, so the numbering does not depend on how
    k-means happened to order its clusters.

    Parameters
    ----------
    km : KeywordMatrix
        From :func:`keyword_matrix`.
    k : int
        Number of segments (the e-book's platform lets the user choose; 4 there).
    seed : int
        Random state of k-means.
    n_init : int
        k-means restarts; the best (lowest inertia) is kept.

    Returns
    -------
    Series
        Segment 0 … k-1 of each session, indexed by session.

    Examples
    --------
    >>> ev = pd.DataFrame({"session": range(6),
    ...                    "page_title": ["infodag"] * 2 + ["paswoord toegang"] * 4})
    >>> cluster_sessions(keyword_matrix(ev, min_sessions=1), k=2).tolist()
    [1, 1, 0, 0, 0, 0]
    """
    from sklearn.cluster import KMeans

    raw = KMeans(n_clusters=k, n_init=n_init, random_state=seed).fit_predict(km.matrix)
    sizes = np.bincount(raw, minlength=k)
    order = np.argsort(-sizes, kind="stable")
    renumber = np.empty(k, dtype=int)
    renumber[order] = np.arange(k)
    return pd.Series(renumber[raw], index=km.sessions, name="segment")


def centroids(km: KeywordMatrix, labels: pd.Series) -> pd.DataFrame:
    """The mean TF-IDF row of each segment (segments × keywords).

    Examples
    --------
    >>> ev = pd.DataFrame({"session": [1, 2], "page_title": ["infodag", "paswoord"]})
    >>> m = keyword_matrix(ev, min_sessions=1)
    >>> centroids(m, pd.Series([0, 1], index=m.sessions)).to_numpy().tolist()
    [[1.0, 0.0], [0.0, 1.0]]
    """
    labels = labels.reindex(km.sessions)
    segments = np.sort(labels.unique())
    onehot = sparse.csr_matrix((np.ones(len(labels)),
                                (np.searchsorted(segments, labels.to_numpy()),
                                 np.arange(len(labels)))),
                               shape=(len(segments), len(labels)))
    sums = np.asarray((onehot @ km.matrix).todense())
    means = sums / np.bincount(np.searchsorted(segments, labels.to_numpy()))[:, None]
    return pd.DataFrame(means, index=pd.Index(segments, name="segment"),
                        columns=pd.Index(km.vocabulary, name="keyword"))


def top_words(km: KeywordMatrix, labels: pd.Series, n: int = 10) -> pd.DataFrame:
    """The ``n`` heaviest keywords of each segment, for word clouds and persona mapping.

    Returns
    -------
    DataFrame
        ``segment, rank, word, weight, share``: ``weight`` is the keyword's mean TF-IDF
        weight in the segment, ``share`` the share of the segment's sessions that use it.

    Examples
    --------
    >>> ev = pd.DataFrame({"session": [1, 2, 3], "page_title": ["infodag aalst", "infodag",
    ...                                                        "paswoord"]})
    >>> m = keyword_matrix(ev, min_sessions=1)
    >>> top = top_words(m, pd.Series([0, 0, 1], index=m.sessions), n=1)
    >>> top[["segment", "word", "share"]].to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'segment': 0, 'word': 'infodag', 'share': 1.0},
     {'segment': 1, 'word': 'paswoord', 'share': 1.0}]
    """
    centre = centroids(km, labels)
    labels = labels.reindex(km.sessions)
    used = km.matrix.copy()
    used.data[:] = 1.0
    rows = []
    for segment, weights in centre.iterrows():
        in_segment = (labels == segment).to_numpy()
        share = np.asarray(used[in_segment].mean(axis=0)).ravel()
        best = np.lexsort((np.array(km.vocabulary), -weights.to_numpy()))[:n]
        for rank, j in enumerate(best, start=1):
            rows.append({"segment": segment, "rank": rank, "word": km.vocabulary[j],
                         "weight": float(weights.iloc[j]), "share": float(share[j])})
    return pd.DataFrame(rows)


def segment_summary(km: KeywordMatrix, labels: pd.Series, n_words: int = 6) -> pd.DataFrame:
    """Sessions, share, cohesion and top words of each segment.

    *Cohesion* is the mean cosine similarity between a segment's sessions and the
    segment's direction (the length of the centroid of unit rows): near 1 when the
    sessions use the same words, near 0 when they have little in common.

    Examples
    --------
    >>> ev = pd.DataFrame({"session": [1, 2, 3],
    ...                    "page_title": ["infodag", "infodag", "paswoord"]})
    >>> m = keyword_matrix(ev, min_sessions=1)
    >>> summary = segment_summary(m, pd.Series([0, 0, 1], index=m.sessions))
    >>> summary[["sessions", "cohesion"]]  # doctest: +NORMALIZE_WHITESPACE
             sessions  cohesion
    segment
    0               2       1.0
    1               1       1.0
    """
    centre = centroids(km, labels)
    sizes = labels.reindex(km.sessions).value_counts().reindex(centre.index)
    top = top_words(km, labels, n=n_words)
    return pd.DataFrame({
        "sessions": sizes.to_numpy(),
        "share": (sizes / sizes.sum()).to_numpy(),
        "cohesion": np.linalg.norm(centre.to_numpy(), axis=1),
        "top_words": top.groupby("segment")["word"].agg(", ".join).reindex(centre.index),
    }, index=centre.index)


def map_personas(top: pd.DataFrame, signatures: Mapping[str, Iterable[str]],
                 min_hits: int = 2, unmapped: str = "no persona") -> pd.Series:
    """Link each segment to the persona whose signature words are among its top words.

    A segment gets the persona with the most signature words among its top words, if that
    is at least ``min_hits`` and no other persona has as many; otherwise ``unmapped``.
    This is the marketing team's check of the e-book, written down: a segment nobody can
    recognise stays unmapped rather than being forced onto a persona.

    Parameters
    ----------
    top : DataFrame
        From :func:`top_words`.
    signatures : mapping of str to iterable of str
        Persona → words that would show it (the team's hypotheses).
    min_hits : int
        Signature words a segment must show.
    unmapped : str
        The label of a segment without a clear persona.

    Returns
    -------
    Series
        Persona of each segment.

    Examples
    --------
    >>> top = pd.DataFrame({"segment": [0, 0, 1, 1], "word": ["infodag", "inschrijven",
    ...                                                        "academic", "stage"]})
    >>> map_personas(top, {"prospective student": ["infodag", "inschrijven"]}).tolist()
    ['prospective student', 'no persona']
    """
    result = {}
    for segment, words in top.groupby("segment")["word"]:
        words = set(words)
        hits = pd.Series({p: len(words & set(sig)) for p, sig in signatures.items()})
        best = hits[hits == hits.max()]
        result[segment] = best.index[0] if len(best) == 1 and best.iloc[0] >= min_hits \
            else unmapped
    return pd.Series(result, name="persona").rename_axis("segment")


@dataclass(frozen=True)
class Assignment:
    """Where a session belongs and what it should see.

    Examples
    --------
    >>> Assignment(3, "staff", "Log in to the staff platform", ("paswoord",)).segment
    3
    """

    segment: int | None
    persona: str
    content: str
    keywords: tuple = ()


@dataclass
class SegmentModel:
    """Assign a visitor's session to a segment in real time and choose the content block.

    The model keeps what is needed to read a new session exactly like the training
    sessions (vocabulary, IDF weights, stop words, fields, ``top_n``) and the segment
    centroids. :meth:`assign` takes the events seen so far in a session — call it again as
    new events arrive — and returns the nearest segment (the k-means rule), its persona and
    the content block to show. A session without known keywords gets the default block.

    Build it with :meth:`fit`; :meth:`to_json` and :meth:`from_json` move it to the website.

    Examples
    --------
    >>> ev = pd.DataFrame({"session": range(6),
    ...                    "page_title": ["infodag"] * 3 + ["paswoord toegang"] * 3})
    >>> km = keyword_matrix(ev, min_sessions=1)
    >>> labels = pd.Series([0, 0, 0, 1, 1, 1], index=km.sessions)
    >>> model = SegmentModel.fit(km, labels, {0: "student", 1: "staff"},
    ...                          {"student": "Register now", "staff": "Staff login"})
    >>> model.assign([{"page_title": "Paswoord vergeten"}]).content
    'Staff login'
    >>> model.assign([]).content
    'Welcome to our website'
    """

    vocabulary: dict
    idf: np.ndarray
    centroids: np.ndarray
    personas: dict
    content: dict
    regional: dict = field(default_factory=dict)
    default_content: str = "Welcome to our website"
    url_fields: tuple = URL_FIELDS
    text_fields: tuple = TEXT_FIELDS
    stop_words: frozenset = STOP_WORDS
    top_n: int = 10

    @classmethod
    def fit(cls, km: KeywordMatrix, labels: pd.Series, personas: Mapping[int, str],
            content: Mapping[str, str], regional: Mapping[tuple, str] | None = None,
            default_content: str = "Welcome to our website") -> SegmentModel:
        """Build the model from a keyword matrix and its segments.

        Parameters
        ----------
        km : KeywordMatrix
            The training sessions.
        labels : Series
            Segment of each session (e.g. from :func:`cluster_sessions`).
        personas : mapping of int to str
            Persona of each segment (e.g. from :func:`map_personas`).
        content : mapping of str to str
            Content block per persona.
        regional : mapping of (persona, region) to str, optional
            Content blocks that replace the persona's block for visitors from a region.
        default_content : str
            Block for a session that cannot be placed yet (or a visitor without consent).

        Returns
        -------
        SegmentModel

        Examples
        --------
        >>> ev = pd.DataFrame({"session": [1, 2], "page_title": ["infodag", "paswoord"]})
        >>> km = keyword_matrix(ev, min_sessions=1)
        >>> m = SegmentModel.fit(km, pd.Series([0, 1], index=km.sessions), {0: "a", 1: "b"},
        ...                      {"a": "A", "b": "B"})
        >>> m.centroids.shape
        (2, 2)
        """
        centre = centroids(km, labels)
        return cls(vocabulary={w: j for j, w in enumerate(km.vocabulary)}, idf=km.idf.copy(),
                   centroids=centre.to_numpy(), personas=dict(personas), content=dict(content),
                   regional=dict(regional or {}), default_content=default_content,
                   url_fields=km.url_fields, text_fields=km.text_fields,
                   stop_words=km.stop_words, top_n=km.top_n)

    def vector(self, session_events) -> tuple[np.ndarray, tuple]:
        """The session's TF-IDF row (length 1, or all zeros) and the keywords it uses.

        Examples
        --------
        >>> ev = pd.DataFrame({"session": [1, 2], "page_title": ["infodag", "paswoord"]})
        >>> km = keyword_matrix(ev, min_sessions=1)
        >>> m = SegmentModel.fit(km, pd.Series([0, 1], index=km.sessions), {0: "a", 1: "b"},
        ...                      {"a": "A", "b": "B"})
        >>> m.vector([{"page_title": "infodag en nog eens infodag"}])[0].tolist()
        [1.0, 0.0]
        """
        if isinstance(session_events, pd.DataFrame):
            session_events = session_events.to_dict("records")
        counter = Counter()
        for event in session_events:
            counter.update(event_words(event, self.url_fields, self.text_fields, self.stop_words))
        top = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[: self.top_n]
        row = np.zeros(len(self.vocabulary))
        known = []
        for word, n in top:
            j = self.vocabulary.get(word)
            if j is not None:
                row[j] = (1.0 + np.log(n)) * self.idf[j]
                known.append(word)
        length = np.linalg.norm(row)
        return (row / length if length else row), tuple(known)

    def assign(self, session_events, region: str | None = None) -> Assignment:
        """Place a session (the events so far) in its nearest segment and pick its content.

        Parameters
        ----------
        session_events : DataFrame or iterable of mappings
            The session's events with the model's URL and text fields.
        region : str, optional
            The visitor's region (from the IP address), for regional content blocks.

        Returns
        -------
        Assignment
            Segment (None without known keywords), persona, content block, keywords used.

        Examples
        --------
        >>> ev = pd.DataFrame({"session": [1, 2], "page_title": ["infodag", "paswoord"]})
        >>> km = keyword_matrix(ev, min_sessions=1)
        >>> m = SegmentModel.fit(km, pd.Series([0, 1], index=km.sessions),
        ...                      {0: "student", 1: "staff"},
        ...                      {"student": "Infodag", "staff": "Login"},
        ...                      regional={("student", "Oost-Vlaanderen"): "Infodag Gent/Aalst"})
        >>> m.assign([{"page_title": "Infodag"}], region="Oost-Vlaanderen").content
        'Infodag Gent/Aalst'
        """
        row, known = self.vector(session_events)
        if not known:
            return Assignment(None, "unknown", self.default_content)
        # nearest centroid in Euclidean distance: the k-means assignment rule
        distances = ((self.centroids - row) ** 2).sum(axis=1)
        segment = int(np.argmin(distances))
        persona = self.personas.get(segment, "unknown")
        content = self.regional.get((persona, region),
                                    self.content.get(persona, self.default_content))
        return Assignment(segment, persona, content, known)

    def to_json(self) -> str:
        """The model as JSON text, for the website's back end to load.

        Holds the vocabulary, weights, centroids, personas and content blocks; no visitor
        data.

        Examples
        --------
        >>> ev = pd.DataFrame({"session": [1, 2], "page_title": ["infodag", "paswoord"]})
        >>> km = keyword_matrix(ev, min_sessions=1)
        >>> m = SegmentModel.fit(km, pd.Series([0, 1], index=km.sessions), {0: "a", 1: "b"},
        ...                      {"a": "A", "b": "B"})
        >>> SegmentModel.from_json(m.to_json()).assign([{"page_title": "paswoord"}]).content
        'B'
        """
        return json.dumps({
            "vocabulary": sorted(self.vocabulary, key=self.vocabulary.get),
            "idf": self.idf.tolist(), "centroids": self.centroids.tolist(),
            "personas": {str(k): v for k, v in self.personas.items()},
            "content": self.content,
            "regional": [[persona, region, block]
                         for (persona, region), block in self.regional.items()],
            "default_content": self.default_content, "url_fields": list(self.url_fields),
            "text_fields": list(self.text_fields), "stop_words": sorted(self.stop_words),
            "top_n": self.top_n,
        }, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> SegmentModel:
        """Rebuild a model from :meth:`to_json` text.

        Examples
        --------
        >>> ev = pd.DataFrame({"session": [1, 2], "page_title": ["infodag", "paswoord"]})
        >>> km = keyword_matrix(ev, min_sessions=1)
        >>> m = SegmentModel.fit(km, pd.Series([0, 1], index=km.sessions), {0: "a", 1: "b"}, {})
        >>> SegmentModel.from_json(m.to_json()).personas
        {0: 'a', 1: 'b'}
        """
        data = json.loads(text)
        return cls(
            vocabulary={w: j for j, w in enumerate(data["vocabulary"])},
            idf=np.array(data["idf"]), centroids=np.array(data["centroids"]),
            personas={int(k): v for k, v in data["personas"].items()},
            content=data["content"],
            regional={(persona, region): block for persona, region, block in data["regional"]},
            default_content=data["default_content"], url_fields=tuple(data["url_fields"]),
            text_fields=tuple(data["text_fields"]), stop_words=frozenset(data["stop_words"]),
            top_n=data["top_n"])
