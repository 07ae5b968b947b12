"""Exercises of notebook 05 (analysis toolbox): a bounce rate, one basket rule, a tool choice.

Used in: the checks of notebook 05, through ``exercises.check("05.n", answer, ...)``.
"""

import numpy as np
import pandas as pd

from aimkit.exercises import Example, Exercise, Wrong
from aimkit.exercises.answers import NUMBER, as_number, number

HOME = "/"
RULE = ("tomato plants", "plant food")
"""Exercise 05.2's rule A → B."""
NEW_WEIGHTS = (0.35, 0.15, 0.1, 0.4)
"""Exercise 05.3's weights, in the order of the columns of ``criteria``."""


def _home_bounce(sessions) -> float:
    return float(sessions.loc[sessions["landing_page"] == HOME, "bounce"].mean())


def _example_sessions() -> dict:
    return {"sessions": pd.DataFrame({"landing_page": ["/", "/", "/", "/blog", "/blog"],
                                      "bounce": [True, False, False, True, True]})}


HOME_BOUNCE = Exercise(
    id="05.1",
    judge=number(lambda sessions: _home_bounce(sessions), mistakes={
        "percent": lambda right, sessions: 100 * right,
        "all_sessions": lambda right, sessions: sessions["bounce"].mean(),
        "count": lambda right, sessions: sessions.loc[sessions["landing_page"] == HOME,
                                                      "bounce"].sum()}),
    context=("sessions",),
    hints=(
        {"en": "The bounce rate is the share of sessions with one page view, among the "
               "sessions that landed on the home page only.",
         "nl": "Het bouncepercentage is het aandeel sessies met één paginaweergave, enkel "
               "onder de sessies die op de homepage landden."},
        {"en": "Filter `sessions` on `landing_page == \"/\"`, then average the True/False "
               "column `bounce`.",
         "nl": "Filter `sessions` op `landing_page == \"/\"` en neem dan het gemiddelde van de "
               "True/False-kolom `bounce`."},
        {"en": 'answer = float(sessions.loc[sessions["landing_page"] == "/", "bounce"]'
               ".mean())",
         "nl": 'answer = float(sessions.loc[sessions["landing_page"] == "/", "bounce"]'
               ".mean())"},
    ),
    feedback={
        **NUMBER,
        "percent": {
            "en": "{answer:.4g} looks like a percentage; store the share between 0 and 1.",
            "nl": "{answer:.4g} lijkt een percentage; bewaar het aandeel tussen 0 en 1."},
        "all_sessions": {
            "en": "{answer:.3f} is the bounce rate of all sessions; the question is about the "
                  "sessions that land on the home page `/`.",
            "nl": "{answer:.3f} is het bouncepercentage van alle sessies; de vraag gaat over "
                  "de sessies die op de homepage `/` landen."},
        "count": {
            "en": "{answer:,.0f} is the number of bounced home-page sessions; the rate is that "
                  "number divided by all home-page sessions (take the mean, not the sum).",
            "nl": "{answer:,.0f} is het aantal gebouncede homepagesessies; het percentage is "
                  "dat aantal gedeeld door alle homepagesessies (neem het gemiddelde, niet de "
                  "som)."},
    },
    examples=(Example(1 / 3, context=_example_sessions),
              Example(100 / 3, "percent", _example_sessions),
              Example(0.6, "all_sessions", _example_sessions),
              Example(1, "count", _example_sessions),
              Example(0.5, "off", _example_sessions),
              Example("1/3", "not_a_number", _example_sessions)),
)


def _rule_numbers(B, a: str = RULE[0], b: str = RULE[1]) -> dict[str, float]:
    """Support, confidence of a → b, its lift, and the mistakes' versions of them."""
    both = float(((B[a] == 1) & (B[b] == 1)).mean())
    confidence = both / float(B[a].mean())
    return {"support": both, "confidence": confidence,
            "reversed": both / float(B[b].mean()), "lift": confidence / float(B[b].mean()),
            "count": float(((B[a] == 1) & (B[b] == 1)).sum())}


def _basket_rule(answer, B):
    """Three numbers in the order support, confidence, lift; else the mistake they show."""
    if isinstance(answer, str | dict) or np.ndim(answer) != 1 or len(answer) != 3:
        return Wrong("three_numbers")
    values = [as_number(value) for value in answer]
    if any(isinstance(value, Wrong) for value in values):
        return Wrong("three_numbers")
    n = _rule_numbers(B)
    right = (n["support"], n["confidence"], n["lift"])
    if np.allclose(values, right, rtol=1e-9, atol=0):
        return None
    if np.allclose(values, [100 * v for v in right[:2]] + [right[2]], rtol=1e-9, atol=0) \
            or np.allclose(values, [100 * v for v in right], rtol=1e-9, atol=0):
        return Wrong("percent")
    if np.isclose(values[0], n["count"]):
        return Wrong("count", {"answer": values[0]})
    if not np.isclose(values[1], n["confidence"]) and np.isclose(values[1], n["reversed"]):
        return Wrong("reversed", {"answer": values[1]})
    if np.isclose(values[2], n["confidence"]):
        return Wrong("lift_is_confidence")
    wrong = [name for name, value, ok in zip(("support", "confidence", "lift"), values, right,
                                             strict=True) if not np.isclose(value, ok)]
    return Wrong("which_off", {"names": ", ".join(wrong)})


def _example_baskets() -> dict:
    # 8 baskets: 4 with tomato plants, 2 of them with plant food; plant food in 4 baskets
    return {"B": pd.DataFrame({"tomato plants": [1, 1, 1, 1, 0, 0, 0, 0],
                               "plant food": [1, 1, 0, 0, 1, 1, 0, 0]})}


def _reversed_example() -> dict:
    # tomato plants in 2 of 8 baskets, plant food in 4, both in 2: P(B|A) = 1, P(A|B) = 0.5
    return {"B": pd.DataFrame({"tomato plants": [1, 1, 0, 0, 0, 0, 0, 0],
                               "plant food": [1, 1, 1, 1, 0, 0, 0, 0]})}


BASKET_RULE = Exercise(
    id="05.2",
    judge=_basket_rule,
    context=("B",),
    hints=(
        {"en": "Three shares of baskets: with both items; with both among those with tomato "
               "plants; and that confidence compared with how common plant food is anyway.",
         "nl": "Drie aandelen manden: met beide producten; met beide onder de manden met "
               "tomatenplanten; en die confidence vergeleken met hoe vaak plantenvoeding "
               "sowieso in een mand zit."},
        {"en": "support = mean of (A and B); confidence = support ÷ mean of A; lift = "
               "confidence ÷ mean of B. `B` holds 0/1 per basket and product.",
         "nl": "support = gemiddelde van (A en B); confidence = support ÷ gemiddelde van A; "
               "lift = confidence ÷ gemiddelde van B. `B` bevat 0/1 per mand en product."},
        {"en": 'both = ((B["tomato plants"] == 1) & (B["plant food"] == 1)).mean(); '
               'confidence = both / B["tomato plants"].mean(); answer = (float(both), '
               'float(confidence), float(confidence / B["plant food"].mean()))',
         "nl": 'both = ((B["tomato plants"] == 1) & (B["plant food"] == 1)).mean(); '
               'confidence = both / B["tomato plants"].mean(); answer = (float(both), '
               'float(confidence), float(confidence / B["plant food"].mean()))'},
    ),
    feedback={
        "three_numbers": {
            "en": "give a tuple of three numbers: (support, confidence, lift).",
            "nl": "geef een tuple van drie getallen: (support, confidence, lift)."},
        "percent": {
            "en": "these look like percentages; support and confidence are shares between 0 "
                  "and 1.",
            "nl": "dit lijken percentages; support en confidence zijn aandelen tussen 0 en 1."},
        "count": {
            "en": "the support {answer:,.0f} is a number of baskets; support is the share of "
                  "all baskets that hold both items.",
            "nl": "de support {answer:,.0f} is een aantal manden; support is het aandeel van "
                  "alle manden met beide producten."},
        "reversed": {
            "en": "the confidence {answer:.3f} is P(tomato plants | plant food): the rule "
                  "reversed. Divide by the share of baskets with tomato plants (A).",
            "nl": "de confidence {answer:.3f} is P(tomatenplanten | plantenvoeding): de regel "
                  "omgekeerd. Deel door het aandeel manden met tomatenplanten (A)."},
        "lift_is_confidence": {
            "en": "the lift equals the confidence: divide the confidence by the share of "
                  "baskets with plant food, so a popular product does not look associated.",
            "nl": "de lift is gelijk aan de confidence: deel de confidence door het aandeel "
                  "manden met plantenvoeding, zodat een populair product niet geassocieerd "
                  "lijkt."},
        "which_off": {
            "en": "not right yet: {names}.",
            "nl": "nog niet juist: {names}."},
    },
    examples=(Example((0.25, 0.5, 1.0), context=_example_baskets),
              Example((25.0, 50.0, 1.0), "percent", _example_baskets),
              Example((2, 0.5, 1.0), "count", _example_baskets),
              Example((0.25, 0.5, 0.5), "lift_is_confidence", _example_baskets),
              Example((0.25, 0.5, 2.0), "which_off", _example_baskets),
              Example((0.25, 0.5, 2.0), "reversed", _reversed_example),
              Example(0.25, "three_numbers", _example_baskets)),
)


def _tool_choice(answer, criteria):
    """The best tool under the new weights, by its name in ``criteria``."""
    if not isinstance(answer, str):
        return Wrong("not_a_name", {"got": type(answer).__name__})
    if answer not in criteria.index:
        return Wrong("unknown_tool", {"tools": ", ".join(criteria.index)})
    scores = criteria @ pd.Series(NEW_WEIGHTS, index=criteria.columns)
    if answer == scores.idxmax():
        return None
    if answer == scores.idxmin():
        return Wrong("lowest")
    return Wrong("old_or_other")


def _example_criteria() -> dict:
    return {"criteria": pd.DataFrame([[3, 5, 5, 2], [4, 3, 3, 4], [5, 2, 2, 5]],
                                     index=["sheet", "suite", "platform"],
                                     columns=["function", "cost", "learning", "integration"])}


TOOL_CHOICE = Exercise(
    id="05.3",
    judge=_tool_choice,
    context=("criteria",),
    hints=(
        {"en": "Same scores, other weights: integration now counts most.",
         "nl": "Dezelfde scores, andere gewichten: integratie telt nu het zwaarst."},
        {"en": "Make a Series of the new weights with the same index as `weights`, multiply "
               "`criteria` by it and sum per row.",
         "nl": "Maak een Series met de nieuwe gewichten en dezelfde index als `weights`, "
               "vermenigvuldig `criteria` ermee en tel per rij op."},
        {"en": "answer = (criteria * new_weights).sum(axis=1).idxmax(): the name of the row "
               "with the highest total.",
         "nl": "answer = (criteria * new_weights).sum(axis=1).idxmax(): de naam van de rij met "
               "het hoogste totaal."},
    ),
    feedback={
        "not_a_name": {
            "en": "the answer is a {got}; store the tool's name, a text such as the index of "
                  "`criteria`.",
            "nl": "het antwoord is een {got}; bewaar de naam van de tool, een tekst zoals in "
                  "de index van `criteria`."},
        "unknown_tool": {
            "en": "that is not one of the tools; choose from: {tools}.",
            "nl": "dat is geen van de tools; kies uit: {tools}."},
        "lowest": {
            "en": "that tool has the lowest weighted score with the new weights: use "
                  "idxmax(), not idxmin().",
            "nl": "die tool heeft de laagste gewogen score met de nieuwe gewichten: gebruik "
                  "idxmax(), niet idxmin()."},
        "old_or_other": {
            "en": "not with the new weights. Did you reuse `weights` or `tool_scores` from "
                  "above? This company weighs integration at 0.4.",
            "nl": "niet met de nieuwe gewichten. Gebruikte je `weights` of `tool_scores` van "
                  "hierboven? Dit bedrijf weegt integratie op 0,4."},
    },
    examples=(Example("platform", context=_example_criteria),
              Example("sheet", "lowest", _example_criteria),
              Example("suite", "old_or_other", _example_criteria),
              Example("CDP", "unknown_tool", _example_criteria),
              Example(2, "not_a_name", _example_criteria)),
)

EXERCISES = (HOME_BOUNCE, BASKET_RULE, TOOL_CHOICE)
