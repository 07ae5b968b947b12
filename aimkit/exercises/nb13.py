"""Exercises of notebook 13 (wine merchant): anonymous lines, a tight budget, a baseline, proof.

Used in: the checks of notebook 13, through ``exercises.check("13.n", answer, ...)``.
"""

import pandas as pd

from aimkit import recommend
from aimkit.exercises import Example, Exercise
from aimkit.exercises.answers import CHOICE, NUMBER, RUBRIC_REMINDER, choice, measured, number

TASTING = "tasting day"


def _anonymous(sales: pd.DataFrame) -> float:
    return float(sales.loc[sales["channel"] == TASTING, "customer_id"].isna().mean())


def _example_sales() -> dict:
    """Eight POS lines: four on a tasting day (three without a customer), four in the shop."""
    return {"sales": pd.DataFrame({
        "channel": [TASTING] * 4 + ["shop"] * 4,
        "customer_id": [None, None, None, "C1", "C2", "C3", "C4", None]})}


ANONYMOUS_TASTING_LINES = Exercise(
    id="13.1",
    judge=number(_anonymous, mistakes={
        "percent": lambda right, sales: 100 * right,
        "all_channels": lambda right, sales: sales["customer_id"].isna().mean(),
        "known": lambda right, sales: 1 - right}),
    context=("sales",),
    hints=(
        {"en": "Two steps: keep the tasting-day lines, then measure how many lack a customer.",
         "nl": "Twee stappen: hou de lijnen van de proefdagen over, meet dan hoeveel er geen "
               "klant hebben."},
        {"en": "The channel column tells where a line was sold; isna() marks a missing "
               "customer_id, and the mean of True/False is a share.",
         "nl": "De kolom channel zegt waar een lijn verkocht werd; isna() markeert een "
               "ontbrekende customer_id, en het gemiddelde van True/False is een aandeel."},
        {"en": "sales.loc[sales['channel'] == 'tasting day', 'customer_id'].isna().mean()",
         "nl": "sales.loc[sales['channel'] == 'tasting day', 'customer_id'].isna().mean()"},
    ),
    feedback={
        **NUMBER,
        "all_channels": {
            "en": "{answer:.3f} is the share over every channel; keep only the tasting-day "
                  "lines.",
            "nl": "{answer:.3f} is het aandeel over alle kanalen; hou alleen de lijnen van de "
                  "proefdagen over."},
        "known": {
            "en": "{answer:.3f} is the share of tasting-day lines *with* a customer number; the "
                  "question asks for those without one.",
            "nl": "{answer:.3f} is het aandeel proefdaglijnen *met* een klantnummer; de vraag is "
                  "het aandeel zonder."},
    },
    examples=(Example(0.75, context=_example_sales),
              Example(75.0, "percent", _example_sales),
              Example(0.5, "all_channels", _example_sales),
              Example(0.25, "known", _example_sales),
              Example(0.6, "off", _example_sales)),
)


def _top5_share(candidates, history, catalogue, lines, match_share, spread, top=5) -> float:
    ranked = recommend.rerank_by_profile(candidates, history, catalogue, category="type",
                                         price="price_eur", spread=spread)
    return match_share(ranked[ranked["rank"] <= top], lines, catalogue)


def _tight_budget(**data) -> tuple[float, dict]:
    return _top5_share(**data, spread=0.15), {
        "default_spread": _top5_share(**data, spread=0.35),
        "all_ranks": _top5_share(**data, spread=0.15, top=len(data["candidates"]))}


def _example_candidates() -> dict:
    """One customer who buys €10 reds, eight candidates (a €22 red scores high), a stand-in."""
    catalogue = pd.DataFrame({
        "item": ["r1", "r2", "r3", "r4", "r5", "w1", "w2", "s1", "s2"],
        "type": ["red"] * 5 + ["white", "white", "sparkling", "sparkling"],
        "price_eur": [10.0, 11.5, 14.0, 19.0, 22.0, 10.0, 12.0, 25.0, 40.0]})
    history = pd.DataFrame({"user": ["an"] * 3, "item": ["r1", "r1", "w1"]})
    candidates = pd.DataFrame({"user": "an", "item": catalogue["item"][1:].tolist(),
                               "score": [0.5, 0.55, 0.6, 3.0, 0.6, 0.58, 0.9, 0.3],
                               "rank": range(1, 9)})

    def match_share(recommendations, lines, catalogue):  # stand-in: the mean price, in €100
        return recommendations[["item"]].merge(catalogue, on="item")["price_eur"].mean() / 100

    return {"candidates": candidates, "history": history, "catalogue": catalogue,
            "lines": None, "match_share": match_share}


_TIGHT, _TIGHT_MISTAKES = _tight_budget(**_example_candidates())

TIGHT_BUDGET = Exercise(
    id="13.2",
    judge=measured(_tight_budget),
    context=("candidates", "history", "catalogue", "lines", "match_share"),
    hints=(
        {"en": "Re-rank the same candidates again, with a narrower price window, and measure "
               "the top 5 the same way as above.",
         "nl": "Herschik dezelfde kandidaten opnieuw, met een smaller prijsvenster, en meet de "
               "top 5 op dezelfde manier als hierboven."},
        {"en": "recommend.rerank_by_profile takes a spread argument (0.35 by default); the "
               "re-ranked table has a rank column.",
         "nl": "recommend.rerank_by_profile heeft een argument spread (standaard 0.35); de "
               "herschikte tabel heeft een kolom rank."},
        {"en": "strict = recommend.rerank_by_profile(candidates, history, catalogue, "
               "category='type', price='price_eur', spread=0.15); then "
               "match_share(strict[strict['rank'] <= 5], lines, catalogue)",
         "nl": "strict = recommend.rerank_by_profile(candidates, history, catalogue, "
               "category='type', price='price_eur', spread=0.15); daarna "
               "match_share(strict[strict['rank'] <= 5], lines, catalogue)"},
    ),
    feedback={
        **NUMBER,
        "default_spread": {
            "en": "{answer:.4f} is the match share at the default spread 0.35 (rerank_match); "
                  "pass spread=0.15.",
            "nl": "{answer:.4f} is het aandeel bij de standaard-spread 0.35 (rerank_match); "
                  "geef spread=0.15 mee."},
        "all_ranks": {
            "en": "{answer:.4f} measures all 50 re-ranked candidates; keep the top 5 "
                  "(rank <= 5).",
            "nl": "{answer:.4f} meet alle 50 herschikte kandidaten; hou de top 5 over "
                  "(rank <= 5)."},
    },
    examples=(Example(_TIGHT, context=_example_candidates),
              Example(_TIGHT_MISTAKES["default_spread"], "default_spread", _example_candidates),
              Example(_TIGHT_MISTAKES["all_ranks"], "all_ranks", _example_candidates),
              Example([_TIGHT], "many_numbers", _example_candidates),
              Example(0.99, "off", _example_candidates)),
)


def _random_match(lines, catalogue, match_share, random_top5, top5) -> tuple[float, dict]:
    share = match_share(random_top5(lines, catalogue), lines, catalogue)
    return share, {"percent": 100 * share, "reranked": match_share(top5, lines, catalogue)}


def _example_baseline() -> dict:
    """Stand-ins: ``match_share`` reads a fixed share per recommendation table."""
    shares = {"random": 0.12, "reranked": 0.97}
    return {"lines": None, "catalogue": None, "top5": "reranked",
            "random_top5": lambda lines, catalogue: "random",
            "match_share": lambda recommendations, lines, catalogue: shares[recommendations]}


RANDOM_BASELINE = Exercise(
    id="13.3",
    judge=measured(_random_match),
    context=("lines", "catalogue", "match_share", "random_top5", "top5"),
    hints=(
        {"en": "A baseline: recommend five random wines to every customer and measure them "
               "with the same yardstick as the re-ranked top 5.",
         "nl": "Een basislijn: beveel elke klant vijf willekeurige wijnen aan en meet ze met "
               "dezelfde maatstaf als de herschikte top 5."},
        {"en": "random_top5(lines, catalogue) gives the random recommendations; match_share "
               "measures any table of recommendations.",
         "nl": "random_top5(lines, catalogue) geeft de willekeurige aanbevelingen; match_share "
               "meet elke tabel met aanbevelingen."},
        {"en": "match_share(random_top5(lines, catalogue), lines, catalogue)",
         "nl": "match_share(random_top5(lines, catalogue), lines, catalogue)"},
    ),
    feedback={
        **NUMBER,
        "reranked": {
            "en": "{answer:.3f} is the share of the re-ranked top 5 (top5); the question asks "
                  "for five random wines.",
            "nl": "{answer:.3f} is het aandeel van de herschikte top 5 (top5); de vraag gaat "
                  "over vijf willekeurige wijnen."},
    },
    examples=(Example(0.12, context=_example_baseline),
              Example(12.0, "percent", _example_baseline),
              Example(0.97, "reranked", _example_baseline),
              Example("12 %", "not_a_number", _example_baseline),
              Example(0.3, "off", _example_baseline)),
)


def _proof_facts(challenge: pd.DataFrame) -> dict:
    """The figures the feedback cites, from the notebook's challenge table."""
    real, flat = challenge.iloc[:, 0], challenge.iloc[:, -1]
    return {"match": 100 * real["match: re-ranked"], "flat": 100 * flat["match: re-ranked"],
            "random": 100 * real["match: random wines"], "hits": 100 * real["hit rate: CF"],
            "popular": 100 * real["hit rate: popularity"]}


def _example_challenge() -> dict:
    """A stand-in for the notebook's challenge table: this data and seed 7 without tastes."""
    return {"challenge": pd.DataFrame({
        "this data": {"match: re-ranked": 0.98, "match: random wines": 0.05,
                      "hit rate: CF": 0.30, "hit rate: popularity": 0.05},
        "seed 7, no tastes planted": {"match: re-ranked": 0.77, "match: random wines": 0.06,
                                      "hit rate: CF": 0.06, "hit rate: popularity": 0.05}})}


DOES_THE_MATCH_PROVE_IT = Exercise(
    id="13.4",
    judge=choice("B", "ABC", facts=_proof_facts),
    context=("challenge",),
    hints=(
        {"en": "Compare the match share with what it reaches when nobody has a taste: the last "
               "column of `challenge`.",
         "nl": "Vergelijk het aandeel met wat het haalt als niemand een smaak heeft: de laatste "
               "kolom van `challenge`."},
        {"en": "The re-ranker and the measure read the same purchase history. Which signals "
               "do fall without tastes?",
         "nl": "De herschikking en de maatstaf lezen dezelfde aankoophistoriek. Welke signalen "
               "dalen wél zonder smaken?"},
        {"en": "The hit rate against popularity shows taste in the history; only the "
               "newsletter's holdout shows that the recommendations sell.",
         "nl": "De hit rate tegenover populariteit toont smaak in de historiek; alleen de "
               "holdout van de nieuwsbrief toont dat de aanbevelingen verkopen."},
    ),
    feedback={
        **CHOICE,
        "choice_A": {
            "en": "the re-ranked top 5 matches for {match:.0f} %, but {flat:.0f} % is reached "
                  "on data without any tastes: the re-ranker and the measure read the same "
                  "history. The target cannot tell a good recommender from a bad one.",
            "nl": "de herschikte top 5 klopt voor {match:.0f} %, maar {flat:.0f} % haal je ook "
                  "op data zonder enige smaak: de herschikking en de maatstaf lezen dezelfde "
                  "historiek. Het doel onderscheidt geen goede van een slechte aanbeveler."},
        "choice_C": {
            "en": "collaborative filtering finds the hidden next wine for {hits:.0f} % of the "
                  "customers against {popular:.0f} % for the bestsellers: there is taste in "
                  "the data. Dropping the recommender throws that away; measure it instead.",
            "nl": "collaborative filtering vindt de verborgen volgende wijn voor {hits:.0f} % "
                  "van de klanten tegenover {popular:.0f} % voor de bestsellers: er zit smaak in "
                  "de data. De aanbeveler schrappen gooit dat weg; meet hem liever."},
    },
    after_correct=RUBRIC_REMINDER,
    examples=(
        Example({"choice": "B", "why": "The match also reaches 77 % without tastes, so it "
                                       "proves little; the hit rate beats popularity, and the "
                                       "holdout will show whether the blocks sell."},
                context=_example_challenge),
        Example({"choice": "A", "why": "98 % is above 90 %."}, "choice_A",
                _example_challenge),
        Example({"choice": "C", "why": "It is the re-ranker."}, "choice_C",
                _example_challenge),
        Example({"choice": "B", "why": "holdout"}, "memo_short",
                _example_challenge),
        Example("B", "not_a_judgement", _example_challenge),
    ),
)


EXERCISES = (ANONYMOUS_TASTING_LINES, TIGHT_BUDGET, RANDOM_BASELINE, DOES_THE_MATCH_PROVE_IT)
