"""Exercises of notebook 04 (data maturity and quality): kinds of data, rows, stage, addresses.

Used in: the checks of notebook 04, through ``exercises.check("04.n", answer, ...)``.
"""

import pandas as pd

from aimkit import maturity
from aimkit.exercises import Example, Exercise
from aimkit.exercises.answers import MAPPING, NUMBER, mapping, number

PARTIES = {"a": "zero-party", "b": "first-party", "c": "second-party", "d": "third-party",
           "e": "first-party"}

KINDS_OF_DATA = Exercise(
    id="04.1",
    judge=mapping(PARTIES, {("e", "third-party"): "own_site_is_first",
                            ("c", "third-party"): "partner_is_second",
                            ("a", "first-party"): "shared_is_zero"}),
    hints=(
        {"en": "Ask who collected the data and how: the customer on purpose, you, a partner, "
               "or someone you buy from.",
         "nl": "Vraag je af wie de data verzamelde en hoe: de klant bewust, jijzelf, een "
               "partner, of iemand bij wie je koopt."},
        {"en": "Data about *your* customers on *your* website is first-party, whatever tool "
               "measures it.",
         "nl": "Data over *jouw* klanten op *jouw* website is first-party, welke tool het ook "
               "meet."},
        {"en": "Shared proactively by the customer → zero; collected by you → first; a "
               "partner's own data → second; bought → third.",
         "nl": "Bewust gedeeld door de klant → zero; door jou verzameld → first; de eigen data "
               "van een partner → second; gekocht → third."},
    ),
    feedback={
        **MAPPING,
        "own_site_is_first": {
            "en": "'e' is measured by Google's tool, but on your own website about your own "
                  "visitors: first-party.",
            "nl": "'e' wordt gemeten met een tool van Google, maar op je eigen website over je "
                  "eigen bezoekers: first-party."},
        "partner_is_second": {
            "en": "'c' comes straight from a partner who collected it from its own customers: "
                  "second-party. Third-party is bought from a party that gathers data from many "
                  "sources.",
            "nl": "'c' komt rechtstreeks van een partner die ze bij zijn eigen klanten "
                  "verzamelde: second-party. Third-party koop je bij een partij die data uit "
                  "veel bronnen samenbrengt."},
        "shared_is_zero": {
            "en": "in 'a' the customer saved her sizes herself, on purpose: zero-party, not "
                  "data you observed.",
            "nl": "in 'a' bewaarde de klant haar maten zelf, bewust: zero-party, geen data die "
                  "jij observeerde."},
    },
    examples=(Example(PARTIES), Example({**PARTIES, "e": "third-party"}, "own_site_is_first"),
              Example({**PARTIES, "c": "third-party"}, "partner_is_second"),
              Example({**PARTIES, "a": "first-party"}, "shared_is_zero"),
              Example({**PARTIES, "b": "zero-party", "d": "second-party"}, "some_wrong"),
              Example({**PARTIES, "e": "own"}, "unknown_value")),
)


def _validity(found: pd.DataFrame) -> pd.DataFrame:
    return found[found["dimension"] == "validity"]


def _example_found() -> dict:
    return {"found": pd.DataFrame({
        "dimension": ["validity", "validity", "validity", "completeness", "accuracy"],
        "row": [2, 2, 5, 3, 7]})}


INVALID_ROWS = Exercise(
    id="04.2",
    judge=number(lambda found: _validity(found)["row"].nunique(), mistakes={
        "problems": lambda right, found: len(_validity(found)),
        "all_dimensions": lambda right, found: found["row"].nunique()}),
    context=("found",),
    hints=(
        {"en": "Each check has a `dimension`; keep only the checks whose dimension is "
               "'validity'.",
         "nl": "Elke controle heeft een `dimension`; hou alleen de controles met dimensie "
               "'validity' over."},
        {"en": "quality.report gives one line per problem; one row of `example` can have "
               "several problems.",
         "nl": "quality.report geeft één lijn per probleem; één rij van `example` kan meerdere "
               "problemen hebben."},
        {"en": "Count the distinct values of the report's 'row' column: .nunique().",
         "nl": "Tel de verschillende waarden van de kolom 'row' van het rapport: .nunique()."},
    ),
    feedback={
        **NUMBER,
        "problems": {
            "en": "{answer:,.0f} counts the validity *problems*; some rows have more than one. "
                  "Count the distinct rows.",
            "nl": "{answer:,.0f} telt de *problemen* met geldigheid; sommige rijen hebben er "
                  "meer dan één. Tel de verschillende rijen."},
        "all_dimensions": {
            "en": "{answer:,.0f} counts the rows with any problem; keep only the validity "
                  "checks.",
            "nl": "{answer:,.0f} telt de rijen met om het even welk probleem; hou alleen de "
                  "controles op geldigheid over."},
    },
    examples=(Example(2, context=_example_found), Example(3, "problems", _example_found),
              Example(4, "all_dimensions", _example_found),
              Example(2.5, "off", _example_found)),
)

IMPROVEMENTS = {"culture_roles": 3, "storage_integration": 3, "quality_checks": 3}
"""What the garden centre of exercise 04.3 improves."""


def _improved(garden_centre) -> maturity.Assessment:
    return maturity.assess(garden_centre | IMPROVEMENTS)


def _example_garden_centre() -> dict:
    return {"garden_centre": {
        "strategy_objectives": 2, "strategy_audience": 2, "culture_mindset": 2,
        "culture_roles": 1, "collection_sources": 2, "collection_structure": 2,
        "quality_checks": 1, "quality_duplicates": 2, "storage_integration": 2,
        "storage_location": 3, "analytics_level": 2, "analytics_tools": 1,
        "privacy_register": 2, "privacy_transparency": 2, "personalisation_practice": 2,
        "personalisation_testing": 1}}


NEW_STAGE = Exercise(
    id="04.3",
    judge=number(lambda garden_centre: _improved(garden_centre).stage.number, mistakes={
        "score": lambda right, garden_centre: _improved(garden_centre).overall,
        "next_stage": lambda right, garden_centre: right + 1}),
    context=("garden_centre",),
    hints=(
        {"en": "Copy the answers with the three improvements: garden_centre | {{...}}.",
         "nl": "Kopieer de antwoorden met de drie verbeteringen: garden_centre | {{...}}."},
        {"en": "maturity.assess(...) returns an assessment with an overall score and a stage; "
               "the stage follows the overall score.",
         "nl": "maturity.assess(...) geeft een beoordeling met een totaalscore en een fase; de "
               "fase volgt uit de totaalscore."},
        {"en": "maturity.assess(improved).stage.number, and compare .overall with where the "
               "next stage starts.",
         "nl": "maturity.assess(improved).stage.number, en vergelijk .overall met waar de "
               "volgende fase begint."},
    ),
    feedback={
        **NUMBER,
        "score": {
            "en": "{answer:.3f} is the overall score; the question asks for the stage number "
                  "(.stage.number).",
            "nl": "{answer:.3f} is de totaalscore; de vraag is het nummer van de fase "
                  "(.stage.number)."},
        "next_stage": {
            "en": "three questions up is real progress, but the overall score averages all "
                  "eight dimensions: compute it before you promise stage {answer:.0f}.",
            "nl": "drie vragen hoger is echte vooruitgang, maar de totaalscore is het "
                  "gemiddelde van alle acht dimensies: bereken hem vóór je fase {answer:.0f} "
                  "belooft."},
    },
    examples=(Example(2, context=_example_garden_centre),
              Example(2.125, "score", _example_garden_centre),
              Example(3, "next_stage", _example_garden_centre),
              Example(5, "off", _example_garden_centre)),
)


def _first_year_below_half(still_valid, move_rate=0.25) -> int:
    return int((still_valid(move_rate, years=10) < 0.5).idxmax())


def _example_decay() -> dict:
    def still_valid(move_rate, years=5):
        return pd.Series([(1 - move_rate) ** n for n in range(years + 1)])
    return {"still_valid": still_valid}


STALE_ADDRESSES = Exercise(
    id="04.4",
    judge=number(lambda still_valid: _first_year_below_half(still_valid), mistakes={
        "last_above": lambda right, still_valid: right - 1,
        "share": lambda right, still_valid: still_valid(0.25, years=10)[right],
        "all_households": lambda right, still_valid: _first_year_below_half(still_valid, 0.10)}),
    context=("still_valid",),
    hints=(
        {"en": "still_valid(0.25, years=10) gives the share of correct addresses after each "
               "year (index 0 = today).",
         "nl": "still_valid(0.25, years=10) geeft het aandeel juiste adressen na elk jaar "
               "(index 0 = vandaag)."},
        {"en": "Compare the shares with 0.5: the first year where it is True is the answer.",
         "nl": "Vergelijk de aandelen met 0.5: het eerste jaar waar dat True is, is het "
               "antwoord."},
        {"en": "(still_valid(0.25, years=10) < 0.5).idxmax() gives the first True index.",
         "nl": "(still_valid(0.25, years=10) < 0.5).idxmax() geeft de eerste index met True."},
    ),
    feedback={
        **NUMBER,
        "last_above": {
            "en": "after {answer:.0f} year(s) more than half is still correct; the question "
                  "asks when *less* than half is.",
            "nl": "na {answer:.0f} jaar is nog meer dan de helft juist; de vraag is wanneer "
                  "*minder* dan de helft juist is."},
        "share": {
            "en": "{answer:.3f} is the share still correct; the question asks after how many "
                  "years.",
            "nl": "{answer:.3f} is het aandeel dat nog juist is; de vraag is na hoeveel jaar."},
        "all_households": {
            "en": "{answer:.0f} years holds for all households (10 % move a year); young "
                  "families move at 25 %.",
            "nl": "{answer:.0f} jaar geldt voor alle huishoudens (10 % verhuist per jaar); "
                  "jonge gezinnen verhuizen aan 25 %."},
    },
    examples=(Example(3, context=_example_decay), Example(2, "last_above", _example_decay),
              Example(0.75 ** 3, "share", _example_decay),
              Example(7, "all_households", _example_decay),
              Example(10, "off", _example_decay)),
)

EXERCISES = (KINDS_OF_DATA, INVALID_ROWS, NEW_STAGE, STALE_ADDRESSES)
