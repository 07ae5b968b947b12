"""A Flemish wine merchant: wine sheet, POS customer file and one year of sales (e-book p. 55).

The merchant has a few shops in Flemish towns, holds tasting days and runs a webshop. The
webshop happens to be connected to the shops' point-of-sale system (POS), so one POS export
holds the sales of every channel. Wine information lives in an Excel sheet, typed in by hand.

Hidden behaviour (what the case's methods should find): customers belong to five hidden
kinds — everyday reds, fresh whites and rosés, bubbles, connoisseurs and gift buyers — with a
preferred wine type, a price level of their own and favourite taste accents. They mostly buy
wines of their type, near their price level and with their accents, so customers with the same
taste buy the same wines (what item-based collaborative filtering uses) and clustering on the
purchase mix finds the kinds back.

What ``planted=False`` removes: the customers' taste. Every customer then picks wines from
the same distribution, the whole clientele's average (so each wine sells about as often as
before), whatever their kind: orders are independent of the customer, and "customers like you
bought" has nothing to go on. Visits, bottles, channels and the flaws stay.

Planted flaws, as the e-book describes them:

- the wine sheet is a Belgian Excel export (``;``, decimal commas, cp1252) whose ``type``
  column mixes Dutch and English and upper and lower case (``Rood``, ``red``, ``WIT``), and a
  few wines have no food pairing filled in;
- about 8 % of customers registered twice (in a shop and on the webshop) under two customer
  numbers with the same e-mail address, written with other capitals or spaces;
- sales on tasting days are often paid cash without a loyalty card: those lines have no
  customer number and cannot be personalised.

Examples
--------
>>> tables = generate(seed=1, scale=0.3)
>>> sorted(tables)
['customers', 'pos_sales', 'tasting_day_wines', 'wines']

Used in: notebooks/cases/13_wine_recommendations.ipynb
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from aimkit.datasets import BELGIAN_EXCEL, DEFAULT_SEED, Case, Transactions

CASE = Case(
    company="Wine merchant", title="recommendations online and offline",
    notebook="cases/13_wine_recommendations.ipynb", ebook_page=55, minutes=40,
    transactions=Transactions("pos_sales", {"receipt_no": "order_id", "sold_at": "order_date",
                                            "line_amount": "amount"}))

TABLES = {
    "wines": {
        "en": "the wine sheet (Excel): type, grape, accents, food pairings, price, description",
        "nl": "de wijnfiche (Excel): type, druif, accenten, gerechten, prijs, beschrijving"},
    "customers": {
        "en": "POS customer file: loyalty customers of the shops and the webshop",
        "nl": "klantenbestand van de kassa: klantenkaarthouders van de winkels en de webshop"},
    "pos_sales": {
        "en": "POS sales lines of one year: shops, tasting days and webshop",
        "nl": "verkooplijnen van de kassa over één jaar: winkels, wijnproefdagen en webshop"},
    "tasting_day_wines": {
        "en": "the wines poured at the next tasting day, by table",
        "nl": "de wijnen die op de volgende wijnproefdag geschonken worden, per tafel"},
}
FORMATS = {"wines": BELGIAN_EXCEL}

START = pd.Timestamp("2020-07-01")
END = pd.Timestamp("2021-06-30")
TASTING_DAY = pd.Timestamp("2021-09-18")
"""The next tasting day, for which customers can print a personal route."""
SHOPS = ["Gent", "Brugge", "Leuven", "Kortrijk"]
TYPES = ["red", "white", "rosé", "sparkling"]

# where each wine comes from: country, region, grape, and the label a merchant writes after the
# producer (the appellation, with the grape only where such wines are sold by grape)
_ORIGINS = {
    "red": [("France", "Bordeaux", "Merlot", "Bordeaux Supérieur"),
            ("France", "Côtes du Rhône", "Grenache", "Côtes du Rhône"),
            ("France", "Bourgogne", "Pinot Noir", "Bourgogne Pinot Noir"),
            ("Italy", "Toscana", "Sangiovese", "Chianti"),
            ("Italy", "Piemonte", "Nebbiolo", "Langhe Nebbiolo"),
            ("Spain", "Rioja", "Tempranillo", "Rioja Crianza"),
            ("Portugal", "Douro", "Touriga Nacional", "Douro Tinto"),
            ("Argentina", "Mendoza", "Malbec", "Mendoza Malbec"),
            ("Chile", "Colchagua", "Carmenère", "Colchagua Carmenère"),
            ("South Africa", "Stellenbosch", "Pinotage", "Stellenbosch Pinotage")],
    "white": [("France", "Loire", "Sauvignon Blanc", "Touraine Sauvignon"),
              ("France", "Bourgogne", "Chardonnay", "Bourgogne Chardonnay"),
              ("France", "Alsace", "Riesling", "Alsace Riesling"),
              ("Germany", "Mosel", "Riesling", "Mosel Riesling Trocken"),
              ("Spain", "Rías Baixas", "Albariño", "Rías Baixas Albariño"),
              ("Italy", "Veneto", "Pinot Grigio", "Pinot Grigio delle Venezie"),
              ("New Zealand", "Marlborough", "Sauvignon Blanc", "Marlborough Sauvignon Blanc"),
              ("Austria", "Wachau", "Grüner Veltliner", "Wachau Grüner Veltliner")],
    "rosé": [("France", "Provence", "Grenache", "Côtes de Provence Rosé"),
             ("France", "Languedoc", "Cinsault", "Pays d'Oc Rosé"),
             ("Spain", "Navarra", "Garnacha", "Navarra Rosado"),
             ("Italy", "Puglia", "Negroamaro", "Salento Rosato")],
    "sparkling": [("France", "Champagne", "Chardonnay", "Champagne Blanc de Blancs Brut"),
                  ("Spain", "Penedès", "Macabeo", "Cava Brut"),
                  ("Italy", "Veneto", "Glera", "Prosecco Extra Dry"),
                  ("France", "Alsace", "Pinot Blanc", "Crémant d'Alsace Brut"),
                  ("Belgium", "Haspengouw", "Chardonnay", "Haspengouw Brut")],
}
# producers in the style of each country: (the words before the name, names)
_PRODUCERS = {
    "France": (["Domaine", "Clos"], ["des Collines", "Belle-Vue", "La Garrigue", "Les Pierres",
                                     "Le Moulin", "du Lac", "de la Tour", "Saint-Roch"]),
    "Italy": (["Tenuta", "Cantina", "Podere"], ["San Lorenzo", "Il Poggio", "Monte Alto",
                                                "Bellavista", "Santa Lucia"]),
    "Spain": (["Bodegas"], ["del Sol", "Buena Vista", "Las Piedras", "Monte Alto", "La Aurora"]),
    "Portugal": (["Quinta"], ["do Vale", "da Aurora", "da Serra", "dos Loureiros"]),
    "Germany": (["Weingut"], ["Rosenberg", "Sonnenhang", "Hofmann", "Steinmauer"]),
    "Austria": (["Weingut"], ["Rosenberg", "Sonnenhang", "Hofmann", "Steinmauer"]),
    "Argentina": (["Bodega"], ["del Sol", "Los Andes", "La Aurora", "Buena Vista"]),
    "Chile": (["Viña"], ["Santa Lucía", "Los Robles", "Buena Vista", "La Aurora"]),
    "South Africa": ([""], ["Hoogveld Estate", "Bergzicht Estate", "Rietvallei Estate"]),
    "New Zealand": ([""], ["Clearwater Estate", "Tui Ridge", "Stony Creek"]),
    "Belgium": (["Wijndomein"], ["Hoogveld", "Kluisberg", "Bloesemhof"]),
}
_STYLE_OF_REGION = {"Bordeaux": "Château", "Champagne": "Maison"}  # instead of the country's
_ACCENTS = {
    "red": ["fruity", "spicy", "oaky", "full-bodied", "soft tannins", "earthy"],
    "white": ["fresh", "mineral", "citrus", "buttery", "floral", "dry"],
    "rosé": ["fresh", "red fruit", "dry", "floral"],
    "sparkling": ["fine bubbles", "brioche", "citrus", "dry", "fruity"],
}
_FOOD = {
    "red": ["red meat", "game", "stew", "hard cheese", "pasta", "barbecue"],
    "white": ["fish", "seafood", "poultry", "goat cheese", "asparagus", "salad"],
    "rosé": ["salad", "barbecue", "tapas", "fish"],
    "sparkling": ["aperitif", "oysters", "dessert", "sushi"],
}
_TYPE_SPELLING = {"red": ["red", "Red", "Rood", "rood", "ROOD"],
                  "white": ["white", "White", "Wit", "wit", "WIT"],
                  "rosé": ["rosé", "Rosé", "rose", "ROSÉ"],
                  "sparkling": ["sparkling", "Sparkling", "Bubbels", "mousserend"]}

# the wine sheet
N_WINES = 240
_TYPE_MIX = [0.42, 0.3, 0.12, 0.16]  # share of the wines per type, in TYPES order
_TYPICAL_PRICE = {"red": 13.0, "white": 12.0, "rosé": 10.5, "sparkling": 18.0}  # € a bottle
_PRICE_SPREAD = 0.5                  # sd of a wine's log price around its type's
_NON_VINTAGE = 0.6                   # sparkling wines without a vintage
_VINTAGES = (2014, 2021)             # from, to (exclusive)
_NO_FOOD_PAIRING = 0.05              # wines whose food pairing was not filled in
_MIN_PRICE = 5.95

# the customers and what they buy
N_CUSTOMERS = 2000
MIN_CUSTOMERS = 60                   # the smallest sample ``scale`` can give
_APPEAL_SPREAD = 0.4                 # sd of log appeal: some wines simply sell better
_LEVEL_SPREAD = 0.18                 # sd of a customer's log price level around the kind's
_ONLINE = (1.2, 3.0)                 # beta(a, b): a customer's share of webshop visits
_ACCENT_BOOST = 1.5                  # a wine is 1 + 1.5 × (accents shared) times as attractive
_PRICE_FIT = 0.25                    # sd of log(price / level) that a customer still buys
_OPEN_HOURS = (9, 18)
_TASTING_DAY_SHARE = 0.15            # of the visits to a shop: on a tasting day
_EXTRA_LINES = 0.8                   # wines per visit = 1 + poisson(this)
_ANONYMOUS = 0.12                    # extra cash lines without a loyalty card ...
_ANONYMOUS_CHANNELS = [0.6, 0.4]     # ... on tasting days, in the shops
_REGISTERED_DAYS = 2000              # customers registered within this many days before START
_REGISTERED_TWICE = 0.08             # a second customer number on the webshop ...
_SECOND_NUMBER_DAYS = 200            # ... made within this many days after START
_POURED = (48, 6)                    # wines poured at the tasting day, wines per table

# the hidden kinds of customer: share, preferred type (and how strongly), price level (€ per
# bottle, median of the kind), favourite accents, bottles per purchase, purchases per year
KINDS = pd.DataFrame({
    "share": [0.32, 0.24, 0.14, 0.14, 0.16],
    "type": ["red", "white", "sparkling", "red", "rosé"],
    "loyalty": [0.9, 0.88, 0.88, 0.9, 0.86],
    "second": ["white", "rosé", "white", "white", "white"],
    "price": [9.5, 11.0, 19.0, 32.0, 10.5],
    "accents": [("fruity", "soft tannins"), ("fresh", "citrus"), ("fine bubbles", "dry"),
                ("oaky", "full-bodied"), ("fresh", "red fruit")],
    "bottles": [4.0, 3.0, 3.0, 3.0, 3.5],
    "visits": [6.0, 5.0, 3.0, 4.0, 3.5],
}, index=["everyday red", "fresh white", "bubbles", "connoisseur", "summer rosé"])
_FIRST = ["An", "Bart", "Els", "Geert", "Hilde", "Jan", "Karen", "Koen", "Lies", "Marc",
          "Nathalie", "Pieter", "Sofie", "Tom", "Wim", "Ingrid", "Luc", "Marleen", "Dirk", "Eva",
          "Jef", "Griet", "Stijn", "Ann", "Kris", "Veerle", "Bram", "Leen", "Joris", "Katrien"]
_LAST = ["Peeters", "Janssens", "Maes", "Jacobs", "Willems", "Claes", "Goossens", "Wouters",
         "De Smet", "Dubois", "Lambert", "Mertens", "Vermeulen", "Hermans", "Pauwels", "Declercq",
         "Van den Broeck", "De Clercq", "Verstraete", "Desmet", "Coppens", "Vandenberghe"]
_CITIES = [("9000", "Gent"), ("8000", "Brugge"), ("3000", "Leuven"), ("8500", "Kortrijk"),
           ("9050", "Gentbrugge"), ("8200", "Sint-Andries"), ("3010", "Kessel-Lo"),
           ("9800", "Deinze"), ("8790", "Waregem"), ("9300", "Aalst"), ("2000", "Antwerpen")]


def _producer(rng: np.random.Generator, country: str, region: str) -> str:
    """A producer's name in the style of the country (Château for Bordeaux, Maison in Champagne)."""
    words, names = _PRODUCERS[country]
    word = _STYLE_OF_REGION.get(region, words[rng.integers(len(words))])
    return f"{word} {names[rng.integers(len(names))]}".strip()


def _wines(rng: np.random.Generator, n: int) -> pd.DataFrame:
    kinds = rng.choice(TYPES, size=n, p=_TYPE_MIX)
    rows = []
    for i, kind in enumerate(kinds):
        country, region, grape, label = _ORIGINS[kind][rng.integers(len(_ORIGINS[kind]))]
        price = round(float(_TYPICAL_PRICE[kind] * np.exp(rng.normal(0, _PRICE_SPREAD))),
                      1) - 0.05  # a price ends in .x5
        accents = list(rng.choice(_ACCENTS[kind], size=3, replace=False))
        food = list(rng.choice(_FOOD[kind], size=2, replace=False))
        name = f"{_producer(rng, country, region)} {label}"
        vintage = ("" if kind == "sparkling" and rng.random() < _NON_VINTAGE
                   else str(rng.integers(*_VINTAGES)))
        description = (f"A {accents[0]} {grape} from {region} ({country}) with {accents[1]} and "
                       f"{accents[2]} notes. Lovely with {food[0]} or {food[1]}.")
        rows.append({
            "wine_id": f"W{101 + i}", "name": name, "country": country, "region": region,
            "type": rng.choice(_TYPE_SPELLING[kind]), "grape": grape, "vintage": vintage,
            "price_eur": max(_MIN_PRICE, round(price, 2)), "taste_accents": ", ".join(accents),
            "food_pairing": ", ".join(food) if rng.random() > _NO_FOOD_PAIRING else "",
            "description": description, "_type": kind})
    return pd.DataFrame(rows)


def generate(seed: int = DEFAULT_SEED, scale: float = 1.0,
             planted: bool = True) -> dict[str, pd.DataFrame]:
    """Generate the wine merchant's wine sheet, POS customer file and POS sales.

    Parameters
    ----------
    seed : int
        Random seed; the default gives the shipped data.
    scale : float
        Multiplies the number of customers (1.0 = about 2,000).
    planted : bool
        False: every customer picks wines from the clientele's average mix, independent of
        their taste (see the module docstring).

    Returns
    -------
    dict of str to DataFrame
        The tables of :data:`TABLES`.

    Examples
    --------
    >>> sales = generate(seed=3, scale=0.2)["pos_sales"]
    >>> sorted(sales["channel"].unique())
    ['shop', 'tasting day', 'webshop']
    """
    rng = np.random.default_rng(seed)
    wines = _wines(rng, N_WINES)
    wine_type = wines["_type"].to_numpy()
    price = wines["price_eur"].to_numpy()
    accents = wines["taste_accents"].str.split(", ")
    appeal = np.exp(rng.normal(0, _APPEAL_SPREAD, len(wines)))  # some wines simply sell better

    n = max(MIN_CUSTOMERS, int(round(N_CUSTOMERS * scale)))
    kind = rng.choice(len(KINDS), size=n, p=KINDS["share"].to_numpy())
    spec = KINDS.iloc[kind].reset_index(drop=True)
    level = spec["price"].to_numpy() * np.exp(rng.normal(0, _LEVEL_SPREAD, n))
    online = rng.beta(*_ONLINE, n)

    # each customer's chance to pick each wine: type loyalty x accents x price fit x appeal
    type_count = pd.Series(wine_type).map(pd.Series(wine_type).value_counts()).to_numpy()
    liked_type = np.where(wine_type[None, :] == spec["type"].to_numpy()[:, None],
                          spec["loyalty"].to_numpy()[:, None],
                          np.where(wine_type[None, :] == spec["second"].to_numpy()[:, None],
                                   1 - spec["loyalty"].to_numpy()[:, None], 0.0))
    liked_accent = np.array([[1.0 + _ACCENT_BOOST * len(set(a) & set(k)) for a in accents]
                             for k in KINDS["accents"]])[kind]
    fit = np.exp(-0.5 * (np.log(price[None, :] / level[:, None]) / _PRICE_FIT) ** 2)
    prob = liked_type / type_count * liked_accent * fit * appeal
    prob = prob / prob.sum(axis=1, keepdims=True)
    if not planted:  # everyone picks from the clientele's average mix
        prob = np.broadcast_to(prob.mean(axis=0), prob.shape)
    cum = np.cumsum(prob, axis=1)

    visits = 1 + rng.poisson(spec["visits"].to_numpy() - 1)
    visit_customer = np.repeat(np.arange(n), visits)
    v = len(visit_customer)
    days = (END - START).days
    opens, closes = _OPEN_HOURS
    visit_time = START + pd.to_timedelta(rng.integers(0, days, v), unit="D") + pd.to_timedelta(
        rng.integers(opens * 60, closes * 60, v), unit="min")
    channel = np.where(rng.random(v) < online[visit_customer], "webshop",
                       np.where(rng.random(v) < _TASTING_DAY_SHARE, "tasting day", "shop"))
    lines = 1 + rng.poisson(_EXTRA_LINES, v)
    line_visit = np.repeat(np.arange(v), lines)
    line_customer = visit_customer[line_visit]
    draw = rng.random(len(line_visit))
    wine = np.minimum((cum[line_customer] < draw[:, None]).sum(axis=1), len(wines) - 1)
    sales = pd.DataFrame({
        "visit": line_visit, "customer": line_customer, "channel": channel[line_visit],
        "time": visit_time[line_visit], "wine": wine,
        "quantity": 1 + rng.poisson(spec["bottles"].to_numpy()[line_customer] - 1)})
    sales = sales.drop_duplicates(["visit", "wine"]).drop(columns="visit")

    # anonymous cash sales on tasting days (no loyalty card) and in the shops
    anonymous = int(len(sales) * _ANONYMOUS)
    cash = pd.DataFrame({
        "customer": -1,
        "channel": rng.choice(["tasting day", "shop"], size=anonymous, p=_ANONYMOUS_CHANNELS),
        "time": START + pd.to_timedelta(rng.integers(0, days, anonymous), unit="D")
        + pd.to_timedelta(rng.integers(opens * 60, closes * 60, anonymous), unit="min"),
        "wine": rng.choice(len(wines), size=anonymous, p=appeal / appeal.sum()),
        "quantity": 1 + rng.poisson(1.0, anonymous)})
    sales = pd.concat([sales, cash]).sort_values("time", kind="stable").reset_index(drop=True)
    receipt = sales.groupby(["customer", "channel", "time"], sort=False).ngroup()
    order = pd.Series(pd.factorize(receipt)[0] + 100001)  # numbered in time order

    ids = np.array([f"K{20001 + i}" for i in range(n)])
    first = rng.choice(_FIRST, n)
    last = rng.choice(_LAST, n)
    city = [_CITIES[i] for i in rng.integers(len(_CITIES), size=n)]
    email = [f"{f}.{la}".lower().replace(" ", "") + f"{i % 97}@example.be"
             for i, (f, la) in enumerate(zip(first, last, strict=True))]
    registered = START - pd.to_timedelta(rng.integers(0, _REGISTERED_DAYS, n), unit="D")
    customers = pd.DataFrame({
        "customer_id": ids, "first_name": first, "last_name": last, "email": email,
        "postcode": [p for p, _ in city], "city": [t for _, t in city],
        "registered_on": registered.strftime("%d/%m/%Y"),
        "registered_via": np.where(online > 0.5, "webshop", rng.choice(SHOPS, n)),
    })
    # a second customer number for some customers: registered again on the webshop
    twice = np.flatnonzero(rng.random(n) < _REGISTERED_TWICE)
    dupes = customers.iloc[twice].copy()
    dupes["customer_id"] = [f"K{20001 + n + i}" for i in range(len(twice))]
    dupes["email"] = [e.upper() if i % 2 else f" {e.capitalize()}"
                      for i, e in enumerate(dupes["email"])]
    dupes["registered_via"] = "webshop"
    dupes["registered_on"] = (START + pd.to_timedelta(
        rng.integers(0, _SECOND_NUMBER_DAYS, len(twice)), unit="D")).strftime("%d/%m/%Y")
    customers = pd.concat([customers, dupes], ignore_index=True)
    # the second number is used for their webshop orders
    number = pd.Series(ids).reindex(sales["customer"]).to_numpy()
    second = pd.Series(dupes["customer_id"].to_numpy(), index=twice)
    web = (sales["channel"] == "webshop").to_numpy() & sales["customer"].isin(twice).to_numpy()
    number[web] = second.reindex(sales.loc[web, "customer"]).to_numpy()
    location = np.where(sales["channel"] == "webshop", "webshop",
                        rng.choice(SHOPS, size=len(sales)))
    pos_sales = pd.DataFrame({
        "receipt_no": order.map(lambda r: f"T{r}"),
        "sold_at": sales["time"].dt.strftime("%d/%m/%Y %H:%M"),
        "channel": sales["channel"], "location": location,
        "customer_id": number, "wine_id": wines["wine_id"].to_numpy()[sales["wine"]],
        "quantity": sales["quantity"], "unit_price": price[sales["wine"]],
    })
    pos_sales["line_amount"] = (pos_sales["quantity"] * pos_sales["unit_price"]).round(2)

    n_poured, per_table = _POURED
    poured = rng.choice(len(wines), size=n_poured, replace=False, p=appeal / appeal.sum())
    tasting_order = ["sparkling", "white", "rosé", "red"]  # how a tasting goes
    poured = poured[np.argsort(pd.Categorical(wine_type[poured], tasting_order).codes,
                               kind="stable")]
    tasting = pd.DataFrame({"tasting_day": TASTING_DAY.strftime("%d/%m/%Y"),
                            "location": "Gent", "table_no": np.arange(len(poured)) // per_table + 1,
                            "wine_id": wines["wine_id"].to_numpy()[poured]})
    return {"wines": wines.drop(columns="_type"), "customers": customers,
            "pos_sales": pos_sales, "tasting_day_wines": tasting}
