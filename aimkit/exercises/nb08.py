"""Exercises of notebook 08 (legal and responsible AI): AI Act risk, k-anonymity, a register.

Used in: the checks of notebook 08, through ``exercises.check("08.n", answer, ...)``.
"""

import pandas as pd

from aimkit.exercises import Example, Exercise, Wrong
from aimkit.exercises.answers import MAPPING, NUMBER, mapping, number

RISK = {"a": "minimal", "b": "limited", "c": "unacceptable", "d": "minimal"}

RISK_LEVELS = Exercise(
    id="08.1",
    judge=mapping(RISK, {("a", "high"): "lead_scoring_is_minimal",
                         ("b", "minimal"): "chatbot_is_limited",
                         ("c", "high"): "manipulation_is_unacceptable"},
                    allowed=["unacceptable", "high", "limited", "minimal"]),
    hints=(
        {"en": "Use the e-book's examples of each level, not how 'AI-like' an application "
               "sounds.",
         "nl": "Gebruik de voorbeelden van het e-book voor elk niveau, niet hoe 'AI-achtig' een "
               "toepassing klinkt."},
        {"en": "A system that talks with people must say it is a machine: that is the "
               "transparency duty of limited risk.",
         "nl": "Een systeem dat met mensen praat, moet zeggen dat het een machine is: dat is de "
               "transparantieplicht van beperkt risico."},
        {"en": "Predictive marketing tools and smart kitchen appliances are the e-book's "
               "minimal-risk examples; exploiting the vulnerability of minors is forbidden.",
         "nl": "Voorspellende marketingtools en slimme keukentoestellen zijn de voorbeelden van "
               "minimaal risico in het e-book; de kwetsbaarheid van minderjarigen uitbuiten is "
               "verboden."},
    ),
    feedback={
        **MAPPING,
        "lead_scoring_is_minimal": {
            "en": "lead scoring in 'a' is the e-book's own example of minimal risk: it decides "
                  "whom marketing approaches, not someone's access to credit, a job or "
                  "education.",
            "nl": "lead scoring in 'a' is het eigen voorbeeld van het e-book voor minimaal "
                  "risico: het bepaalt wie marketing benadert, niet iemands toegang tot krediet, "
                  "werk of onderwijs."},
        "chatbot_is_limited": {
            "en": "the chatbot in 'b' talks with people, so they must know it is a machine: "
                  "limited risk, with a transparency duty.",
            "nl": "de chatbot in 'b' praat met mensen, dus die moeten weten dat het een machine "
                  "is: beperkt risico, met een transparantieplicht."},
        "manipulation_is_unacceptable": {
            "en": "'c' exploits the vulnerability of minors to change their behaviour in a "
                  "harmful way: that is forbidden outright, not merely high risk.",
            "nl": "'c' buit de kwetsbaarheid van minderjarigen uit om hun gedrag schadelijk te "
                  "sturen: dat is verboden, niet alleen hoog risico."},
    },
    examples=(Example(RISK), Example({**RISK, "a": "high"}, "lead_scoring_is_minimal"),
              Example({**RISK, "b": "minimal"}, "chatbot_is_limited"),
              Example({**RISK, "c": "high"}, "manipulation_is_unacceptable"),
              Example({**RISK, "d": "limited"}, "some_wrong"),
              Example(["minimal", "limited"], "not_a_mapping")),
)

KEYS = ["province", "gender"]
"""The aggregate of exercise 08.2."""


def _sizes(coarse: pd.DataFrame) -> pd.Series:
    return coarse.groupby(KEYS).size()


def _example_visitors() -> dict:
    provinces = ["Antwerp"] * 115 + ["Limburg"] * 70 + ["Namur"] * 38
    genders = ["F"] * 60 + ["M"] * 55 + ["F"] * 70 + ["F"] * 30 + ["M"] * 8
    return {"coarse": pd.DataFrame({"province": provinces, "gender": genders})}


SMALL_GROUPS = Exercise(
    id="08.2",
    judge=number(lambda coarse: int((_sizes(coarse) < 50).sum()), mistakes={
        "visitors": lambda right, coarse: int(_sizes(coarse)[_sizes(coarse) < 50].sum()),
        "k_ten": lambda right, coarse: int((_sizes(coarse) < 10).sum()),
        "large_groups": lambda right, coarse: int((_sizes(coarse) >= 50).sum())}),
    context=("coarse",),
    hints=(
        {"en": "Group `coarse` by province and gender and count the visitors per group.",
         "nl": "Groepeer `coarse` per provincie en geslacht en tel de bezoekers per groep."},
        {"en": "small_groups(coarse, ['province', 'gender'], k=50) returns the sizes and the "
               "groups below k.",
         "nl": "small_groups(coarse, ['province', 'gender'], k=50) geeft de groottes en de "
               "groepen onder k."},
        {"en": "The answer is the number of groups below 50, not the number of visitors in "
               "them: len(small_groups(...)[1]).",
         "nl": "Het antwoord is het aantal groepen onder 50, niet het aantal bezoekers erin: "
               "len(small_groups(...)[1])."},
    ),
    feedback={
        **NUMBER,
        "visitors": {
            "en": "{answer:,.0f} is the number of *visitors* in the small groups; the question "
                  "asks how many groups.",
            "nl": "{answer:,.0f} is het aantal *bezoekers* in de kleine groepen; de vraag is "
                  "hoeveel groepen."},
        "k_ten": {
            "en": "{answer:,.0f} groups are below the notebook's k = 10; this question sets "
                  "k = 50.",
            "nl": "{answer:,.0f} groepen liggen onder de k = 10 van de notebook; deze vraag "
                  "gebruikt k = 50."},
        "large_groups": {
            "en": "{answer:,.0f} groups have 50 or more visitors; count the ones *below* 50.",
            "nl": "{answer:,.0f} groepen hebben 50 of meer bezoekers; tel die *onder* 50."},
    },
    examples=(Example(2, context=_example_visitors),
              Example(38, "visitors", _example_visitors),
              Example(1, "k_ten", _example_visitors),
              Example(3, "large_groups", _example_visitors),
              Example(4, "off", _example_visitors)),
)

SIGNED = "standard contractual clauses"


def _fixed(register: pd.DataFrame) -> pd.DataFrame:
    fixed = register.copy()
    fixed.loc[fixed["activity"] == "web analytics", "safeguards"] = SIGNED
    return fixed


def _same_table(answer: pd.DataFrame, expected: pd.DataFrame) -> bool:
    return list(answer.columns) == list(expected.columns) and \
        answer.reset_index(drop=True).equals(expected.reset_index(drop=True))


def _fixed_register(answer, register, register_problems):
    if not isinstance(answer, pd.DataFrame):
        return Wrong("not_a_table", {"got": type(answer).__name__})
    if "safeguards" in answer.columns:
        return Wrong("register")
    if _same_table(answer, register_problems(register)):
        return Wrong("unchanged")
    if _same_table(answer, register_problems(_fixed(register))):
        return None
    return Wrong("other_table", {"rows": len(answer)})


def _example_register() -> dict:
    register = pd.DataFrame({"activity": ["newsletter", "web analytics"],
                             "outside_eu": [True, True], "safeguards": [SIGNED, ""],
                             "retention_months": [24, None]})

    def register_problems(register):
        found = [(a, "export outside the EU without safeguards") for a in
                 register.loc[register["outside_eu"] & register["safeguards"].eq(""), "activity"]]
        found += [(a, "no retention period") for a in
                  register.loc[register["retention_months"].isna(), "activity"]]
        return pd.DataFrame(found, columns=["activity", "problem"])

    return {"register": register, "register_problems": register_problems}


def _example_tables(which: str) -> pd.DataFrame:
    """The stand-in's problems table ("fixed" or "unchanged"), or its fixed register."""
    data = _example_register()
    fixed = _fixed(data["register"])
    return {"fixed": data["register_problems"](fixed), "register": fixed,
            "unchanged": data["register_problems"](data["register"])}[which]


FIXED_REGISTER = Exercise(
    id="08.3",
    judge=_fixed_register,
    context=("register", "register_problems"),
    hints=(
        {"en": "Do not edit `register` itself: copy it, change the copy, and run "
               "register_problems on the copy.",
         "nl": "Pas `register` zelf niet aan: kopieer het, wijzig de kopie en voer "
               "register_problems uit op de kopie."},
        {"en": "Select the row with .loc[fixed['activity'] == 'web analytics', 'safeguards'] "
               "and assign the text.",
         "nl": "Selecteer de rij met .loc[fixed['activity'] == 'web analytics', 'safeguards'] "
               "en ken de tekst toe."},
        {"en": "answer = register_problems(fixed): the problems table, one problem fewer.",
         "nl": "answer = register_problems(fixed): de probleemtabel, met één probleem minder."},
    ),
    feedback={
        "not_a_table": {
            "en": "the answer is a {got}; store the table register_problems returns.",
            "nl": "het antwoord is een {got}; bewaar de tabel die register_problems "
                  "teruggeeft."},
        "register": {
            "en": "this is the register itself; the question asks for the problems that "
                  "register_problems finds in it.",
            "nl": "dit is het register zelf; de vraag is de problemen die register_problems "
                  "erin vindt."},
        "unchanged": {
            "en": "this is the problems table of the register as it was: the web analytics "
                  "row still has no safeguards. Did you change a copy and check that copy?",
            "nl": "dit is de probleemtabel van het register zoals het was: de rij web "
                  "analytics heeft nog geen waarborgen. Heb je een kopie gewijzigd en die "
                  "kopie gecontroleerd?"},
        "other_table": {
            "en": "a table of {rows} rows, but not the problems of the fixed register; set "
                  "only 'safeguards' on the web analytics row.",
            "nl": "een tabel van {rows} rijen, maar niet de problemen van het verbeterde "
                  "register; zet alleen 'safeguards' op de rij web analytics."},
    },
    examples=(Example(_example_tables("fixed"), context=_example_register),
              Example(_example_tables("unchanged"), "unchanged", _example_register),
              Example(_example_tables("register"), "register", _example_register),
              Example(_example_tables("fixed").head(0), "other_table", _example_register),
              Example(1, "not_a_table", _example_register)),
)

EXERCISES = (RISK_LEVELS, SMALL_GROUPS, FIXED_REGISTER)
