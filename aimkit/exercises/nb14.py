"""Exercises of notebook 14 (Anna Pops): new customers, linked payments, chance, moves, who first.

Used in: the checks of notebook 14, through ``exercises.check("14.n", answer, ...)``.
"""

import pandas as pd

from aimkit.exercises import Example, Exercise
from aimkit.exercises.answers import CHOICE, NUMBER, RUBRIC_REMINDER, choice, number

SHARE = {
    "en": "{answer:.2f} is a share; the question asks how many customers.",
    "nl": "{answer:.2f} is een aandeel; de vraag is hoeveel klanten."}
"""Feedback for a share given where a count is asked."""


def _count(changes: pd.DataFrame, group: str) -> int:
    return int((changes["group"] == group).sum())


def _example_changes() -> dict:
    """Ten customers: three New, two Growing, two Needs attention (one a flagged A), ..."""
    return {"changes": pd.DataFrame({
        "group": ["New"] * 3 + ["Growing"] * 2 + ["Needs attention"] * 2 + ["Sleeping",
                                                                            "Inactive", "Top"],
        "baseline": [None] * 3 + ["C", "D", "A", "B", "C", "B", "A"],
        "priority": [False] * 5 + [True] + [False] * 4,
        "levels_dropped": [None] * 3 + [-1, -1, 2, 1, 2, None, 0],
        "bought_in_current": [True] * 8 + [False, True]})}


NEW_CUSTOMERS = Exercise(
    id="14.1",
    judge=number(lambda changes: _count(changes, "New"), mistakes={
        "growing": lambda right, changes: _count(changes, "Growing"),
        "inactive": lambda right, changes: _count(changes, "Inactive"),
        "share": lambda right, changes: right / len(changes)}),
    context=("changes",),
    hints=(
        {"en": "`changes` has one row per customer and a column group with the behaviour group.",
         "nl": "`changes` heeft één rij per klant en een kolom group met de gedragsgroep."},
        {"en": "New (Nieuw) is not Growing (Groeiend): count the rows whose group is 'New'.",
         "nl": "Nieuw ('New') is niet Groeiend ('Growing'): tel de rijen met group 'New'."},
        {"en": "int((changes['group'] == 'New').sum())",
         "nl": "int((changes['group'] == 'New').sum())"},
    ),
    feedback={
        **NUMBER,
        "growing": {
            "en": "{answer:.0f} counts the Growing customers (they moved up a segment); New "
                  "customers made their first purchase in the current 12 months.",
            "nl": "{answer:.0f} telt de groeiende klanten (een segment hoger); nieuwe klanten "
                  "kochten voor het eerst in de huidige 12 maanden."},
        "inactive": {
            "en": "{answer:.0f} counts the Inactive customers, who bought nothing in the "
                  "current 12 months; New ones bought for the first time.",
            "nl": "{answer:.0f} telt de inactieve klanten, die niets kochten in de huidige 12 "
                  "maanden; nieuwe klanten kochten er voor het eerst."},
        "share": SHARE,
    },
    examples=(Example(3, context=_example_changes),
              Example(2, "growing", _example_changes),
              Example(1, "inactive", _example_changes),
              Example(0.3, "share", _example_changes),
              Example("3", "not_a_number", _example_changes),
              Example(5, "off", _example_changes)),
)


def _example_shop_without() -> dict:
    """Four payments, one with a customer number, two linked: without a number is 0.75."""
    return {"shop": pd.DataFrame({"customer_id": ["C1", None, None, None],
                                  "linked_id": ["C1", "C2", None, None]})}


def _example_shop() -> dict:
    """Eight shop payments: four with a customer number, two more linked by mobile number."""
    return {"shop": pd.DataFrame({
        "customer_id": ["C1", "C2", "C3", "C4", None, None, None, None],
        "linked_id": ["C1", "C2", "C3", "C4", "C5", "C6", None, None]})}


NUMBERED_PAYMENTS = Exercise(
    id="14.2",
    judge=number(lambda shop: float(shop["customer_id"].notna().mean()), mistakes={
        "percent": lambda right, shop: 100 * right,
        "linked": lambda right, shop: shop["linked_id"].notna().mean(),
        "without": lambda right, shop: 1 - right}),
    context=("shop",),
    hints=(
        {"en": "`shop` has one row per payment; customer_id is empty when staff did not look "
               "the customer up.",
         "nl": "`shop` heeft één rij per betaling; customer_id is leeg als het personeel de "
               "klant niet opzocht."},
        {"en": "notna() marks the payments with a number; the mean of True/False is a share. "
               "Use customer_id, not linked_id (that one includes the mobile matches).",
         "nl": "notna() markeert de betalingen met een nummer; het gemiddelde van True/False is "
               "een aandeel. Gebruik customer_id, niet linked_id (die bevat de gsm-koppelingen)."},
        {"en": "shop['customer_id'].notna().mean()",
         "nl": "shop['customer_id'].notna().mean()"},
    ),
    feedback={
        **NUMBER,
        "linked": {
            "en": "{answer:.3f} is the share linked after matching mobile numbers (linked_id); "
                  "the question asks for the payments that carry a customer number by itself.",
            "nl": "{answer:.3f} is het aandeel na het koppelen via gsm-nummers (linked_id); de "
                  "vraag is het aandeel betalingen dat zelf een klantnummer draagt."},
        "without": {
            "en": "{answer:.3f} is the share *without* a customer number; the question asks for "
                  "those with one.",
            "nl": "{answer:.3f} is het aandeel *zonder* klantnummer; de vraag is het aandeel "
                  "met."},
    },
    examples=(Example(0.5, context=_example_shop),
              Example(50.0, "percent", _example_shop),
              Example(0.75, "linked", _example_shop),
              Example(0.75, "without", _example_shop_without),
              Example(0.25, "off", _example_shop)),
)

UNCHANGED = "planted=False, half size"
"""The row of ``challenge`` with data where nobody changes pace."""


def _example_challenge() -> dict:
    """Two rows of the notebook's challenge table: shipped and without a planted change."""
    return {"challenge": pd.DataFrame(
        {"% down (fair)": [30.0, 8.0], "% up (fair)": [2.0, 10.0],
         "% down (naive)": [60.0, 40.0], "% up (naive)": [1.0, 2.0]},
        index=["shipped", UNCHANGED])}


def _ratio(challenge: pd.DataFrame, row: str, kind: str = "fair") -> float:
    return challenge.loc[row, f"% down ({kind})"] / challenge.loc[row, f"% up ({kind})"]


CHANCE_MOVES = Exercise(
    id="14.3",
    judge=number(lambda challenge: _ratio(challenge, UNCHANGED), rel=1e-3, mistakes={
        "shipped": lambda right, challenge: _ratio(challenge, "shipped"),
        "inverse": lambda right, challenge: 1 / right,
        "naive": lambda right, challenge: _ratio(challenge, UNCHANGED, "naive")}),
    context=("challenge",),
    hints=(
        {"en": "`challenge` has one row per dataset; the question is about the data where "
               "nobody changed pace.",
         "nl": "`challenge` heeft één rij per dataset; de vraag gaat over de data waarin "
               "niemand van tempo veranderde."},
        {"en": "Take the row 'planted=False, half size' and the fair columns: down divided by "
               "up.",
         "nl": "Neem de rij 'planted=False, half size' en de eerlijke (fair) kolommen: omlaag "
               "gedeeld door omhoog."},
        {"en": "row = challenge.loc['planted=False, half size']; "
               "row['% down (fair)'] / row['% up (fair)']",
         "nl": "row = challenge.loc['planted=False, half size']; "
               "row['% down (fair)'] / row['% up (fair)']"},
    ),
    feedback={
        **NUMBER,
        "shipped": {
            "en": "{answer:.2f} is the ratio on the shipped data, where customers did slow "
                  "down; take the row where nobody changed (planted=False).",
            "nl": "{answer:.2f} is de verhouding op de meegeleverde data, waar klanten wel "
                  "vertraagden; neem de rij waar niemand veranderde (planted=False)."},
        "inverse": {
            "en": "{answer:.2f} is up divided by down; the question asks down per customer "
                  "moved up.",
            "nl": "{answer:.2f} is omhoog gedeeld door omlaag; de vraag is omlaag per klant die "
                  "omhoog ging."},
        "naive": {
            "en": "{answer:.2f} comes from the naive columns (12-month totals against 36-month "
                  "centres); use the fair, per-month ones.",
            "nl": "{answer:.2f} komt uit de naïeve kolommen (totalen van 12 maanden tegenover "
                  "centra van 36 maanden); gebruik de eerlijke kolommen, per maand."},
    },
    examples=(Example(0.8, context=_example_challenge),
              Example(15.0, "shipped", _example_challenge),
              Example(1.25, "inverse", _example_challenge),
              Example(20.0, "naive", _example_challenge),
              Example(3.0, "off", _example_challenge)),
)


def _moved_down(moves: pd.DataFrame, changes: pd.DataFrame) -> int:
    both = changes["bought_in_current"] & changes["baseline"].notna()
    return int((moves.loc[both, "levels_dropped"] > 0).sum())


def _example_naive() -> dict:
    """The ten example customers, and the naive comparison that moves three more down."""
    changes = _example_changes()["changes"]
    naive = changes.assign(levels_dropped=[None] * 3 + [1, 0, 3, 1, 2, None, 1])
    return {"changes": changes, "naive": naive}


FAIR_MOVES = Exercise(
    id="14.4",
    judge=number(lambda changes, naive: _moved_down(changes, changes), mistakes={
        "naive": lambda right, changes, naive: _moved_down(naive, changes),
        "share": lambda right, changes, naive: right / (changes["bought_in_current"]
                                                        & changes["baseline"].notna()).sum()}),
    context=("changes", "naive"),
    hints=(
        {"en": "Two comparisons exist: `changes` (per month) and `naive` (12-month totals "
               "against 36-month centres). Only one compares like with like.",
         "nl": "Er zijn twee vergelijkingen: `changes` (per maand) en `naive` (totalen van 12 "
               "maanden tegenover centra van 36 maanden). Maar één vergelijkt gelijk met gelijk."},
        {"en": "Keep the customers who bought in both periods (bought_in_current and a "
               "baseline segment) and count levels_dropped > 0 in `changes`.",
         "nl": "Hou de klanten over die in beide periodes kochten (bought_in_current en een "
               "basissegment) en tel levels_dropped > 0 in `changes`."},
        {"en": "both = changes['bought_in_current'] & changes['baseline'].notna(); "
               "int((changes.loc[both, 'levels_dropped'] > 0).sum())",
         "nl": "both = changes['bought_in_current'] & changes['baseline'].notna(); "
               "int((changes.loc[both, 'levels_dropped'] > 0).sum())"},
    ),
    feedback={
        **NUMBER,
        "naive": {
            "en": "{answer:.0f} is the naive count: a 12-month total compared with 36-month "
                  "centres looks like a third of the spending, so almost everyone seems to drop. "
                  "Use the per-month comparison, `changes`.",
            "nl": "{answer:.0f} is de naïeve telling: een totaal van 12 maanden naast centra van "
                  "36 maanden lijkt een derde van de uitgaven, dus bijna iedereen lijkt te "
                  "dalen. Gebruik de vergelijking per maand, `changes`."},
        "share": SHARE,
    },
    examples=(Example(3, context=_example_naive),
              Example(5, "naive", _example_naive),
              Example(0.5, "share", _example_naive),
              Example(1.5, "off", _example_naive)),
)


def _first_contact_facts(changes: pd.DataFrame) -> dict:
    """The figures the feedback cites: the flagged, the Sleeping and the Inactive customers."""
    attention = changes["group"] == "Needs attention"
    return {"flagged": int((attention & changes["priority"]).sum()),
            "sleeping": _count(changes, "Sleeping"), "inactive": _count(changes, "Inactive"),
            "attention": int(attention.sum())}


FIRST_CONTACT = Exercise(
    id="14.5",
    judge=choice("A", "ABC", facts=_first_contact_facts),
    context=("changes",),
    hints=(
        {"en": "The staff have a few minutes per customer: the list must be short, and the "
               "first names must be the ones with most to lose.",
         "nl": "Het personeel heeft enkele minuten per klant: de lijst moet kort zijn, en de "
               "eerste namen moeten die zijn met het meest te verliezen."},
        {"en": "Compare the sizes of the groups in `changes` and what they bought before: who "
               "was a Top customer in the baseline?",
         "nl": "Vergelijk de omvang van de groepen in `changes` en wat ze eerder kochten: wie "
               "was een topklant in de basisperiode?"},
        {"en": "A personal message works while the customer still buys. Which option picks the "
               "customers who still buy, were A and dropped two levels or more?",
         "nl": "Een persoonlijk bericht werkt zolang de klant nog koopt. Welke optie kiest de "
               "klanten die nog kopen, A waren en twee niveaus of meer zakten?"},
    ),
    feedback={
        **CHOICE,
        "choice_B": {
            "en": "the {sleeping} Sleeping customers fell to E: they get an offer (a voucher), "
                  "not the first personal calls. The {flagged} priority flags among the "
                  "{attention} Needs attention customers were A and still buy: most to lose, "
                  "most to win back.",
            "nl": "de {sleeping} slapende klanten zakten naar E: zij krijgen een aanbod (een "
                  "waardebon), niet de eerste persoonlijke contacten. De {flagged} "
                  "prioriteitsvlaggen onder de {attention} klanten met Aandacht nodig waren A en "
                  "kopen nog: het meest te verliezen, het meest terug te winnen."},
        "choice_C": {
            "en": "the {inactive} Inactive customers bought nothing in twelve months: far too "
                  "many for the shop floor, and a win-back campaign by mail rather than a "
                  "personal talk. Start with the {flagged} flagged A customers who still buy.",
            "nl": "de {inactive} inactieve klanten kochten niets in twaalf maanden: veel te "
                  "veel voor de winkelvloer, en eerder een win-backcampagne per mail dan een "
                  "persoonlijk gesprek. Begin met de {flagged} gevlagde A-klanten die nog "
                  "kopen."},
    },
    after_correct=RUBRIC_REMINDER,
    examples=(
        Example({"choice": "A", "why": "The flagged Needs attention customers were Top and "
                                       "still come in: a personal word now keeps the most "
                                       "revenue."}, context=_example_changes),
        Example({"choice": "B", "why": "They fell furthest."}, "choice_B", _example_changes),
        Example({"choice": "C", "why": "The largest group."}, "choice_C", _example_changes),
        Example({"choice": "A", "why": "top first"}, "memo_short", _example_changes),
        Example({"choice": "D", "why": "?"}, "unknown_choice", _example_changes),
        Example("A", "not_a_judgement", _example_changes),
    ),
)

EXERCISES = (NEW_CUSTOMERS, NUMBERED_PAYMENTS, CHANCE_MOVES, FAIR_MOVES, FIRST_CONTACT)
