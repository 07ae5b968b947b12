"""Exercises of notebook 18 (Retour Rumoer): a return rate, a basket's risk, a coin, the advice.

Used in: the checks of notebook 18, through ``exercises.check("18.n", answer, ...)``.
"""

import pandas as pd

from aimkit.exercises import Example, Exercise, Wrong
from aimkit.exercises.answers import CHOICE, NUMBER, RUBRIC_REMINDER, as_number, choice, number


def _several_sizes_rate(lines) -> float:
    return float(lines.loc[lines["sizes_of_item_in_basket"] >= 2, "y"].mean())


def _example_lines() -> dict:
    test = pd.DataFrame({"sizes_of_item_in_basket": [1, 1, 1, 2, 2, 3, 3, 3],
                         "y": [0, 0, 1, 1, 0, 1, 1, 0]})
    earlier = pd.DataFrame({"sizes_of_item_in_basket": [2, 2, 1, 1], "y": [1, 1, 0, 0]})
    return {"test_lines": test, "lines": pd.concat([earlier, test], ignore_index=True)}


SEVERAL_SIZES = Exercise(
    id="18.1",
    judge=number(lambda test_lines, lines: _several_sizes_rate(test_lines), mistakes={
        "percent": lambda right, **data: 100 * right,
        "all_orders": lambda right, test_lines, lines: _several_sizes_rate(lines),
        "one_size": lambda right, test_lines, lines: test_lines.loc[
            test_lines["sizes_of_item_in_basket"] == 1, "y"].mean(),
        "count": lambda right, test_lines, lines: test_lines.loc[
            test_lines["sizes_of_item_in_basket"] >= 2, "y"].sum()}),
    context=("test_lines", "lines"),
    hints=(
        {"en": "Only the test period's lines (`test_lines`), only those whose basket holds the "
               "item in two or more sizes; then the share with y = 1.",
         "nl": "Alleen de lijnen van de testperiode (`test_lines`), alleen die waarvan de mand "
               "het artikel in twee of meer maten bevat; dan het aandeel met y = 1."},
        {"en": "Filter on `sizes_of_item_in_basket >= 2` and take the mean of `y` (1 = "
               "returned).",
         "nl": "Filter op `sizes_of_item_in_basket >= 2` en neem het gemiddelde van `y` (1 = "
               "teruggestuurd)."},
        {"en": 'answer = test_lines.loc[test_lines["sizes_of_item_in_basket"] >= 2, "y"].mean()',
         "nl": 'answer = test_lines.loc[test_lines["sizes_of_item_in_basket"] >= 2, "y"].mean()'},
    ),
    feedback={
        **NUMBER,
        "percent": {
            "en": "{answer:.4g} looks like a percentage; store the share between 0 and 1.",
            "nl": "{answer:.4g} lijkt een percentage; bewaar het aandeel tussen 0 en 1."},
        "all_orders": {
            "en": "{answer:.3f} is the rate over all orders; the question asks for the test "
                  "period only (`test_lines`, from 1 July 2021).",
            "nl": "{answer:.3f} is het aandeel over alle bestellingen; de vraag is enkel de "
                  "testperiode (`test_lines`, vanaf 1 juli 2021)."},
        "one_size": {
            "en": "{answer:.3f} is the rate of items ordered in one size; the question asks for "
                  "two or more sizes.",
            "nl": "{answer:.3f} is het aandeel bij artikels in één maat besteld; de vraag is "
                  "twee of meer maten."},
        "count": {
            "en": "{answer:,.0f} is a number of returned lines; the share is the mean of y, "
                  "not its sum.",
            "nl": "{answer:,.0f} is een aantal teruggestuurde lijnen; het aandeel is het "
                  "gemiddelde van y, niet de som."},
    },
    examples=(Example(0.6, context=_example_lines), Example(60, "percent", _example_lines),
              Example(5 / 7, "all_orders", _example_lines),
              Example(1 / 3, "one_size", _example_lines), Example(3, "count", _example_lines),
              Example(0.5, "off", _example_lines)),
)

P1, P2 = 0.2, 0.5
"""Exercise 18.2's two lines: their return probabilities."""

BASKET_RISK = Exercise(
    id="18.2",
    judge=number(lambda: 1 - (1 - P1) * (1 - P2), mistakes={
        "percent": lambda right: 100 * right,
        "added": lambda right: P1 + P2,
        "both": lambda right: P1 * P2,
        "kept": lambda right: (1 - P1) * (1 - P2),
        "mean": lambda right: (P1 + P2) / 2}),
    hints=(
        {"en": "\"At least one goes back\" is the opposite of \"everything is kept\".",
         "nl": "\"Minstens één gaat terug\" is het omgekeerde van \"alles wordt gehouden\"."},
        {"en": "Each line is kept with probability 1 − p; both are kept with the product of "
               "those (the lines treated as independent).",
         "nl": "Elke lijn wordt gehouden met kans 1 − p; beide worden gehouden met het "
               "product daarvan (de lijnen als onafhankelijk beschouwd)."},
        {"en": "answer = 1 - (1 - 0.2) * (1 - 0.5)",
         "nl": "answer = 1 - (1 - 0.2) * (1 - 0.5)"},
    ),
    feedback={
        **NUMBER,
        "percent": {
            "en": "{answer:.4g} is a percentage; the model and `score` speak in probabilities "
                  "between 0 and 1.",
            "nl": "{answer:.4g} is een percentage; het model en `score` spreken in kansen "
                  "tussen 0 en 1."},
        "added": {
            "en": "{answer:.2f} adds the probabilities; with two lines of 0.6 that would give "
                  "1.2, more than certain. Both lines can go back together: count that once.",
            "nl": "{answer:.2f} telt de kansen op; met twee lijnen van 0,6 gaf dat 1,2, meer dan "
                  "zeker. Beide lijnen kunnen samen teruggaan: tel dat één keer."},
        "both": {
            "en": "{answer:.2f} is the chance that both go back; the question is at least one.",
            "nl": "{answer:.2f} is de kans dat beide teruggaan; de vraag is minstens één."},
        "kept": {
            "en": "{answer:.2f} is the chance that everything is kept; take one minus it.",
            "nl": "{answer:.2f} is de kans dat alles gehouden wordt; neem één min die kans."},
        "mean": {
            "en": "{answer:.2f} is the average line's risk, not the basket's: a basket with "
                  "more lines has more chances that one goes back.",
            "nl": "{answer:.2f} is het risico van een gemiddelde lijn, niet van de mand: een "
                  "mand met meer lijnen heeft meer kansen dat er één teruggaat."},
    },
    examples=(Example(1 - (1 - 0.2) * (1 - 0.5)), Example(60, "percent"),
              Example(0.2 + 0.5, "added"), Example(0.2 * 0.5, "both"),
              Example(0.8 * 0.5, "kept"), Example(0.35, "mean"), Example(0.5, "off"),
              Example("60 %", "not_a_number")),
)


def _coin(answer):
    """A test AUC near 0.5 (within 0.06); else what was stored instead."""
    if isinstance(answer, pd.Series):
        return Wrong("table")
    auc = as_number(answer)
    if isinstance(auc, Wrong):
        return auc
    if abs(auc - 0.5) < 0.06:
        return None
    if auc >= 0.7 and auc <= 1:
        return Wrong("planted", {"answer": auc})
    if 40 <= auc <= 60:
        return Wrong("percent", {"answer": auc})
    return Wrong("off", {"answer": auc})


COIN = Exercise(
    id="18.3",
    judge=_coin,
    hints=(
        {"en": "`return_method` runs the notebook's steps on another webshop and returns a "
               "small table with the test AUC.",
         "nl": "`return_method` voert de stappen van de notebook uit op een andere webshop en "
               "geeft een tabelletje terug met de test-AUC."},
        {"en": "Load datasets.load(\"returns\", seed=3, scale=0.5, planted=False) and take "
               "the entry \"test AUC\" of the result.",
         "nl": "Laad datasets.load(\"returns\", seed=3, scale=0.5, planted=False) en neem het "
               "element \"test AUC\" van het resultaat."},
        {"en": "answer = return_method(datasets.load(\"returns\", seed=3, scale=0.5, "
               "planted=False))[\"test AUC\"]",
         "nl": "answer = return_method(datasets.load(\"returns\", seed=3, scale=0.5, "
               "planted=False))[\"test AUC\"]"},
    ),
    feedback={
        **NUMBER,
        "table": {
            "en": "the answer is the whole table; take its \"test AUC\".",
            "nl": "het antwoord is de hele tabel; neem de \"test AUC\" eruit."},
        "planted": {
            "en": "an AUC of {answer:.3f} is what the glass box reaches when the return "
                  "drivers are there. Did you pass planted=False?",
            "nl": "een AUC van {answer:.3f} haalt het glazen model als de retourredenen er "
                  "zijn. Gaf je planted=False mee?"},
        "percent": {
            "en": "{answer:.4g} looks like a percentage; an AUC is a number between 0 and 1.",
            "nl": "{answer:.4g} lijkt een percentage; een AUC is een getal tussen 0 en 1."},
    },
    examples=(Example(0.503), Example(0.47), Example(0.81, "planted"), Example(50.3, "percent"),
              Example(0.3, "off"), Example(pd.Series({"test AUC": 0.5}), "table"),
              Example("0.5", "not_a_number")),
)


def _advice_facts(basket_risk, advised_risk, baskets_per_group, weeks_needed) -> dict:
    return {"before": 100 * basket_risk, "after": 100 * advised_risk,
            "baskets": baskets_per_group, "weeks": weeks_needed}


def _example_advice() -> dict:
    return {"basket_risk": 0.81, "advised_risk": 0.35, "baskets_per_group": 3900,
            "weeks_needed": 20.4}


ADVICE = Exercise(
    id="18.4",
    judge=choice("B", "ABC", facts=_advice_facts),
    context=("basket_risk", "advised_risk", "baskets_per_group", "weeks_needed"),
    hints=(
        {"en": "What did the model learn from: baskets where someone showed an advice, or "
               "baskets as customers happened to order them?",
         "nl": "Waarvan leerde het model: van manden waarbij iemand een advies toonde, of van "
               "manden zoals klanten ze toevallig bestelden?"},
        {"en": "The lower score for the advised basket is a correlation. Which option measures "
               "what showing the advice does, and what does it cost in time?",
         "nl": "De lagere score voor de geadviseerde mand is een correlatie. Welke optie meet "
               "wat het tonen van het advies doet, en hoeveel tijd kost dat?"},
        {"en": "Look at `baskets_per_group` and `weeks_needed`: is a randomised test feasible "
               "for this shop?",
         "nl": "Kijk naar `baskets_per_group` en `weeks_needed`: is een gerandomiseerde test "
               "haalbaar voor deze winkel?"},
    ),
    feedback={
        **CHOICE,
        "choice_A": {
            "en": "the drop from {before:.0f} % to {after:.0f} % is the model's score for a "
                  "basket like the advised one, learned from customers who never saw an "
                  "advice: a correlation, not the effect of showing it. Customers may ignore "
                  "it, or bracket over two orders. A test of {baskets:,} baskets per group "
                  "(about {weeks:.0f} weeks) shows the real effect.",
            "nl": "de daling van {before:.0f} % naar {after:.0f} % is de score van het model "
                  "voor een mand zoals de geadviseerde, geleerd van klanten die nooit een "
                  "advies zagen: een correlatie, niet het effect van het tonen. Klanten kunnen "
                  "het negeren, of over twee bestellingen spreiden. Een test met {baskets:,} "
                  "manden per groep (ongeveer {weeks:.0f} weken) toont het echte effect."},
        "choice_C": {
            "en": "the drivers show what predicts a return, not what causes one: blocking "
                  "multi-size baskets may just move the bracketing to two orders, and it "
                  "takes the choice away from the customer, which the paper warns against. "
                  "Test a measure before you impose it: {baskets:,} baskets per group.",
            "nl": "de drijvers tonen wat een retour voorspelt, niet wat hem veroorzaakt: manden "
                  "met meerdere maten blokkeren verschuift het bestellen in meerdere maten "
                  "misschien naar twee bestellingen, en het neemt de klant de keuze af, waar "
                  "de paper voor waarschuwt. Test een maatregel voor je hem oplegt: "
                  "{baskets:,} manden per groep."},
    },
    after_correct=RUBRIC_REMINDER,
    examples=(
        Example({"choice": "B", "why": "The lower score is a correlation; a randomised test "
                                       "of the advice shows whether it lowers returns."},
                context=_example_advice),
        Example({"choice": "A", "why": "The risk drops."}, "choice_A", _example_advice),
        Example({"choice": "C", "why": "Several sizes drive returns."}, "choice_C",
                _example_advice),
        Example({"choice": "B", "why": "test"}, "memo_short", _example_advice),
        Example({"why": "test first"}, "not_a_judgement", _example_advice),
    ),
)

EXERCISES = (SEVERAL_SIZES, BASKET_RISK, COIN, ADVICE)
