"""Exercises of notebook 17 (energy supplier): a lifetime value, a margin floor, a pilot, a policy.

Used in: the checks of notebook 17, through ``exercises.check("17.n", answer, ...)``.
"""

import pandas as pd

from aimkit import value
from aimkit.exercises import Example, Exercise, Wrong
from aimkit.exercises.answers import CHOICE, NUMBER, RUBRIC_REMINDER, as_number, choice, number

MARGIN, REVENUE, LEFT_IN_THREE_YEARS, DISCOUNT = 200.0, 1400.0, 0.58, 0.08
"""Exercise 17.1's customer: yearly margin and yearly bill (€), share of such customers that
left within 36 months, discount rate."""


def _yearly_churn() -> float:
    return float(value.annualise(LEFT_IN_THREE_YEARS, months=36))


LIFETIME_VALUE = Exercise(
    id="17.1",
    judge=number(lambda: value.clv(MARGIN, _yearly_churn(), DISCOUNT), mistakes={
        "three_year_churn": lambda right: value.clv(MARGIN, LEFT_IN_THREE_YEARS, DISCOUNT),
        "divided_by_three": lambda right: value.clv(MARGIN, LEFT_IN_THREE_YEARS / 3, DISCOUNT),
        "revenue": lambda right: [value.clv(REVENUE, churn, DISCOUNT)
                                  for churn in (_yearly_churn(), LEFT_IN_THREE_YEARS)],
        "retention_for_churn": lambda right: value.clv(MARGIN, 1 - _yearly_churn(), DISCOUNT),
        "undiscounted": lambda right: value.clv(MARGIN, _yearly_churn(), 0.0),
        "percent_rate": lambda right: value.clv(MARGIN, _yearly_churn(), 100 * DISCOUNT)},
        rel=1e-6),
    hints=(
        {"en": "Two steps: turn the 36-month churn into a yearly one, then compute the CLV "
               "from the yearly margin.",
         "nl": "Twee stappen: zet de churn over 36 maanden om naar een jaarlijkse, en bereken "
               "dan de CLV met de jaarlijkse marge."},
        {"en": "value.annualise(0.58, months=36) gives the chance of leaving within a year "
               "(same risk each month); value.clv needs the margin, not the bill.",
         "nl": "value.annualise(0.58, months=36) geeft de kans om binnen een jaar te vertrekken "
               "(elke maand hetzelfde risico); value.clv heeft de marge nodig, niet de "
               "factuur."},
        {"en": "answer = value.clv(200.0, churn=value.annualise(0.58, months=36), "
               "discount_rate=0.08)",
         "nl": "answer = value.clv(200.0, churn=value.annualise(0.58, months=36), "
               "discount_rate=0.08)"},
    ),
    feedback={
        **NUMBER,
        "three_year_churn": {
            "en": "€ {answer:,.0f} uses 58 % as the yearly churn, but 58 % is over 36 months. "
                  "value.clv needs the chance of leaving within one year: value.annualise.",
            "nl": "€ {answer:,.0f} gebruikt 58 % als jaarlijkse churn, maar 58 % is over 36 "
                  "maanden. value.clv heeft de kans nodig om binnen één jaar te vertrekken: "
                  "value.annualise."},
        "divided_by_three": {
            "en": "€ {answer:,.0f} divides 58 % by three years. Those who left in year 1 cannot "
                  "leave again in year 2: the yearly churn is 1 − (1 − 0.58)^(1/3), "
                  "value.annualise.",
            "nl": "€ {answer:,.0f} deelt 58 % door drie jaar. Wie in jaar 1 vertrok, kan in "
                  "jaar 2 niet nog eens vertrekken: de jaarlijkse churn is "
                  "1 − (1 − 0,58)^(1/3), value.annualise."},
        "revenue": {
            "en": "€ {answer:,.0f} is built on the € 1,400 bill, which is revenue. Losing the "
                  "customer costs the margin (€ 200 a year), not what they pay.",
            "nl": "€ {answer:,.0f} vertrekt van de factuur van € 1.400, dat is omzet. De klant "
                  "verliezen kost de marge (€ 200 per jaar), niet wat hij betaalt."},
        "retention_for_churn": {
            "en": "€ {answer:,.0f} passes the chance of staying as churn: churn is the chance "
                  "of leaving.",
            "nl": "€ {answer:,.0f} geeft de kans om te blijven mee als churn: churn is de kans "
                  "om te vertrekken."},
        "undiscounted": {
            "en": "€ {answer:,.0f} ignores the discount rate of 8 %: money next year is worth "
                  "less today.",
            "nl": "€ {answer:,.0f} negeert de disconteringsvoet van 8 %: geld van volgend jaar "
                  "is vandaag minder waard."},
        "percent_rate": {
            "en": "€ {answer:,.0f} uses a discount rate of 8 (800 %); pass it as a share, "
                  "0.08.",
            "nl": "€ {answer:,.0f} gebruikt een disconteringsvoet van 8 (800 %); geef hem als "
                  "aandeel mee, 0,08."},
    },
    examples=(Example(value.clv(200.0, churn=value.annualise(0.58, months=36),
                                discount_rate=0.08)),
              Example(value.clv(200.0, churn=0.58, discount_rate=0.08), "three_year_churn"),
              Example(value.clv(200.0, churn=0.58 / 3, discount_rate=0.08), "divided_by_three"),
              Example(value.clv(1400.0, churn=value.annualise(0.58, months=36),
                                discount_rate=0.08), "revenue"),
              Example(value.clv(1400.0, churn=0.58, discount_rate=0.08), "revenue"),
              Example(value.clv(200.0, churn=1 - value.annualise(0.58, months=36),
                                discount_rate=0.08), "retention_for_churn"),
              Example(value.clv(200.0, churn=value.annualise(0.58, months=36),
                                discount_rate=0.0), "undiscounted"),
              Example(value.clv(200.0, churn=value.annualise(0.58, months=36),
                                discount_rate=8), "percent_rate"),
              Example(452.0, "off"), Example([452.35], "many_numbers")),
)

STRICTER_FLOOR = 150.0


def _stricter(at_risk, catalogue, accept_probability, offer_margin, top3=None) -> pd.DataFrame:
    return value.next_best_offers(at_risk, catalogue, k=3, margin_floor=STRICTER_FLOOR,
                                  accept_probability=accept_probability,
                                  offer_margin=offer_margin)


def _example_offers() -> dict:
    # A and B keep offers at a floor of 150, C (margin 130) only at the floor of 100
    at_risk = pd.DataFrame({"churn_probability": 0.5, "margin": [300.0, 200.0, 130.0]},
                           index=pd.Index(["A", "B", "C"], name="customer_id"))
    catalogue = pd.DataFrame({"discount": [20.0, 80.0, 10.0]},
                             index=pd.Index(["X", "Y", "Z"], name="offer_id"))
    accept = lambda pairs: pd.Series(0.6, index=pairs.index)  # noqa: E731
    margin = lambda pairs: pairs["margin"] - pairs["discount"]  # noqa: E731
    top3 = value.next_best_offers(at_risk, catalogue, margin_floor=100.0,
                                  accept_probability=accept, offer_margin=margin)
    return {"at_risk": at_risk, "catalogue": catalogue, "accept_probability": accept,
            "offer_margin": margin, "top3": top3}


MARGIN_FLOOR = Exercise(
    id="17.2",
    judge=number(lambda **data: _stricter(**data)["customer_id"].nunique(), mistakes={
        "offers": lambda right, **data: len(_stricter(**data)),
        "old_floor": lambda right, top3, **data: top3["customer_id"].nunique()}),
    context=("at_risk", "catalogue", "accept_probability", "offer_margin", "top3"),
    hints=(
        {"en": "A higher floor removes the offers whose margin for the customer falls below "
               "€ 150; some customers then have no offer left.",
         "nl": "Een hogere bodem schrapt de aanbiedingen waarvan de marge voor de klant onder "
               "€ 150 zakt; sommige klanten houden dan geen aanbod over."},
        {"en": "Call value.next_best_offers as above with margin_floor=150.0, then count the "
               "distinct customer_id values (one customer has up to three rows).",
         "nl": "Roep value.next_best_offers aan zoals hierboven met margin_floor=150.0 en tel "
               "dan de verschillende customer_id's (één klant heeft tot drie rijen)."},
        {"en": "stricter = value.next_best_offers(at_risk, catalogue, k=3, margin_floor=150.0, "
               "accept_probability=accept_probability, offer_margin=offer_margin); answer = "
               "stricter[\"customer_id\"].nunique()",
         "nl": "stricter = value.next_best_offers(at_risk, catalogue, k=3, margin_floor=150.0, "
               "accept_probability=accept_probability, offer_margin=offer_margin); answer = "
               "stricter[\"customer_id\"].nunique()"},
    ),
    feedback={
        **NUMBER,
        "offers": {
            "en": "{answer:,.0f} counts offers (rows), not customers: a customer has up to "
                  "three. Count the distinct customer_id values.",
            "nl": "{answer:,.0f} telt aanbiedingen (rijen), geen klanten: een klant heeft er "
                  "tot drie. Tel de verschillende customer_id's."},
        "old_floor": {
            "en": "{answer:,.0f} is the count at the floor of € 100 (top3); run "
                  "next_best_offers again with margin_floor=150.0.",
            "nl": "{answer:,.0f} is het aantal bij de bodem van € 100 (top3); voer "
                  "next_best_offers opnieuw uit met margin_floor=150.0."},
    },
    examples=(Example(2, context=_example_offers), Example(5, "offers", _example_offers),
              Example(3, "old_floor", _example_offers), Example(1, "off", _example_offers)),
)


def _no_effect(answer):
    """About zero (within 5 points); else what was stored instead of the average effect."""
    if isinstance(answer, tuple) and len(answer) == 2:
        return Wrong("both")
    effect = as_number(answer)
    if isinstance(effect, Wrong):
        return effect
    if abs(effect) < 0.05:
        return None
    if 1 <= abs(effect) <= 10:
        return Wrong("percent", {"answer": effect})
    return Wrong("off", {"answer": effect})


NO_EFFECT = Exercise(
    id="17.3",
    judge=_no_effect,
    hints=(
        {"en": "`pilot_uplift` runs the notebook's uplift steps on another pilot; its second "
               "result is the average effect of a call.",
         "nl": "`pilot_uplift` voert de upliftstappen van de notebook uit op een andere "
               "pilot; het tweede resultaat is het gemiddelde effect van een telefoontje."},
        {"en": "Load datasets.load(\"energy\", seed=3, planted=False) and keep only the second "
               "value: `_, answer = pilot_uplift(...)`.",
         "nl": "Laad datasets.load(\"energy\", seed=3, planted=False) en hou alleen de tweede "
               "waarde: `_, answer = pilot_uplift(...)`."},
        {"en": "_, answer = pilot_uplift(datasets.load(\"energy\", seed=3, planted=False))",
         "nl": "_, answer = pilot_uplift(datasets.load(\"energy\", seed=3, planted=False))"},
    ),
    feedback={
        **NUMBER,
        "both": {
            "en": "the answer holds both results of pilot_uplift (the curve and the effect); "
                  "keep the second.",
            "nl": "het antwoord bevat beide resultaten van pilot_uplift (de curve en het "
                  "effect); hou het tweede."},
        "percent": {
            "en": "{answer:.3g} looks like percentage points; store the effect as a share "
                  "(0.01 is one point).",
            "nl": "{answer:.3g} lijkt procentpunten; bewaar het effect als aandeel (0,01 is één "
                  "punt)."},
    },
    examples=(Example(0.004), Example(-0.03), Example(2.5, "percent"),
              Example((pd.DataFrame(), 0.0), "both"), Example(0.3, "off"),
              Example(pd.Series([0.1, 0.2]), "many_numbers")),
)

POLICIES = ("no action", "cheapest offer for everyone", "optimised top-3 (agent takes no. 1)")
"""The rows of the notebook's policy table, in the order of the options C, A and B."""


def _policy_facts(policy_table) -> dict:
    nothing, cheap, best = (policy_table.loc[name] for name in POLICIES)
    return {"cheap_kept": cheap["expected retained"], "best_kept": best["expected retained"],
            "cheap_margin": cheap["expected margin"], "best_margin": best["expected margin"],
            "nothing_margin": nothing["expected margin"]}


def _example_policies() -> dict:
    return {"policy_table": pd.DataFrame(
        {"expected retained": [300.0, 340.0, 325.0],
         "expected margin": [60_000.0, 58_000.0, 66_000.0]}, index=list(POLICIES))}


POLICY = Exercise(
    id="17.4",
    judge=choice("B", "ABC", facts=_policy_facts),
    context=("policy_table",),
    hints=(
        {"en": "The goal was retention without the margin per contract going down. Read "
               "both columns of the policy table.",
         "nl": "Het doel was klantretentie zonder dat de marge per contract daalt. Lees beide "
               "kolommen van de beleidstabel."},
        {"en": "Which policy keeps the most customers, and which keeps the most margin? The "
               "numbers are expectations from models: how will you know they hold?",
         "nl": "Welk beleid houdt de meeste klanten, en welk de meeste marge? De cijfers zijn "
               "verwachtingen van modellen: hoe weet je of ze kloppen?"},
        {"en": "A policy you can start now and measure while you act: the holdout on the call "
               "list is what turns the expectation into a result.",
         "nl": "Een beleid dat je nu kan starten en meten terwijl je handelt: de holdout op de "
               "bellijst maakt van de verwachting een resultaat."},
    ),
    feedback={
        **CHOICE,
        "choice_A": {
            "en": "the cheapest offer for everyone keeps about {cheap_kept:,.0f} customers in "
                  "the model's arithmetic, but expects € {cheap_margin:,.0f} margin against "
                  "€ {best_margin:,.0f} for the optimised top 3: it gives discounts to "
                  "customers who would have stayed anyway. The goal was retention without "
                  "losing margin.",
            "nl": "het goedkoopste aanbod voor iedereen houdt volgens de rekensom van de "
                  "modellen ongeveer {cheap_kept:,.0f} klanten, maar verwacht € "
                  "{cheap_margin:,.0f} marge tegenover € {best_margin:,.0f} voor de "
                  "geoptimaliseerde top 3: het geeft korting aan klanten die toch gebleven "
                  "waren. Het doel was retentie zonder margeverlies."},
        "choice_C": {
            "en": "doing nothing expects € {nothing_margin:,.0f} against € {best_margin:,.0f}. "
                  "The expectations are uncertain, but waiting does not make them less so: "
                  "the call list with a random holdout acts and measures at the same time.",
            "nl": "niets doen verwacht € {nothing_margin:,.0f} tegenover € {best_margin:,.0f}. "
                  "De verwachtingen zijn onzeker, maar wachten maakt ze niet zekerder: de "
                  "bellijst met een willekeurige holdout handelt en meet tegelijk."},
    },
    after_correct=RUBRIC_REMINDER,
    examples=(
        Example({"choice": "B", "why": "It keeps the most margin and more customers than no "
                                       "action, and the holdout will show if calls pay."},
                context=_example_policies),
        Example({"choice": "A", "why": "Keeps the most customers."}, "choice_A",
                _example_policies),
        Example({"choice": "C", "why": "Models can be wrong."}, "choice_C", _example_policies),
        Example({"choice": "B", "why": "margin"}, "memo_short", _example_policies),
        Example(["B"], "not_a_judgement", _example_policies),
    ),
)

EXERCISES = (LIFETIME_VALUE, MARGIN_FLOOR, NO_EFFECT, POLICY)
