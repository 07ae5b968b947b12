"""Features for the energy supplier's models: what was known about each customer at a date.

The supplier's four systems (ERP, tickets, CMS, field service; see
:mod:`aimkit.datasets.energy`) share the customer number. A model that predicts what a customer
does next may only use what was known before the moment it describes, so every feature here is
computed *as of* a date:

- :func:`customer_view`: the single customer view on a date: one row per active customer with
  their contract, consumption, cost, payment, contacts, feedback and margin;
- :func:`churn_outcome`: what happened in the months after that date (the label);
- :func:`offer_features` and :func:`campaign_pairs`: customer-offer pairs described by the
  saving and the offer, and the randomised campaign as training data for acceptance.

The generator builds the exports; this module is the analysis that reads them.

Examples
--------
>>> view = customer_view(energy.generate(scale=0.04), energy.SNAPSHOT)
>>> set(CHURN_FEATURES) <= set(view.columns)
True

Used in: notebooks/cases/17_energy_churn_offers.ipynb, benchmarks/energy.py
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from aimkit.datasets import energy
from aimkit.value import offer_pairs


def _dates(values: pd.Series) -> pd.Series:
    """Dates as datetime64, whether read by ``read_table`` or fresh from :func:`generate`."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return values
    if isinstance(values.dtype, pd.CategoricalDtype):
        parsed = pd.to_datetime(pd.Series(values.cat.categories.astype(str)), format="%d/%m/%Y",
                                errors="coerce").to_numpy()
        codes = values.cat.codes.to_numpy()
        return pd.Series(np.where(codes >= 0, parsed[codes], np.datetime64("NaT")),
                         index=values.index)
    return pd.to_datetime(values.astype("str"), format="%d/%m/%Y", errors="coerce")


def _count(frame: pd.DataFrame, customers: pd.CategoricalDtype, column: str | None = None,
           lookups: dict | None = None) -> np.ndarray:
    """Rows (or the sum of ``column``) per customer, in the order of ``customers``."""
    ids = frame["customer_id"]
    if isinstance(ids.dtype, pd.CategoricalDtype):  # look up each distinct ID once
        lookups = {} if lookups is None else lookups
        known_ids = ids.cat.categories
        if id(known_ids) not in lookups:
            lookups[id(known_ids)] = customers.categories.get_indexer(known_ids.astype(str))
        lookup = lookups[id(known_ids)]
        codes = ids.cat.codes.to_numpy()
        codes = np.where(codes >= 0, lookup[codes], -1)
    else:
        codes = customers.categories.get_indexer(ids.astype(str))
    known = codes >= 0
    weights = None if column is None else frame[column].to_numpy(dtype=float)[known]
    counts = np.bincount(codes[known], weights=weights, minlength=len(customers.categories))
    return counts if column is not None else counts.astype(int)


def customer_view(tables: dict[str, pd.DataFrame], as_of, months: int = 12) -> pd.DataFrame:
    """One row per customer active on ``as_of``: the single customer view of the four systems.

    Only data from before ``as_of`` is used: invoices, tickets and agent minutes of the
    ``months`` months before it, the contract active on it and the latest agent note.

    Parameters
    ----------
    tables : dict of DataFrame
        From ``datasets.load("energy")`` or :func:`aimkit.datasets.energy.generate`.
    as_of : date-like
        The moment the view describes.
    months : int
        Length of the history window.

    Returns
    -------
    DataFrame
        Index ``customer_id``; contract, consumption, cost, payment, contact, feedback and
        margin columns; :data:`CHURN_FEATURES` are the churn model's inputs.

    Examples
    --------
    >>> view = customer_view(energy.generate(scale=0.04), "2020-07-01")
    >>> bool(view["yearly_margin"].notna().all())
    True
    """
    as_of = pd.Timestamp(as_of)
    window = as_of - pd.DateOffset(months=months)
    contracts = tables["cms_contracts"]
    start, end = _dates(contracts["start_date"]), _dates(contracts["end_date"])
    current = contracts[(start <= as_of) & (end.isna() | (end >= as_of))].assign(start=start)
    current = current.assign(customer_id=current["customer_id"].astype(str))
    current = current.sort_values("start", kind="stable").drop_duplicates("customer_id",
                                                                          keep="last")
    view = pd.DataFrame(index=pd.Index(current["customer_id"].astype(str), name="customer_id"))
    for column in ["energy", "product", "term_years", "fixed_fee_eur_year", "variable_c_kwh"]:
        view[column] = current[column].to_numpy()
    view["energy"] = view["energy"].astype(str)
    view["product"] = view["product"].astype(str)
    started = current["start"].to_numpy()
    term_days = np.maximum(view["term_years"].to_numpy(), 1) * 365.25
    elapsed = (as_of - pd.DatetimeIndex(started)).days.to_numpy()
    to_renewal = term_days - np.mod(elapsed, term_days)
    view["renewal_within_6_months"] = (view["term_years"] > 0) & (to_renewal <= 183)
    ids = pd.CategoricalDtype(view.index)
    lookups: dict = {}  # generated tables share their categories: look them up once

    customers = tables["erp_customers"].assign(customer_id=lambda f: f["customer_id"].astype(str))
    customers = customers.set_index("customer_id").reindex(view.index)
    view["customer_type"] = customers["customer_type"].astype(str)
    view["payment_method"] = customers["payment_method"].astype(str)
    view["tenure_years"] = (as_of - _dates(customers["customer_since"])).dt.days / 365.25

    invoices = tables["erp_invoices"]
    periods = pd.period_range(window, as_of - pd.DateOffset(days=1), freq="M").astype(str)
    recent = invoices[invoices["period"].isin(list(periods))]
    billed = _count(recent, ids, lookups=lookups)
    view["months_billed"] = billed
    months_billed = np.where(billed > 0, billed, np.nan)
    per_year = 12 / months_billed
    view["yearly_kwh"] = _count(recent, ids, "kwh", lookups) * per_year
    view["late_share"] = _count(recent[recent["payment"] != "on time"], ids,
                                lookups=lookups) / months_billed
    very_late = recent[recent["payment"] == "very late"]
    view["very_late_share"] = _count(very_late, ids, lookups=lookups) / months_billed
    view["yearly_cost"] = (view["fixed_fee_eur_year"]
                           + view["yearly_kwh"] * view["variable_c_kwh"] / 100)
    catalogue = tables["offer_catalogue"]
    cheapest = np.full(len(view), np.inf)
    for _, offer in catalogue.iterrows():
        price = np.where(view["energy"] == "gas", offer["gas_c_kwh"], offer["elec_c_kwh"])
        cheapest = np.minimum(cheapest, offer["fixed_fee_eur_year"]
                              + view["yearly_kwh"].to_numpy() * price / 100)
    view["overpay_share"] = (view["yearly_cost"] - cheapest) / view["yearly_cost"]

    tickets = tables["tickets"]
    opened = _dates(tickets["opened_on"])
    recent_tickets = tickets[(opened >= window) & (opened < as_of)]
    kinds = recent_tickets["type"].astype(str)
    for kind, column in [("complaint", "complaints"), ("question", "questions"),
                         ("purchase", "purchases")]:
        view[column] = _count(recent_tickets[kinds == kind], ids, lookups=lookups)
    field = tables["field_service"]
    day = _dates(field["date"])
    view["agent_minutes"] = _count(field[(day >= window) & (day < as_of)], ids, "minutes",
                                   lookups)

    notes = tables["cms_feedback"]
    noted = notes[_dates(notes["noted_on"]) < as_of].assign(
        noted=_dates(notes["noted_on"]), customer_id=lambda f: f["customer_id"].astype(str))
    latest = noted.sort_values("noted", kind="stable").drop_duplicates("customer_id",
                                                                       keep="last")
    latest = latest.set_index("customer_id").reindex(view.index)
    view["price_importance"] = latest["price_importance"].astype("float64")
    view["peace_of_mind_importance"] = latest["peace_of_mind_importance"].astype("float64")
    competitor = latest["competitor_mentioned"].astype("str").replace({"nan": "", "<NA>": ""})
    view["competitor_mentioned"] = competitor.where(competitor != "", None)
    view["mentioned_competitor"] = view["competitor_mentioned"].notna()

    cost = view["energy"].map(energy.COST_C_KWH).astype(float)
    view["yearly_margin"] = (view["fixed_fee_eur_year"]
                             + view["yearly_kwh"] * (view["variable_c_kwh"] - cost) / 100
                             - view["agent_minutes"] * energy.AGENT_COST_PER_MINUTE * per_year)
    return view[view["months_billed"] > 0].sort_index()


def churn_outcome(tables: dict[str, pd.DataFrame], as_of, months: int = 6) -> pd.Series:
    """What happened to each customer in the ``months`` after ``as_of``.

    Returns
    -------
    Series
        Index ``customer_id``; "switched supplier", "moved" or "stayed" (customers with no
        contract ending then).

    Examples
    --------
    >>> outcome = churn_outcome(energy.generate(scale=0.04), "2020-07-01")
    >>> sorted(outcome.unique())
    ['moved', 'stayed', 'switched supplier']
    """
    as_of = pd.Timestamp(as_of)
    contracts = tables["cms_contracts"]
    end = _dates(contracts["end_date"])
    within = (end >= as_of) & (end < as_of + pd.DateOffset(months=months))
    reason = contracts["end_reason"].astype(str)
    left = contracts[within & reason.isin(["switched supplier", "moved"])]
    outcome = pd.Series("stayed", index=pd.Index(
        contracts["customer_id"].astype(str).unique(), name="customer_id"))
    outcome[left["customer_id"].astype(str).to_numpy()] = left["end_reason"].astype(str).to_numpy()
    return outcome


CHURN_FEATURES = [
    "tenure_years", "term_years", "renewal_within_6_months", "yearly_kwh", "yearly_cost",
    "overpay_share", "late_share", "very_late_share", "complaints", "questions", "purchases",
    "agent_minutes", "price_importance", "peace_of_mind_importance", "mentioned_competitor",
    "customer_type", "payment_method", "energy",
]
"""The churn model's inputs: columns of :func:`customer_view`."""
ACCEPT_FEATURES = ["saving_share", "offer_term_years", "offer_green", "price_importance",
                   "peace_of_mind_importance", "mentioned_competitor", "overpay_share",
                   "complaints"]
"""The acceptance model's inputs: columns of :func:`offer_features`."""


def offer_features(pairs: pd.DataFrame) -> pd.DataFrame:
    """Describe customer-offer pairs (``aimkit.value.offer_pairs``): the saving and the offer.

    Examples
    --------
    >>> from aimkit import value
    >>> tables = energy.generate(scale=0.04)
    >>> view = customer_view(tables, "2021-01-01").head(2)
    >>> pairs = value.offer_pairs(view, tables["offer_catalogue"].set_index("offer_id"))
    >>> offer_features(pairs).shape
    (10, 9)
    """
    price = np.where(pairs["energy"] == "gas", pairs["gas_c_kwh"], pairs["elec_c_kwh"])
    offer_cost = pairs["fixed_fee_eur_year_offer"] + pairs["yearly_kwh"] * price / 100
    return pd.DataFrame({
        "offer_cost": offer_cost,
        "saving_share": (pairs["yearly_cost"] - offer_cost) / pairs["yearly_cost"],
        "offer_term_years": pairs["term_years_offer"],
        "offer_green": pairs["green"] == "yes",
        "price_importance": pairs["price_importance"],
        "peace_of_mind_importance": pairs["peace_of_mind_importance"],
        "mentioned_competitor": pairs["mentioned_competitor"],
        "overpay_share": pairs["overpay_share"],
        "complaints": pairs["complaints"],
    }, index=pairs.index)


def campaign_pairs(tables: dict[str, pd.DataFrame], snapshot_view: pd.DataFrame | None = None
                   ) -> tuple[pd.DataFrame, np.ndarray]:
    """The randomised campaign of 1 October 2019 as training data for offer acceptance.

    Each customer who got an offer, as they were the day before (their contract then), with
    the yearly consumption of the twelve months before the snapshot, paired with their offer.

    Parameters
    ----------
    tables : dict of DataFrame
        The exports.
    snapshot_view : DataFrame, optional
        ``customer_view(tables, energy.SNAPSHOT)`` if already computed.

    Returns
    -------
    (DataFrame, ndarray)
        :func:`offer_features` of the pairs, and 1/0 for accepted.

    Examples
    --------
    >>> features, accepted = campaign_pairs(energy.generate(scale=0.1))
    >>> len(features) == len(accepted), set(accepted) <= {0, 1}
    (True, True)
    """
    history = tables["offer_history"].assign(
        customer_id=lambda f: f["customer_id"].astype(str)).set_index("customer_id")
    before = customer_view(tables, energy.CAMPAIGN_DATE - pd.Timedelta(days=1), months=3)
    before = before.loc[history.index]
    if snapshot_view is None:
        snapshot_view = customer_view(tables, energy.SNAPSHOT)
    before["yearly_kwh"] = snapshot_view["yearly_kwh"].reindex(before.index)
    before["yearly_cost"] = (before["fixed_fee_eur_year"]
                             + before["yearly_kwh"] * before["variable_c_kwh"] / 100)
    catalogue = tables["offer_catalogue"].set_index("offer_id")
    pairs = offer_pairs(before, catalogue)
    given = history["offer_id"].astype(str).reindex(pairs["customer_id"]).to_numpy()
    pairs = pairs[pairs["offer_id"].to_numpy() == given].reset_index(drop=True)
    accepted = (history["accepted"].astype(str).reindex(pairs["customer_id"]) == "yes")
    return offer_features(pairs), accepted.astype(int).to_numpy()
