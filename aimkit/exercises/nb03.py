"""Exercises of notebook 03 (personalisation opportunities): forms, "also bought", a trigger.

Used in: the checks of notebook 03, through ``exercises.check("03.n", answer)``.
"""

import pandas as pd

from aimkit.exercises import Example, Exercise
from aimkit.exercises.answers import MAPPING, NUMBER, mapping, number

FORMS = {"a": "content", "b": "context", "c": "campaign", "d": "content", "e": "context"}

FORMS_OF_PERSONALISATION = Exercise(
    id="03.1",
    judge=mapping(FORMS, {("e", "campaign"): "time_is_context",
                          ("b", "campaign"): "weather_is_context",
                          ("c", "content"): "voucher_is_campaign"}),
    hints=(
        {"en": "Ask what adapts to the person: what the page shows (content), which ad or offer "
               "they get (campaign), or where and when they get it (context)?",
         "nl": "Vraag je af wat zich aanpast aan de persoon: wat de pagina toont (content), "
               "welke advertentie of aanbieding die krijgt (campagne), of waar en wanneer die "
               "ze krijgt (context)?"},
        {"en": "A trigger on place, weather or time of day makes it context, even when the "
               "message is an offer.",
         "nl": "Een trigger op plaats, weer of tijdstip maakt het context, ook als de boodschap "
               "een aanbieding is."},
        {"en": "Two scenarios are content, two are context, one is campaign targeting.",
         "nl": "Twee scenario's zijn content, twee context, één campaign targeting."},
    ),
    feedback={
        **MAPPING,
        "time_is_context": {
            "en": "in 'e' the deal goes to whoever passes the shop between 12:00 and 13:00: "
                  "where and when decide, so it is context, even if it is an offer.",
            "nl": "in 'e' gaat de deal naar wie tussen 12:00 en 13:00 voorbij de winkel komt: "
                  "waar en wanneer beslissen, dus het is context, ook al is het een aanbieding."},
        "weather_is_context": {
            "en": "in 'b' the rain in the user's city triggers the offer: that is context.",
            "nl": "in 'b' zet de regen in de stad van de gebruiker de aanbieding in gang: dat "
                  "is context."},
        "voucher_is_campaign": {
            "en": "in 'c' an ad with a voucher goes to a chosen group of customers: that is "
                  "campaign targeting, not the content of a page.",
            "nl": "in 'c' gaat een advertentie met een voucher naar een gekozen groep klanten: "
                  "dat is campaign targeting, niet de inhoud van een pagina."},
    },
    examples=(Example(FORMS), Example({**FORMS, "e": "campaign"}, "time_is_context"),
              Example({**FORMS, "c": "content"}, "voucher_is_campaign"),
              Example({**FORMS, "b": "campaign"}, "weather_is_context"),
              Example({**FORMS, "a": "context", "d": "campaign"}, "some_wrong"),
              Example({**FORMS, "f": "content"}, "keys")),
)


def _among(buyers_of: str, share_of: str, M: pd.DataFrame) -> float:
    """Share of the customers who bought ``buyers_of`` that also bought ``share_of``."""
    return float(M.loc[M[buyers_of] == 1, share_of].mean())


def _example_baskets() -> dict:
    return {"M": pd.DataFrame({"sneakers": [1, 1, 1, 1, 0, 0, 0, 0],
                               "socks": [1, 1, 1, 0, 1, 1, 0, 0]})}


ALSO_BOUGHT = Exercise(
    id="03.2",
    judge=number(lambda M: _among("sneakers", "socks", M), rel=1e-6, mistakes={
        "percent": lambda right, M: 100 * right,
        "reversed": lambda right, M: _among("socks", "sneakers", M),
        "count": lambda right, M: int(((M["sneakers"] == 1) & (M["socks"] == 1)).sum()),
        "everyone": lambda right, M: float(M["socks"].mean())}),
    context=("M",),
    hints=(
        {"en": "A share among sneaker buyers: first keep only the customers who bought sneakers.",
         "nl": "Een aandeel onder de kopers van sneakers: hou eerst alleen de klanten over die "
               "sneakers kochten."},
        {"en": "M[M['sneakers'] == 1] keeps those rows; their socks column is 1 for those who "
               "also bought socks.",
         "nl": "M[M['sneakers'] == 1] houdt die rijen over; hun kolom socks is 1 voor wie ook "
               "sokken kocht."},
        {"en": "The mean of a 0/1 column is a share: M[M['sneakers'] == 1]['socks'].mean().",
         "nl": "Het gemiddelde van een 0/1-kolom is een aandeel: "
               "M[M['sneakers'] == 1]['socks'].mean()."},
    ),
    feedback={
        **NUMBER,
        "reversed": {
            "en": "{answer:.3f} is the share of *socks* buyers who also bought sneakers. 'Also "
                  "bought' is read row-wise: among sneaker buyers, the share with socks.",
            "nl": "{answer:.3f} is het aandeel van de kopers van *sokken* dat ook sneakers "
                  "kocht. 'Ook gekocht' lees je per rij: onder de kopers van sneakers, het "
                  "aandeel met sokken."},
        "count": {
            "en": "{answer:,.0f} is a number of customers (bought both); divide by the number "
                  "of sneaker buyers to get a share.",
            "nl": "{answer:,.0f} is een aantal klanten (kochten beide); deel door het aantal "
                  "kopers van sneakers om een aandeel te krijgen."},
        "everyone": {
            "en": "{answer:.3f} is the share of *all* customers who bought socks; the question "
                  "asks among the sneaker buyers only.",
            "nl": "{answer:.3f} is het aandeel van *alle* klanten dat sokken kocht; de vraag "
                  "gaat alleen over de kopers van sneakers."},
    },
    examples=(Example(0.75, context=_example_baskets),
              Example(75.0, "percent", _example_baskets),
              Example(0.6, "reversed", _example_baskets),
              Example(3, "count", _example_baskets),
              Example(0.625, "everyone", _example_baskets),
              Example("75%", "not_a_number", _example_baskets)),
)


def _beach_families(cities, families, min_temp=20, min_sun=4, max_child_age=10) -> int:
    """Families with a young child (any family if the age is None) in a warm, sunny city."""
    sunny = cities.loc[(cities["max_temp_c"] >= min_temp)
                       & (cities["sunshine_hours"] >= min_sun), "city"]
    young = True if max_child_age is None else families["youngest_child_age"] <= max_child_age
    return int((families["city"].isin(sunny) & young).sum())


def _example_weather() -> dict:
    cities = pd.DataFrame({"city": ["Gent", "Brugge", "Namur"], "max_temp_c": [23.0, 21.0, 20.5],
                           "sunshine_hours": [8.0, 5.0, 2.0]})
    families = pd.DataFrame({"city": ["Gent", "Gent", "Brugge", "Brugge", "Brugge", "Namur"],
                             "youngest_child_age": [4, None, 2, 9, 13, 6]})
    return {"cities": cities, "families": families}


BROADER_TRIGGER = Exercise(
    id="03.3",
    judge=number(lambda cities, families: _beach_families(cities, families), mistakes={
        "old_rule": lambda right, cities, families: _beach_families(cities, families, 22, 6),
        "all_ages": lambda right, cities, families: _beach_families(
            cities, families, max_child_age=None),
        "no_sun": lambda right, cities, families: _beach_families(cities, families, min_sun=0)}),
    context=("cities", "families"),
    hints=(
        {"en": "weather_trigger has parameters for the temperature and the hours of sunshine.",
         "nl": "weather_trigger heeft parameters voor de temperatuur en de uren zon."},
        {"en": "Change both thresholds, keep the children's age limit, and count the families "
               "it returns.",
         "nl": "Verander beide drempels, behoud de leeftijdsgrens van de kinderen, en tel de "
               "gezinnen die het teruggeeft."},
        {"en": "len(weather_trigger(cities, families, min_temp=20, min_sun=4)).",
         "nl": "len(weather_trigger(cities, families, min_temp=20, min_sun=4))."},
    ),
    feedback={
        **NUMBER,
        "old_rule": {
            "en": "{answer:,.0f} families get the message with the current rule (22 °C, 6 h); "
                  "the broader one is 20 °C and 4 h.",
            "nl": "{answer:,.0f} gezinnen krijgen het bericht met de huidige regel (22 °C, 6 u); "
                  "de bredere is 20 °C en 4 u."},
        "all_ages": {
            "en": "{answer:,.0f} counts every family in the warm cities; the beach-toys message "
                  "is for families whose youngest child is 10 or younger.",
            "nl": "{answer:,.0f} telt elk gezin in de warme steden; het bericht over "
                  "strandspeelgoed is voor gezinnen met een jongste kind van 10 of jonger."},
        "no_sun": {
            "en": "{answer:,.0f} uses only the temperature; the rule also needs 4 hours of "
                  "sunshine.",
            "nl": "{answer:,.0f} gebruikt alleen de temperatuur; de regel vraagt ook 4 uur zon."},
    },
    examples=(Example(3, context=_example_weather), Example(1, "old_rule", _example_weather),
              Example(5, "all_ages", _example_weather), Example(4, "no_sun", _example_weather),
              Example(2, "off", _example_weather)),
)

EXERCISES = (FORMS_OF_PERSONALISATION, ALSO_BOUGHT, BROADER_TRIGGER)
