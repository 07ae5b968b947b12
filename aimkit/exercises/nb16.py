"""Exercises of notebook 16 (Earnieland): who is mailed, two shops, commission, chance, the window.

Used in: the checks of notebook 16, through ``exercises.check("16.n", answer, ...)``.
"""

from types import SimpleNamespace

import numpy as np
import pandas as pd

from aimkit import rfm
from aimkit.exercises import Example, Exercise
from aimkit.exercises.answers import (
    CHOICE,
    NUMBER,
    RUBRIC_REMINDER,
    SEQUENCE,
    choice,
    measured,
    number,
    sequence,
)

CANT_LOSE = "Can't Lose"


def _count(mailing: pd.DataFrame, segments, groups) -> int:
    return int((mailing["segment"].isin(segments) & mailing["group"].isin(groups)).sum())


def _example_mailing() -> dict:
    """Eight members to reactivate: three Can't Lose (two mailed), five At Risk (three mailed)."""
    return {"mailing": pd.DataFrame({
        "segment": [CANT_LOSE] * 3 + ["At Risk"] * 5,
        "group": ["campaign", "campaign", "holdout", "campaign", "campaign", "campaign",
                  "holdout", "holdout"]})}


MAILED_CANT_LOSE = Exercise(
    id="16.1",
    judge=number(lambda mailing: _count(mailing, [CANT_LOSE], ["campaign"]), mistakes={
        "holdout_too": lambda right, mailing: _count(mailing, [CANT_LOSE],
                                                     ["campaign", "holdout"]),
        "both_segments": lambda right, mailing: _count(mailing, [CANT_LOSE, "At Risk"],
                                                       ["campaign"])}),
    context=("mailing",),
    hints=(
        {"en": "`mailing` has one row per member to reactivate, with a segment and a group "
               "(campaign or holdout).",
         "nl": "`mailing` heeft één rij per te heractiveren lid, met een segment en een groep "
               "(campaign of holdout)."},
        {"en": "Two conditions together: segment is Can't Lose and group is campaign (the "
               "holdout gets no mail).",
         "nl": "Twee voorwaarden samen: segment is Can't Lose en groep is campaign (de holdout "
               "krijgt geen mail)."},
        {"en": "int(((mailing['segment'] == \"Can't Lose\") & (mailing['group'] == "
               "'campaign')).sum())",
         "nl": "int(((mailing['segment'] == \"Can't Lose\") & (mailing['group'] == "
               "'campaign')).sum())"},
    ),
    feedback={
        **NUMBER,
        "holdout_too": {
            "en": "{answer:.0f} counts the holdout too; the holdout gets no mailing, keep "
                  "group == 'campaign'.",
            "nl": "{answer:.0f} telt de holdout mee; de holdout krijgt geen mailing, hou "
                  "group == 'campaign' over."},
        "both_segments": {
            "en": "{answer:.0f} counts At Risk members too; the question is about Can't Lose "
                  "only.",
            "nl": "{answer:.0f} telt ook de At Risk-leden; de vraag gaat alleen over Can't "
                  "Lose."},
    },
    examples=(Example(2, context=_example_mailing),
              Example(3, "holdout_too", _example_mailing),
              Example(5, "both_segments", _example_mailing),
              Example(0.25, "off", _example_mailing)),
)


def _example_model() -> dict:
    """A stand-in model whose two shops next to Booking.com are Expedia and Hotels.com."""
    similar = {"Booking.com": ["Expedia", "Hotels.com"]}
    return {"model": SimpleNamespace(similar_items=lambda item, k: pd.DataFrame(
                {"item": similar[item][:k]})),
            "valid": pd.DataFrame({"shop_name": ["Bol.com"] * 3 + ["Coolblue"] * 2
                                   + ["Booking.com", "Expedia"]})}


BOOKING_SHOPS = Exercise(
    id="16.2",
    judge=sequence(lambda model, valid: model.similar_items("Booking.com", k=2)["item"].tolist(),
                   mistakes={"popular": lambda right, model, valid:
                             valid["shop_name"].value_counts().index[:2].tolist(),
                             "with_itself": lambda right, model, valid: ["Booking.com", *right]}),
    context=("model", "valid"),
    hints=(
        {"en": "The recommender `model` knows which shops share their buyers; start from the "
               "member's last shop.",
         "nl": "De aanbeveler `model` weet welke shops hun kopers delen; vertrek van de laatste "
               "shop van het lid."},
        {"en": "model.recommend takes a list of shops the member used and k; or ask "
               "model.similar_items for one shop. Keep the names in a list.",
         "nl": "model.recommend neemt een lijst shops die het lid gebruikte en k; of vraag "
               "model.similar_items voor één shop. Zet de namen in een lijst."},
        {"en": "model.recommend(['Booking.com'], k=2)['item'].tolist()",
         "nl": "model.recommend(['Booking.com'], k=2)['item'].tolist()"},
    ),
    feedback={
        **SEQUENCE,
        "popular": {
            "en": "these are the two most popular shops of the platform, the same for everyone; "
                  "recommend from the member's last shop, Booking.com.",
            "nl": "dit zijn de twee populairste shops van het platform, voor iedereen dezelfde; "
                  "beveel aan vanuit de laatste shop van het lid, Booking.com."},
        "with_itself": {
            "en": "the list starts with Booking.com itself; the member already knows it: "
                  "recommend two other shops.",
            "nl": "de lijst begint met Booking.com zelf; die kent het lid al: beveel twee andere "
                  "shops aan."},
    },
    examples=(Example(["Expedia", "Hotels.com"], context=_example_model),
              Example(["Bol.com", "Coolblue"], "popular", _example_model),
              Example(["Booking.com", "Expedia", "Hotels.com"], "with_itself", _example_model),
              Example(["Hotels.com", "Expedia"], "order", _example_model),
              Example(["Expedia"], "length", _example_model),
              Example("Expedia", "not_a_sequence", _example_model)),
)


def _commission(purchases: pd.DataFrame, members, column="earnieland_commission") -> float:
    return float(purchases.loc[purchases["user_id"].isin(members), column].sum())


def _example_purchases() -> dict:
    """Four purchases of members 1 and 2 (one declined) and one of member 3."""
    valid = pd.DataFrame({"user_id": [1, 1, 2, 3], "amount": [100.0, 50.0, 80.0, 40.0],
                          "user_commission": [3.0, 1.5, 2.4, 1.2],
                          "earnieland_commission": [2.0, 1.0, 1.6, 0.8]})
    declined = pd.DataFrame({"user_id": [2], "amount": [60.0], "user_commission": [1.8],
                             "earnieland_commission": [1.2]})
    return {"valid": valid, "purchases": pd.concat([valid, declined], ignore_index=True),
            "to_reactivate": pd.Index([1, 2])}


COMMISSION = Exercise(
    id="16.3",
    judge=number(lambda valid, purchases, to_reactivate: _commission(valid, to_reactivate),
                 rel=1e-6, mistakes={
        "member_cashback": lambda right, valid, purchases, to_reactivate: _commission(
            valid, to_reactivate, "user_commission"),
        "declined": lambda right, valid, purchases, to_reactivate: _commission(
            purchases, to_reactivate),
        "amount": lambda right, valid, purchases, to_reactivate: _commission(
            valid, to_reactivate, "amount"),
        "everyone": lambda right, valid, purchases, to_reactivate:
            valid["earnieland_commission"].sum()}),
    context=("valid", "purchases", "to_reactivate"),
    hints=(
        {"en": "Two steps: keep the valid purchases of the members to reactivate, then add up "
               "Earnieland's own commission.",
         "nl": "Twee stappen: hou de geldige aankopen van de te heractiveren leden over, tel dan "
               "de eigen commissie van Earnieland op."},
        {"en": "valid['user_id'].isin(to_reactivate) selects the rows; the column is "
               "earnieland_commission (user_commission is the member's cashback).",
         "nl": "valid['user_id'].isin(to_reactivate) selecteert de rijen; de kolom is "
               "earnieland_commission (user_commission is de cashback van het lid)."},
        {"en": "valid.loc[valid['user_id'].isin(to_reactivate), 'earnieland_commission'].sum()",
         "nl": "valid.loc[valid['user_id'].isin(to_reactivate), 'earnieland_commission'].sum()"},
    ),
    feedback={
        **NUMBER,
        "member_cashback": {
            "en": "€{answer:,.2f} is the members' cashback (user_commission); Earnieland's own "
                  "share is earnieland_commission.",
            "nl": "€{answer:,.2f} is de cashback van de leden (user_commission); het eigen deel "
                  "van Earnieland is earnieland_commission."},
        "declined": {
            "en": "€{answer:,.2f} includes declined purchases, on which no commission was paid; "
                  "use `valid`, not `purchases`.",
            "nl": "€{answer:,.2f} bevat geweigerde aankopen, waarop geen commissie betaald werd; "
                  "gebruik `valid`, niet `purchases`."},
        "amount": {
            "en": "€{answer:,.2f} is what the members spent at the shops (amount); the question "
                  "asks for Earnieland's commission on it.",
            "nl": "€{answer:,.2f} is wat de leden bij de shops uitgaven (amount); de vraag is de "
                  "commissie van Earnieland daarop."},
        "everyone": {
            "en": "€{answer:,.2f} is the commission of every member; keep the members to "
                  "reactivate.",
            "nl": "€{answer:,.2f} is de commissie van alle leden; hou de te heractiveren leden "
                  "over."},
    },
    examples=(Example(4.6, context=_example_purchases),
              Example(6.9, "member_cashback", _example_purchases),
              Example(5.8, "declined", _example_purchases),
              Example(230.0, "amount", _example_purchases),
              Example(5.4, "everyone", _example_purchases),
              Example(np.float64(4.0), "off", _example_purchases)),
)

PAIRS = "e-book pairs reproduced"
UNPLANTED = {"seed": 11, "scale": 0.5, "planted": False}
"""The data of exercise 16.4: another seed, half the members, no planted taste."""


def _example_summary() -> dict:
    """Stand-ins: the pipeline finds 1 pair without taste; the challenge table, 4 shipped."""
    return {"case_summary": lambda tables: {PAIRS: 1, "pairs in the shop's category": 2},
            "datasets": SimpleNamespace(load=lambda name, **options: None),
            "challenge": pd.DataFrame({PAIRS: [4, 5, 0]},
                                      index=["shipped", "seed 7", "planted=False"])}


def _unplanted_pairs(case_summary, datasets, challenge) -> tuple[float, dict]:
    found = case_summary(datasets.load("earnieland", **UNPLANTED))
    return found[PAIRS], {"shipped": challenge.loc["shipped", PAIRS],
                          "category": found["pairs in the shop's category"], "all_five": 5}


UNPLANTED_PAIRS = Exercise(
    id="16.4",
    judge=measured(_unplanted_pairs),
    context=("case_summary", "datasets", "challenge"),
    hints=(
        {"en": "case_summary runs the whole pipeline on one set of tables; load the tables "
               "first, with the options the exercise gives.",
         "nl": "case_summary draait de hele pijplijn op één set tabellen; laad eerst de "
               "tabellen, met de opties die de oefening geeft."},
        {"en": "datasets.load('earnieland', seed=11, scale=0.5, planted=False) gives the tables; "
               "case_summary returns a dict: read its 'e-book pairs reproduced'.",
         "nl": "datasets.load('earnieland', seed=11, scale=0.5, planted=False) geeft de "
               "tabellen; case_summary geeft een dict: lees 'e-book pairs reproduced'."},
        {"en": "case_summary(datasets.load('earnieland', seed=11, scale=0.5, "
               "planted=False))['e-book pairs reproduced']",
         "nl": "case_summary(datasets.load('earnieland', seed=11, scale=0.5, "
               "planted=False))['e-book pairs reproduced']"},
    ),
    feedback={
        **NUMBER,
        "shipped": {
            "en": "{answer:.0f} is the count on the shipped data, where taste is planted; load "
                  "the data with planted=False (and seed=11).",
            "nl": "{answer:.0f} is het aantal op de meegeleverde data, waar smaak ingebouwd is; "
                  "laad de data met planted=False (en seed=11)."},
        "category": {
            "en": "{answer:.0f} counts the pairs in the shop's category; the question asks how "
                  "many of the e-book's pairs are reproduced.",
            "nl": "{answer:.0f} telt de paren in de categorie van de shop; de vraag is hoeveel "
                  "paren van het e-book teruggevonden worden."},
        "all_five": {
            "en": "5 is every pair of the e-book: the recommender always returns two shops, but "
                  "without planted taste they are rarely the e-book's. Run it.",
            "nl": "5 is elk paar van het e-book: de aanbeveler geeft altijd twee shops, maar "
                  "zonder ingebouwde smaak zelden die van het e-book. Voer het uit."},
    },
    examples=(Example(1, context=_example_summary),
              Example(2, "category", _example_summary),
              Example(4, "shipped", _example_summary),
              Example(5, "all_five", _example_summary),
              Example(3, "off", _example_summary)),
)


def _median_months(table: pd.DataFrame, segments: pd.Series, segment="At Risk") -> float:
    return float(table.loc[segments.index[segments == segment], "recency"].median()
                 / rfm.DAYS_PER_MONTH)


def _window_months(table, segments) -> tuple[float, dict]:
    right = _median_months(table, segments)
    return right, {"days": right * rfm.DAYS_PER_MONTH, "years": right / 12,
                   "everyone": _median_months(table, rfm.named_segments(rfm.rfm_scores(table)))}


def _example_window() -> dict:
    """Two hundred members, recency 1-2000 days; the first hundred are the window."""
    rng = np.random.default_rng(0)
    table = pd.DataFrame({"recency": rng.integers(1, 2000, 200),
                          "frequency": rng.integers(1, 30, 200),
                          "monetary": rng.uniform(10, 3000, 200)})
    inside = table[table["recency"] <= 36 * rfm.DAYS_PER_MONTH]
    return {"table": table, "segments": rfm.named_segments(rfm.rfm_scores(inside))}


_WINDOW, _WINDOW_MISTAKES = _window_months(**_example_window())


WINDOW_RECENCY = Exercise(
    id="16.5",
    judge=measured(_window_months, rel=0.02),
    context=("table", "segments"),
    hints=(
        {"en": "`segments` names the members in the active window only; `table` holds every "
               "member's recency, in days.",
         "nl": "`segments` benoemt alleen de leden in het actieve venster; `table` bevat de "
               "recency van elk lid, in dagen."},
        {"en": "Select the At Risk members of `segments`, take their median recency and turn "
               "days into months with rfm.DAYS_PER_MONTH.",
         "nl": "Selecteer de At Risk-leden van `segments`, neem hun mediaan recency en zet dagen "
               "om in maanden met rfm.DAYS_PER_MONTH."},
        {"en": "table.loc[segments.index[segments == 'At Risk'], 'recency'].median() / "
               "rfm.DAYS_PER_MONTH",
         "nl": "table.loc[segments.index[segments == 'At Risk'], 'recency'].median() / "
               "rfm.DAYS_PER_MONTH"},
    ),
    feedback={
        **NUMBER,
        "days": {
            "en": "{answer:,.0f} is in days (recency is counted in days); divide by "
                  "rfm.DAYS_PER_MONTH for months.",
            "nl": "{answer:,.0f} is in dagen (recency telt in dagen); deel door "
                  "rfm.DAYS_PER_MONTH voor maanden."},
        "years": {
            "en": "{answer:.2f} is in years; the question asks for months.",
            "nl": "{answer:.2f} is in jaren; de vraag is in maanden."},
        "everyone": {
            "en": "{answer:.0f} months is At Risk scored over every member since 2004, most of "
                  "them long gone; use `segments`, scored in the active window.",
            "nl": "{answer:.0f} maanden is At Risk gescoord over alle leden sinds 2004, de "
                  "meesten al lang weg; gebruik `segments`, gescoord in het actieve venster."},
    },
    examples=(Example(_WINDOW, context=_example_window),
              Example(_WINDOW_MISTAKES["days"], "days", _example_window),
              Example(_WINDOW_MISTAKES["years"], "years", _example_window),
              Example(_WINDOW_MISTAKES["everyone"], "everyone", _example_window),
              Example(_WINDOW * 3, "off", _example_window)),
)

STALE = "stale opt-in: no recent purchase"
"""The reach of a member with consent but no purchase in the window (notebook 16's ``reach``)."""


def _stale_facts(status: pd.Series, table: pd.DataFrame) -> dict:
    """The figures the feedback cites: how many stale opt-ins, and how long they are silent."""
    stale = status == STALE
    return {"stale": int(stale.sum()), "share": 100 * stale.mean(),
            "months": table.loc[stale, "recency"].median() / rfm.DAYS_PER_MONTH,
            "inside": int((status == "in the window").sum())}


def _example_status() -> dict:
    """Six members: three stale opt-ins silent for 5-8 years, two in the window, one without."""
    return {"status": pd.Series([STALE] * 3 + ["in the window"] * 2
                                + ["no consent, no recent purchase"]),
            "table": pd.DataFrame({"recency": [1900, 2400, 2900, 100, 300, 2000]})}


STALE_OPT_INS = Exercise(
    id="16.6",
    judge=choice("B", "ABC", facts=_stale_facts),
    context=("status", "table"),
    hints=(
        {"en": "`status` says why each member may or may not be mailed; count the stale opt-ins "
               "and see how long ago they bought (`table`).",
         "nl": "`status` zegt waarom elk lid al dan niet gemaild mag worden; tel de verouderde "
               "opt-ins en kijk hoe lang geleden ze kochten (`table`)."},
        {"en": "Consent does not last for ever, and the GDPR limits how long data may serve "
               "marketing (three years after the last contact, as a rule of thumb).",
         "nl": "Toestemming geldt niet eeuwig, en de AVG beperkt hoe lang gegevens voor "
               "marketing mogen dienen (drie jaar na het laatste contact, als vuistregel)."},
        {"en": "Which option sends no mail to them and gives them a policy (deletion or "
               "anonymisation after a set time)?",
         "nl": "Welke optie stuurt hen geen mail en geeft hen een beleid (verwijderen of "
               "anonimiseren na een vaste termijn)?"},
    ),
    feedback={
        **CHOICE,
        "choice_A": {
            "en": "the {stale:,} stale opt-ins ({share:.0f} % of the members with purchases) "
                  "last bought a median of {months:.0f} months ago: their consent is old and "
                  "their interest unknown. Mailing them risks complaints and spam filters for "
                  "the mails to the {inside:,} members in the window.",
            "nl": "de {stale:,} verouderde opt-ins ({share:.0f} % van de leden met aankopen) "
                  "kochten een mediaan van {months:.0f} maanden geleden: hun toestemming is oud "
                  "en hun interesse onbekend. Hen mailen riskeert klachten en spamfilters voor "
                  "de mails aan de {inside:,} leden in het venster."},
        "choice_C": {
            "en": "scoring the {stale:,} stale opt-ins with the window turns members silent for "
                  "a median of {months:.0f} months into 'At Risk': the segment no longer means "
                  "what it says, and the mail still goes to stale consent.",
            "nl": "de {stale:,} verouderde opt-ins mee scoren met het venster maakt van leden "
                  "die een mediaan van {months:.0f} maanden stil zijn 'At Risk': het segment "
                  "betekent niet meer wat het zegt, en de mail gaat nog altijd naar verouderde "
                  "toestemming."},
    },
    after_correct=RUBRIC_REMINDER,
    examples=(
        Example({"choice": "B", "why": "Their consent is years old and they left long ago: no "
                                       "mailing, and delete or anonymise them after a set "
                                       "time."}, context=_example_status),
        Example({"choice": "A", "why": "They opted in."}, "choice_A", _example_status),
        Example({"choice": "C", "why": "Score them too."}, "choice_C", _example_status),
        Example({"choice": "B", "why": "GDPR"}, "memo_short", _example_status),
        Example({"choice": "E", "why": "?"}, "unknown_choice", _example_status),
    ),
)

EXERCISES = (MAILED_CANT_LOSE, BOOKING_SHOPS, COMMISSION, UNPLANTED_PAIRS, WINDOW_RECENCY,
             STALE_OPT_INS)
