"""Earnieland: a cashback platform's MySQL tables — shops, members, purchases (e-book p. 71).

Earnieland is a digital loyalty card for about 500 affiliated webshops: a member who shops
through Earnieland gets part of the commission the webshop pays (cashback). Since 2004 the
platform stores every purchase with the shop, the amount, the time and both commissions: the
member's share and Earnieland's. The case reactivates valuable members who stopped buying
(RFM segments At Risk and Can't Lose) with cashback promotions at shops that fit them.

Hidden behaviour (what the case's methods should find):

- **Activity.** Members join at a growing pace since 2004, buy at their own rate (log-normal)
  and on their own rhythm (the k-th of n purchases falls in the k-th of n equal stretches of
  their active time), and stay active for a while (exponential, far longer for frequent
  buyers: :data:`_ACTIVE_YEARS`), then fall silent. So most lapsed members bought little, and
  very active members seldom lapse: among the members who bought in the last three years, At
  Risk is a sizeable group, Can't Lose a small one.
- **Taste.** Shops sit in categories (electronics and marketplaces, travel, fashion, …), and
  inside a category on a hidden "style map"; a member shops in one to a few categories, near
  their own spot on each map, favouring popular shops. Shops close on the map share buyers, so
  item-based collaborative filtering finds them as similar without knowing the map. On the
  map, AliExpress, Bol.com, Coolblue and MediaMarkt sit around one another, Hotels.com next
  to Booking.com and Expedia, Zeb next to Torfs and JBC.

What ``planted=False`` removes: the taste. Members keep their activity (when they join, how
often and how long they buy), but each purchase's shop is drawn from the whole platform's
shopping: a category in its overall share, then a shop by popularity alone, independent of the
member's earlier shops. Shops are then "similar" only by chance and popularity.

Planted flaws: purchases the shop declined (cancelled or returned orders) stay in the table
with ``status = declined`` and must not count; pending purchases do count; a share of members
never bought anything; only members with ``newsletter_opt_in = 1`` may be e-mailed.

Examples
--------
>>> tables = generate(seed=1, scale=0.1)
>>> sorted(tables)
['promotions', 'purchases', 'shops', 'users']

Used in: notebooks/cases/16_earnieland_reactivation.ipynb, benchmarks/recommend.py
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from aimkit.datasets import DEFAULT_SEED, Case, Transactions

CASE = Case(
    company="Earnieland", title="cashback reactivation",
    notebook="cases/16_earnieland_reactivation.ipynb", ebook_page=71, minutes=40,
    transactions=Transactions("purchases", {"user_id": "customer_id", "purchase_id": "order_id",
                                            "purchased_at": "order_date"}))

TABLES = {
    "shops": {
        "en": "affiliated webshops: name, category, cashback rate",
        "nl": "aangesloten webshops: naam, categorie, cashbackpercentage"},
    "users": {
        "en": "members: registration, gender, birth year, language, newsletter opt-in",
        "nl": "leden: registratie, geslacht, geboortejaar, taal, opt-in voor de nieuwsbrief"},
    "purchases": {
        "en": "purchases through Earnieland since 2004: shop, amount, time, both commissions",
        "nl": "aankopen via Earnieland sinds 2004: webshop, bedrag, tijdstip, beide commissies"},
    "promotions": {
        "en": "cashback promotions running at the export date",
        "nl": "cashbackpromoties die lopen op de exportdatum"},
}

FOUNDED = pd.Timestamp("2004-03-01")
EXPORT_DATE = pd.Timestamp("2021-06-30")
USERS = 5000
"""Members at ``scale=1`` (the shipped data); the benchmark uses 40× that."""

# category: (share of shopping, typical amount €, commission rate, real shops, name parts)
_CATEGORIES = {
    "Electronics & marketplaces": (0.20, 90.0, 0.03, [
        "Bol.com", "Coolblue", "AliExpress", "MediaMarkt", "Krëfel", "Vanden Borre", "Fnac",
        "Amazon.de", "Alternate", "Megekko", "Gsm-shop", "Ubaldi", "Wish", "Lenovo", "Dell",
        "HP Store", "Samsung", "Apple"], ("Tech", "Gadget", "Digi", "Byte", "Pixel"),
     ("World", "Store", "Planet", "Point", "Shop")),
    "Travel": (0.11, 420.0, 0.05, [
        "Booking.com", "Hotels.com", "Expedia", "TUI", "Sunweb", "Airbnb", "Center Parcs",
        "Landal", "Sunparks", "Corendon", "Brussels Airlines", "Eurostar", "Ryanair",
        "Transavia", "Europcar", "Sixt", "Neckermann", "Club Med"],
     ("Sun", "Holiday", "Trip", "Travel", "Beach"), ("Deals", "Planet", "Break", "Go", "Stay")),
    "Fashion & shoes": (0.18, 65.0, 0.07, [
        "Zeb", "Torfs", "JBC", "Zalando", "H&M", "C&A", "ASOS", "About You", "Shoe Discount",
        "Bristol", "Mango", "Esprit", "WE Fashion", "Only", "Jack & Jones", "Vero Moda",
        "Scapino", "Omoda"], ("Mode", "Style", "Look", "Trend", "Chic"),
     ("hoek", "huis", "kast", "plein", "corner")),
    "Home & garden": (0.11, 110.0, 0.05, [
        "IKEA", "Brico", "Gamma", "Hubo", "Leen Bakker", "Kwantum", "Maisons du Monde",
        "Casa", "Blokker", "Home24", "Vidaxl", "Overstock Garden"],
     ("Home", "Wonen", "Tuin", "Deco", "Living"), ("Center", "Shop", "Depot", "Market", "Mart")),
    "Toys & baby": (0.06, 45.0, 0.06, [
        "Dreamland", "Fun", "Bart Smit", "Intertoys", "Baby-Dump", "Prénatal", "Lego"],
     ("Kids", "Toy", "Baby", "Speel", "Mini"), ("land", "world", "wereld", "box", "shop")),
    "Beauty & health": (0.08, 40.0, 0.08, [
        "Ici Paris XL", "Di", "Kruidvat", "Yves Rocher", "Douglas", "Rituals", "Farmaline",
        "Newpharma", "Lookfantastic"], ("Beauty", "Care", "Glow", "Pure", "Skin"),
     ("shop", "store", "lab", "corner", "box")),
    "Books & media": (0.05, 30.0, 0.06, [
        "Standaard Boekhandel", "Club", "Proxis", "Audible", "Spotify", "Netflix", "Storytel"],
     ("Boek", "Read", "Media", "Page", "Story"), ("huis", "shop", "hoek", "plaza", "box")),
    "Food & drinks": (0.09, 55.0, 0.03, [
        "Delhaize", "Collect&Go", "HelloFresh", "Albert Heijn", "Carrefour", "Hello Wine",
        "Vinoo", "Bongo"], ("Food", "Taste", "Wijn", "Fresh", "Chef"),
     ("box", "market", "shop", "club", "corner")),
    "Sports & outdoor": (0.06, 75.0, 0.05, [
        "Decathlon", "Intersport", "A.S.Adventure", "JD Sports", "Bever", "Runners' Lab",
        "Bike Republic"], ("Sport", "Run", "Fit", "Trail", "Bike"),
     ("shop", "point", "world", "zone", "store")),
    "Telecom & energy": (0.03, 180.0, 0.04, [
        "Proximus", "Telenet", "Orange", "Mobile Vikings", "Engie", "Luminus", "Mega"],
     ("Tele", "Energy", "Mobile", "Power", "Net"), ("direct", "plus", "one", "go", "shop")),
    "Insurance & finance": (0.03, 250.0, 0.04, [
        "Ethias", "AXA", "DVV", "Keytrade", "Hello bank!"],
     ("Safe", "Assur", "Fin", "Secure", "Trust"), ("direct", "plan", "online", "plus", "one")),
}
SHOPS_TOTAL = 500
_MIN_SHOPS = 10  # shops in the smallest category

# spots on a category's style map for the shops whose neighbours the e-book names
_PLANTED = {
    "AliExpress": (-0.65, 0.0), "Coolblue": (0.65, 0.0), "Bol.com": (0.0, 0.65),
    "MediaMarkt": (0.0, -0.65), "Hotels.com": (0.0, 0.0), "Booking.com": (0.75, 0.35),
    "Expedia": (-0.2, -0.75), "Zeb": (0.0, 0.0), "Torfs": (0.7, 0.3), "JBC": (-0.35, 0.65),
}
_SPREAD = 0.45  # how far from their spot members shop on a map
_ANCHOR_SPREAD = 0.35  # how far a member's spot lies from the shop it is anchored on
_CATEGORY_FOCUS = 0.35  # Dirichlet concentration of a member's categories: small = few
_POPULARITY_DECAY = 1.1  # a category's k-th shop is 1 / k ** 1.1 as popular as its first
_POPULARITY_NOISE = 0.2  # sd of log popularity around that
_OFF_CENTRE = (2.0, 1.2)  # the other shops lie this far from a map's centre, plus up to this
_COMMISSION_SPREAD = 0.3  # sd of a shop's log commission rate around its category's
_JOIN_PACE = 0.7  # members join at time span × uniform ** 0.7: a growing pace
_RATE_SPREAD = 0.9  # sd of a member's log purchases per year
_ACTIVE_YEARS = (0.9, 0.2, 6.0)  # mean years active = a + b × rate ** c (exponential):
# a member buying 3 times a year stays ~150 years on average, once a year ~1 year
_NEVER_BOUGHT = 0.12  # members who never bought anything
_GROWTH = 3.0  # purchases up to time x of the platform's life grow as x ** 3 (intensity x ** 2)
_AMOUNT_NOISE = (-0.2, 0.6)  # normal(mean, sd) of log amount around the category's typical one
_USER_SHARE = 0.6  # the member's share of the commission (the cashback)
_DECLINED = 0.06  # purchases the shop declined (cancelled or returned)
_PENDING_DAYS = 60  # purchases of the last 60 days are still pending
_CHUNK = 20_000  # members per block when weighing shops (memory at 200,000 members)
_CASHBACK_PCT = 100 * _USER_SHARE  # the cashback % a shop shows per unit of commission rate

# the members' profile fields and the promotions running at the export date
MIN_USERS = 100                    # the smallest sample ``scale`` can give
_AFFILIATED_DAYS = 4000            # shops joined within this many days after the founding
_GENDERS = (["F", "M", "X"], [0.55, 0.44, 0.01])
_BIRTH_YEARS = (1945, 2003)
_LANGUAGES = (["nl", "fr"], [0.7, 0.3])
_OPT_IN = 0.72                     # members who may be e-mailed
_PROMOTED = (25, 0.8)              # each category's top 25 shops; 80 % of them run a promotion
_BOOSTS = [1.5, 2.0, 2.5, 3.0]     # cashback multiplied by this during a promotion
_PROMOTION_DAYS = ((1, 20), (5, 40))  # started this many days before, ends this many after


def _shops(rng: np.random.Generator) -> pd.DataFrame:
    """The ~500 shops: names, category, hidden popularity and spot on the style map."""
    shares = np.array([spec[0] for spec in _CATEGORIES.values()])
    counts = np.maximum(np.round(shares / shares.sum() * SHOPS_TOTAL), _MIN_SHOPS).astype(int)
    counts[0] += SHOPS_TOTAL - counts.sum()
    rows = []
    for (category, (_, _, rate, real, first, second)), count in zip(
            _CATEGORIES.items(), counts, strict=True):
        names = list(real)
        made = [f"{a}{b}" for a in first for b in second]
        rng.shuffle(made)
        extra = [f"{name} {suffix}".strip() for suffix in ("", "BE", "NL", "Outlet", "Direct")
                 for name in made]
        names += [n for n in extra if n not in names][:count - len(real)]
        # real brands are the big ones: popularity falls along the list, with some noise
        popularity = (1.0 / (1 + np.arange(count)) ** _POPULARITY_DECAY
                      * np.exp(rng.normal(0, _POPULARITY_NOISE, count)))
        angle = rng.uniform(0, 2 * np.pi, count)
        radius = _OFF_CENTRE[0] + rng.uniform(0, _OFF_CENTRE[1], count)  # off the centre
        spots = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
        for i, name in enumerate(names):
            if name in _PLANTED:
                spots[i] = _PLANTED[name]
        rows.append(pd.DataFrame({
            "shop_name": names, "category": category, "popularity": popularity,
            "x": spots[:, 0], "y": spots[:, 1],
            "commission_rate": np.round(rate * np.exp(rng.normal(0, _COMMISSION_SPREAD, count)),
                                        3)}))
    shops = pd.concat(rows, ignore_index=True)
    shops.insert(0, "shop_id", np.arange(1001, 1001 + len(shops)))
    return shops


def simulate(seed: int = DEFAULT_SEED, users: int = USERS,
             planted: bool = True) -> dict[str, pd.DataFrame]:
    """The hidden world behind the tables, in numbers (no text formatting).

    Used by :func:`generate` and by ``benchmarks/recommend.py``, which needs 200,000
    members and two million purchases in memory without writing them as text first.

    Parameters
    ----------
    seed : int
        Random seed.
    users : int
        Number of members.
    planted : bool
        False: shops drawn independently of the member's earlier shops (see the module
        docstring).

    Returns
    -------
    dict of str to DataFrame
        ``shops`` (with hidden popularity and map spot), ``users`` (with registration time) and
        ``purchases`` (``user_id``, ``shop_id``, ``purchased_at`` as datetime, ``amount``,
        commissions and ``status``), purchases in time order.

    Examples
    --------
    >>> world = simulate(seed=1, users=500)
    >>> world["purchases"]["purchased_at"].dtype.kind
    'M'
    """
    rng = np.random.default_rng(seed)
    shops = _shops(np.random.default_rng(seed))
    cats = list(_CATEGORIES)
    shop_cat = pd.Index(cats).get_indexer(shops["category"])

    # members: join at a growing pace, buy at their own rate, stay active for a while
    span = (EXPORT_DATE - FOUNDED).days
    day = np.timedelta64(86400, "s")
    joined = (np.datetime64(FOUNDED, "s")
              + (span * rng.uniform(0, 1, users) ** _JOIN_PACE * 86400).astype("timedelta64[s]"))
    rate = np.exp(rng.normal(0.0, _RATE_SPREAD, users))  # purchases per year while active
    base, per_rate, power = _ACTIVE_YEARS
    active_years = rng.exponential(base + per_rate * rate ** power)
    never = rng.random(users) < _NEVER_BOUGHT
    until = np.minimum(joined + (active_years * 365.25 * 86400).astype("timedelta64[s]"),
                       np.datetime64(EXPORT_DATE, "s"))
    # online shopping grew: the platform's purchase intensity rises as x^2 over its life
    # (x = share of the time since founding), so early members bought less than members now
    start_x = (joined - np.datetime64(FOUNDED, "s")) / day / span
    end_x = np.maximum((until - np.datetime64(FOUNDED, "s")) / day / span, start_x)
    span_years = span / 365.25
    n = np.where(never, 0, 1 + rng.poisson(rate * span_years
                                           * (end_x ** _GROWTH - start_x ** _GROWTH)))

    # what they buy: a few categories each, then shops near their spot on each map
    shares = np.array([spec[0] for spec in _CATEGORIES.values()])
    if planted:
        taste = rng.dirichlet(np.full(len(cats), _CATEGORY_FOCUS), size=users) * shares
        taste /= taste.sum(axis=1, keepdims=True)
    else:  # every member shops like the platform as a whole
        taste = np.tile(shares / shares.sum(), (users, 1))
    per_cat = rng.multinomial(n, taste)
    user_list, shop_list = [], []
    for c in range(len(cats)):
        members = np.flatnonzero(per_cat[:, c])
        in_cat = np.flatnonzero(shop_cat == c)
        pop = shops["popularity"].to_numpy()[in_cat]
        spots = shops[["x", "y"]].to_numpy()[in_cat]
        anchor = in_cat[np.searchsorted(np.cumsum(pop) / pop.sum(), rng.random(len(members)))]
        centre = shops[["x", "y"]].to_numpy()[anchor] + rng.normal(0, _ANCHOR_SPREAD,
                                                                    (len(members), 2))
        for start in range(0, len(members), _CHUNK):
            part = slice(start, start + _CHUNK)
            d2 = ((centre[part, None, :] - spots[None, :, :]) ** 2).sum(axis=2)
            near = np.exp(-d2 / (2 * _SPREAD ** 2)) if planted else 1.0  # no map: popularity
            weight = pop[None, :] * near
            counts = rng.multinomial(per_cat[members[part], c], weight / weight.sum(axis=1,
                                                                                 keepdims=True))
            rows, cols = np.nonzero(counts)
            times = counts[rows, cols]
            user_list.append(np.repeat(members[part][rows], times))
            shop_list.append(np.repeat(in_cat[cols], times))
    who = np.concatenate(user_list)
    shop = np.concatenate(shop_list)
    # a member shops on a rhythm: their k-th of n purchases falls in the k-th of n equal
    # stretches of their active time (along the intensity), at a random point inside it
    shuffled = np.lexsort((rng.random(len(who)), who))  # grouped by member, shops shuffled
    first = np.searchsorted(who[shuffled], who[shuffled])
    turn = np.empty(len(who))
    turn[shuffled] = np.arange(len(who)) - first
    low, high = start_x[who] ** _GROWTH, end_x[who] ** _GROWTH  # times along the intensity
    stretch = (turn + rng.uniform(0, 1, len(who))) / n[who]
    x = (low + (high - low) * stretch) ** (1 / _GROWTH)
    when = np.datetime64(FOUNDED, "s") + (x * span * 86400).astype("timedelta64[s]")
    typical = np.array([spec[1] for spec in _CATEGORIES.values()])[shop_cat[shop]]
    amount = np.round(typical * np.exp(rng.normal(*_AMOUNT_NOISE, len(who))), 2)
    commission = amount * shops["commission_rate"].to_numpy()[shop]
    user_part = np.round(commission * _USER_SHARE, 2)
    status = np.where(rng.random(len(who)) < _DECLINED, "declined",
                      np.where(when > np.datetime64(EXPORT_DATE
                                                    - pd.Timedelta(days=_PENDING_DAYS)),
                               "pending", "approved"))
    order = np.argsort(when, kind="stable")
    ids = rng.choice(np.arange(1000, 330000), size=users, replace=False)
    purchases = pd.DataFrame({
        "purchase_id": np.arange(5_000_001, 5_000_001 + len(who)),
        "user_id": ids[who[order]], "shop_id": shops["shop_id"].to_numpy()[shop[order]],
        "purchased_at": when[order], "amount": amount[order],
        "user_commission": user_part[order],
        "earnieland_commission": np.round(commission[order] - user_part[order], 2),
        "status": status[order]})
    members = pd.DataFrame({"user_id": ids, "registered_at": pd.to_datetime(joined)})
    return {"shops": shops, "users": members, "purchases": purchases}


def generate(seed: int = DEFAULT_SEED, scale: float = 1.0,
             planted: bool = True) -> dict[str, pd.DataFrame]:
    """Generate Earnieland's shops, members, purchases and running promotions.

    Parameters
    ----------
    seed : int
        Random seed; the default gives the shipped data.
    scale : float
        Multiplies the number of members (1.0 = 5,000; 40 = the benchmark's 200,000).
    planted : bool
        False: each purchase's shop drawn independently of the member's earlier shops (see
        the module docstring).

    Returns
    -------
    dict of str to DataFrame
        The tables of :data:`TABLES`, dates as MySQL writes them (yyyy-mm-dd HH:MM:SS).

    Examples
    --------
    >>> tables = generate(seed=2, scale=0.1)
    >>> tables["shops"]["shop_name"].is_unique
    True
    """
    world = simulate(seed, max(MIN_USERS, int(round(USERS * scale))), planted)
    rng = np.random.default_rng(seed + 1)
    shops, members, purchases = world["shops"], world["users"], world["purchases"]
    shop_table = pd.DataFrame({
        "shop_id": shops["shop_id"], "shop_name": shops["shop_name"],
        "category": shops["category"],
        "cashback_pct": np.round(shops["commission_rate"] * _CASHBACK_PCT, 1),
        "affiliated_since": (FOUNDED + pd.to_timedelta(
            rng.integers(0, _AFFILIATED_DAYS, len(shops)), unit="D")).strftime("%Y-%m-%d")})
    n = len(members)
    users = pd.DataFrame({
        "user_id": members["user_id"],
        "registered_at": members["registered_at"].dt.strftime("%Y-%m-%d %H:%M:%S"),
        "gender": rng.choice(_GENDERS[0], size=n, p=_GENDERS[1]),
        "birth_year": rng.integers(*_BIRTH_YEARS, n),
        "language": rng.choice(_LANGUAGES[0], size=n, p=_LANGUAGES[1]),
        "newsletter_opt_in": (rng.random(n) < _OPT_IN).astype(int),
    }).sort_values("user_id", kind="stable").reset_index(drop=True)
    purchases = purchases.assign(
        purchased_at=purchases["purchased_at"].dt.strftime("%Y-%m-%d %H:%M:%S"))
    top, share = _PROMOTED
    running = shops.sort_values("popularity", ascending=False).groupby("category").head(top)
    running = running.sample(frac=share, random_state=seed).sort_values("shop_id")
    boost = rng.choice(_BOOSTS, size=len(running))
    started, ends = _PROMOTION_DAYS
    promotions = pd.DataFrame({
        "shop_id": running["shop_id"].to_numpy(),
        "title": [f"{b:g}× cashback at {name}" for b, name in
                  zip(boost, running["shop_name"], strict=True)],
        "cashback_pct": np.round(running["commission_rate"].to_numpy() * _CASHBACK_PCT * boost,
                                 1),
        "valid_from": (EXPORT_DATE - pd.to_timedelta(rng.integers(*started, len(running)),
                                                     unit="D")).strftime("%Y-%m-%d"),
        "valid_until": (EXPORT_DATE + pd.to_timedelta(rng.integers(*ends, len(running)),
                                                      unit="D")).strftime("%Y-%m-%d")})
    return {"shops": shop_table, "users": users, "purchases": purchases,
            "promotions": promotions}
