"""Exercises of notebook 06 (pilot and A/B test): sample size, a roll-out decision, peeking.

Used in: the checks of notebook 06, through ``exercises.check("06.n", answer)``.
"""

import pandas as pd

from aimkit import experiment
from aimkit.exercises import Example, Exercise, Wrong
from aimkit.exercises.answers import CHOICE, NUMBER, RUBRIC_REMINDER, as_number, choice, number

SAMPLE_SIZE = Exercise(
    id="06.1",
    judge=number(lambda: experiment.sample_size(0.04, 0.01), mistakes={
        "both_groups": lambda right: 2 * right,
        "new_rate": lambda right: experiment.sample_size(0.04, 0.05),
        "relative_uplift": lambda right: experiment.sample_size(0.04, 0.25)}),
    hints=(
        {"en": "It depends on the baseline rate (4 %) and the smallest uplift worth "
               "detecting.",
         "nl": "De steekproefgrootte hangt af van de basisconversie (4 %) en de kleinste "
               "stijging die je wilt kunnen zien."},
        {"en": "Call experiment.sample_size(baseline_rate, min_detectable_effect), both as "
               "fractions.",
         "nl": "Roep experiment.sample_size(basisconversie, kleinste_effect) aan, met beide als "
               "breuk."},
        {"en": "experiment.sample_size(0.04, 0.01): an uplift of 1 percentage point is 0.01.",
         "nl": "experiment.sample_size(0.04, 0.01): een stijging van 1 procentpunt is 0.01."},
    ),
    feedback={
        **NUMBER,
        "both_groups": {
            "en": "{answer:,.0f} is the size of both groups together; the question asks per "
                  "group.",
            "nl": "{answer:,.0f} is de omvang van beide groepen samen; de vraag is per groep."},
        "new_rate": {
            "en": "{answer:,.0f} per group detects an uplift of 5 points: the second argument is "
                  "the uplift (0.01), not the new conversion rate (0.05).",
            "nl": "{answer:,.0f} per groep ziet een stijging van 5 punten: het tweede argument is "
                  "de stijging (0.01), niet de nieuwe conversie (0.05)."},
        "relative_uplift": {
            "en": "{answer:,.0f} per group detects an uplift of 25 points. One percentage point "
                  "on 4 % is 0.01, not 0.25 (a 25 % rise relative to 4 %).",
            "nl": "{answer:,.0f} per groep ziet een stijging van 25 punten. Eén procentpunt op "
                  "4 % is 0.01, niet 0.25 (een relatieve stijging van 25 %)."},
    },
    examples=(Example(6745), Example(13_490, "both_groups"), Example(381, "new_rate"),
              Example(34, "relative_uplift"), Example("6745", "not_a_number")),
)

A, B = (48, 1000), (63, 1000)
"""The colleague's result in exercise 06.2: conversions and recipients of A and B."""


def _rollout_facts(**context) -> dict:
    result = experiment.ab_test(*A, *B)
    return {"low": result.ci_low * 100, "high": result.ci_high * 100, "p": result.p_value}


ROLL_OUT = Exercise(
    id="06.2",
    judge=choice("B", "ABC", facts=_rollout_facts),
    hints=(
        {"en": "Before you decide, compute the uplift with its 95 % interval: "
               "experiment.ab_test(48, 1000, 63, 1000).",
         "nl": "Bereken vóór je beslist de stijging met haar 95 %-interval: "
               "experiment.ab_test(48, 1000, 63, 1000)."},
        {"en": "Look at both ends of the interval: does it hold 0? Does it also hold uplifts "
               "worth having?",
         "nl": "Kijk naar beide grenzen van het interval: bevat het 0? Bevat het ook stijgingen "
               "die de moeite waard zijn?"},
        {"en": "An interval around 0 that also holds large uplifts means: not proven either way. "
               "What would you need to decide?",
         "nl": "Een interval rond 0 dat ook grote stijgingen bevat, betekent: in geen enkele "
               "richting bewezen. Wat heb je nodig om te beslissen?"},
    ),
    feedback={
        **CHOICE,
        "choice_A": {
            "en": "+31 % sounds large, but with 1,000 recipients per group the 95 % interval of "
                  "the uplift runs from {low:+.1f} to {high:+.1f} points (p = {p:.2f}): the "
                  "difference could be chance. Rolling out now bets on noise.",
            "nl": "+31 % klinkt groot, maar met 1.000 ontvangers per groep loopt het "
                  "95 %-interval van de stijging van {low:+.1f} tot {high:+.1f} punten "
                  "(p = {p:.2f}): het verschil kan toeval zijn. Nu uitrollen is gokken op ruis."},
        "choice_C": {
            "en": "'not significant' is not 'no effect': the 95 % interval ({low:+.1f} to "
                  "{high:+.1f} points) also holds uplifts that would pay off. The test was too "
                  "small to tell.",
            "nl": "'niet significant' is niet 'geen effect': het 95 %-interval ({low:+.1f} tot "
                  "{high:+.1f} punten) bevat ook stijgingen die zouden renderen. De test was te "
                  "klein om het te weten."},
    },
    after_correct=RUBRIC_REMINDER,
    examples=(
        Example({"choice": "B", "why": "The interval of the uplift holds zero and large uplifts: "
                                       "we run the test to a planned size before we decide."}),
        Example({"choice": "A", "why": "B is 31 % better."}, "choice_A"),
        Example({"choice": "C", "why": "Not significant."}, "choice_C"),
        Example({"choice": "B", "why": "chance"}, "memo_short"),
        Example("B", "not_a_judgement"),
    ),
)


def _three_looks(answer, peeking):
    """Between the rates for 2 and 5 looks, unless it is a known mistake."""
    value = as_number(answer)
    if isinstance(value, Wrong):
        return value
    if abs(value - 3 * 0.05) < 1e-9:
        return Wrong("added")
    if abs(value - 0.05) < 1e-9:
        return Wrong("one_look")
    if peeking[2] <= value <= peeking[5]:
        return None
    if peeking[2] <= value / 100 <= peeking[5]:
        return Wrong("percent", {"answer": value})
    return Wrong("off", {"answer": value})


def _example_peeking() -> dict:
    return {"peeking": pd.Series({1: 0.0495, 2: 0.086, 5: 0.1455, 10: 0.197, 20: 0.2475})}


PEEKING = Exercise(
    id="06.3",
    judge=_three_looks,
    context=("peeking",),
    hints=(
        {"en": "The simulation above already answers this for other numbers of looks.",
         "nl": "De simulatie hierboven geeft het antwoord al voor andere aantallen blikken."},
        {"en": "false_positive_rate(looks) simulates 2,000 A/A tests checked `looks` times.",
         "nl": "false_positive_rate(looks) simuleert 2.000 A/A-testen die `looks` keer bekeken "
               "worden."},
        {"en": "answer = false_positive_rate(3): a share between 0 and 1.",
         "nl": "answer = false_positive_rate(3): een aandeel tussen 0 en 1."},
    ),
    feedback={
        **NUMBER,
        "added": {
            "en": "3 × 5 % adds up the risk of each look, but the looks share their data (day 20 "
                  "includes days 1–13): the real rate is lower. Simulate it.",
            "nl": "3 × 5 % telt het risico van elke blik op, maar de blikken delen hun data "
                  "(dag 20 bevat dag 1–13): het echte percentage is lager. Simuleer het."},
        "one_look": {
            "en": "5 % is the promise for one look at the end. Three looks give chance three "
                  "moments to cross the line.",
            "nl": "5 % is de belofte voor één blik op het einde. Drie blikken geven het toeval "
                  "drie kansen om de grens te halen."},
    },
    examples=(Example(0.109, context=_example_peeking), Example(0.15, "added", _example_peeking),
              Example(10.9, "percent", _example_peeking),
              Example(0.05, "one_look", _example_peeking),
              Example(0.30, "off", _example_peeking)),
)

EXERCISES = (SAMPLE_SIZE, ROLL_OUT, PEEKING)
