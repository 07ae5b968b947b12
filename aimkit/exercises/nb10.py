"""Exercises of notebook 10 (Kinnarps): private buyers, a log scale, stability, whom to call.

Used in: the checks of notebook 10, through ``exercises.check("10.n", answer, ...)``.
"""

import pandas as pd

from aimkit import segment
from aimkit.exercises import Example, Exercise
from aimkit.exercises.answers import CHOICE, NUMBER, RUBRIC_REMINDER, choice, measured, number

FEATURES = ["amount", "contacts", "orders"]


def _private_in(features: pd.DataFrame, cluster: str) -> pd.Series:
    return (features["cluster"] == cluster) & (features["potential_code"] == "D")


def _example_features() -> dict:
    """Eight customers in two clusters, with their potential codes and four-year figures."""
    return {"features": pd.DataFrame({
        "cluster": pd.Categorical(["1", "1", "1", "2", "2", "2", "2", "4"],
                                  categories=["1", "2", "3", "4"]),
        "potential_code": ["D", "A", "B", "D", "D", "A", "C", "A"],
        "amount": [5_000.0, 9_000, 12_000, 150_000, 120_000, 160_000, 140_000, 1_300_000],
        "contacts": [4, 9, 8, 30, 35, 32, 31, 130],
        "orders": [3, 5, 4, 25, 22, 26, 24, 126]})}


PRIVATE_MID_SIZE = Exercise(
    id="10.1",
    judge=number(lambda features: int(_private_in(features, "2").sum()), mistakes={
        "share": lambda right, features: right / (features["cluster"] == "2").sum(),
        "all_private": lambda right, features: int((features["potential_code"] == "D").sum()),
        "whole_cluster": lambda right, features: int((features["cluster"] == "2").sum())}),
    context=("features",),
    hints=(
        {"en": "Two conditions at once: the cluster is '2' and the code is 'D'.",
         "nl": "Twee voorwaarden tegelijk: de cluster is '2' en de code is 'D'."},
        {"en": "Combine the two masks with &, each in brackets, and count the True values.",
         "nl": "Combineer de twee maskers met &, elk tussen haakjes, en tel de True-waarden."},
        {"en": "((features['cluster'] == '2') & (features['potential_code'] == 'D')).sum()",
         "nl": "((features['cluster'] == '2') & (features['potential_code'] == 'D')).sum()"},
    ),
    feedback={
        **NUMBER,
        "share": {
            "en": "{answer:.2f} is the share of cluster 2 coded D; the question asks for the "
                  "number of customers.",
            "nl": "{answer:.2f} is het aandeel van cluster 2 met code D; de vraag is het aantal "
                  "klanten."},
        "all_private": {
            "en": "{answer:,.0f} counts every D customer, in all clusters; keep only cluster 2.",
            "nl": "{answer:,.0f} telt elke D-klant, in alle clusters; hou alleen cluster 2 over."},
        "whole_cluster": {
            "en": "{answer:,.0f} is the size of cluster 2, every code; keep only code D.",
            "nl": "{answer:,.0f} is de omvang van cluster 2, alle codes; hou alleen code D over."},
    },
    examples=(Example(2, context=_example_features),
              Example(0.5, "share", _example_features),
              Example(3, "all_private", _example_features),
              Example(4, "whole_cluster", _example_features),
              Example(7, "off", _example_features)),
)


def _top_cluster_sizes(features: pd.DataFrame, seed: int) -> tuple[float, dict]:
    """Customers in the best cluster with a log amount, and the typical wrong counts."""
    labels = segment.ValueSegmenter(4, FEATURES, log=["amount"], random_state=seed) \
        .fit_predict(features)
    plain = segment.ValueSegmenter(4, FEATURES, random_state=seed).fit_predict(features)
    return int((labels == "A").sum()), {"no_log": int((plain == "A").sum()),
                                        "lowest": int((labels == "D").sum())}


def _example_customers() -> dict:
    """Forty customers whose amounts are skewed, as in the notebook (and its seed)."""
    kinds = [(5_000, 4, 5, 20), (60_000, 15, 20, 12), (300_000, 50, 60, 6),
             (1_500_000, 120, 130, 5)]
    rows = [{"amount": amount * (1 + 0.3 * i), "orders": orders + i, "contacts": contacts + i}
            for amount, orders, contacts, n in kinds for i in range(n)]
    return {"features": pd.DataFrame(rows), "SEED": 2021}


LOG_AMOUNT = Exercise(
    id="10.2",
    judge=measured(lambda features, SEED: _top_cluster_sizes(features, SEED)),
    context=("features", "SEED"),
    hints=(
        {"en": "The segmenter takes a `log=` list: the features to put on a log scale before "
               "KMeans.",
         "nl": "De segmenter neemt een lijst `log=`: de kenmerken die vóór KMeans op een "
               "logaritmische schaal gaan."},
        {"en": "Fit it with log=['amount'] and random_state=SEED; the best cluster is labelled "
               "'A' (the default labels run from A, best, to D).",
         "nl": "Fit hem met log=['amount'] en random_state=SEED; de beste cluster heet 'A' (de "
               "standaardlabels lopen van A, de beste, tot D)."},
        {"en": "(segment.ValueSegmenter(4, ['amount', 'contacts', 'orders'], log=['amount'], "
               "random_state=SEED).fit_predict(features) == 'A').sum()",
         "nl": "(segment.ValueSegmenter(4, ['amount', 'contacts', 'orders'], log=['amount'], "
               "random_state=SEED).fit_predict(features) == 'A').sum()"},
    ),
    feedback={
        **NUMBER,
        "no_log": {
            "en": "{answer:,.0f} is the top cluster without the log transform; pass "
                  "log=['amount'].",
            "nl": "{answer:,.0f} is de topcluster zonder logaritme; geef log=['amount'] mee."},
        "lowest": {
            "en": "{answer:,.0f} customers sit in cluster 'D', the lowest; with the default "
                  "labels the best cluster is 'A'.",
            "nl": "{answer:,.0f} klanten zitten in cluster 'D', de laagste; met de "
                  "standaardlabels is de beste cluster 'A'."},
    },
    examples=(Example(5, context=_example_customers),
              Example(2, "no_log", _example_customers),
              Example(20, "lowest", _example_customers),
              Example("5", "not_a_number", _example_customers),
              Example(9, "off", _example_customers)),
)


def _stability(flat_features, is_it_real, challenge) -> tuple[float, dict]:
    found = is_it_real(flat_features, k=3)
    no_kinds = challenge.iloc[:, -1]  # the last column: seed 7 without kinds, k = 4
    return found["stability (adjusted Rand)"], {
        "least_pair": found["least stable pair"], "silhouette": found["silhouette"],
        "k_four": no_kinds["stability (adjusted Rand)"]}


def _example_challenge() -> dict:
    """A stand-in for ``is_it_real``: fixed signals for k = 3 and the challenge table."""
    def is_it_real(features, k=4):
        return {3: {"stability (adjusted Rand)": 0.71, "least stable pair": 0.42,
                    "silhouette": 0.58},
                4: {"stability (adjusted Rand)": 0.8, "least stable pair": 0.4,
                    "silhouette": 0.6}}[k]
    challenge = pd.DataFrame({"this data": {"stability (adjusted Rand)": 0.98},
                              "seed 7, no kinds planted": {"stability (adjusted Rand)": 0.8}})
    return {"flat_features": None, "is_it_real": is_it_real, "challenge": challenge}


STABILITY_AT_THREE = Exercise(
    id="10.3",
    judge=measured(_stability),
    context=("flat_features", "is_it_real", "challenge"),
    hints=(
        {"en": "is_it_real returns a dictionary of signals; k is one of its parameters.",
         "nl": "is_it_real geeft een dictionary met signalen terug; k is een van zijn "
               "parameters."},
        {"en": "Run it on flat_features (no kinds planted), not on features, with k=3.",
         "nl": "Voer het uit op flat_features (geen soorten geplant), niet op features, met "
               "k=3."},
        {"en": "is_it_real(flat_features, k=3)['stability (adjusted Rand)']",
         "nl": "is_it_real(flat_features, k=3)['stability (adjusted Rand)']"},
    ),
    feedback={
        **NUMBER,
        "least_pair": {
            "en": "{answer:.2f} is the least stable pair; the question asks for the mean "
                  "stability.",
            "nl": "{answer:.2f} is het minst stabiele paar; de vraag is de gemiddelde "
                  "stabiliteit."},
        "silhouette": {
            "en": "{answer:.2f} is the silhouette, a measure of separation; the question asks "
                  "for the stability across samples.",
            "nl": "{answer:.2f} is de silhouet, een maat voor scheiding; de vraag is de "
                  "stabiliteit over steekproeven heen."},
        "k_four": {
            "en": "{answer:.2f} is the stability at k = 4 from the table; run it again with "
                  "k=3.",
            "nl": "{answer:.2f} is de stabiliteit bij k = 4 uit de tabel; voer het opnieuw uit "
                  "met k=3."},
    },
    examples=(Example(0.71, context=_example_challenge),
              Example(0.42, "least_pair", _example_challenge),
              Example(0.58, "silhouette", _example_challenge),
              Example(0.8, "k_four", _example_challenge),
              Example(71, "off", _example_challenge)),
)


def _call_facts(features: pd.DataFrame) -> dict:
    """The figures the feedback on a weaker choice cites, from the notebook's clusters."""
    private = features[_private_in(features, "2")]
    optimistic = features[(features["cluster"] == "1")
                          & features["potential_code"].isin(["A", "B"])]
    top = features[features["cluster"] == "4"]
    return {"private": len(private), "private_amount": private["amount"].mean(),
            "optimistic": len(optimistic), "optimistic_amount": optimistic["amount"].mean(),
            "top": len(top), "top_a": (top["potential_code"] == "A").mean(),
            "small": int((features["cluster"] == "1").sum()),
            "small_amount": features.loc[features["cluster"] == "1", "amount"].mean()}


CALL_FIRST = Exercise(
    id="10.4",
    judge=choice("B", "ABCD", facts=_call_facts),
    context=("features",),
    hints=(
        {"en": "Which customers does sales *not* approach today, although they buy a lot?",
         "nl": "Welke klanten benadert sales vandaag *niet*, hoewel ze veel kopen?"},
        {"en": "Compare the potential code with the cluster: where does the code say 'not a "
               "target' while the four-year figures say otherwise?",
         "nl": "Vergelijk de potentieelcode met de cluster: waar zegt de code 'geen doelgroep' "
               "terwijl de cijfers over vier jaar iets anders zeggen?"},
        {"en": "Look at `private_mid`: customers coded D (private) who buy like mid-size "
               "companies. What do they spend, and who calls them today?",
         "nl": "Bekijk `private_mid`: klanten met code D (particulier) die kopen als "
               "middelgrote bedrijven. Wat geven ze uit, en wie belt hen vandaag?"},
    ),
    feedback={
        **CHOICE,
        "choice_A": {
            "en": "the {top} key accounts of cluster 4 matter most, but {top_a:.0%} of them are "
                  "already coded A and have a key-account manager: a call adds little that is "
                  "not happening already.",
            "nl": "de {top} key accounts van cluster 4 zijn het belangrijkst, maar {top_a:.0%} "
                  "ervan heeft al code A en een key-accountmanager: een telefoon voegt weinig "
                  "toe aan wat al gebeurt."},
        "choice_C": {
            "en": "cluster 1 is the largest group ({small} customers), but they bought "
                  "€ {small_amount:,.0f} on average in four years: a newsletter reaches them "
                  "more cheaply than a sales call.",
            "nl": "cluster 1 is de grootste groep ({small} klanten), maar ze kochten gemiddeld "
                  "€ {small_amount:,.0f} in vier jaar: een nieuwsbrief bereikt hen goedkoper "
                  "dan een salesgesprek."},
        "choice_D": {
            "en": "the {optimistic} A- and B-coded customers of cluster 1 are worth a check of "
                  "their code, but they bought € {optimistic_amount:,.0f} on average; the "
                  "{private} 'private' customers of cluster 2 bought € {private_amount:,.0f} "
                  "and nobody in sales looks after them.",
            "nl": "de {optimistic} klanten met code A of B in cluster 1 verdienen een controle "
                  "van hun code, maar ze kochten gemiddeld € {optimistic_amount:,.0f}; de "
                  "{private} 'particulieren' van cluster 2 kochten € {private_amount:,.0f} en "
                  "niemand van sales volgt hen op."},
    },
    after_correct=RUBRIC_REMINDER,
    examples=(
        Example({"choice": "B", "why": "They buy like mid-size companies, but their code D "
                                       "keeps them out of sales' sight: re-qualify and visit."},
                context=_example_features),
        Example({"choice": "A", "why": "The biggest customers."}, "choice_A", _example_features),
        Example({"choice": "C", "why": "Most customers."}, "choice_C", _example_features),
        Example({"choice": "D", "why": "Coded A but buy little."}, "choice_D",
                _example_features),
        Example({"choice": "b", "why": "mid-size"}, "memo_short", _example_features),
        Example({"choice": "E", "why": "?"}, "unknown_choice", _example_features),
    ),
)

EXERCISES = (PRIVATE_MID_SIZE, LOG_AMOUNT, STABILITY_AT_THREE, CALL_FIRST)
