"""Odisee (e-book p. 64): the keyword segments of two weeks of website visits.

FIDELITY.md: groups of 1,071 / 5,510 / 433 / 2,986 sessions within ±30 %; prospective
students, lateral entrants and staff recognisable by the e-book's words; one small,
incoherent group; a function that assigns a new session in real time.
"""

import numpy as np
import pandas as pd
import pytest
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from threadpoolctl import threadpool_limits

from aimkit import datasets, text

STOP_WORDS = text.STOP_WORDS | {"odisee", "hogeschool"}
SIGNATURES = {  # the words the e-book uses to recognise each persona
    "prospective student": ["infodag", "studieprogramma", "individueel", "inschrijven"],
    "lateral entrant": ["opleiding", "werk", "onderwijs"],
    "staff": ["toegang", "krijgen", "personeelsplatform", "paswoord", "medewerker"],
}
EBOOK_SESSIONS = {"prospective student": 1071, "lateral entrant": 5510, "staff": 2986,
                  "no persona": 433}


def segments(raw: pd.DataFrame):
    readable = text.clean_events(raw)
    km = text.keyword_matrix(readable, stop_words=STOP_WORDS, top_n=10, min_sessions=5)
    with threadpool_limits(1):
        labels = text.cluster_sessions(km, k=4, seed=datasets.DEFAULT_SEED)
    summary = text.segment_summary(km, labels, n_words=10)
    summary["persona"] = text.map_personas(text.top_words(km, labels, n=10), SIGNATURES)
    return readable, km, labels, summary


@pytest.fixture(scope="module")
def shipped():
    tables = datasets.load("odisee")
    return (tables, *segments(tables["events"]))


def test_export_has_the_e_books_order_of_size(shipped):
    tables = shipped[0]
    assert 8_000 <= tables["profiles"]["profile_id"].nunique() <= 15_000  # e-book: 11,408
    views = (tables["events"]["event_type"] == "view").sum()
    assert 16_000 <= views <= 32_000  # e-book: 23,470 page views


def test_three_segments_recognised_by_the_e_books_words_and_one_incoherent(shipped):
    summary = shipped[-1]
    assert sorted(summary["persona"]) == sorted([*SIGNATURES, "no persona"])
    unmapped = summary.index[summary["persona"] == "no persona"][0]
    assert unmapped == summary["sessions"].idxmin() == summary["cohesion"].idxmin()
    words = summary.set_index("persona")["top_words"].str.split(", ")
    assert {"infodag", "studieprogramma"} <= set(words["prospective student"])
    assert {"opleiding", "werk", "onderwijs"} <= set(words["lateral entrant"])
    assert {"toegang", "personeelsplatform", "paswoord", "krijgen"} <= set(words["staff"])


def test_segment_sizes_within_thirty_percent_of_the_e_book(shipped):
    summary = shipped[-1]
    sizes = summary.set_index("persona")["sessions"]
    for persona, ebook in EBOOK_SESSIONS.items():
        assert 0.7 * ebook <= sizes[persona] <= 1.3 * ebook, (persona, sizes[persona])


def test_the_incoherent_group_mixes_several_audiences(shipped):
    readable, _, labels, summary = shipped[1:]
    unmapped = summary.index[summary["persona"] == "no persona"][0]
    landing = (readable[readable["event_type"] == "view"].groupby("session")["full_path"]
               .first().reindex(labels.index[labels == unmapped]))
    sections = landing.str.extract(r"odisee\.be/(?:nl|en)/([^/?]+)")[0].value_counts(
        normalize=True)
    assert len(sections) >= 4 and sections.iloc[0] < 0.5


def test_silhouette_prefers_four_segments(shipped):
    km = shipped[2]
    rng = np.random.default_rng(datasets.DEFAULT_SEED)
    sample = km.matrix[rng.choice(km.matrix.shape[0], size=3000, replace=False)]
    scores = {}
    with threadpool_limits(1):
        for k in range(2, 7):
            fitted = KMeans(k, n_init=10, random_state=datasets.DEFAULT_SEED).fit(sample)
            scores[k] = silhouette_score(sample, fitted.labels_)
    assert max(scores, key=scores.get) == 4, scores


def test_the_story_holds_for_another_sample_of_visitors():
    summary = segments(datasets.generate("odisee", seed=7)["events"])[-1]
    sizes = summary.set_index("persona")["sessions"]
    assert sorted(sizes.index) == sorted(EBOOK_SESSIONS)
    for persona, ebook in EBOOK_SESSIONS.items():
        assert 0.7 * ebook <= sizes[persona] <= 1.3 * ebook, (persona, sizes[persona])


@pytest.fixture(scope="module")
def model(shipped):
    _, _, km, labels, summary = shipped
    content = {"prospective student": "registration form", "lateral entrant": "study and work",
               "staff": "staff shortcuts"}
    regional = {("prospective student", "Oost-Vlaanderen"): "campus Gent and Aalst"}
    return text.SegmentModel.fit(km, labels, summary["persona"].to_dict(), content,
                                 regional=regional, default_content="welcome")


def test_real_time_assignment_of_new_sessions(model):
    staff = [{"full_path": "https://www.odisee.be/nl/personeelsplatform/paswoord",
              "page_title": "Personeelsplatform: paswoord vergeten"}]
    assert model.assign(staff).persona == "staff"
    student = [{"full_path": "https://www.odisee.be/nl/infodagen",
                "page_title": "Infodag | Kies je studieprogramma"}]
    assert model.assign(student, region="Oost-Vlaanderen").content == "campus Gent and Aalst"
    assert model.assign(student, region="Antwerpen").content == "registration form"
    home = [{"full_path": "https://www.odisee.be/nl", "page_title": "Odisee hogeschool"}]
    assert model.assign(home).content == "welcome"


def test_model_puts_training_sessions_back_in_their_segment(shipped, model):
    readable, _, labels, _ = shipped[1:]
    sample = labels.sample(300, random_state=1)
    by_session = readable.groupby("session")
    agree = np.mean([model.assign(by_session.get_group(s)).segment == segment
                     for s, segment in sample.items()])
    assert agree >= 0.99
