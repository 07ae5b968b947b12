"""Exercises of notebook 11 (TrailFinders): duplicates, a UTM link, fair model comparisons.

Used in: the checks of notebook 11, through ``exercises.check("11.n", answer, ...)``.
"""

from urllib.parse import parse_qsl, urlsplit

import numpy as np
import pandas as pd

from aimkit.exercises import Example, Exercise, Wrong
from aimkit.exercises.answers import CHOICE, NUMBER, RUBRIC_REMINDER, as_number, choice, number

BASELINE = "baseline (majority class)"
"""The baseline's row in a model comparison (``aimkit.predict.BASELINE``)."""


def _name_keys(customers) -> list[pd.Series]:
    """The ways a student merges records on the name alone: as typed, and lower-cased."""
    typed = customers["first_name"].fillna("") + " " + customers["last_name"].fillna("")
    return [typed, typed.str.lower().str.split().str.join(" ")]


def _example_customers() -> dict:
    # five records: Jan Peeters entered twice (one person), two different people called An Maes
    return {"customers": pd.DataFrame({
        "customer_id": ["C1", "C2", "C3", "C4", "C5"],
        "first_name": ["Jan", "Jan", "An", "An", "Els"],
        "last_name": ["Peeters", "Peeters", "Maes", "Maes", "Claes"],
        "person_id": ["C1", "C1", "C3", "C4", "C5"]})}


DUPLICATES = Exercise(
    id="11.1",
    judge=number(lambda customers: len(customers) - customers["person_id"].nunique(), mistakes={
        "people": lambda right, customers: customers["person_id"].nunique(),
        "records": lambda right, customers: len(customers),
        "names": lambda right, customers: [len(customers) - key.nunique()
                                           for key in _name_keys(customers)]}),
    context=("customers",),
    hints=(
        {"en": "A duplicate is a record whose person already has another record: records "
               "minus people.",
         "nl": "Een dubbel is een record van een persoon die al een ander record heeft: "
               "records min personen."},
        {"en": "`customers` has one row per record; `person_id` says which person (match key "
               "of name, address and phone) each record belongs to.",
         "nl": "`customers` heeft één rij per record; `person_id` zegt bij welke persoon "
               "(matchsleutel van naam, adres en telefoon) elk record hoort."},
        {"en": 'answer = len(customers) - customers["person_id"].nunique()',
         "nl": 'answer = len(customers) - customers["person_id"].nunique()'},
    ),
    feedback={
        **NUMBER,
        "people": {
            "en": "{answer:,.0f} is the number of people; the question asks how many records "
                  "are extra, on top of one per person.",
            "nl": "{answer:,.0f} is het aantal personen; de vraag is hoeveel records er te veel "
                  "zijn, bovenop één per persoon."},
        "records": {
            "en": "{answer:,.0f} is the number of records; subtract the number of people.",
            "nl": "{answer:,.0f} is het aantal records; trek het aantal personen ervan af."},
        "names": {
            "en": "{answer:,.0f} merges records on the name alone. Many riders share a name: "
                  "use the match key of name, address and phone (`person_id`).",
            "nl": "{answer:,.0f} voegt records samen op naam alleen. Veel ruiters delen een "
                  "naam: gebruik de matchsleutel van naam, adres en telefoon (`person_id`)."},
    },
    examples=(Example(1, context=_example_customers), Example(4, "people", _example_customers),
              Example(5, "records", _example_customers), Example(2, "names", _example_customers),
              Example(3, "off", _example_customers)),
)



PAGE = "https://www.horseholiday.com/trips/TR04"
TAGS = {"utm_source": "facebook", "utm_medium": "social", "utm_campaign": "autumn-sale",
        "utm_content": "book-now"}
"""Exercise 11.2's link: the trip page and its UTM tags, in this order."""
REBOOKING_VALUES = {"mailchimp", "email", "rebooking-2021", "similar-trip"}
"""The values of the notebook's own campaign, which a student may leave in by mistake."""


def _utm_link(answer):
    """The exact link; else whether the page, the parameters, their values or order differ."""
    if not isinstance(answer, str):
        return Wrong("not_text", {"got": type(answer).__name__})
    parts = urlsplit(answer.strip())
    if f"{parts.scheme}://{parts.netloc}{parts.path}" != PAGE:
        return Wrong("page")
    given = parse_qsl(parts.query)
    if given == list(TAGS.items()):
        return None
    values = dict(given)
    if REBOOKING_VALUES & set(values.values()):
        return Wrong("old_values")
    if set(values) != set(TAGS):
        return Wrong("keys", {"missing": sorted(set(TAGS) - set(values)) or "-",
                              "extra": sorted(set(values) - set(TAGS)) or "-"})
    if values == TAGS:
        return Wrong("order")
    return Wrong("values", {"names": ", ".join(k for k in TAGS if values[k] != TAGS[k])})


_RIGHT_LINK = f"{PAGE}?" + "&".join(f"{key}={value}" for key, value in TAGS.items())

UTM_LINK = Exercise(
    id="11.2",
    judge=_utm_link,
    hints=(
        {"en": "The link is the trip page, a `?`, and the four UTM parameters joined by `&`.",
         "nl": "De link is de reispagina, een `?` en de vier UTM-parameters, gescheiden door "
               "`&`."},
        {"en": "Copy the dictionary `UTM` from the campaign above, change its four values, and "
               "let `urlencode` write them in the dictionary's order.",
         "nl": "Kopieer de dictionary `UTM` uit de campagne hierboven, verander de vier waarden "
               "en laat `urlencode` ze in de volgorde van de dictionary schrijven."},
        {"en": 'answer = "https://www.horseholiday.com/trips/TR04?" + urlencode({"utm_source": '
               '"facebook", "utm_medium": "social", "utm_campaign": "autumn-sale", '
               '"utm_content": "book-now"})',
         "nl": 'answer = "https://www.horseholiday.com/trips/TR04?" + urlencode({"utm_source": '
               '"facebook", "utm_medium": "social", "utm_campaign": "autumn-sale", '
               '"utm_content": "book-now"})'},
    ),
    feedback={
        "not_text": {
            "en": "the answer is a {got}; store the link as text (a str).",
            "nl": "het antwoord is een {got}; bewaar de link als tekst (een str)."},
        "page": {
            "en": "the part before `?` is not the page of the Connemara ride: "
                  "https://www.horseholiday.com/trips/TR04.",
            "nl": "het deel vóór `?` is niet de pagina van de Connemara-rit: "
                  "https://www.horseholiday.com/trips/TR04."},
        "old_values": {
            "en": "the link still carries the rebooking campaign's values (mailchimp, email, "
                  "rebooking-2021, similar-trip): Analytics would count the visit for the "
                  "wrong campaign.",
            "nl": "de link draagt nog de waarden van de herboekingscampagne (mailchimp, email, "
                  "rebooking-2021, similar-trip): Analytics zou het bezoek aan de verkeerde "
                  "campagne toeschrijven."},
        "keys": {
            "en": "the UTM parameters are not the four asked for (missing: {missing}; extra: "
                  "{extra}). utm_term is for paid search, not needed here.",
            "nl": "de UTM-parameters zijn niet de vier gevraagde (ontbreken: {missing}; te "
                  "veel: {extra}). utm_term is voor betaalde zoekresultaten, hier niet nodig."},
        "order": {
            "en": "the right tags, in another order. Analytics does not mind, but the exercise "
                  "asks for source, medium, campaign, content: the order everyone in the team "
                  "reads.",
            "nl": "de juiste tags, in een andere volgorde. Analytics maakt dat niet uit, maar de "
                  "oefening vraagt source, medium, campaign, content: de volgorde die iedereen "
                  "in het team leest."},
        "values": {
            "en": "these parameters have another value than asked: {names}.",
            "nl": "deze parameters hebben een andere waarde dan gevraagd: {names}."},
    },
    examples=(
        Example(_RIGHT_LINK),
        Example(_RIGHT_LINK.replace("facebook", "mailchimp"), "old_values"),
        Example(_RIGHT_LINK.replace("TR04", "TR01"), "page"),
        Example(f"{PAGE}?utm_medium=social&utm_source=facebook&utm_campaign=autumn-sale"
                "&utm_content=book-now", "order"),
        Example(_RIGHT_LINK.replace("&utm_content=book-now", ""), "keys"),
        Example(_RIGHT_LINK.replace("autumn-sale", "autumn+sale"), "values"),
        Example(4, "not_text"),
    ),
)


def _comparison_table(answer, comparison, folds):
    """A comparison scored on balanced accuracy, of the same models, on the same periods."""
    if not isinstance(answer, pd.DataFrame):
        return Wrong("not_a_table", {"got": type(answer).__name__})
    scoring = answer.attrs.get("scoring")
    if scoring != "balanced_accuracy":
        return Wrong("scoring", {"scoring": str(scoring)})
    splits = [column for column in answer.columns if str(column).startswith("split_")]
    if len(splits) != len(folds):
        return Wrong("other_folds", {"splits": len(splits), "folds": len(folds)})
    if set(answer.index) != set(comparison.index):
        return Wrong("models")
    return None


def _tables(splits: int = 3, scoring: str = "balanced_accuracy", models=("XGBoost",)):
    """A stand-in for a compare_models table: mean, std, one column per split."""
    table = pd.DataFrame(0.5, index=[*models, BASELINE],
                         columns=["mean", "std", *(f"split_{i + 1}" for i in range(splits))])
    table.attrs["scoring"] = scoring
    return table


def _example_comparison() -> dict:
    return {"comparison": _tables(scoring="accuracy"), "folds": [(), (), ()]}


BALANCED = Exercise(
    id="11.3",
    judge=_comparison_table,
    context=("comparison", "folds"),
    hints=(
        {"en": "Run the same comparison as above, with one thing changed: the score.",
         "nl": "Voer dezelfde vergelijking uit als hierboven, met één verschil: de score."},
        {"en": "predict.compare_models takes `cv=` (the validation periods `folds`) and "
               "`scoring=`; learn from X_train and y_train only.",
         "nl": "predict.compare_models neemt `cv=` (de validatieperiodes `folds`) en "
               "`scoring=`; leer alleen van X_train en y_train."},
        {"en": "answer = predict.compare_models(X_train, y_train, cv=folds, "
               "scoring=\"balanced_accuracy\", random_state=SEED)",
         "nl": "answer = predict.compare_models(X_train, y_train, cv=folds, "
               "scoring=\"balanced_accuracy\", random_state=SEED)"},
    ),
    feedback={
        "not_a_table": {
            "en": "the answer is a {got}; store the whole table predict.compare_models returns.",
            "nl": "het antwoord is een {got}; bewaar de hele tabel die predict.compare_models "
                  "teruggeeft."},
        "scoring": {
            "en": "this table is scored on {scoring!r}. Pass scoring=\"balanced_accuracy\": "
                  "plain accuracy lets the big '> 350 days' class dominate.",
            "nl": "deze tabel is gescoord op {scoring!r}. Geef scoring=\"balanced_accuracy\" "
                  "mee: gewone accuracy laat de grote klasse '> 350 days' domineren."},
        "other_folds": {
            "en": "the table has {splits} splits, the validation periods are {folds}. With "
                  "cv=5 the folds mix years, so a model learns from bookings made after the "
                  "ones it is checked on; pass cv=folds.",
            "nl": "de tabel heeft {splits} splitsingen, er zijn {folds} validatieperiodes. Met "
                  "cv=5 mengen de folds de jaren, zodat een model leert van boekingen van na de "
                  "boekingen waarop het gecontroleerd wordt; geef cv=folds mee."},
        "models": {
            "en": "the table compares other models than `comparison`; keep the default models "
                  "and the baseline.",
            "nl": "de tabel vergelijkt andere modellen dan `comparison`; behoud de standaard"
                  "modellen en de baseline."},
    },
    examples=(
        Example(_tables(), context=_example_comparison),
        Example(_tables(scoring="accuracy"), "scoring", _example_comparison),
        Example(_tables(splits=5), "other_folds", _example_comparison),
        Example(_tables(models=("random forest",)), "models", _example_comparison),
        Example(0.6, "not_a_table", _example_comparison),
    ),
)


def _no_rhythm_margin(answer):
    """About zero (within 5 points); else which number was stored instead of the margin."""
    value = as_number(answer)
    if isinstance(value, Wrong):
        return value
    if abs(value) < 0.05:
        return None
    if 0.3 <= value <= 1:
        return Wrong("accuracy", {"answer": value})
    if 0.1 <= value < 0.3:
        return Wrong("planted", {"answer": value})
    if 1 < abs(value) <= 5:
        return Wrong("percent", {"answer": value})
    return Wrong("off", {"answer": value})


NO_RHYTHM = Exercise(
    id="11.4",
    judge=_no_rhythm_margin,
    hints=(
        {"en": "`rebooking_method` runs the whole notebook on another booking system and "
               "returns the test accuracy and the majority class's accuracy.",
         "nl": "`rebooking_method` voert de hele notebook uit op een ander boekingssysteem en "
               "geeft de test-accuracy en de accuracy van de meerderheidsklasse terug."},
        {"en": "Load the data with seed=3, scale=0.5 and planted=False; the margin is the "
               "first number minus the second, as a share.",
         "nl": "Laad de data met seed=3, scale=0.5 en planted=False; de marge is het eerste "
               "getal min het tweede, als aandeel."},
        {"en": "result = rebooking_method(datasets.load(\"trailfinders\", seed=3, scale=0.5, "
               "planted=False)); answer = result[\"test accuracy\"] - result[\"majority "
               "class on the test\"]",
         "nl": "result = rebooking_method(datasets.load(\"trailfinders\", seed=3, scale=0.5, "
               "planted=False)); answer = result[\"test accuracy\"] - result[\"majority "
               "class on the test\"]"},
    ),
    feedback={
        **NUMBER,
        "accuracy": {
            "en": "{answer:.3f} looks like the test accuracy itself; subtract the majority "
                  "class's accuracy to get the margin.",
            "nl": "{answer:.3f} lijkt de test-accuracy zelf; trek de accuracy van de "
                  "meerderheidsklasse ervan af om de marge te krijgen."},
        "planted": {
            "en": "a margin of {answer:.3f} is what the method finds when the rhythms are "
                  "there. Did you pass planted=False?",
            "nl": "een marge van {answer:.3f} vindt de methode als de ritmes er zijn. Gaf je "
                  "planted=False mee?"},
        "percent": {
            "en": "{answer:.3g} looks like percentage points; store the margin as a share "
                  "(0.01 is one point).",
            "nl": "{answer:.3g} lijkt procentpunten; bewaar de marge als aandeel (0,01 is één "
                  "punt)."},
    },
    examples=(Example(0.004), Example(-0.02), Example(0.55, "accuracy"),
              Example(0.22, "planted"), Example(2.0, "percent"), Example(-0.2, "off"),
              Example("0.0", "not_a_number")),
)


def _model_facts(comparison) -> dict:
    models = comparison.drop(BASELINE)
    return {"winner": models.index[0], "runner_up": models.index[1],
            "gap": 100 * (models["mean"].iloc[0] - models["mean"].iloc[1]),
            "spread": 100 * models["std"].max(),
            "xgb_rank": int(np.flatnonzero(comparison.index == "XGBoost")[0]) + 1}


def _example_models() -> dict:
    table = pd.DataFrame({"mean": [0.78, 0.77, 0.75, 0.55], "std": [0.02, 0.03, 0.02, 0.01]},
                         index=["random forest", "gradient boosting", "XGBoost", BASELINE])
    return {"comparison": table}


DEPLOY = Exercise(
    id="11.5",
    judge=choice("B", "ABC", facts=_model_facts),
    context=("comparison",),
    hints=(
        {"en": "Ask of each option: which bookings are used to choose, and which to report "
               "the score of the chosen model?",
         "nl": "Vraag bij elke optie: met welke boekingen wordt gekozen, en met welke wordt "
               "de score van het gekozen model gerapporteerd?"},
        {"en": "Look at `comparison`: how big is the lead of the first model over the second, "
               "next to the `std` column?",
         "nl": "Kijk naar `comparison`: hoe groot is de voorsprong van het eerste model op het "
               "tweede, naast de kolom `std`?"},
        {"en": "A score you use to choose is no longer a fair estimate. Which option keeps the "
               "test years untouched until one model is scored, once?",
         "nl": "Een score waarmee je kiest, is geen eerlijke schatting meer. Welke optie laat "
               "de testjaren onaangeroerd tot één model één keer gescoord wordt?"},
    ),
    feedback={
        **CHOICE,
        "choice_A": {
            "en": "choosing on the test years uses them five times: the best of five test "
                  "scores is partly luck, so the score you report is too rosy and nothing "
                  "untouched is left to check it. The validation periods already choose: "
                  "{winner} leads {runner_up} by {gap:.1f} points, while one model moves by up "
                  "to {spread:.1f} points from period to period.",
            "nl": "kiezen op de testjaren gebruikt ze vijf keer: de beste van vijf testscores "
                  "is deels geluk, dus de score die je rapporteert is te rooskleurig en er "
                  "blijft niets onaangeroerd om hem te controleren. De validatieperiodes kiezen "
                  "al: {winner} staat {gap:.1f} punten voor op {runner_up}, terwijl één model "
                  "tot {spread:.1f} punten verschuift van periode tot periode."},
        "choice_C": {
            "en": "XGBoost won on the e-book's data; on the validation periods here it is "
                  "number {xgb_rank} (first: {winner}). Choose on your own data's validation "
                  "periods, not on another company's result.",
            "nl": "XGBoost won op de data van het e-book; op de validatieperiodes hier staat het "
                  "op plaats {xgb_rank} (eerste: {winner}). Kies op de validatieperiodes van je "
                  "eigen data, niet op het resultaat van een ander bedrijf."},
    },
    after_correct=RUBRIC_REMINDER,
    examples=(
        Example({"choice": "B", "why": "The validation periods choose the model; the test "
                                       "years score that one model once, with its interval."},
                context=_example_models),
        Example({"choice": "A", "why": "Highest test accuracy."}, "choice_A", _example_models),
        Example({"choice": "c", "why": "The e-book says so."}, "choice_C", _example_models),
        Example({"choice": "B", "why": "fair"}, "memo_short", _example_models),
        Example({"choice": "D", "why": "none"}, "unknown_choice", _example_models),
        Example("B", "not_a_judgement", _example_models),
    ),
)

EXERCISES = (DUPLICATES, UTM_LINK, BALANCED, NO_RHYTHM, DEPLOY)
