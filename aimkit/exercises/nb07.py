"""Exercises of notebook 07 (evaluate and adjust): target, drift, next phase, a roll-out.

Used in: the checks of notebook 07, through ``exercises.check("07.n", answer, ...)``.
"""

import numpy as np
import pandas as pd

from aimkit import experiment
from aimkit.exercises import Example, Exercise
from aimkit.exercises.answers import CHOICE, NUMBER, RUBRIC_REMINDER, choice, number

TARGET = 0.085
"""The SMART objective of notebook 07: a weekly click-to-order conversion of 8.5 %."""


def _example_weekly() -> dict:
    conversion = [0.07, 0.084, 0.085, 0.09, 0.088, 0.07, 0.06]
    rolling = [np.nan, np.nan, np.nan, 0.082, 0.087, 0.083, 0.08]
    return {"weekly": pd.DataFrame({"conversion": conversion, "rolling_4w": rolling},
                                   index=range(1, 8))}


WEEKS_ON_TARGET = Exercise(
    id="07.1",
    judge=number(lambda weekly: int((weekly["conversion"] >= TARGET).sum()), mistakes={
        "share": lambda right, weekly: right / len(weekly),
        "below": lambda right, weekly: len(weekly) - right,
        "strictly": lambda right, weekly: int((weekly["conversion"] > TARGET).sum()),
        "rolling": lambda right, weekly: int((weekly["rolling_4w"] >= TARGET).sum())}),
    context=("weekly",),
    hints=(
        {"en": "The weekly table already has a True/False column for 'on target'.",
         "nl": "De weektabel heeft al een kolom True/False voor 'op doel'."},
        {"en": "Summing a True/False column counts the True values.",
         "nl": "Een kolom True/False optellen telt de True-waarden."},
        {"en": "int(weekly['on_target'].sum()): weekly conversion at or above 8.5 %.",
         "nl": "int(weekly['on_target'].sum()): wekelijkse conversie op of boven 8,5 %."},
    ),
    feedback={
        **NUMBER,
        "share": {
            "en": "{answer:.3f} is the share of weeks; the question asks how many weeks.",
            "nl": "{answer:.3f} is het aandeel weken; de vraag is hoeveel weken."},
        "below": {
            "en": "{answer:,.0f} weeks are *below* the target; count those at or above it.",
            "nl": "{answer:,.0f} weken liggen *onder* het doel; tel die erop of erboven."},
        "strictly": {
            "en": "{answer:,.0f} counts the weeks strictly above 8.5 %; 'at or above' includes "
                  "a week of exactly 8.5 % (>=).",
            "nl": "{answer:,.0f} telt de weken strikt boven 8,5 %; 'op of boven' telt een week "
                  "van precies 8,5 % mee (>=)."},
        "rolling": {
            "en": "{answer:,.0f} counts the weeks of the 4-week rolling conversion; the "
                  "question asks for the weekly conversion.",
            "nl": "{answer:,.0f} telt de weken van de voortschrijdende conversie over 4 weken; "
                  "de vraag gaat over de wekelijkse conversie."},
    },
    examples=(Example(3, context=_example_weekly), Example(3 / 7, "share", _example_weekly),
              Example(4, "below", _example_weekly),
              Example(2, "strictly", _example_weekly),
              Example(1, "rolling", _example_weekly),
              Example(5, "off", _example_weekly)),
)


def _psi(base, now) -> float:
    base, now = np.asarray(base, float), np.asarray(now, float)
    return float(((now - base) * np.log(now / base)).sum())


def _example_shares() -> dict:
    return {"shares": pd.DataFrame({"2021 Q1": [0.3, 0.3, 0.4], "2021 Q3": [0.2, 0.3, 0.5],
                                    "2021 Q4": [0.1, 0.5, 0.4]})}


SEGMENT_DRIFT = Exercise(
    id="07.2",
    judge=number(lambda shares: _psi(shares["2021 Q3"], shares["2021 Q4"]), rel=1e-6,
                 mistakes={
        "from_q1": lambda right, shares: _psi(shares["2021 Q1"], shares["2021 Q4"]),
        "percent": lambda right, shares: _psi(100 * shares["2021 Q3"], 100 * shares["2021 Q4"])}),
    context=("shares",),
    hints=(
        {"en": "psi(base, now) compares two columns of `shares`: the base quarter and the "
               "current one.",
         "nl": "psi(basis, nu) vergelijkt twee kolommen van `shares`: het basiskwartaal en het "
               "huidige."},
        {"en": "The base is 2021 Q3 this time, not Q1 as in the table above.",
         "nl": "De basis is deze keer 2021 Q3, niet Q1 zoals in de tabel hierboven."},
        {"en": "psi(shares['2021 Q3'], shares['2021 Q4'])",
         "nl": "psi(shares['2021 Q3'], shares['2021 Q4'])"},
    ),
    feedback={
        **NUMBER,
        "from_q1": {
            "en": "{answer:.3f} is the drift from 2021 Q1, the table's base; compare Q4 with the "
                  "quarter just before it, Q3.",
            "nl": "{answer:.3f} is de drift vanaf 2021 Q1, de basis van de tabel; vergelijk Q4 "
                  "met het kwartaal ervoor, Q3."},
        "percent": {
            "en": "{answer:.3f} is 100 times too large: the PSI takes shares as fractions "
                  "(0.25), not percentages (25).",
            "nl": "{answer:.3f} is 100 keer te groot: de PSI neemt aandelen als breuk (0.25), "
                  "niet als percentage (25)."},
    },
    examples=(Example(_psi([0.2, 0.3, 0.5], [0.1, 0.5, 0.4]), context=_example_shares),
              Example(_psi([0.3, 0.3, 0.4], [0.1, 0.5, 0.4]), "from_q1", _example_shares),
              Example(100 * _psi([0.2, 0.3, 0.5], [0.1, 0.5, 0.4]), "percent",
                      _example_shares),
              Example("0.2", "not_a_number", _example_shares)),
)

NEXT_PHASE = Exercise(
    id="07.3",
    judge=number(lambda: 5, mistakes={
        "missed_objective": lambda right: 2,
        "re_segment": lambda right: 4,
        "keep_monitoring": lambda right: 6}),
    hints=(
        {"en": "Walk the decision rules from top to bottom: the first rule that matches decides.",
         "nl": "Loop de beslisregels van boven naar onder af: de eerste regel die past, "
               "beslist."},
        {"en": "No market change, no data alerts, PSI below 0.25: which rule comes next, before "
               "'objective missed'?",
         "nl": "Geen marktverandering, geen datameldingen, PSI onder 0,25: welke regel komt "
               "daarna, vóór 'doel gemist'?"},
        {"en": "next_phase(objective_met=False, psi_value=0.04, auc_drop=0.06)[0]",
         "nl": "next_phase(objective_met=False, psi_value=0.04, auc_drop=0.06)[0]"},
    ),
    feedback={
        **NUMBER,
        "missed_objective": {
            "en": "phase 2 is for a missed objective *without* drift; here the model drifted "
                  "(AUC −0.06), and that rule comes first.",
            "nl": "fase 2 is voor een gemist doel *zonder* drift; hier is het model gedrift "
                  "(AUC −0,06), en die regel komt eerst."},
        "re_segment": {
            "en": "phase 4 re-segments when the segments drift (PSI > 0.25); a PSI of 0.04 is "
                  "stable.",
            "nl": "fase 4 hersegmenteert wanneer de segmenten driften (PSI > 0,25); een PSI van "
                  "0,04 is stabiel."},
        "keep_monitoring": {
            "en": "phase 6 only monitors; an AUC drop of 0.06 is above the 0.03 threshold, so "
                  "something must change.",
            "nl": "fase 6 volgt alleen op; een AUC-daling van 0,06 ligt boven de drempel van "
                  "0,03, dus er moet iets veranderen."},
    },
    examples=(Example(5), Example(2, "missed_objective"), Example(4, "re_segment"),
              Example(6, "keep_monitoring"), Example(1, "off"), Example("5", "not_a_number")),
)


def _change_points(table: pd.DataFrame, row: str) -> float:
    return float((table.loc[row, "Q2 (after)"] - table.loc[row, "Q1 (before)"]) * 100)


def _worst_shops(worst_shops_next_quarter, row="worst shops in holdout") -> float:
    return _change_points(worst_shops_next_quarter(seed=7), row)


def _example_shops() -> dict:
    def worst_shops_next_quarter(seed=2021):
        after = [0.062, 0.061, 0.0705] if seed == 7 else [0.058, 0.059, 0.0702]
        return pd.DataFrame({"Q1 (before)": [0.050, 0.052, 0.070], "Q2 (after)": after},
                            index=["worst shops with campaign", "worst shops in holdout",
                                   "all shops"])
    return {"worst_shops_next_quarter": worst_shops_next_quarter}


REGRESSION_TO_THE_MEAN = Exercise(
    id="07.4",
    judge=number(lambda worst_shops_next_quarter: _worst_shops(worst_shops_next_quarter),
                 rel=1e-6, mistakes={
        "fraction": lambda right, **data: right / 100,
        "campaign_row": lambda right, worst_shops_next_quarter: _worst_shops(
            worst_shops_next_quarter, "worst shops with campaign"),
        "other_seed": lambda right, worst_shops_next_quarter: _change_points(
            worst_shops_next_quarter(), "worst shops in holdout")}),
    context=("worst_shops_next_quarter",),
    hints=(
        {"en": "Run the simulation with seed=7 and look at the row of the holdout shops.",
         "nl": "Voer de simulatie uit met seed=7 en bekijk de rij van de winkels in de "
               "holdout."},
        {"en": "The change is Q2 (after) minus Q1 (before), in points: times 100.",
         "nl": "De verandering is Q2 (after) min Q1 (before), in punten: maal 100."},
        {"en": "other = worst_shops_next_quarter(seed=7); (other.loc['worst shops in holdout', "
               "'Q2 (after)'] - other.loc['worst shops in holdout', 'Q1 (before)']) * 100",
         "nl": "other = worst_shops_next_quarter(seed=7); (other.loc['worst shops in holdout', "
               "'Q2 (after)'] - other.loc['worst shops in holdout', 'Q1 (before)']) * 100"},
    ),
    feedback={
        **NUMBER,
        "fraction": {
            "en": "{answer:.4f} is a fraction; give the change in points (times 100: 1.2, not "
                  "0.012).",
            "nl": "{answer:.4f} is een breuk; geef de verandering in punten (maal 100: 1.2, "
                  "niet 0.012)."},
        "campaign_row": {
            "en": "{answer:.2f} is the change of the worst shops *with* the campaign; the "
                  "question asks for the holdout, which had no campaign.",
            "nl": "{answer:.2f} is de verandering van de slechtste winkels *met* campagne; de "
                  "vraag gaat over de holdout, zonder campagne."},
        "other_seed": {
            "en": "{answer:.2f} is the notebook's own run (seed 2021); the question asks for "
                  "seed=7.",
            "nl": "{answer:.2f} is de eigen run van de notebook (seed 2021); de vraag vraagt "
                  "seed=7."},
    },
    examples=(Example(0.9, context=_example_shops), Example(0.009, "fraction", _example_shops),
              Example(1.2, "campaign_row", _example_shops),
              Example(0.7, "other_seed", _example_shops),
              Example(-0.9, "off", _example_shops)),
)


def _rollout_facts(rollout, weekly) -> dict:
    return {"low": rollout.ci_low * 100, "high": rollout.ci_high * 100,
            "late": weekly.loc[42:, "rolling_4w"].mean() * 100, "target": TARGET * 100}


def _example_rollout() -> dict:
    weekly = pd.DataFrame({"rolling_4w": [0.07, 0.09, 0.08]}, index=[20, 42, 50])
    return {"rollout": experiment.ab_test(700, 10_000, 900, 10_000), "weekly": weekly}


CONTINUE_THE_ROLLOUT = Exercise(
    id="07.5",
    judge=choice("B", "ABC", facts=_rollout_facts),
    context=("rollout", "weekly"),
    hints=(
        {"en": "Two sources disagree at first sight: the curve against the target, and campaign "
               "versus holdout. Which one can tell *why* conversion changed?",
         "nl": "Twee bronnen lijken elkaar tegen te spreken: de curve tegenover het doel, en "
               "campagne tegenover holdout. Welke van de twee kan zeggen *waarom* de conversie "
               "veranderde?"},
        {"en": "A competitor's campaign lowers the conversion of the campaign group *and* the "
               "holdout; the difference between them is what the personalisation adds.",
         "nl": "Een campagne van een concurrent verlaagt de conversie van de campagnegroep *én* "
               "van de holdout; het verschil tussen beide is wat de personalisatie toevoegt."},
        {"en": "The decision rules of section 5 send Q4 back to phase 1 because the market "
               "changed: what does that mean for the objective, and for the holdout?",
         "nl": "De beslisregels van sectie 5 sturen Q4 terug naar fase 1 omdat de markt "
               "veranderde: wat betekent dat voor het doel, en voor de holdout?"},
    ),
    feedback={
        **CHOICE,
        "choice_A": {
            "en": "the 4-week conversion fell to {late:.1f} % against a target of {target:.1f} %, "
                  "but the curve cannot say why: the competitor hits the holdout too. Campaign "
                  "versus holdout ({low:+.1f} to {high:+.1f} points) is the evidence on the "
                  "personalisation itself.",
            "nl": "de conversie over 4 weken zakte naar {late:.1f} % tegenover een doel van "
                  "{target:.1f} %, maar de curve zegt niet waarom: de concurrent raakt ook de "
                  "holdout. Campagne tegenover holdout ({low:+.1f} tot {high:+.1f} punten) is "
                  "het bewijs over de personalisatie zelf."},
        "choice_C": {
            "en": "the interval ({low:+.1f} to {high:+.1f} points) says the personalisation "
                  "works, but the market changed: without the holdout you could no longer "
                  "tell its effect from the competitor's in the next evaluation.",
            "nl": "het interval ({low:+.1f} tot {high:+.1f} punten) zegt dat de "
                  "personalisatie werkt, maar de markt veranderde: zonder holdout kun je bij "
                  "de volgende evaluatie haar effect niet meer scheiden van dat van de "
                  "concurrent."},
    },
    after_correct=RUBRIC_REMINDER,
    examples=(
        Example({"choice": "B", "why": "Campaign beats holdout in the same weeks; the drop is the "
                                       "competitor. Continue, keep the holdout, new objective."},
                context=_example_rollout),
        Example({"choice": "A", "why": "Below target."}, "choice_A", _example_rollout),
        Example({"choice": "C", "why": "It is proven."}, "choice_C", _example_rollout),
        Example({"choice": "B", "why": "holdout"}, "memo_short", _example_rollout),
        Example({"choice": "D", "why": "?"}, "unknown_choice", _example_rollout),
    ),
)

EXERCISES = (WEEKS_ON_TARGET, SEGMENT_DRIFT, NEXT_PHASE, REGRESSION_TO_THE_MEAN,
             CONTINUE_THE_ROLLOUT)
