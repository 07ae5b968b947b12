"""Exercises of notebook 12 (Costa): test size, a basket, contact forms, power, the roll-out.

Used in: the checks of notebook 12, through ``exercises.check("12.n", answer, ...)``.
"""

import pandas as pd

from aimkit import experiment, recommend
from aimkit.exercises import Example, Exercise
from aimkit.exercises.answers import (
    CHOICE,
    NUMBER,
    RUBRIC_REMINDER,
    SEQUENCE,
    choice,
    number,
    sequence,
)


def _example_result() -> dict:
    """A stand-in for the notebook's A/B result: 4 % generic, 5.2 % personalised."""
    return {"result": experiment.ab_test(400, 10_000, 520, 10_000)}


NEXT_TEST_SIZE = Exercise(
    id="12.1",
    judge=number(lambda result: experiment.sample_size(result.rate_a, 0.01), mistakes={
        "both_groups": lambda right, result: 2 * right,
        "new_rate": lambda right, result: experiment.sample_size(result.rate_a,
                                                                 result.rate_a + 0.01),
        "relative": lambda right, result: experiment.sample_size(result.rate_a, 0.01,
                                                                 relative=True)}),
    context=("result",),
    hints=(
        {"en": "The size depends on the generic box's rate (the baseline) and the smallest "
               "uplift worth detecting.",
         "nl": "De omvang hangt af van de conversie van de generieke box (de basis) en de "
               "kleinste stijging die je wilt zien."},
        {"en": "experiment.sample_size(baseline_rate, min_detectable_effect): the baseline is "
               "result.rate_a, the effect an absolute uplift as a fraction.",
         "nl": "experiment.sample_size(basisconversie, kleinste_effect): de basis is "
               "result.rate_a, het effect een absolute stijging als breuk."},
        {"en": "experiment.sample_size(result.rate_a, 0.01): 1 percentage point is 0.01.",
         "nl": "experiment.sample_size(result.rate_a, 0.01): 1 procentpunt is 0.01."},
    ),
    feedback={
        **NUMBER,
        "both_groups": {
            "en": "{answer:,.0f} is both groups together; the question asks per group.",
            "nl": "{answer:,.0f} is beide groepen samen; de vraag is per groep."},
        "new_rate": {
            "en": "{answer:,.0f} per group: the second argument is the uplift (0.01), not the "
                  "new conversion rate.",
            "nl": "{answer:,.0f} per groep: het tweede argument is de stijging (0.01), niet de "
                  "nieuwe conversie."},
        "relative": {
            "en": "{answer:,.0f} per group detects a 1 % *relative* rise (a few hundredths of a "
                  "point); the question asks for 1 percentage point.",
            "nl": "{answer:,.0f} per groep ziet een *relatieve* stijging van 1 % (enkele "
                  "honderdsten van een punt); de vraag is 1 procentpunt."},
    },
    examples=(Example(6745, context=_example_result),
              Example(13_490, "both_groups", _example_result),
              Example(381, "new_rate", _example_result),
              Example(3_785_510, "relative", _example_result),
              Example([6745], "many_numbers", _example_result)),
)

BASKET = ["P1010", "P1042"]
"""The two properties the new visitor of exercise 12.2 viewed."""


def _basket(model, items=BASKET) -> list:
    return model.recommend(list(items), k=5)["item"].tolist()


def _example_model() -> dict:
    """A user-based KNN on eight visitors who viewed a few of nine properties."""
    views = {"v1": ["P1010", "P1042", "P1001", "P1002"], "v2": ["P1010", "P1001", "P1003"],
             "v3": ["P1042", "P1002", "P1004"], "v4": ["P1010", "P1042", "P1005", "P1006"],
             "v5": ["P1001", "P1007"], "v6": ["P1042", "P1004", "P1008"],
             "v7": ["P1010", "P1003", "P1005"], "v8": ["P1002", "P1006", "P1008"]}
    interactions = pd.DataFrame([(v, p) for v, items in views.items() for p in items],
                                columns=["visitor_id", "property_id"])
    model = recommend.UserKNN(neighbours=7).fit(interactions, user="visitor_id",
                                                item="property_id")
    return {"model": model}


BASKET_RECOMMENDATIONS = Exercise(
    id="12.2",
    judge=sequence(lambda model: _basket(model), mistakes={
        "one_page": lambda right, model: _basket(model, BASKET[:1]),
        "ten": lambda right, model: model.recommend(BASKET, k=10)["item"].tolist()}),
    context=("model",),
    hints=(
        {"en": "The visitor is new: the model does not know them, but it knows the two "
               "properties they viewed.",
         "nl": "De bezoeker is nieuw: het model kent hem niet, maar wel de twee panden die hij "
               "bekeek."},
        {"en": "model.recommend accepts a list of properties (a basket) instead of a visitor; "
               "k sets how many.",
         "nl": "model.recommend aanvaardt een lijst panden (een mandje) in plaats van een "
               "bezoeker; k bepaalt hoeveel."},
        {"en": "model.recommend(['P1010', 'P1042'], k=5)['item'].tolist()",
         "nl": "model.recommend(['P1010', 'P1042'], k=5)['item'].tolist()"},
    ),
    feedback={
        **SEQUENCE,
        "one_page": {
            "en": "these are the recommendations for P1010 alone; pass both viewed "
                  "properties in one list.",
            "nl": "dit zijn de aanbevelingen voor P1010 alleen; geef beide bekeken panden in "
                  "één lijst mee."},
        "ten": {
            "en": "these are ten recommendations, the default k; the box shows five (k=5).",
            "nl": "dit zijn tien aanbevelingen, de standaard-k; de box toont er vijf (k=5)."},
    },
    examples=(Example(["P1001", "P1002", "P1005", "P1003", "P1004"], context=_example_model),
              Example(["P1003", "P1001", "P1005", "P1042", "P1002"], "one_page",
                      _example_model),
              Example(["P1001", "P1002", "P1005", "P1003", "P1004", "P1006", "P1008"], "ten",
                      _example_model),
              Example(["P1001", "P1002", "P1005"], "length", _example_model),
              Example(["P1002", "P1001", "P1005", "P1003", "P1004"], "order", _example_model),
              Example(["P1001", "P1002", "P1005", "P1003", "P1006"], "some_wrong",
                      _example_model),
              Example("P1001", "not_a_sequence", _example_model)),
)


def _form_rates(conversions, assignment, after_assignment=True) -> pd.Series:
    forms = conversions[conversions["conversion"] == "contact_form"]
    if after_assignment:
        forms = forms[forms["timestamp"] >= forms["assigned_at"]]
    sent = assignment["visitor_id"].isin(forms["visitor_id"])
    return sent.groupby(assignment["variant"]).mean()


def _form_uplift(conversions, assignment, **options) -> float:
    rate = _form_rates(conversions, assignment, **options)
    return float(rate["personalised"] - rate["generic"])


def _example_conversions() -> dict:
    """Ten visitors, five per box; contact forms before and after the assignment."""
    day = pd.Timestamp("2021-03-01")
    assignment = pd.DataFrame({"visitor_id": [f"v{i}" for i in range(10)],
                               "variant": ["generic"] * 5 + ["personalised"] * 5,
                               "assigned_at": day})
    conversions = pd.DataFrame({
        "visitor_id": ["v0", "v1", "v5", "v6", "v7", "v8", "v2"],
        "conversion": ["contact_form", "contact_form", "contact_form", "contact_form",
                       "contact_form", "newsletter", "contact_form"],
        "timestamp": [day + pd.Timedelta(days=d) for d in (2, -3, 1, 4, 5, 2, -1)]})
    return {"conversions": conversions.merge(assignment, on="visitor_id"),
            "assignment": assignment}


CONTACT_FORMS = Exercise(
    id="12.3",
    judge=number(_form_uplift, mistakes={
        "percent": lambda right, **data: 100 * right,
        "reversed": lambda right, **data: -right,
        "before_too": lambda right, **data: _form_uplift(**data, after_assignment=False)}),
    context=("conversions", "assignment"),
    hints=(
        {"en": "Two filters on `conversions`: the type of conversion, and the time (after the "
               "assignment).",
         "nl": "Twee filters op `conversions`: het soort conversie, en het tijdstip (na de "
               "toewijzing)."},
        {"en": "Then mark each visitor of `assignment` who sent a form (isin), and take the "
               "mean per variant: a share per box.",
         "nl": "Markeer daarna elke bezoeker van `assignment` die een formulier stuurde (isin), "
               "en neem het gemiddelde per variant: een aandeel per box."},
        {"en": "The uplift is the personalised share minus the generic share, as a fraction "
               "(0.012 for 1.2 points).",
         "nl": "De stijging is het aandeel bij gepersonaliseerd min het aandeel bij generiek, "
               "als breuk (0.012 voor 1,2 punten)."},
    ),
    feedback={
        **NUMBER,
        "reversed": {
            "en": "{answer:+.4f} is generic minus personalised; the uplift is personalised "
                  "minus generic.",
            "nl": "{answer:+.4f} is generiek min gepersonaliseerd; de stijging is "
                  "gepersonaliseerd min generiek."},
        "before_too": {
            "en": "{answer:+.4f} also counts forms sent *before* the visitor saw a box; keep "
                  "only those at or after `assigned_at`.",
            "nl": "{answer:+.4f} telt ook formulieren die verstuurd werden *vóór* de bezoeker "
                  "een box zag; hou alleen die op of na `assigned_at` over."},
    },
    examples=(Example(0.4, context=_example_conversions),
              Example(40.0, "percent", _example_conversions),
              Example(-0.4, "reversed", _example_conversions),
              Example(0.0, "before_too", _example_conversions),
              Example(0.6, "off", _example_conversions)),
)


def _detectable(test) -> float:
    return experiment.detectable_effect(test.rate_a, test.n_a, test.n_b)


def _example_tests() -> dict:
    return {"flat": experiment.ab_test(300, 6000, 310, 6000),
            "result": experiment.ab_test(250, 5000, 330, 5000)}


SMALLEST_VISIBLE_UPLIFT = Exercise(
    id="12.4",
    judge=number(lambda flat, result: _detectable(flat), mistakes={
        "percent": lambda right, flat, result: 100 * right,
        "this_data": lambda right, flat, result: _detectable(result),
        "measured": lambda right, flat, result: flat.uplift}),
    context=("flat", "result"),
    hints=(
        {"en": "The smallest detectable uplift depends on the baseline rate and the size of "
               "each group, not on the uplift the test measured.",
         "nl": "De kleinste zichtbare stijging hangt af van de basisconversie en de omvang van "
               "elke groep, niet van de stijging die de test mat."},
        {"en": "`flat` is an A/B result: rate_a is its generic rate, n_a and n_b the group "
               "sizes.",
         "nl": "`flat` is een A/B-resultaat: rate_a is de generieke conversie, n_a en n_b de "
               "groepsgroottes."},
        {"en": "experiment.detectable_effect(flat.rate_a, flat.n_a, flat.n_b)",
         "nl": "experiment.detectable_effect(flat.rate_a, flat.n_a, flat.n_b)"},
    ),
    feedback={
        **NUMBER,
        "this_data": {
            "en": "{answer:.4f} is the detectable uplift of this data's test (`result`); the "
                  "question is about the test without tastes (`flat`).",
            "nl": "{answer:.4f} is de zichtbare stijging van de test op deze data (`result`); "
                  "de vraag gaat over de test zonder smaken (`flat`)."},
        "measured": {
            "en": "{answer:+.4f} is the uplift `flat` measured; the question asks which uplift "
                  "the test *could* have detected.",
            "nl": "{answer:+.4f} is de stijging die `flat` mat; de vraag is welke stijging de "
                  "test *had kunnen* zien."},
    },
    examples=(Example(_detectable(experiment.ab_test(300, 6000, 310, 6000)),
                      context=_example_tests),
              Example(100 * _detectable(experiment.ab_test(300, 6000, 310, 6000)), "percent",
                      _example_tests),
              Example(_detectable(experiment.ab_test(250, 5000, 330, 5000)), "this_data",
                      _example_tests),
              Example(10 / 6000, "measured", _example_tests),
              Example(0.5, "off", _example_tests)),
)


def _rollout_facts(result) -> dict:
    return {"uplift": result.uplift * 100, "low": result.ci_low * 100,
            "high": result.ci_high * 100, "p": result.p_value}


ROLL_OUT_THE_BOX = Exercise(
    id="12.5",
    judge=choice("B", "ABC", facts=_rollout_facts),
    context=("result",),
    hints=(
        {"en": "Read the A/B result with its interval: print(result). Does the interval hold "
               "zero?",
         "nl": "Lees het A/B-resultaat met zijn interval: print(result). Bevat het interval "
               "nul?"},
        {"en": "A proven uplift today is no promise for next season: listings, the site and "
               "the visitors change.",
         "nl": "Een bewezen stijging vandaag is geen belofte voor het volgende seizoen: het "
               "aanbod, de site en de bezoekers veranderen."},
        {"en": "Which option acts on the evidence *and* would notice when the box stops "
               "working? See 'Keep measuring the box'.",
         "nl": "Welke optie handelt naar het bewijs *en* zou merken wanneer de box niet meer "
               "werkt? Zie 'Keep measuring the box'."},
    ),
    feedback={
        **CHOICE,
        "choice_A": {
            "en": "the uplift is real today ({low:+.2f} to {high:+.2f} points), but without a "
                  "holdout nobody would notice when it fades: new listings, a changed site or "
                  "another season look like 'business as usual'.",
            "nl": "de stijging is vandaag echt ({low:+.2f} tot {high:+.2f} punten), maar zonder "
                  "holdout merkt niemand wanneer ze wegebt: nieuwe panden, een gewijzigde site "
                  "of een ander seizoen lijken 'business as usual'."},
        "choice_C": {
            "en": "the 95 % interval of the uplift ({low:+.2f} to {high:+.2f} points, "
                  "p = {p:.1g}) lies above zero: the test answered its question. Waiting "
                  "longer withholds the better box from half of the visitors.",
            "nl": "het 95 %-interval van de stijging ({low:+.2f} tot {high:+.2f} punten, "
                  "p = {p:.1g}) ligt boven nul: de test heeft zijn vraag beantwoord. Langer "
                  "wachten houdt de betere box weg bij de helft van de bezoekers."},
    },
    after_correct=RUBRIC_REMINDER,
    examples=(
        Example({"choice": "B", "why": "The interval lies above zero, so roll out, but keep a "
                                       "small holdout to see the uplift fade if it does."},
                context=_example_result),
        Example({"choice": "A", "why": "It works, everyone gets it."}, "choice_A",
                _example_result),
        Example({"choice": "C", "why": "Not sure yet."}, "choice_C", _example_result),
        Example({"choice": "B", "why": "holdout"}, "memo_short", _example_result),
        Example(["B"], "not_a_judgement", _example_result),
    ),
)

EXERCISES = (NEXT_TEST_SIZE, BASKET_RECOMMENDATIONS, CONTACT_FORMS, SMALLEST_VISIBLE_UPLIFT,
             ROLL_OUT_THE_BOX)
