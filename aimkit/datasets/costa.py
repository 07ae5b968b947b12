"""Spanish Costas real estate: a buying agent's website tracking, CMS and CRM (e-book p. 50).

A buying agent guides Belgian and Dutch buyers to a second home on the Spanish costas. Its
custom data-management platform (DMP) logs every interaction of anonymous website visitors
through a tracking snippet; the admin dashboard (CMS) holds the properties with their
metadata; HubSpot CRM holds the saved search profiles of contacts. In spring 2021 an A/B test
showed half of the new visitors a personalised "recommended for you" box and the other half
a generic box with the most viewed properties.

Hidden behaviour (what the case's methods should find): every visitor has a taste — a coast,
a property type, a budget, a number of bedrooms and how much a sea view matters — and views
properties that fit it (with some random browsing). Visitors with the same taste therefore
view the same properties, which is what user-based KNN uses. The box is shown on every
property page; a personalised box lists properties that fit the visitor, a generic box lists
popular ones, so visitors click the personalised box more often, view more properties that
fit them and convert more often: the uplift is a consequence of relevance, not a number
written into the data. New listings (the last ten days) have no views yet (cold start).

What ``planted=False`` removes: the tastes' effect on behaviour. Visitors then browse by the
listings' popularity alone, favourite what they viewed at random, click both recommendation
boxes equally often and convert with one common chance (the planted data's overall rates), so
browsing is independent of the visitor's profile and the A/B test has no uplift. The
questionnaire and saved searches still state tastes, which now explain nothing.

Planted flaws, as the e-book describes them:

- the tracking snippet logs page URLs, not property IDs (the ID is in the URL, in a Dutch and a
  French version of the site);
- tracking was not configured on all pages at first: before 1 February 2021 favourites were
  not logged and a share of property pages logged no URL;
- some page loads fire the snippet twice (identical rows), a few events lack a visitor ID
  (cookies refused), and four crawlers view hundreds of properties;
- conversions are logged per event (a visitor can convert several times, also outside the
  test), so the A/B analysis joins assignment and conversions and counts each visitor once.

Examples
--------
>>> tables = generate(seed=1, scale=0.3)
>>> sorted(tables)[:3]
['ab_assignment', 'conversions', 'events']

Used in: notebooks/cases/12_costa_real_estate_recommender.ipynb
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from aimkit.datasets import DEFAULT_SEED, Case

CASE = Case(
    company="Spanish Costas real estate", title="recommender and A/B test",
    notebook="cases/12_costa_real_estate_recommender.ipynb", ebook_page=50, minutes=45)

TABLES = {
    "properties": {
        "en": "admin dashboard (CMS): properties with their metadata and listing date",
        "nl": "admin-dashboard (CMS): panden met hun metadata en publicatiedatum"},
    "visitors": {
        "en": "DMP visitor profiles: anonymous cookie ID, first visit, country, device, source",
        "nl": "DMP-bezoekersprofielen: anonieme cookie-ID, eerste bezoek, land, toestel, bron"},
    "events": {
        "en": "tracking snippet: page views, favourites and recommendation-box clicks",
        "nl": "trackingcode: paginaweergaven, favorieten en kliks in de aanbevelingsbox"},
    "questionnaire": {
        "en": "'find your ideal property' questionnaire answers",
        "nl": "antwoorden op de vragenlijst 'vind je ideale woning'"},
    "conversions": {
        "en": "conversions: e-book downloads, contact forms, newsletter, profiles",
        "nl": "conversies: e-bookdownloads, contactformulieren, nieuwsbrief, profielen"},
    "ab_assignment": {
        "en": "A/B test of the recommendation box: generic or personalised",
        "nl": "A/B-test van de aanbevelingsbox: algemeen of gepersonaliseerd"},
    "saved_searches": {
        "en": "HubSpot CRM: saved search profiles of contacts for the listing e-mail",
        "nl": "HubSpot CRM: bewaarde zoekprofielen van contacten voor de aanbodmail"},
}

START = pd.Timestamp("2021-01-04")
TRACKING_FIXED = pd.Timestamp("2021-02-01")
"""Before this day favourites were not tracked and some property pages logged no URL."""
TEST_START = pd.Timestamp("2021-03-01")
TEST_END = pd.Timestamp("2021-06-20")
EXPORT_DATE = pd.Timestamp("2021-06-30")
NEW_LISTINGS = 12

COASTS = {
    "Costa Blanca": ["Altea", "Jávea", "Moraira", "Calpe", "Torrevieja", "Orihuela Costa"],
    "Costa del Sol": ["Marbella", "Estepona", "Benalmádena", "Mijas", "Nerja", "Fuengirola"],
    "Costa Cálida": ["Águilas", "Mazarrón", "La Manga"],
    "Costa de Almería": ["Mojácar", "Vera", "Roquetas de Mar"],
    "Costa Brava": ["Begur", "Lloret de Mar", "Roses", "Tossa de Mar"],
    "Costa Dorada": ["Salou", "Cambrils", "Sitges"],
}
_COAST_SHARE = np.array([0.32, 0.30, 0.10, 0.08, 0.11, 0.09])
_COAST_PRICE = np.array([1.0, 1.35, 0.75, 0.7, 1.2, 0.95])
_TYPES = ["apartment", "penthouse", "townhouse", "villa"]
_TYPE_SHARE = np.array([0.38, 0.14, 0.18, 0.30])
_TYPE_PRICE = np.array([210_000, 330_000, 260_000, 560_000])
_TYPE_BEDS = np.array([2, 2.5, 3, 3.8])
_FINISH = ["standard", "premium", "luxury"]
N_PROPERTIES = 320                # listed before the new listings
N_VISITORS = 6000
MIN_VISITORS = 50                 # the smallest sample ``scale`` can give

# --- tastes and how they drive browsing ------------------------------------------------------
_BUDGET = (1.2, 0.3)              # budget: typical price × 1.2, log-normal with this sd
_BEDS_SPREAD = 0.7                # sd of wanted bedrooms around the type's typical number
_SEA_WISH = 1.5                   # how much a sea view matters: uniform 0 ... this
_AFFINITY = {"coast": 3.0, "type": 1.6, "price": 2.5, "beds": 0.5}
"""Log fit of a property to a taste: same coast, same type, |log price / budget| (−),
|bedrooms − wanted| (−), plus the taste's sea wish when it has a sea view."""
_FEATURED_SPREAD = 0.5            # sd of a listing's log attention (some get more)
_FIT_WEIGHT = 0.8                 # browsing ∝ exp(0.8 × fit) × attention: finds the fit slowly
_RANDOM_BROWSING = 0.05           # share of views spread uniformly over the listings
_GOOD_SHARE = 0.03                # the visitor's best-fitting 3 % of listings
_POPULAR_BOX = 40                 # the generic box shows the 40 most viewed listings
_VISITS = 0.2                     # property views = 1 + geometric(0.2) ...
_MAX_VIEWS = 60                   # ... at most this many
BOX_CLICKS = {"personalised": 0.16, "generic": 0.05}
"""Chance per property view that the visitor clicks the box (planted: relevance draws clicks)."""
_FAVOURITE = 0.35                 # chance a viewed well-fitting listing is saved
_CONVERT = (-3.9, 1.3)            # log-odds: intercept + this × log(1 + fitting views)
_UNPLANTED = {"favourite": 0.12, "convert": 0.09}
"""Without planted tastes: the chance a viewed listing is saved and that a visitor converts,
the planted data's overall rates (favourites per viewed listing, converted visitors)."""

# --- tracking flaws ------------------------------------------------------------------------
_LOST_URL = 0.3                   # property pages without URL before the tracking fix
_NO_COOKIE = 0.004                # events without visitor ID
_DOUBLE_FIRE = 0.02               # page loads that fire the snippet twice
_QUESTIONNAIRE = 0.14             # visitors who fill in the questionnaire
_SECOND_CONVERSION = 0.25         # converted visitors who convert again
_CONVERSIONS = ["ebook_download", "contact_form", "newsletter_signup", "profile_created"]
_FIRST = ["an", "bart", "els", "geert", "hilde", "jan", "karen", "koen", "lies", "marc",
          "nathalie", "pieter", "sofie", "tom", "wim", "ingrid", "luc", "marleen", "dirk", "eva"]
_LAST = ["peeters", "janssens", "maes", "jacobs", "willems", "claes", "goossens", "wouters",
         "de vries", "van dijk", "bakker", "visser", "smit", "dubois", "lambert", "mertens"]


def _properties(rng: np.random.Generator, n: int) -> pd.DataFrame:
    coasts = list(COASTS)
    coast = rng.choice(len(coasts), size=n, p=_COAST_SHARE)
    kind = rng.choice(len(_TYPES), size=n, p=_TYPE_SHARE)
    beds = np.clip(np.round(_TYPE_BEDS[kind] + rng.normal(0, 0.8, n)), 1, 6).astype(int)
    finish = rng.choice(3, size=n, p=[0.45, 0.38, 0.17])
    sea = rng.random(n) < np.where(kind == 1, 0.7, 0.4)
    living = np.round(35 + 28 * beds + np.where(kind == 3, 60, 0) + rng.normal(0, 12, n))
    plot = np.where(kind >= 2, np.round(living * rng.uniform(1.5, 5.0, n), -1), np.nan)
    price = (_TYPE_PRICE[kind] * _COAST_PRICE[coast] * (1 + 0.18 * (beds - _TYPE_BEDS[kind]))
             * (1 + 0.25 * finish) * np.where(sea, 1.3, 1.0) * np.exp(rng.normal(0, 0.15, n)))
    town = [COASTS[coasts[c]][rng.integers(len(COASTS[coasts[c]]))] for c in coast]
    listed = START - pd.to_timedelta(rng.integers(0, 400, n), unit="D")
    ids = [f"P{1001 + i}" for i in range(n)]
    frame = pd.DataFrame({
        "property_id": ids,
        "title": [f"{'Luxury ' + _TYPES[k] if f == 2 else _TYPES[k].title()} in {t}"
                  f"{' with sea view' if s else ''}"
                  for k, t, s, f in zip(kind, town, sea, finish, strict=True)],
        "coast": [coasts[c] for c in coast],
        "town": town,
        "property_type": [_TYPES[k] for k in kind],
        "bedrooms": beds,
        "bathrooms": np.clip(beds - rng.integers(0, 2, n), 1, None),
        "living_area_m2": living.astype(int),
        "plot_m2": plot,
        "finish": [_FINISH[f] for f in finish],
        "sea_view": np.where(sea, "yes", "no"),
        "pool": np.where(kind == 3, "private", np.where(rng.random(n) < 0.7, "communal", "none")),
        "beach_distance_m": np.round(np.where(sea, 150, 600) * np.exp(rng.normal(0, 0.6, n)), -1),
        "price_eur": np.round(price, -3),
        "listed_on": listed,
        "status": rng.choice(["available", "reserved"], size=n, p=[0.9, 0.1]),
    })
    frame["plot_m2"] = frame["plot_m2"].astype("Int64")
    frame["beach_distance_m"] = frame["beach_distance_m"].astype(int)
    return frame


def _tastes(rng: np.random.Generator, n: int) -> pd.DataFrame:
    kind = rng.choice(len(_TYPES), size=n, p=_TYPE_SHARE)
    coast = rng.choice(len(COASTS), size=n, p=_COAST_SHARE)
    budget = (_TYPE_PRICE[kind] * _COAST_PRICE[coast] * _BUDGET[0]
              * np.exp(rng.normal(0, _BUDGET[1], n)))
    beds = np.clip(np.round(_TYPE_BEDS[kind] + rng.normal(0, _BEDS_SPREAD, n)), 1, 6)
    return pd.DataFrame({"coast": coast, "kind": kind, "budget": budget, "beds": beds,
                         "sea": rng.uniform(0, _SEA_WISH, n)})


def _affinity(taste: pd.DataFrame, props: pd.DataFrame, coast_code: np.ndarray,
              kind_code: np.ndarray) -> np.ndarray:
    """How well each property fits each visitor (visitors × properties, log scale)."""
    price = props["price_eur"].to_numpy()
    sea = (props["sea_view"] == "yes").to_numpy()
    beds = props["bedrooms"].to_numpy()
    return (_AFFINITY["coast"] * (taste["coast"].to_numpy()[:, None] == coast_code[None, :])
            + _AFFINITY["type"] * (taste["kind"].to_numpy()[:, None] == kind_code[None, :])
            - _AFFINITY["price"] * np.abs(np.log(price[None, :]
                                                 / taste["budget"].to_numpy()[:, None]))
            - _AFFINITY["beds"] * np.abs(beds[None, :] - taste["beds"].to_numpy()[:, None])
            + taste["sea"].to_numpy()[:, None] * sea[None, :])


def _url(rng: np.random.Generator, pid: str, kind: str, town: str) -> str:
    slug = f"{kind}-{town}".lower().replace(" ", "-")
    for a, b in (("á", "a"), ("é", "e"), ("í", "i"), ("ó", "o"), ("Á", "a")):
        slug = slug.replace(a, b)
    if rng.random() < 0.8:
        return f"/nl/te-koop/{slug}-{pid.lower()}"
    return f"/fr/a-vendre/{slug}-{pid.lower()}"


def _stamp(times: pd.Series) -> pd.Series:
    return times.dt.strftime("%Y-%m-%d %H:%M:%S")


def generate(seed: int = DEFAULT_SEED, scale: float = 1.0,
             planted: bool = True) -> dict[str, pd.DataFrame]:
    """Generate the Costa buying agent's DMP, CMS and CRM exports.

    Parameters
    ----------
    seed : int
        Random seed; the default gives the shipped data.
    scale : float
        Multiplies the number of visitors (1.0 = about 6,000).
    planted : bool
        False: browsing, favourites, box clicks and conversions independent of the visitor's
        taste and of the A/B variant (see the module docstring).

    Returns
    -------
    dict of str to DataFrame
        The tables of :data:`TABLES`.

    Examples
    --------
    >>> tables = generate(seed=3, scale=0.2)
    >>> sorted(tables["ab_assignment"]["variant"].unique())
    ['generic', 'personalised']
    """
    rng = np.random.default_rng(seed)
    props = _properties(rng, N_PROPERTIES + NEW_LISTINGS)
    new = np.arange(len(props) - NEW_LISTINGS, len(props))
    props.loc[new, "listed_on"] = EXPORT_DATE - pd.to_timedelta(
        rng.integers(1, 11, NEW_LISTINGS), unit="D")
    props.loc[new, "status"] = "available"
    old = np.arange(len(props) - NEW_LISTINGS)
    coast_code = pd.Index(list(COASTS)).get_indexer(props["coast"])
    kind_code = pd.Index(_TYPES).get_indexer(props["property_type"])
    featured = np.exp(rng.normal(0, _FEATURED_SPREAD, len(old)))  # some get more attention

    n = max(MIN_VISITORS, int(round(N_VISITORS * scale)))
    taste = _tastes(rng, n)
    fit = _affinity(taste, props.iloc[old], coast_code[old], kind_code[old])
    # browsing alone finds the fit slowly; without planted tastes, only attention counts
    prob = (np.exp(_FIT_WEIGHT * fit) if planted else np.ones_like(fit)) * featured[None, :]
    prob = ((1 - _RANDOM_BROWSING) * prob / prob.sum(axis=1, keepdims=True)
            + _RANDOM_BROWSING / len(old))
    cum = prob.cumsum(axis=1)
    good = fit >= np.quantile(fit, 1 - _GOOD_SHARE, axis=1, keepdims=True)
    popular_order = np.argsort(-featured)[:_POPULAR_BOX]

    days = (EXPORT_DATE - START).days
    first = START + pd.to_timedelta(rng.uniform(0, days - 3, n), unit="D")
    in_test = (first >= TEST_START) & (first < TEST_END)
    personal = in_test & (rng.permutation(n) % 2 == 1)
    visits = 1 + rng.geometric(_VISITS, n)
    click_rate = np.where(personal, BOX_CLICKS["personalised"],
                          np.where(in_test, BOX_CLICKS["generic"], 0.0))
    if not planted:  # both boxes equally attractive
        click_rate = np.where(in_test, np.mean(list(BOX_CLICKS.values())), 0.0)

    rows = []
    clicks = np.zeros(n, int)
    good_views = np.zeros(n, int)
    for v in range(n):
        views = list(np.searchsorted(cum[v], rng.random(visits[v]) * cum[v, -1]))
        i = 0
        while i < len(views) and len(views) < _MAX_VIEWS:
            if rng.random() < click_rate[v]:  # a click in the box leads to another property
                if personal[v]:
                    choice = rng.choice(np.flatnonzero(good[v]))
                else:
                    choice = popular_order[rng.integers(len(popular_order))]
                views.insert(i + 1, int(choice))
                clicks[v] += 1
                rows.append((v, "reco_click", int(choice), i + 1))
            i += 1
        good_views[v] = int(good[v, views].sum())
        rows.extend((v, "page_view", p, j) for j, p in enumerate(views))
        if planted:
            liked = [p for p in set(views) if good[v, p] and rng.random() < _FAVOURITE]
        else:
            liked = [p for p in set(views) if rng.random() < _UNPLANTED["favourite"]]
        rows.extend((v, "favourite", p, len(views)) for p in liked)
        rows.extend((v, "page_view", -1, j) for j in range(rng.poisson(1.2)))
    events = pd.DataFrame(rows, columns=["visitor", "event", "prop", "step"])

    # conversions follow from what the visitor saw: more fitting properties, more chance
    logit = _CONVERT[0] + _CONVERT[1] * np.log1p(good_views)
    chance = 1 / (1 + np.exp(-logit)) if planted else _UNPLANTED["convert"]
    converted = rng.random(n) < chance

    ids = pd.Index([f"v{x:07x}" for x in rng.choice(16 ** 7, n, replace=False)])
    session = rng.uniform(2, 90, n)
    events["time"] = (first[events["visitor"]] + pd.to_timedelta(
        events["step"] * session[events["visitor"]] / 4 + rng.uniform(0, 0.5, len(events)),
        unit="min"))
    events = events[events["time"] < EXPORT_DATE].reset_index(drop=True)
    pid, kinds, towns = props["property_id"], props["property_type"], props["town"]
    pages = ["/nl/", "/nl/blog/kopen-in-spanje-stappenplan", "/nl/blog/kosten-bij-aankoop",
             "/nl/regio/costa-blanca", "/nl/regio/costa-del-sol", "/fr/", "/nl/over-ons",
             "/nl/blog/hypotheek-in-spanje", "/nl/vragenlijst"]
    events["page_url"] = [
        _url(rng, pid[p], kinds[p], towns[p]) if p >= 0 else pages[rng.integers(len(pages))]
        for p in events["prop"]]
    early = events["time"] < TRACKING_FIXED
    lost = early & (events["prop"] >= 0) & (rng.random(len(events)) < _LOST_URL)
    events.loc[lost, "page_url"] = None
    events = events[~(early & (events["event"] == "favourite"))]
    events["visitor_id"] = ids[events["visitor"]]
    events.loc[rng.random(len(events)) < _NO_COOKIE, "visitor_id"] = None
    bots = []
    for b in range(4):
        t0 = START + pd.Timedelta(days=int(rng.integers(10, days - 10)))
        chosen = rng.choice(old, size=int(rng.integers(200, 300)), replace=False)
        bots.append(pd.DataFrame({
            "visitor_id": f"vbot{b:03d}", "event": "page_view",
            "time": t0 + pd.to_timedelta(np.arange(len(chosen)) * 2, unit="s"),
            "page_url": [_url(rng, pid[p], kinds[p], towns[p]) for p in chosen]}))
    events = pd.concat([events[["visitor_id", "event", "time", "page_url"]], *bots])
    doubles = events.sample(frac=_DOUBLE_FIRE, random_state=seed)
    events = pd.concat([events, doubles]).sort_values("time", kind="stable")
    events = pd.DataFrame({"timestamp": _stamp(events["time"]),
                           "visitor_id": events["visitor_id"], "event": events["event"],
                           "page_url": events["page_url"]}).reset_index(drop=True)

    visitors = pd.DataFrame({
        "visitor_id": ids,
        "first_seen": _stamp(pd.Series(first)),
        "country": rng.choice(["BE", "NL"], size=n, p=[0.62, 0.38]),
        "device": rng.choice(["desktop", "mobile", "tablet"], size=n, p=[0.48, 0.44, 0.08]),
        "source": rng.choice(["google_ads", "facebook_ads", "organic", "newsletter", "direct"],
                             size=n, p=[0.34, 0.22, 0.26, 0.06, 0.12]),
    })

    ask = rng.random(n) < _QUESTIONNAIRE
    q = taste[ask]
    questionnaire = pd.DataFrame({
        "visitor_id": ids[ask],
        "submitted_on": (first[ask] + pd.to_timedelta(rng.uniform(0, 20, ask.sum()), unit="min"))
        .strftime("%d/%m/%Y"),
        "preferred_coast": np.where(rng.random(len(q)) < 0.85,
                                    np.array(list(COASTS))[q["coast"]], "no preference"),
        "property_type": np.array(_TYPES)[q["kind"]],
        "min_bedrooms": q["beds"].astype(int).to_numpy(),
        "budget_max_eur": np.round(q["budget"].to_numpy() * 1.1, -4).astype(int),
        "sea_view": np.where(q["sea"] > 1.0, "must have",
                             np.where(q["sea"] > 0.5, "nice to have", "no preference")),
    })

    conv_time = first[converted] + pd.to_timedelta(rng.uniform(5, 60 * 24 * 20,
                                                             converted.sum()), unit="min")
    conversions = pd.DataFrame({
        "visitor_id": ids[converted], "time": conv_time,
        "conversion": rng.choice(_CONVERSIONS, size=converted.sum(), p=[0.38, 0.2, 0.27, 0.15])})
    extra = conversions.sample(frac=_SECOND_CONVERSION, random_state=seed + 1)
    extra = extra.assign(conversion=rng.choice(_CONVERSIONS, size=len(extra)),
                         time=extra["time"] + pd.to_timedelta(rng.uniform(1, 9, len(extra)),
                                                              unit="D"))
    # a quarter of the converted visitors convert a second time (another type, days later)
    conversions = pd.concat([conversions, extra]).sort_values("time", kind="stable")
    conversions = conversions[conversions["time"] < EXPORT_DATE]
    conversions = pd.DataFrame({"visitor_id": conversions["visitor_id"],
                                "timestamp": _stamp(conversions["time"]),
                                "conversion": conversions["conversion"]}).reset_index(drop=True)

    test = np.flatnonzero(in_test)
    assignment = pd.DataFrame({
        "visitor_id": ids[test], "assigned_at": _stamp(pd.Series(first[test])),
        "variant": np.where(personal[test], "personalised", "generic")})

    contacts = int(round(260 * max(scale, 0.2)))
    ct = _tastes(rng, contacts)
    searches = pd.DataFrame({
        "contact_id": [f"HS{50001 + i}" for i in range(contacts)],
        "email": [f"{rng.choice(_FIRST)}.{rng.choice(_LAST).replace(' ', '')}{i}@example.com"
                  for i in range(contacts)],
        "coast": np.array(list(COASTS))[ct["coast"]],
        "property_type": np.where(rng.random(contacts) < 0.8, np.array(_TYPES)[ct["kind"]],
                                  "any"),
        "min_bedrooms": ct["beds"].astype(int).to_numpy(),
        "max_price_eur": np.round(ct["budget"].to_numpy() * 1.15, -4).astype(int),
        "sea_view_required": np.where(ct["sea"] > 1.0, "yes", "no"),
        "created_on": (START - pd.to_timedelta(rng.integers(0, 500, contacts), unit="D"))
        .strftime("%d/%m/%Y"),
    })

    props["listed_on"] = props["listed_on"].dt.strftime("%Y-%m-%d")
    return {"properties": props, "visitors": visitors, "events": events,
            "questionnaire": questionnaire, "conversions": conversions,
            "ab_assignment": assignment, "saved_searches": searches}
