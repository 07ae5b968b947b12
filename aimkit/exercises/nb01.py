"""Exercises of notebook 01 (AI and marketing): learning types, exploration, a price in euro.

Used in: the checks of notebook 01, through ``exercises.check("01.n", answer)``.
"""

from aimkit.exercises import Example, Exercise
from aimkit.exercises.answers import (
                                      CHOICE,
                                      MAPPING,
                                      NUMBER,
                                      RUBRIC_REMINDER,
                                      choice,
                                      mapping,
                                      number,
)

LEARNING = {"spam": "classification", "price": "regression", "segments": "clustering",
            "ads": "reinforcement", "churn": "classification"}

LEARNING_TYPES = Exercise(
    id="01.1",
    judge=mapping(LEARNING, {("churn", "regression"): "churn_is_a_category",
                             ("segments", "classification"): "segments_have_no_labels",
                             ("ads", "classification"): "ads_learn_from_clicks",
                             ("price", "classification"): "price_is_a_value"}),
    hints=(
        {"en": "For each task ask: is the output a category, an amount, a group nobody "
               "labelled, or an action learned from rewards?",
         "nl": "Vraag je per taak af: is de uitkomst een categorie, een bedrag, een groep die "
               "niemand benoemde, of een actie geleerd uit beloningen?"},
        {"en": "Classification and regression learn from labelled history; clustering has no "
               "labels; reinforcement learns by trying and being rewarded (clicks).",
         "nl": "Classificatie en regressie leren uit gelabelde historiek; clustering heeft geen "
               "labels; reinforcement learning leert door te proberen en beloond te worden "
               "(kliks)."},
        {"en": "Two tasks predict a yes/no category; 'price' predicts an amount in euro.",
         "nl": "Twee taken voorspellen een ja/nee-categorie; 'price' voorspelt een bedrag in "
               "euro."},
    ),
    feedback={
        **MAPPING,
        "churn_is_a_category": {
            "en": "'churn' asks *will this customer leave?*: yes or no, a category. Regression "
                  "predicts an amount.",
            "nl": "'churn' vraagt *vertrekt deze klant?*: ja of nee, een categorie. Regressie "
                  "voorspelt een bedrag."},
        "segments_have_no_labels": {
            "en": "'segments' has no labels to learn from: nobody told the model which group a "
                  "customer is in. That is clustering.",
            "nl": "'segments' heeft geen labels om uit te leren: niemand vertelde het model in "
                  "welke groep een klant zit. Dat is clustering."},
        "ads_learn_from_clicks": {
            "en": "'ads' has no labelled history: the algorithm tries ads and learns from the "
                  "clicks it gets. That is reinforcement learning.",
            "nl": "'ads' heeft geen gelabelde historiek: het algoritme probeert advertenties en "
                  "leert uit de kliks die het krijgt. Dat is reinforcement learning."},
        "price_is_a_value": {
            "en": "'price' predicts an amount in euro, not a category: regression.",
            "nl": "'price' voorspelt een bedrag in euro, geen categorie: regressie."},
    },
    examples=(Example(LEARNING),
              Example({**LEARNING, "churn": "regression"}, "churn_is_a_category"),
              Example({**LEARNING, "segments": "classification"}, "segments_have_no_labels"),
              Example({**LEARNING, "ads": "classification"}, "ads_learn_from_clicks"),
              Example({**LEARNING, "price": "classification"}, "price_is_a_value"),
              Example({**LEARNING, "spam": "clustering"}, "some_wrong"),
              Example({**LEARNING, "ads": "bandit"}, "unknown_value"),
              Example({"spam": "classification"}, "keys"),
              Example(["classification"], "not_a_mapping")),
)

EXPLORATION = Exercise(
    id="01.2",
    judge=choice("B", "ABC"),
    hints=(
        {"en": "Compare the total clicks per ε, with the notebook's seed and with "
               "run_bandit(eps, seed=1).",
         "nl": "Vergelijk het totaal aantal kliks per ε, met de seed van de notebook en met "
               "run_bandit(eps, seed=1)."},
        {"en": "Which ε is never far from the best, whatever the seed? Which one sometimes "
               "collapses?",
         "nl": "Welke ε zit nooit ver van de beste, wat de seed ook is? Welke zakt soms in "
               "elkaar?"},
        {"en": "With ε = 0 the bandit keeps the ad that looked best after a few impressions, "
               "even when that ad was only lucky.",
         "nl": "Met ε = 0 houdt de bandit de advertentie die na enkele vertoningen de beste "
               "leek, ook als ze gewoon geluk had."},
    ),
    feedback={
        **CHOICE,
        "choice_A": {
            "en": "without exploration the bandit bets on the ad that looked best after a few "
                  "impressions and never checks again. Look at ε = 0 with seed 2021 and seed 1: "
                  "whether it finds the best ad is luck.",
            "nl": "zonder exploratie zet de bandit in op de advertentie die na enkele "
                  "vertoningen de beste leek, en controleert dat nooit meer. Bekijk ε = 0 met "
                  "seed 2021 en seed 1: of hij de beste advertentie vindt, is geluk."},
        "choice_C": {
            "en": "random ads keep paying for the weak ads: each gets a third of the "
                  "impressions, forever. Compare the clicks of ε = 1 with those of ε = 0.1.",
            "nl": "willekeurige advertenties blijven betalen voor de zwakke: elk krijgt voor "
                  "altijd een derde van de vertoningen. Vergelijk de kliks van ε = 1 met die "
                  "van ε = 0.1."},
    },
    after_correct=RUBRIC_REMINDER,
    examples=(
        Example({"choice": "B", "why": "A little exploration costs a few clicks but protects us "
                                       "from getting stuck on a weak ad."}),
        Example({"choice": "A", "why": "Exploring wastes impressions."}, "choice_A"),
        Example({"choice": "C", "why": "Fair."}, "choice_C"),
        Example({"choice": "D", "why": "?"}, "unknown_choice"),
    ),
)

PRICE_PER_M2_GHENT = 3100
"""The euro per m² the notebook plants for Ghent; a 120 m² house costs about 120 × 3100."""

HOUSE_PRICE = Exercise(
    id="01.3",
    judge=number(lambda: 120 * PRICE_PER_M2_GHENT, rel=0.07, mistakes={
        "thousands": lambda right: right / 1000,
        "per_m2": lambda right: right / 120,
        "other_region": lambda right: [120 * 2300, 120 * 3600]}),  # Aalst, Brussels
    hints=(
        {"en": "The model wants one row with exactly the columns of `features`, in euro and m².",
         "nl": "Het model wil één rij met precies de kolommen van `features`, in euro en m²."},
        {"en": "Region is one-hot encoded: region_Ghent = 1, the other region columns 0.",
         "nl": "De regio is one-hot gecodeerd: region_Ghent = 1, de andere regiokolommen 0."},
        {"en": "house = pd.DataFrame({'area_m2': [120.0], 'region_Ghent': [1.0]}), reindexed "
               "like features; then float(regressor.predict(house)[0]).",
         "nl": "house = pd.DataFrame({'area_m2': [120.0], 'region_Ghent': [1.0]}), herschikt "
               "zoals features; dan float(regressor.predict(house)[0])."},
    ),
    feedback={
        **NUMBER,
        "thousands": {
            "en": "{answer:,.0f} looks like thousands of euro (the plot's axis). The model "
                  "predicts euro: give the full amount.",
            "nl": "{answer:,.0f} lijkt in duizenden euro (de as van de grafiek). Het model "
                  "voorspelt euro: geef het volledige bedrag."},
        "per_m2": {
            "en": "{answer:,.0f} is a price per m²; the question asks the price of the whole "
                  "120 m² house.",
            "nl": "{answer:,.0f} is een prijs per m²; de vraag is de prijs van het hele huis "
                  "van 120 m²."},
        "other_region": {
            "en": "€ {answer:,.0f} is what a 120 m² house costs in another region: check which "
                  "region column is 1.",
            "nl": "€ {answer:,.0f} kost een huis van 120 m² in een andere regio: kijk welke "
                  "regiokolom 1 is."},
    },
    examples=(Example(371_500.0), Example(372.0, "thousands"), Example(3100, "per_m2"),
              Example(276_000, "other_region"), Example(432_000, "other_region"),
              Example([371_500.0], "many_numbers")),
)

EXERCISES = (LEARNING_TYPES, EXPLORATION, HOUSE_PRICE)
