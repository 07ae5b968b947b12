"""Exercises of notebook 15 (Odisee): the staff share, a new visitor, IDF, pages, the fourth group.

Used in: the checks of notebook 15, through ``exercises.check("15.n", answer, ...)``.
"""

from types import SimpleNamespace

import pandas as pd

from aimkit import text
from aimkit.exercises import Example, Exercise, Wrong
from aimkit.exercises.answers import CHOICE, NUMBER, RUBRIC_REMINDER, choice, measured, number

STAFF = "staff"
LATERAL = "lateral entrant"


def _example_summary() -> dict:
    """Four segments with their share of the sessions and the persona they map to."""
    return {"summary": pd.DataFrame({
        "sessions": [500, 300, 150, 50], "share": [0.5, 0.3, 0.15, 0.05],
        "cohesion": [0.5, 0.6, 0.55, 0.2],
        "persona": [LATERAL, STAFF, "prospective student", "no persona"]})}


def _staff(summary: pd.DataFrame) -> pd.Series:
    return summary.loc[summary["persona"] == STAFF].iloc[0]


STAFF_SHARE = Exercise(
    id="15.1",
    judge=number(lambda summary: float(_staff(summary)["share"]), mistakes={
        "percent": lambda right, summary: 100 * right,
        "sessions": lambda right, summary: _staff(summary)["sessions"],
        "largest": lambda right, summary: summary["share"].max()}),
    context=("summary",),
    hints=(
        {"en": "`summary` has one row per segment; the persona column says which one is staff.",
         "nl": "`summary` heeft één rij per segment; de kolom persona zegt welk segment het "
               "personeel is."},
        {"en": "Select the row whose persona is 'staff' and read its share (not its sessions).",
         "nl": "Selecteer de rij met persona 'staff' en lees het aandeel (niet het aantal "
               "sessies)."},
        {"en": "summary.loc[summary['persona'] == 'staff', 'share'].iloc[0]",
         "nl": "summary.loc[summary['persona'] == 'staff', 'share'].iloc[0]"},
    ),
    feedback={
        **NUMBER,
        "sessions": {
            "en": "{answer:,.0f} is the number of staff sessions; the question asks for their "
                  "share, between 0 and 1.",
            "nl": "{answer:,.0f} is het aantal sessies van het personeel; de vraag is hun "
                  "aandeel, tussen 0 en 1."},
        "largest": {
            "en": "{answer:.3f} is the share of the largest segment (segment 0); pick the row "
                  "whose persona is staff.",
            "nl": "{answer:.3f} is het aandeel van het grootste segment (segment 0); kies de "
                  "rij met persona staff."},
    },
    examples=(Example(0.3, context=_example_summary),
              Example(30.0, "percent", _example_summary),
              Example(300, "sessions", _example_summary),
              Example(0.5, "largest", _example_summary),
              Example(pd.Series([0.3]), "many_numbers", _example_summary),
              Example(0.15, "off", _example_summary)),
)

VISIT = {"full_path": "https://www.odisee.be/nl/opleiding-naast-je-werk/vrijstellingen",
         "page_title": "Vrijstellingen | Opleiding naast je werk"}
"""The page the new visitor of exercise 15.2 opens."""


def _persona(answer, model) -> Wrong | None:
    """Judge the persona the model gives ``VISIT``: a text, not the segment or the block."""
    found = model.assign([VISIT])
    if answer == found.persona:
        return None
    if answer == found.content:
        return Wrong("content")
    if isinstance(answer, int) and not isinstance(answer, bool) and answer == found.segment:
        return Wrong("segment", {"answer": answer})
    if not isinstance(answer, str):
        return Wrong("not_text", {"got": type(answer).__name__})
    return Wrong("other_persona", {"answer": answer})


def _example_model() -> dict:
    """A stand-in for the segment model: every visit lands in segment 1, the lateral entrants."""
    found = SimpleNamespace(segment=1, persona=LATERAL, content="Study next to your job")
    return {"model": SimpleNamespace(assign=lambda events, region=None: found)}


NEW_VISITOR = Exercise(
    id="15.2",
    judge=_persona,
    context=("model",),
    hints=(
        {"en": "The segment model reads a list of events, as the website would after one page "
               "load.",
         "nl": "Het segmentmodel leest een lijst gebeurtenissen, zoals de website na één "
               "paginaweergave."},
        {"en": "One event is a dict with full_path and page_title; model.assign([...]) returns "
               "an assignment with .segment, .persona and .content.",
         "nl": "Eén gebeurtenis is een dict met full_path en page_title; model.assign([...]) "
               "geeft een toewijzing met .segment, .persona en .content."},
        {"en": "model.assign([{'full_path': ..., 'page_title': ...}]).persona",
         "nl": "model.assign([{'full_path': ..., 'page_title': ...}]).persona"},
    ),
    feedback={
        "not_text": {
            "en": "the answer is a {got}; this exercise asks for the persona, a text such as "
                  "'staff'.",
            "nl": "het antwoord is een {got}; deze oefening vraagt de persona, een tekst zoals "
                  "'staff'."},
        "segment": {
            "en": "{answer} is the segment number; the question asks for its persona "
                  "(.persona).",
            "nl": "{answer} is het segmentnummer; de vraag is de persona ervan (.persona)."},
        "content": {
            "en": "this is the content block the visitor sees; the question asks for the "
                  "persona (.persona).",
            "nl": "dit is het inhoudsblok dat de bezoeker ziet; de vraag is de persona "
                  "(.persona)."},
        "other_persona": {
            "en": "{answer!r} is not the persona the model gives this visit. Did you pass both "
                  "the path and the title, in a list?",
            "nl": "{answer!r} is niet de persona die het model aan dit bezoek geeft. Gaf je "
                  "zowel het pad als de titel mee, in een lijst?"},
    },
    examples=(Example(LATERAL, context=_example_model),
              Example(1, "segment", _example_model),
              Example("Study next to your job", "content", _example_model),
              Example(["lateral entrant"], "not_text", _example_model),
              Example(STAFF, "other_persona", _example_model)),
)


def _lateral_with_idf(readable, STOP_WORDS, SIGNATURES, SEED, personas):  # noqa: N803
    km = text.keyword_matrix(readable, session="session", stop_words=STOP_WORDS, idf=True)
    labels = text.cluster_sessions(km, k=4, seed=SEED)
    mapped = text.map_personas(text.top_words(km, labels, n=10), SIGNATURES)
    return int((mapped == LATERAL).sum()), {"without_idf": int((personas == LATERAL).sum()),
                                            "share": (mapped == LATERAL).mean()}


def _example_sessions() -> dict:
    """Forty one-page sessions on four sections of the site, and the mapping without IDF."""
    pages = [("opleiding-naast-je-werk/traject", "Traject op maat | Opleiding naast je werk"),
             ("opleiding-naast-je-werk/vrijstellingen", "Vrijstellingen | Opleiding naast je werk"),
             ("personeelsplatform/paswoord", "Paswoord | Personeelsplatform medewerker"),
             ("infodagen", "Infodag | Kies je studieprogramma")]
    rows = [{"session": 10 * p + i, "full_path": f"https://www.odisee.be/nl/{path}",
             "page_title": title} for p, (path, title) in enumerate(pages) for i in range(10)]
    signatures = {LATERAL: ["opleiding", "werk", "traject"],
                  STAFF: ["personeelsplatform", "paswoord"],
                  "prospective student": ["infodag", "studieprogramma"]}
    return {"readable": pd.DataFrame(rows), "STOP_WORDS": text.STOP_WORDS,
            "SIGNATURES": signatures, "SEED": 0,
            "personas": pd.Series([LATERAL, STAFF, "prospective student", "no persona"])}


_WITH_IDF, _WITH_IDF_MISTAKES = _lateral_with_idf(**_example_sessions())

IDF_SEGMENTS = Exercise(
    id="15.3",
    judge=measured(_lateral_with_idf),
    context=("readable", "STOP_WORDS", "SIGNATURES", "SEED", "personas"),
    hints=(
        {"en": "Three steps, as in the notebook: the matrix (now with idf=True), the segments "
               "(k=4, seed=SEED), the persona check.",
         "nl": "Drie stappen, zoals in het notebook: de matrix (nu met idf=True), de segmenten "
               "(k=4, seed=SEED), de personacontrole."},
        {"en": "text.map_personas(text.top_words(km_idf, labels_idf, n=10), SIGNATURES) gives "
               "one persona per segment.",
         "nl": "text.map_personas(text.top_words(km_idf, labels_idf, n=10), SIGNATURES) geeft "
               "één persona per segment."},
        {"en": "Count the segments whose persona is 'lateral entrant': "
               "int((personas_idf == 'lateral entrant').sum())",
         "nl": "Tel de segmenten met persona 'lateral entrant': "
               "int((personas_idf == 'lateral entrant').sum())"},
    ),
    feedback={
        **NUMBER,
        "without_idf": {
            "en": "{answer:.0f} is the count of the mapping without IDF (`personas`); rebuild "
                  "the matrix with idf=True and map again.",
            "nl": "{answer:.0f} is het aantal bij de indeling zonder IDF (`personas`); bouw de "
                  "matrix opnieuw met idf=True en deel opnieuw in."},
        "share": {
            "en": "{answer:.2f} is a share of the segments; the question asks how many.",
            "nl": "{answer:.2f} is een aandeel van de segmenten; de vraag is hoeveel."},
    },
    examples=(Example(_WITH_IDF, context=_example_sessions),
              Example(_WITH_IDF_MISTAKES["without_idf"], "without_idf", _example_sessions),
              Example(_WITH_IDF_MISTAKES["share"], "share", _example_sessions),
              Example("2", "not_a_number", _example_sessions),
              Example(7, "off", _example_sessions)),
)


def _staff_count(found: pd.DataFrame) -> int:
    return int((found["persona"] == STAFF).sum())


def _example_found() -> dict:
    """Segments found without personas (staff twice) and with them (staff once)."""
    return {"flat_found": pd.DataFrame({"persona": [STAFF, LATERAL, STAFF, LATERAL]}),
            "this_found": pd.DataFrame({"persona": [LATERAL, STAFF, "prospective student",
                                                    "no persona"]})}


STAFF_WITHOUT_PERSONAS = Exercise(
    id="15.4",
    judge=number(lambda flat_found, this_found: _staff_count(flat_found), mistakes={
        "this_data": lambda right, flat_found, this_found: _staff_count(this_found),
        "share": lambda right, flat_found, this_found: right / len(flat_found)}),
    context=("flat_found", "this_found"),
    hints=(
        {"en": "`flat_found` holds the four segments of seed 7 without personas, one row each, "
               "with the persona the check gave them.",
         "nl": "`flat_found` bevat de vier segmenten van seed 7 zonder persona's, één rij per "
               "segment, met de persona die de controle gaf."},
        {"en": "Compare its persona column with 'staff' and count the True values.",
         "nl": "Vergelijk de kolom persona met 'staff' en tel de True-waarden."},
        {"en": "int((flat_found['persona'] == 'staff').sum())",
         "nl": "int((flat_found['persona'] == 'staff').sum())"},
    ),
    feedback={
        **NUMBER,
        "this_data": {
            "en": "{answer:.0f} is the count on this data (with personas); the question is "
                  "about flat_found, without personas.",
            "nl": "{answer:.0f} is het aantal op deze data (met persona's); de vraag gaat over "
                  "flat_found, zonder persona's."},
        "share": {
            "en": "{answer:.2f} is a share of the segments; the question asks how many.",
            "nl": "{answer:.2f} is een aandeel van de segmenten; de vraag is hoeveel."},
    },
    examples=(Example(2, context=_example_found),
              Example(1, "this_data", _example_found),
              Example(0.5, "share", _example_found),
              Example(3, "off", _example_found)),
)


def _fourth_group_facts(summary: pd.DataFrame, sections: pd.Series) -> dict:
    """The figures the feedback cites: the unmapped group's size, cohesion and sections."""
    group = summary[summary["persona"] == "no persona"].iloc[0]
    others = summary[summary["persona"] != "no persona"]
    return {"share": 100 * group["share"], "cohesion": group["cohesion"],
            "others": others["cohesion"].min(), "sections": len(sections),
            "top": 100 * sections.iloc[0]}


def _example_fourth_group() -> dict:
    return {**_example_summary(),
            "sections": pd.Series([0.3, 0.25, 0.2, 0.15, 0.1],
                                  index=["exchange", "scholen", "bedrijven", "vacatures",
                                         "onderzoek"])}


FOURTH_GROUP = Exercise(
    id="15.5",
    judge=choice("B", "ABC", facts=_fourth_group_facts),
    context=("summary", "sections"),
    hints=(
        {"en": "Look at the fourth group's size and cohesion in `summary`, next to the others.",
         "nl": "Bekijk de omvang en de cohesie van de vierde groep in `summary`, naast die van "
               "de andere."},
        {"en": "`sections` shows where its sessions start: how many audiences, and how large "
               "is the biggest?",
         "nl": "`sections` toont waar de sessies beginnen: hoeveel doelgroepen, en hoe groot "
               "is de grootste?"},
        {"en": "A content block speaks to one audience. Which option waits until one audience "
               "is large enough, and keeps watching?",
         "nl": "Een inhoudsblok spreekt één doelgroep aan. Welke optie wacht tot één doelgroep "
               "groot genoeg is, en blijft opvolgen?"},
    ),
    feedback={
        **CHOICE,
        "choice_A": {
            "en": "the group holds {share:.0f} % of the sessions and its cohesion is "
                  "{cohesion:.2f} (the persona segments: at least {others:.2f}); its sessions "
                  "start in {sections} sections, the largest only {top:.0f} %. One block would "
                  "speak to nobody in particular.",
            "nl": "de groep telt {share:.0f} % van de sessies en haar cohesie is {cohesion:.2f} "
                  "(de persona-segmenten: minstens {others:.2f}); haar sessies beginnen in "
                  "{sections} secties, de grootste maar {top:.0f} %. Eén blok spreekt niemand "
                  "in het bijzonder aan."},
        "choice_C": {
            "en": "{sections} blocks for {share:.0f} % of the sessions: each audience is a few "
                  "percent of the visitors, too small to write, maintain and measure a block "
                  "for (a holdout needs enough visitors per block).",
            "nl": "{sections} blokken voor {share:.0f} % van de sessies: elke doelgroep is "
                  "enkele procenten van de bezoekers, te klein om een blok voor te schrijven, "
                  "te onderhouden en te meten (een holdout vraagt genoeg bezoekers per blok)."},
    },
    after_correct=RUBRIC_REMINDER,
    examples=(
        Example({"choice": "B", "why": "Five small audiences, none above half of a small and "
                                       "loose group: keep the general page and rerun the "
                                       "segments next season."}, context=_example_fourth_group),
        Example({"choice": "A", "why": "Every group deserves a block."}, "choice_A",
                _example_fourth_group),
        Example({"choice": "C", "why": "Five audiences, five blocks."}, "choice_C",
                _example_fourth_group),
        Example({"choice": "B", "why": "too small"}, "memo_short", _example_fourth_group),
        Example({"choice": "D", "why": "?"}, "unknown_choice", _example_fourth_group),
    ),
)

EXERCISES = (STAFF_SHARE, NEW_VISITOR, IDF_SEGMENTS, STAFF_WITHOUT_PERSONAS, FOURTH_GROUP)
