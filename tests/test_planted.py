"""The generators' ``planted`` switch: ``planted=False`` removes the structure a case should find.

Each test measures the planted effect with one simple statistic, on the planted data (the
effect must be there, or the test proves nothing) and on the same seed with ``planted=False``
(the effect must be gone), with margins that chance cannot bridge at these sizes.
"""

import inspect

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.mixture import GaussianMixture
from sklearn.model_selection import cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from aimkit import datasets

SEED = 7  # not the shipped seed: the switch must work for any seed


def generated(name: str, planted: bool, scale: float = 1.0) -> dict[str, pd.DataFrame]:
    return datasets.generate(name, seed=SEED, scale=scale, planted=planted)


@pytest.mark.parametrize("name", list(datasets.list_datasets().index))
def test_planted_true_is_the_default_and_false_keeps_the_tables(name):
    option = inspect.signature(datasets._generator(name).generate).parameters["planted"]
    assert option.default is True  # the shipped data is the planted data (byte-identical)
    planted = generated(name, True)
    unplanted = generated(name, False)
    assert list(unplanted) == list(planted)
    for table, frame in planted.items():
        assert list(unplanted[table].columns) == list(frame.columns), (name, table)
        assert 0.5 * len(frame) <= len(unplanted[table]) <= 2 * len(frame) + 5, (name, table)


# ------------------------------------------------------------------------------- kinnarps
def _kinnarps_customers(tables):
    """Four-year amount and the potential code per buying customer, as the notebook builds them."""
    orders = tables["erp_orders"]
    when = pd.to_datetime(orders["order_date"], format="%d/%m/%Y")
    sales = orders[(orders["document_type"] != "Quote") & (when >= "2017-04-01")]
    amount = sales.groupby("customer_no")["amount"].sum()
    codes = tables["crm_customers"].set_index("customer_id")["potential_code"]
    return pd.DataFrame({"amount": amount, "code": codes.reindex(amount.index)}).query(
        "amount > 0")


def _components(log_amount: np.ndarray) -> int:
    """How many normal components BIC prefers for the log amounts (1 to 6)."""
    x = log_amount.reshape(-1, 1)
    bic = [GaussianMixture(k, n_init=3, random_state=0).fit(x).bic(x) for k in range(1, 7)]
    return 1 + int(np.argmin(bic))


def test_kinnarps_without_the_four_kinds_is_one_population():
    for planted in (True, False):
        customers = _kinnarps_customers(generated("kinnarps", planted))
        components = _components(np.log(customers["amount"].to_numpy()))
        top = customers["amount"] >= customers["amount"].median()
        a_share = customers["code"].eq("A").groupby(top).mean()  # code A: small vs large half
        if planted:  # separate kinds, and large customers mostly coded A
            assert components >= 3
            assert a_share[True] - a_share[False] > 0.25
        else:  # one population, and the code does not follow size
            assert components == 1
            assert abs(a_share[True] - a_share[False]) < 0.15


# --------------------------------------------------------------------------------- energy
def _cross_validated_auc(features: pd.DataFrame, label: pd.Series) -> float:
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
    chance = cross_val_predict(model, features, label, cv=5, method="predict_proba")[:, 1]
    return roc_auc_score(label, chance)


def _energy_features(tables) -> pd.DataFrame:
    """A few plain features per customer, from the exports (situation of 1 July 2020)."""
    snapshot = pd.Timestamp("2020-07-01")
    customers = tables["erp_customers"].set_index("customer_id")
    since = pd.to_datetime(customers["customer_since"], format="%d/%m/%Y")
    invoices = tables["erp_invoices"]
    invoices = invoices[invoices["period"].astype(str) < "2020-07"]
    tickets = tables["tickets"]
    opened = pd.to_datetime(tickets["opened_on"].astype(str), format="%d/%m/%Y")
    complaints = tickets[(tickets["type"] == "complaint") & (opened < snapshot)]
    feedback = tables["cms_feedback"].set_index("customer_id")
    return pd.DataFrame({
        "professional": customers["customer_type"].eq("professional"),
        "direct_debit": customers["payment_method"].eq("direct debit"),
        "years": (snapshot - since).dt.days / 365.25,
        "late": invoices["payment"].ne("on time").groupby(invoices["customer_id"],
                                                          observed=True).mean(),
        "kwh": np.log(invoices.groupby("customer_id", observed=True)["kwh"].mean()),
        "complaints": complaints.groupby("customer_id", observed=True).size(),
        "price": feedback["price_importance"], "peace": feedback["peace_of_mind_importance"],
        "competitor": feedback["competitor_mentioned"].astype(str).ne(""),
    }).astype(float).fillna({"complaints": 0, "price": 3, "peace": 3, "competitor": 0})


def test_energy_without_drivers_churn_and_acceptance_cannot_be_predicted():
    for planted in (True, False):
        tables = generated("energy", planted, scale=2)
        features = _energy_features(tables)
        contracts = tables["cms_contracts"]
        churned = contracts.loc[contracts["end_reason"] == "switched supplier", "customer_id"]
        active = features[features["years"] > 0]
        churn_auc = _cross_validated_auc(active, active.index.isin(churned.astype(str)))
        history = tables["offer_history"]
        offered = features.loc[history["customer_id"].astype(str)]
        offers = pd.get_dummies(history["offer_id"]).set_axis(offered.index).astype(float)
        accept_auc = _cross_validated_auc(pd.concat([offered, offers], axis=1),
                                          history["accepted"].eq("yes").to_numpy())
        if planted:
            assert churn_auc > 0.65 and accept_auc > 0.6
        else:
            assert abs(churn_auc - 0.5) < 0.06 and abs(accept_auc - 0.5) < 0.06


# -------------------------------------------------------------------------------- returns
def test_returns_without_drivers_several_sizes_no_longer_go_back_more():
    rates = {}
    for planted in (True, False):
        lines = generated("returns", planted)["order_lines"]
        sizes = lines.groupby(["order_id", "product_id"])["size"].transform("nunique")
        back = lines["returned"].eq("yes")
        several, single = back[sizes > 1], back[sizes == 1]
        difference = several.mean() - single.mean()
        error = np.sqrt(several.var() / len(several) + single.var() / len(single))
        rates[planted] = back.mean()
        if planted:  # bracketed sizes mostly go back
            assert difference > 10 * error
        else:
            assert abs(difference) < 2.5 * error
    assert abs(rates[True] - rates[False]) < 0.02  # the same base rate


# ----------------------------------------------------------------------------- earnieland
def test_earnieland_without_taste_the_next_shop_ignores_the_last_one():
    for planted in (True, False):
        tables = generated("earnieland", planted, scale=0.5)
        category = tables["shops"].set_index("shop_id")["category"]
        bought = tables["purchases"].query("status != 'declined'").sort_values(
            ["user_id", "purchased_at"], kind="stable")
        bought = bought.assign(category=bought["shop_id"].map(category).to_numpy())
        follows = bought["user_id"].eq(bought["user_id"].shift())
        same = bought["category"].eq(bought["category"].shift())[follows].mean()
        base = (bought["category"].value_counts(normalize=True) ** 2).sum()  # by chance
        if planted:
            assert same > 2 * base
        else:
            assert abs(same - base) < 0.02


# ----------------------------------------------------------------------------------- wine
def _taste(lines: pd.DataFrame) -> tuple[float, float]:
    """Regular customers' mean share of wines of their most bought type, and mean spread of
    the log bottle price they pay: how much of a taste for a type and a budget the lines show."""
    regular = lines.groupby("customer_id").filter(lambda f: len(f) >= 5)
    counts = regular.groupby(["customer_id", "type"]).size().unstack(fill_value=0)
    spread = np.log(regular["unit_price"]).groupby(regular["customer_id"]).std()
    return (counts.max(axis=1) / counts.sum(axis=1)).mean(), spread.mean()


def test_wine_without_taste_customers_buy_like_everyone_else():
    spelling = {"rood": "red", "wit": "white", "rose": "rosé", "bubbels": "sparkling",
                "mousserend": "sparkling"}
    for planted in (True, False):
        tables = generated("wine", planted)
        wines = tables["wines"].set_index("wine_id")
        lines = tables["pos_sales"].dropna(subset=["customer_id"])
        lines = lines.assign(type=lines["wine_id"].map(wines["type"].str.lower().replace(
            spelling)).to_numpy())
        type_share, price_spread = _taste(lines)
        shuffled = np.random.default_rng(0).permutation(len(lines))  # taste broken by hand
        chance_share, chance_spread = _taste(lines.assign(
            type=lines["type"].to_numpy()[shuffled],
            unit_price=lines["unit_price"].to_numpy()[shuffled]))
        if planted:
            assert type_share > chance_share + 0.2 and price_spread < 0.8 * chance_spread
        else:
            assert abs(type_share - chance_share) < 0.02
            assert abs(price_spread / chance_spread - 1) < 0.03


# ---------------------------------------------------------------------------------- costa
def test_costa_without_tastes_browsing_ignores_the_profile_and_the_box_has_no_uplift():
    for planted in (True, False):
        tables = generated("costa", planted, scale=2)
        views = tables["events"].query("event == 'page_view'").drop_duplicates()
        views = views.assign(property_id=views["page_url"].str.extract(r"-(p\d+)$")[0]
                             .str.upper()).dropna(subset=["property_id", "visitor_id"])
        coast = tables["properties"].set_index("property_id")["coast"]
        views = views.assign(coast=views["property_id"].map(coast).to_numpy())
        wished = views.merge(tables["questionnaire"], on="visitor_id")
        on_wish = (wished["coast"] == wished["preferred_coast"]).mean()
        base = (wished["preferred_coast"].map(views["coast"].value_counts(normalize=True))
                .fillna(0).mean())  # the same visitors' coasts, if they browsed like everyone
        test = tables["ab_assignment"]
        test = test.assign(converted=test["visitor_id"].isin(tables["conversions"]["visitor_id"]))
        arms = test.groupby("variant")["converted"].agg(["mean", "var", "size"])
        uplift = arms.loc["personalised", "mean"] - arms.loc["generic", "mean"]
        error = np.sqrt((arms["var"] / arms["size"]).sum())
        if planted:
            assert on_wish > base + 0.3 and uplift > 2.5 * error
        else:
            assert abs(on_wish - base) < 0.05 and abs(uplift) < 2 * error


# --------------------------------------------------------------------------- trailfinders
def test_trailfinders_without_rhythms_the_next_gap_ignores_the_customer():
    for planted in (True, False):
        tables = generated("trailfinders", planted, scale=2)
        bookings = tables["bookings"].assign(booked=lambda f: pd.to_datetime(
            f["booking_date"], format="%d/%m/%Y")).sort_values(["customer_id", "booked"])
        same = bookings["customer_id"].eq(bookings["customer_id"].shift(-1))
        bookings["next_gap"] = (bookings["booked"].shift(-1) - bookings["booked"]).dt.days.where(
            same)
        bookings["gap_before"] = bookings.groupby("customer_id")["next_gap"].shift()
        people = tables["participants"].merge(bookings[["booking_id", "booked"]], on="booking_id")
        age = (people["booked"] - pd.to_datetime(people["birth_date"], format="%d/%m/%Y")
               ).dt.days / 365.25
        bookings["age"] = bookings["booking_id"].map(age.groupby(people["booking_id"]).mean())
        rebooked = bookings.dropna(subset=["next_gap"])
        with_age = rebooked["next_gap"].corr(rebooked["age"], method="spearman")
        with_gap = rebooked["next_gap"].corr(rebooked["gap_before"], method="spearman")
        if planted:  # children's families rebook soon, and a rhythm repeats
            assert with_age > 0.4 and with_gap > 0.4
        else:
            assert abs(with_age) < 0.08 and abs(with_gap) < 0.08


# ------------------------------------------------------------------------------- annapops
def test_annapops_without_slowdown_long_time_customers_keep_their_pace():
    current, baseline = pd.Timestamp("2020-07-01"), pd.Timestamp("2017-07-01")
    for planted in (True, False):
        tables = generated("annapops", planted, scale=0.5)
        web = tables["web_orders"].query("status == 'paid'")
        shop = tables["shop_payments"].dropna(subset=["customer_id"]).query("amount > 0")
        purchases = pd.concat([
            pd.DataFrame({"customer_id": web["customer_id"], "when": pd.to_datetime(
                web["ordered_at"], format="%Y-%m-%d %H:%M:%S")}),
            pd.DataFrame({"customer_id": shop["customer_id"], "when": pd.to_datetime(
                shop["paid_at"], format="%d/%m/%Y %H:%M")})])
        customers = tables["customers"]
        long_time = customers.loc[pd.to_datetime(customers["created_on"]) < baseline,
                                  "customer_id"]
        theirs = purchases[purchases["customer_id"].isin(long_time)]
        per_month_now = (theirs["when"] >= current).sum() / 12
        per_month_before = theirs["when"].between(baseline, current, inclusive="left").sum() / 36
        pace = per_month_now / per_month_before  # 1: the same pace as in the three years before
        if planted:  # children outgrow the clothes: long-time customers slow down
            assert pace < 0.8
        else:
            assert abs(pace - 1) < 0.05


# --------------------------------------------------------------------------------- odisee
_SECTIONS = {"personeelsplatform": "staff", "opleiding-naast-je-werk": "lateral",
             "infodagen|opleidingen/bachelor|inschrijven|campussen|studiekeuze|individueel"
             "|openlesdagen": "student"}


def _one_section_share(views: pd.DataFrame) -> float:
    """The share of profiles with two or more persona pages whose pages are all one persona's."""
    per_profile = views.groupby("profile_id")["section"].agg(["nunique", "size"])
    return per_profile.loc[per_profile["size"] >= 2, "nunique"].eq(1).mean()


def test_odisee_without_personas_a_visitors_pages_are_a_random_mix():
    for planted in (True, False):
        events = generated("odisee", planted, scale=0.5)["events"].query("event_type == 'view'")
        section = pd.Series(np.nan, index=events.index, dtype=object)
        for pattern, persona in _SECTIONS.items():
            section = section.mask(events["full_path"].str.contains(pattern), persona)
        views = events.assign(section=section).dropna(subset=["section"])
        views = views[views.groupby("profile_id")["section"].transform("size") < 50]  # crawlers
        share = _one_section_share(views)
        chance = _one_section_share(views.assign(  # the same views, persona broken by hand
            section=np.random.default_rng(0).permutation(views["section"].to_numpy())))
        if planted:
            assert share > chance + 0.3
        else:
            assert abs(share - chance) < 0.04
