"""Exercises of notebook 02 (marketing objectives): SMART, the funnel's leak, segment rules.

Used in: the checks of notebook 02, through ``exercises.check("02.n", answer)``.
"""

import pandas as pd

from aimkit.exercises import Example, Exercise, Wrong
from aimkit.exercises.answers import NUMBER, number

SMART = "SMART"


def _smart(answer):
    """The result of smart_check: a True/False per letter; the first letter that fails."""
    if isinstance(answer, str):
        return Wrong("sentence")
    if not isinstance(answer, pd.Series) or list(answer.index) != list(SMART):
        return Wrong("not_smart_check", {"got": type(answer).__name__})
    failing = [letter for letter in SMART if not bool(answer[letter])]
    return Wrong(f"no_{failing[0]}") if failing else None


def _smart_result(**letters) -> pd.Series:
    return pd.Series({letter: letters.get(letter, True) for letter in SMART})


SMART_OBJECTIVE = Exercise(
    id="02.1",
    judge=_smart,
    hints=(
        {"en": "Start from the e-book's conversion example in the table above: it scores 5/5.",
         "nl": "Vertrek van het conversievoorbeeld uit het e-book in de tabel hierboven: het "
               "scoort 5/5."},
        {"en": "Pass the evidence as keywords: smart_check(text, agreed_by=[...], "
               "baseline=1000, target=..., best_growth=0.2).",
         "nl": "Geef het bewijs mee als trefwoorden: smart_check(tekst, agreed_by=[...], "
               "baseline=1000, target=..., best_growth=0.2)."},
        {"en": "A target of 1,100 customers (+10 %) is within a best growth of 20 %; name a "
               "month and a year: 'By December 2022 ...'.",
         "nl": "Een doel van 1.100 klanten (+10 %) blijft binnen de beste groei van 20 %; noem "
               "een maand en een jaar: 'By December 2022 ...'."},
    ),
    feedback={
        "sentence": {
            "en": "the answer is the sentence itself; store what smart_check(sentence, ...) "
                  "returns, so the check can see the five letters.",
            "nl": "het antwoord is de zin zelf; bewaar wat smart_check(zin, ...) teruggeeft, "
                  "zodat de controle de vijf letters ziet."},
        "not_smart_check": {
            "en": "the answer is a {got}, not the result of smart_check (a True/False per "
                  "letter S, M, A, R, T).",
            "nl": "het antwoord is een {got}, niet het resultaat van smart_check (True/False "
                  "per letter S, M, A, R, T)."},
        "no_S": {
            "en": "S fails: name a metric the checker knows (customers, revenue, orders …) in a "
                  "sentence of at least six words.",
            "nl": "S faalt: noem een maatstaf die de checker kent (customers, revenue, orders …) "
                  "in een zin van minstens zes woorden."},
        "no_M": {
            "en": "M fails: put a number in the sentence (1,100 customers, 10 %).",
            "nl": "M faalt: zet een getal in de zin (1.100 klanten, 10 %)."},
        "no_A": {
            "en": "A fails: pass agreed_by=[...] with the people who agreed to the objective.",
            "nl": "A faalt: geef agreed_by=[...] mee met wie het doel goedkeurde."},
        "no_R": {
            "en": "R fails: the growth from baseline to target must stay within best_growth "
                  "(20 %). Pass baseline, target and best_growth, with target at most "
                  "1.2 × baseline.",
            "nl": "R faalt: de groei van baseline naar target moet binnen best_growth (20 %) "
                  "blijven. Geef baseline, target en best_growth mee, met target hoogstens "
                  "1,2 × baseline."},
        "no_T": {
            "en": "T fails: name a deadline the checker finds, a month or a year "
                  "('by December 2022').",
            "nl": "T faalt: noem een deadline die de checker vindt, een maand of een jaar "
                  "('by December 2022')."},
    },
    examples=(Example(_smart_result()), Example(_smart_result(R=False), "no_R"),
              Example(_smart_result(A=False, T=False), "no_A"),
              Example(_smart_result(S=False, M=False), "no_S"),
              Example(_smart_result(M=False), "no_M"), Example(_smart_result(T=False), "no_T"),
              Example("By December 2022 we have 1,100 customers.", "sentence"),
              Example(True, "not_smart_check")),
)


def _funnel_leak(answer, funnel):
    """The stage with the largest loss in people from the stage before."""
    if not isinstance(answer, str) or answer not in funnel.index:
        return Wrong("not_a_stage", {"stages": ", ".join(funnel.index)})
    lost = funnel.shift(1) - funnel
    right = lost.idxmax()
    if answer == right:
        return None
    if answer == (funnel / funnel.shift(1)).idxmin():
        return Wrong("share", {"answer": answer, "lost": lost[answer], "most": lost.max()})
    if funnel.index.get_loc(answer) == funnel.index.get_loc(right) - 1:
        return Wrong("stage_before", {"answer": answer})
    return Wrong("smaller_leak", {"answer": answer, "lost": lost.get(answer, 0)})


def _example_funnel() -> dict:
    return {"funnel": pd.Series([20_000, 7_000, 1_750, 700, 210], index=[
        "awareness", "consideration", "conversion", "loyalty", "advocacy"])}


FUNNEL_LEAK = Exercise(
    id="02.2",
    judge=_funnel_leak,
    context=("funnel",),
    hints=(
        {"en": "Compare the number of people in each stage with the stage before it.",
         "nl": "Vergelijk het aantal mensen in elke fase met de fase ervoor."},
        {"en": "funnel.shift(1) - funnel gives, per stage, the people who did not reach it.",
         "nl": "funnel.shift(1) - funnel geeft per fase de mensen die ze niet haalden."},
        {"en": "Take .idxmax() of that difference: the name of the stage, not the number.",
         "nl": "Neem .idxmax() van dat verschil: de naam van de fase, niet het aantal."},
    ),
    feedback={
        "not_a_stage": {
            "en": "give the name of a stage as text, one of: {stages}.",
            "nl": "geef de naam van een fase als tekst, één van: {stages}."},
        "share": {
            "en": "{answer!r} is the step with the lowest *share* of the stage before, but it "
                  "loses {lost:,.0f} people; another step loses {most:,.0f}. The question asks "
                  "absolute numbers.",
            "nl": "{answer!r} is de stap met het laagste *aandeel* van de fase ervoor, maar ze "
                  "verliest {lost:,.0f} mensen; een andere stap verliest er {most:,.0f}. De "
                  "vraag gaat over absolute aantallen."},
        "stage_before": {
            "en": "people leave {answer!r} without reaching the next stage: name the stage they "
                  "fail to reach.",
            "nl": "mensen verlaten {answer!r} zonder de volgende fase te halen: noem de fase "
                  "die ze niet halen."},
        "smaller_leak": {
            "en": "{lost:,.0f} people fail to reach {answer!r}; another step loses more.",
            "nl": "{lost:,.0f} mensen halen {answer!r} niet; een andere stap verliest er meer."},
    },
    examples=(Example("consideration", context=_example_funnel),
              Example("conversion", "share", _example_funnel),
              Example("awareness", "stage_before", _example_funnel),
              Example("advocacy", "smaller_leak", _example_funnel),
              Example(13_000, "not_a_stage", _example_funnel)),
)

SLEEPING_DAYS, EX_CUSTOMER_DAYS = 180, 3 * 365


def _sleeping(right, days_since, threshold=SLEEPING_DAYS):
    return int(((days_since > threshold) & (days_since <= EX_CUSTOMER_DAYS)).sum())


def _example_days_since() -> dict:
    return {"days_since": pd.Series([10, 200, 300, 400, 800, 1200, 2000, None])}


SLEEPING_180 = Exercise(
    id="02.3",
    judge=number(lambda days_since: _sleeping(None, days_since), mistakes={
        "ex_customers_too": lambda right, days_since: int((days_since > SLEEPING_DAYS).sum()),
        "old_threshold": lambda right, days_since: _sleeping(right, days_since, 365)}),
    context=("days_since",),
    hints=(
        {"en": "Only the sleeping-customer rule changes; every other rule, and their order, "
               "stays.",
         "nl": "Alleen de regel voor slapende klanten verandert; alle andere regels, en hun "
               "volgorde, blijven."},
        {"en": "np.select takes the first rule that matches: someone silent for four years is "
               "still an ex-customer.",
         "nl": "np.select neemt de eerste regel die past: wie vier jaar stil is, blijft een "
               "ex-klant."},
        {"en": "Copy rules, replace the sleeping-customer condition by days_since > 180, run "
               "np.select again and count 'sleeping customer'.",
         "nl": "Kopieer rules, vervang de voorwaarde van de slapende klant door "
               "days_since > 180, voer np.select opnieuw uit en tel 'sleeping customer'."},
    ),
    feedback={
        **NUMBER,
        "ex_customers_too": {
            "en": "{answer:,.0f} also counts people silent for more than three years. The rules "
                  "are applied in order and the ex-customer rule comes first.",
            "nl": "{answer:,.0f} telt ook wie meer dan drie jaar stil is. De regels worden in "
                  "volgorde toegepast en de ex-klantregel komt eerst."},
        "old_threshold": {
            "en": "{answer:,.0f} is the count with the old 365-day rule; use 180 days.",
            "nl": "{answer:,.0f} is het aantal met de oude regel van 365 dagen; gebruik 180 "
                  "dagen."},
    },
    examples=(Example(4, context=_example_days_since),
              Example(6, "ex_customers_too", _example_days_since),
              Example(2, "old_threshold", _example_days_since),
              Example(3.5, "off", _example_days_since)),
)

EXERCISES = (SMART_OBJECTIVE, FUNNEL_LEAK, SLEEPING_180)
