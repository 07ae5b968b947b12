"""aimkit.text: keywords, sessions, the keyword matrix, segments and real-time assignment."""

import math

import numpy as np
import pandas as pd
import pytest
from sklearn.cluster import KMeans

from aimkit import text


def events(rows):
    """Events from (session, full_path, page_title, clicked_text) tuples."""
    return pd.DataFrame(rows, columns=["session", "full_path", "page_title", "clicked_text"])


# ----------------------------------------------------------------------------- keywords

def test_tokenize_drops_stop_words_numbers_short_words_and_accents():
    assert text.tokenize("De Financiële opleiding 2021 voor jou, ok?") == [
        "financiele", "opleiding"]


def test_tokenize_extra_stop_words_and_missing_values():
    assert text.tokenize("Odisee hogeschool: infodag", text.STOP_WORDS | {"odisee"}) == [
        "hogeschool", "infodag"]
    assert text.tokenize(None) == []
    assert text.tokenize(float("nan")) == []


def test_url_text_keeps_path_and_query_values_not_host_or_tracking():
    url = ("https://www.odisee.be/nl/zoeken?q=paswoord+vergeten&utm_source=facebook"
           "&utm_campaign=infodag2021&gclid=abc")
    assert text.url_text(url) == "nl zoeken paswoord vergeten"
    assert text.tokenize(text.url_text(url)) == ["zoeken", "paswoord", "vergeten"]


def test_event_words_reads_url_and_texts():
    event = {"full_path": "https://x.be/nl/personeelsplatform/paswoord",
             "page_title": "Paswoord vergeten", "clicked_text": "Nieuw paswoord"}
    assert sorted(text.event_words(event)) == sorted(
        ["personeelsplatform", "paswoord", "paswoord", "vergeten", "paswoord"])


def test_sessionize_cuts_at_a_pause_of_thirty_minutes_or_more():
    frame = pd.DataFrame({
        "profile_id": ["b", "a", "a", "a", "a"],
        "when": pd.to_datetime(["2021-09-01 09:00:00", "2021-09-01 10:00:00",
                                "2021-09-01 10:29:59", "2021-09-01 10:59:59",
                                "2021-09-01 12:00:00"]),
    })
    # a: 10:00 and 10:29:59 together; 10:59:59 is exactly 30 minutes later: new session
    assert text.sessionize(frame).tolist() == [4, 1, 1, 2, 3]


def test_sessionize_does_not_depend_on_row_order():
    frame = pd.DataFrame({"profile_id": list("aabba"),
                          "when": pd.to_datetime(["2021-09-01 10:00", "2021-09-01 10:10",
                                                  "2021-09-01 10:00", "2021-09-02 10:00",
                                                  "2021-09-01 15:00"])})
    shuffled = frame.sample(frac=1, random_state=3)
    assert text.sessionize(shuffled).sort_index().equals(text.sessionize(frame))


def test_session_keywords_counts_and_keeps_top_n_with_alphabetical_ties():
    ev = events([
        (1, "https://x.be/nl/infodagen", "Infodag aalst", None),
        (1, "https://x.be/nl/inschrijven", "Infodag gent", "Inschrijven"),
        (2, "https://x.be/nl", None, None),  # no words at all
    ])
    kw = text.session_keywords(ev, top_n=3)
    assert kw.to_dict("records") == [
        {"session": 1, "keyword": "infodag", "count": 2},
        {"session": 1, "keyword": "inschrijven", "count": 2},
        {"session": 1, "keyword": "aalst", "count": 1},
    ]


# ----------------------------------------------------------------------------- matrix

def test_keyword_matrix_damped_counts_and_unit_rows():
    ev = events([(1, None, "werk werk werk opleiding", None),
                 (2, None, "opleiding", None)])
    km = text.keyword_matrix(ev, min_sessions=1)
    assert km.vocabulary == ["opleiding", "werk"]
    a, b = 1.0, 1.0 + math.log(3)  # 1 + log(count)
    expected = np.array([[a, b] / np.hypot(a, b), [1.0, 0.0]])
    assert np.allclose(km.matrix.toarray(), expected)
    assert np.allclose(km.idf, 1.0)


def test_keyword_matrix_drops_rare_words_and_sessions_left_empty():
    ev = events([(1, None, "infodag", None), (2, None, "infodag", None),
                 (3, None, "zeldzaam", None)])
    km = text.keyword_matrix(ev, min_sessions=2)
    assert km.vocabulary == ["infodag"]
    assert km.sessions.tolist() == [1, 2]


def test_keyword_matrix_with_idf_weighs_rare_words_more():
    ev = events([(1, None, "opleiding werk", None), (2, None, "opleiding", None),
                 (3, None, "opleiding", None)])
    row = text.keyword_matrix(ev, min_sessions=1, idf=True).matrix.toarray()[0]
    assert row[1] > row[0]  # "werk" is in one session, "opleiding" in all three


# ----------------------------------------------------------------------------- segments

@pytest.fixture
def tiny():
    """Three audiences of 6, 4 and 2 sessions with their own words."""
    rows = [(i, None, "opleiding werk naast", None) for i in range(6)]
    rows += [(10 + i, None, "personeelsplatform paswoord toegang", None) for i in range(4)]
    rows += [(20 + i, None, "infodag studieprogramma", None) for i in range(2)]
    km = text.keyword_matrix(events(rows), min_sessions=1)
    return km, text.cluster_sessions(km, k=3, seed=0)


def test_cluster_sessions_numbers_segments_by_size(tiny):
    km, labels = tiny
    assert labels.value_counts().sort_index().tolist() == [6, 4, 2]
    assert labels.loc[[0, 10, 20]].tolist() == [0, 1, 2]


def test_centroids_and_cohesion_by_hand():
    ev = events([(1, None, "infodag", None), (2, None, "paswoord", None)])
    km = text.keyword_matrix(ev, min_sessions=1)
    one_segment = pd.Series([0, 0], index=km.sessions)
    assert np.allclose(text.centroids(km, one_segment).to_numpy(), [[0.5, 0.5]])
    # two orthogonal sessions: mean cosine to the centre is cos(45°)
    summary = text.segment_summary(km, one_segment)
    assert summary.loc[0, "cohesion"] == pytest.approx(math.sqrt(0.5))
    assert summary.loc[0, "sessions"] == 2


def test_top_words_weight_and_share(tiny):
    km, labels = tiny
    top = text.top_words(km, labels, n=2)
    staff = top[top["segment"] == 1]
    assert set(staff["word"]) <= {"personeelsplatform", "paswoord", "toegang"}
    assert staff["share"].tolist() == [1.0, 1.0]
    assert staff["weight"].iloc[0] == pytest.approx(1 / math.sqrt(3))


def test_map_personas_needs_enough_hits_and_a_clear_winner():
    top = pd.DataFrame({"segment": [0, 0, 1, 1, 2, 2],
                        "word": ["infodag", "inschrijven", "paswoord", "infodag",
                                 "stage", "vacatures"]})
    signatures = {"student": ["infodag", "inschrijven"], "staff": ["paswoord", "toegang"]}
    mapped = text.map_personas(top, signatures, min_hits=2)
    assert mapped.tolist() == ["student", "no persona", "no persona"]
    # segment 1 ties one hit each: no persona even with min_hits=1
    assert text.map_personas(top, signatures, min_hits=1).tolist() == [
        "student", "no persona", "no persona"]


# ----------------------------------------------------------------------------- assignment

@pytest.fixture
def model(tiny):
    km, labels = tiny
    personas = {0: "lateral entrant", 1: "staff", 2: "prospective student"}
    content = {"lateral entrant": "Study next to your job", "staff": "Staff login",
               "prospective student": "Register now"}
    regional = {("prospective student", "Oost-Vlaanderen"): "Infodag Gent and Aalst"}
    return text.SegmentModel.fit(km, labels, personas, content, regional=regional,
                                 default_content="Welcome")


def test_a_staff_like_session_lands_in_the_staff_segment(model):
    session = [{"full_path": "https://www.odisee.be/nl/personeelsplatform/paswoord",
                "page_title": "Paswoord vergeten"},
               {"clicked_text": "Toegang krijgen"}]
    result = model.assign(session)
    assert (result.segment, result.persona, result.content) == (1, "staff", "Staff login")
    assert set(result.keywords) == {"paswoord", "personeelsplatform", "toegang"}


def test_assignment_follows_the_events_as_they_arrive(model):
    so_far = [{"full_path": "https://www.odisee.be/nl", "page_title": "Odisee"}]
    assert model.assign(so_far).segment is None  # nothing known yet: default block
    so_far.append({"page_title": "Infodag en studieprogramma"})
    assert model.assign(so_far).persona == "prospective student"


def test_regional_content_and_default(model):
    student = [{"page_title": "infodag"}]
    assert model.assign(student, region="Oost-Vlaanderen").content == "Infodag Gent and Aalst"
    assert model.assign(student, region="Limburg").content == "Register now"
    assert model.assign([]).content == "Welcome"
    assert model.assign([{"page_title": "onbekend woord"}]).persona == "unknown"


def test_assign_accepts_a_dataframe_and_keeps_only_top_n_words(model):
    frame = pd.DataFrame({"page_title": ["werk werk opleiding", "paswoord"]})
    assert model.assign(frame).persona == "lateral entrant"
    narrow = text.SegmentModel(**{**model.__dict__, "top_n": 1})
    _, used = narrow.vector(frame)
    assert used == ("werk",)


def test_json_round_trip_keeps_every_answer(model):
    again = text.SegmentModel.from_json(model.to_json())
    sessions = [[{"page_title": "infodag"}], [{"clicked_text": "Paswoord toegang"}],
                [{"full_path": "https://x.be/nl/opleiding-naast-je-werk"}], []]
    for session in sessions:
        for region in (None, "Oost-Vlaanderen"):
            assert again.assign(session, region) == model.assign(session, region)
    assert again.stop_words == model.stop_words and again.top_n == model.top_n


def test_assign_is_the_kmeans_rule_on_training_sessions():
    rng = np.random.default_rng(1)
    words = ["opleiding", "werk", "infodag", "paswoord", "toegang", "stage", "campus"]
    rows = [(i, None, " ".join(rng.choice(words, size=rng.integers(1, 5))), None)
            for i in range(120)]
    ev = events(rows)
    km = text.keyword_matrix(ev, min_sessions=1)
    kmeans = KMeans(4, n_init=10, random_state=0).fit(km.matrix)
    labels = pd.Series(kmeans.labels_, index=km.sessions)
    model = text.SegmentModel.fit(km, labels, {s: f"p{s}" for s in range(4)}, {})
    assigned = [model.assign(ev[ev["session"] == s]).segment for s in km.sessions]
    assert assigned == kmeans.predict(km.matrix).tolist()


@pytest.mark.parametrize("sentence, words", [
    ("Le cœur de ma sœur", ["coeur", "soeur"]), ("Une œuvre d'art", ["une", "oeuvre", "art"]),
    ("Straße und Maß", ["strasse", "und", "mass"]),
    ("Ærøskøbing smørrebrød", ["aeroskobing", "smorrebrod"]),
    ("Łódź Wrocław", ["lodz", "wroclaw"]), ("Dıyarbakır", ["diyarbakir"]),
    ("Москва и Київ", ["москва", "киів"]),
])
def test_words_with_letters_beyond_accents_stay_whole(sentence, words):
    assert text.tokenize(sentence, stop_words=()) == words


def test_url_text_decodes_percent_escapes_and_keeps_words_whole():
    url = "https://example.be/fr/c%C5%93ur/%C5%93uvre?titre=S%C5%93ur+Stra%C3%9Fe"
    assert text.url_text(url) == "fr coeur oeuvre soeur strasse"
