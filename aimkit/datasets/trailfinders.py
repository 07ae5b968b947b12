"""TrailFinders: a horse-riding tour operator's booking-system export (e-book p. 43).

TrailFinders has sold riding holidays and pony camps for over thirty years, mostly to Belgian
and Dutch customers. Every booking is registered by hand in *TravelNote*, a booking system
(CRM + ERP) hosted by an external partner, exported Belgian-Excel style (``;``, decimal
commas, cp1252, dd/mm/yyyy). The website lists the trips on offer (a clean catalogue).

Hidden behaviour (what the case's model should find): four kinds of customer book with their
own rhythm. Most book once, some a second time years later; occasional riders come back
every one and a half to three years; a small loyal group of adult riders books almost every
year, about ten months after the previous booking; pony-camp families book camps for their
children two to three times a year until the children are about fifteen. Who is who shows in
the bookings: the days between them, the participants' age, the party size and the price per
participant. Rhythms vary, families stop, loyal riders skip a year, so the time to the next
booking is predictable for most bookings but not all.

What ``planted=False`` removes: the rhythms. The customers, parties and trips stay, but each
gap to the next booking (or the decision to stop) is drawn from the same mix of all the
kinds' gaps, in the shares the planted bookings have, whoever the customer is; pony-camp
families no longer stop when the children outgrow the camps. The time to the next booking is
then independent of the features, and the rebooking model can only find the majority class.

Planted flaws, as the e-book describes them:

- duplicate customer records: a customer re-entered at a later booking gets a new number, with
  the name in other capitals, the phone written differently and sometimes no e-mail; only the
  combination of name, address and phone identifies the person (many different customers
  share a first and last name);
- the destination is free text (Dutch or English, with or without country, sometimes unusable);
- the trip type is filled in inconsistently (Dutch and English synonyms) or left empty;
- some birth dates are missing (optional field).

Examples
--------
>>> tables = generate(seed=1, scale=0.2)
>>> list(tables)
['customers', 'bookings', 'participants', 'website_trips']

Used in: notebooks/cases/11_trailfinders_rebooking.ipynb
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from aimkit.datasets import BELGIAN_EXCEL, DEFAULT_SEED, Case, Transactions

CASE = Case(
    company="TrailFinders", title="time to the next booking",
    notebook="cases/11_trailfinders_rebooking.ipynb", ebook_page=43, minutes=45,
    transactions=Transactions("bookings", {"booking_id": "order_id", "booking_date": "order_date",
                                           "total_price": "amount"}))

TABLES = {
    "customers": {
        "en": "TravelNote customer records (with duplicates)",
        "nl": "klantrecords uit TravelNote (met dubbels)"},
    "bookings": {
        "en": "TravelNote bookings: dates, total price, free-text destination and trip type",
        "nl": "boekingen uit TravelNote: data, totaalprijs, bestemming en reistype als vrije "
              "tekst"},
    "participants": {
        "en": "TravelNote participants per booking with their birth dates",
        "nl": "deelnemers per boeking uit TravelNote, met hun geboortedatum"},
    "website_trips": {
        "en": "the trip catalogue on the website (clean, bilingual)",
        "nl": "de reiscatalogus op de website (proper, tweetalig)"},
}
FORMATS = {"customers": BELGIAN_EXCEL, "bookings": BELGIAN_EXCEL,
           "participants": BELGIAN_EXCEL}

START = pd.Timestamp("2010-01-01")
EXPORT_DATE = pd.Timestamp("2021-09-30")
"""The day TravelNote was exported."""
N_CUSTOMERS = 1150

# code, name, country (en, nl), region (en, nl), trip type, nights, price per person in 2021
_TRIPS = [
    ("TR01", "Andalusian sierra ride", "Spain", "Spanje", "Andalusia", "Andalusië",
     "trail ride", 7, 1450),
    ("TR02", "Catalan coast ride", "Spain", "Spanje", "Catalonia", "Catalonië",
     "trail ride", 6, 1290),
    ("TR03", "Alentejo cork-oak trail", "Portugal", "Portugal", "Alentejo", "Alentejo",
     "trail ride", 7, 1390),
    ("TR04", "Connemara beach ride", "Ireland", "Ierland", "Connemara", "Connemara",
     "trail ride", 6, 1350),
    ("TR05", "Icelandic highland trek", "Iceland", "IJsland", "Highlands", "Hooglanden",
     "trail ride", 8, 2150),
    ("TR06", "Provence lavender trail", "France", "Frankrijk", "Provence", "Provence",
     "trail ride", 6, 1190),
    ("TR07", "Tuscan vineyard ride", "Italy", "Italië", "Tuscany", "Toscane",
     "trail ride", 7, 1490),
    ("TR08", "Atlas mountain trail", "Morocco", "Marokko", "Atlas", "Atlasgebergte",
     "trail ride", 7, 1250),
    ("RA01", "Camargue gardian ranch", "France", "Frankrijk", "Camargue", "Camargue",
     "ranch", 6, 1090),
    ("RA02", "Wyoming cattle ranch", "USA", "VS", "Wyoming", "Wyoming", "ranch", 7, 2650),
    ("RA03", "Montana dude ranch", "USA", "VS", "Montana", "Montana", "ranch", 7, 2490),
    ("RA04", "Patagonian estancia", "Argentina", "Argentinië", "Patagonia", "Patagonië",
     "ranch", 9, 2890),
    ("SA01", "Masai Mara riding safari", "Kenya", "Kenia", "Masai Mara", "Masai Mara",
     "safari", 8, 3450),
    ("SA02", "Okavango delta safari", "Botswana", "Botswana", "Okavango", "Okavangodelta",
     "safari", 8, 3890),
    ("SA03", "Waterberg wildlife ride", "South Africa", "Zuid-Afrika", "Waterberg", "Waterberg",
     "safari", 7, 2950),
    ("PC01", "Ardennes pony camp", "Belgium", "België", "Ardennes", "Ardennen",
     "pony camp", 5, 420),
    ("PC02", "Veluwe pony camp", "Netherlands", "Nederland", "Veluwe", "Veluwe",
     "pony camp", 5, 450),
    ("PC03", "Normandy pony camp", "France", "Frankrijk", "Normandy", "Normandië",
     "pony camp", 6, 520),
    ("PC04", "Eifel pony camp", "Germany", "Duitsland", "Eifel", "Eifel", "pony camp", 5, 470),
    ("RC01", "Drenthe riding centre", "Netherlands", "Nederland", "Drenthe", "Drenthe",
     "riding centre", 5, 640),
    ("RC02", "Loire valley riding centre", "France", "Frankrijk", "Loire valley", "Loirevallei",
     "riding centre", 6, 890),
    ("RC03", "Exmoor riding centre", "England", "Engeland", "Exmoor", "Exmoor",
     "riding centre", 6, 990),
]
_TRIP_COLUMNS = ["trip_code", "trip_name", "country", "country_nl", "region", "region_nl",
                 "trip_type", "nights", "price_per_person"]

# How the staff write each trip type in the free-text field.
_TYPE_WORDS = {
    "trail ride": ["Trektocht", "trektocht", "Trail ride", "TREK", "trail", "tocht"],
    "ranch": ["Ranch", "ranchvakantie", "Western ranch", "ranch"],
    "safari": ["Safari", "paardensafari", "horse safari"],
    "pony camp": ["Ponykamp", "pony kamp", "Pony camp", "jeugdkamp", "PONYKAMP"],
    "riding centre": ["Centrumvakantie", "ruitercentrum", "lessen", "Riding centre"],
}

# Hidden kinds: share of customers, owner's age range, trips they choose, days between
# bookings (mean, sd) and how likely they stop after each booking.
KINDS = {
    "one-off": dict(share=0.60, age=(24, 70), trips=("trail ride", "ranch", "riding centre",
                                                     "safari")),
    "occasional": dict(share=0.15, age=(30, 66), trips=("trail ride", "ranch", "riding centre")),
    "loyal": dict(share=0.13, age=(44, 66), trips=("trail ride", "ranch", "safari")),
    "pony family": dict(share=0.12, age=(33, 47), trips=("pony camp", "pony camp",
                                                         "riding centre")),
}

_FIRST = ["Jan", "Marie", "Sofie", "Tom", "Els", "Pieter", "Lotte", "Koen", "An", "Bart",
          "Hilde", "Wim", "Sarah", "Dirk", "Emma", "Lieve", "Joris", "Nathalie", "Peter", "Katrien",
          "Anke", "Sanne", "Ruud", "Femke", "Mark", "Inge", "Geert", "Eva", "Luc", "Isabelle"]
_LAST = ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
         "Wouters", "De Smet", "Dubois", "Vermeulen", "De Vries", "Bakker", "Visser", "Smit",
         "Meijer", "De Boer", "Mulder", "Van Dijk", "Lambrechts", "Hermans", "Verhoeven",
         "Van den Broeck", "Coppens"]
_KIDS = ["Lena", "Noor", "Fien", "Mila", "Lou", "Julie", "Roos", "Elise", "Luca", "Finn",
         "Lars", "Ella", "Nina", "Jade", "Hanne"]
_STREETS = ["Kerkstraat", "Stationsstraat", "Dorpsstraat", "Molenstraat", "Schoolstraat",
            "Nieuwstraat", "Kapelstraat", "Beukenlaan", "Lindelaan", "Hoogstraat"]
_CITIES_BE = [("2000", "Antwerpen"), ("9000", "Gent"), ("3000", "Leuven"), ("8000", "Brugge"),
              ("3500", "Hasselt"), ("2800", "Mechelen"), ("9300", "Aalst"), ("2300", "Turnhout"),
              ("8500", "Kortrijk"), ("1500", "Halle")]
_CITIES_NL = [("3511 AB", "Utrecht"), ("5611 CD", "Eindhoven"), ("4811 EF", "Breda"),
              ("6811 GH", "Arnhem"), ("9711 JK", "Groningen"), ("2011 LM", "Haarlem")]

# Days to the next booking per kind: the chance to book again at all, then the gap. One-off
# and occasional customers come back after uniform(low, high) days; loyal riders after
# normal(mean, sd) days, now and then skipping a year; pony families after normal(mean, sd)
# days, at least ``min`` days.
GAPS = {
    "one-off": dict(again=0.22, low=420, high=2000),
    "occasional": dict(again=0.85, low=430, high=1100),
    "loyal": dict(again=0.94, mean=295, sd=48, skip=0.12),
    "pony family": dict(again=0.88, mean=140, sd=55, min=45),
}
_GAP_MIX = {"one-off": 0.28, "occasional": 0.15, "loyal": 0.27, "pony family": 0.30}
"""Without planted rhythms: whose gap a booking gets (the kinds' shares of planted gaps)."""
_ADULT_AGE = 16                    # children older than this no longer go to pony camps
_BELGIAN_SHARE = 0.7               # the others are Dutch
_NO_BIRTH_DATE = 0.07              # customers whose birth date was not filled in
_LOYAL_FAVOURITE = 0.5             # loyal riders often book their favourite trip again
_LEAD_DAYS = {"pony family": (30, 120), "other": (40, 270)}  # booked this long before leaving
_YEARLY_INFLATION = 1.02
DUPLICATE_SHARE = 0.30  # of customers with a later booking, re-entered as a new record
_EMPTY_TYPE = 0.15
_UNUSABLE_DESTINATION = 0.04


def _date_text(days: np.ndarray | pd.Series) -> list[str]:
    """Days since 1970 (NaN = empty) as TravelNote writes them: dd/mm/yyyy."""
    values = pd.to_datetime(pd.Series(days, dtype="float64"), unit="D")
    return values.dt.strftime("%d/%m/%Y").fillna("").tolist()


def _day(timestamp: pd.Timestamp) -> int:
    return int((timestamp - pd.Timestamp("1970-01-01")).days)


def _gaps(kind: str, rng: np.random.Generator) -> float:
    """Days to the next booking for a customer of this kind, or inf when they stop."""
    gap = GAPS[kind]
    if kind in ("one-off", "occasional"):
        return rng.uniform(gap["low"], gap["high"]) if rng.random() < gap["again"] else np.inf
    if kind == "loyal":
        if rng.random() < 1 - gap["again"]:
            return np.inf
        # almost yearly; now and then a year is skipped
        return rng.normal(gap["mean"], gap["sd"]) + (365 if rng.random() < gap["skip"] else 0)
    if rng.random() < 1 - gap["again"]:  # pony family: a family stops now and then
        return np.inf
    return max(float(gap["min"]), rng.normal(gap["mean"], gap["sd"]))


def _phone(rng: np.random.Generator, country: str) -> str:
    digits = rng.integers(0, 10, 8)
    if country == "BE":
        return "04" + str(rng.integers(70, 100)) + "".join(map(str, digits[:6]))
    return "06" + "".join(map(str, digits))


def _phone_variant(phone: str, country: str) -> str:
    """The same number written differently: +32 470 12 34 56 or 0470/12.34.56."""
    if country == "BE":
        return f"+32 {phone[1:4]} {phone[4:6]} {phone[6:8]} {phone[8:10]}"
    return f"+31 6 {phone[2:6]} {phone[6:10]}"


def generate(seed: int = DEFAULT_SEED, scale: float = 1.0,
             planted: bool = True) -> dict[str, pd.DataFrame]:
    """Generate TravelNote's export and the website catalogue.

    Parameters
    ----------
    seed : int
        Random seed; the default gives the shipped data.
    scale : float
        Multiplies the number of customers (1.0 = 1,150 people, about 3,000 bookings).
    planted : bool
        False: the time to the next booking independent of the customer (see the module
        docstring).

    Returns
    -------
    dict of str to DataFrame
        ``customers``, ``bookings``, ``participants``, ``website_trips``.

    Examples
    --------
    >>> tables = generate(scale=0.1)
    >>> tables["bookings"]["booking_date"].iloc[0].count("/")
    2
    """
    rng = np.random.default_rng(seed)
    trips = pd.DataFrame(_TRIPS, columns=_TRIP_COLUMNS)
    by_type = {t: trips.index[trips["trip_type"] == t].to_numpy() for t in _TYPE_WORDS}
    kinds = list(KINDS)
    gap_kinds, gap_mix = list(_GAP_MIX), list(_GAP_MIX.values())
    n = max(20, round(N_CUSTOMERS * scale))
    start, end = _day(START), _day(EXPORT_DATE)

    customers, bookings, participants = [], [], []
    record_no = 0
    for _ in range(n):
        kind = kinds[rng.choice(len(kinds), p=[KINDS[k]["share"] for k in kinds])]
        spec = KINDS[kind]
        country = "BE" if rng.random() < _BELGIAN_SHARE else "NL"
        postcode, city = (_CITIES_BE if country == "BE" else _CITIES_NL)[
            rng.integers(len(_CITIES_BE if country == "BE" else _CITIES_NL))]
        first, last = _FIRST[rng.integers(len(_FIRST))], _LAST[rng.integers(len(_LAST))]
        address = f"{_STREETS[rng.integers(len(_STREETS))]} {rng.integers(1, 180)}"
        phone = _phone(rng, country)
        email = f"{first}.{last}{rng.integers(1, 99)}@example.{country.lower()}".lower()
        email = email.replace(" ", "")
        first_day = int(rng.integers(start, end - 30))
        age = rng.uniform(*spec["age"])
        birth = first_day - age * 365.25
        # the people who travel: the customer and partner, friends, or (pony) the children
        if kind == "pony family":
            kid_ages = rng.uniform(8, 13, rng.choice([1, 2, 3], p=[0.5, 0.35, 0.15]))
            companions = first_day - kid_ages * 365.25
            names = [_KIDS[i] for i in rng.choice(len(_KIDS), len(companions), replace=False)]
        elif kind == "loyal":
            companions = birth + rng.normal(0, 1500, rng.choice([0, 1], p=[0.45, 0.55]))
            names = [_FIRST[rng.integers(len(_FIRST))] for _ in companions]
        else:
            size = rng.choice([0, 1, 2, 3], p=[0.3, 0.4, 0.15, 0.15])
            companions = np.concatenate([
                birth + rng.normal(0, 2500, min(size, 1)),
                first_day - rng.uniform(10, 40, max(size - 1, 0)) * 365.25])
            names = [_FIRST[rng.integers(len(_FIRST))] for _ in companions]
        favourite = rng.choice(by_type[spec["trips"][0]])

        record_no += 1
        record = f"TN{record_no:05d}"
        customers.append(dict(customer_id=record, first_name=first, last_name=last,
                              address=address, postcode=postcode, city=city, country=country,
                              phone=phone, email=email,
                              birth_date=np.nan if rng.random() < _NO_BIRTH_DATE else birth,
                              registered=first_day))
        day, k = float(first_day), 0
        while day <= end:
            if k > 0 and rng.random() < DUPLICATE_SHARE / max(k, 1) and k < 3:
                record_no += 1
                record = f"TN{record_no:05d}"
                twin = dict(customers[-1])
                twin.update(customer_id=record,
                            first_name=first.upper() if rng.random() < 0.5 else first.lower(),
                            last_name=last.upper() if rng.random() < 0.5 else f" {last}",
                            address=address.lower() if rng.random() < 0.5 else address + " ",
                            phone=_phone_variant(phone, country),
                            email="" if rng.random() < 0.5 else email, registered=day)
                customers.append(twin)
            trip_type = spec["trips"][rng.integers(len(spec["trips"]))]
            if kind == "pony family":
                young = (day - companions) / 365.25 < _ADULT_AGE
                if not planted:  # families do not stop when the children grow up
                    young = np.ones(len(companions), dtype=bool)
                travellers = companions[young]
                kid_names = [nm for nm, keep in zip(names, young, strict=True) if keep]
                if len(travellers) == 0:
                    break
                people = list(zip(kid_names, travellers, strict=True))
            else:
                people = [(first, birth)] + list(zip(names, companions, strict=True))
            if kind == "loyal" and rng.random() < _LOYAL_FAVOURITE:
                trip = favourite
            else:
                trip = rng.choice(by_type[trip_type])
            lead = rng.uniform(*_LEAD_DAYS["pony family" if kind == "pony family" else "other"])
            departure = day + lead
            nights = int(trips.loc[trip, "nights"])
            inflation = _YEARLY_INFLATION ** ((day - end) / 365.25)
            price = trips.loc[trip, "price_per_person"] * len(people) * inflation
            price *= rng.uniform(0.95, 1.12)
            booking_id = f"B{len(bookings) + 100001}"
            bookings.append(dict(booking_id=booking_id, customer_id=record, booking_date=day,
                                 departure_date=departure, return_date=departure + nights,
                                 participants=len(people), total_price=round(price, 2),
                                 trip=trip))
            for i, (name, born) in enumerate(people):
                participants.append(dict(booking_id=booking_id, participant_no=i + 1,
                                         first_name=name, birth_date=born))
            gap_kind = kind if planted else gap_kinds[rng.choice(len(gap_kinds), p=gap_mix)]
            day += _gaps(gap_kind, rng)
            k += 1

    # TravelNote numbers records in the order they were created
    customers = pd.DataFrame(customers).sort_values(["registered", "customer_id"], kind="stable")
    renumber = dict(zip(customers["customer_id"],
                        [f"TN{i + 1:05d}" for i in range(len(customers))], strict=True))
    customers["customer_id"] = customers["customer_id"].map(renumber)
    customers = customers.reset_index(drop=True)
    bookings = pd.DataFrame(bookings).sort_values(["booking_date", "booking_id"],
                                                  kind="stable").reset_index(drop=True)
    participants = pd.DataFrame(participants)
    participants = participants.set_index("booking_id").loc[bookings["booking_id"]].reset_index()

    # free text: how the staff typed the destination and the trip type
    trip_rows = trips.loc[bookings["trip"]].reset_index(drop=True)
    style = rng.integers(0, 5, len(bookings))
    destination = np.select(
        [style == 0, style == 1, style == 2, style == 3],
        [trip_rows["region_nl"],
         trip_rows["region"].str.lower() + " (" + trip_rows["country"].str.lower() + ")",
         trip_rows["country_nl"] + " - " + trip_rows["region_nl"],
         trip_rows["region_nl"].str.upper()],
        trip_rows["trip_name"])
    destination[rng.random(len(bookings)) < _UNUSABLE_DESTINATION] = "zie mail klant"
    words = [_TYPE_WORDS[t][rng.integers(len(_TYPE_WORDS[t]))] for t in trip_rows["trip_type"]]
    words = np.where(rng.random(len(bookings)) < _EMPTY_TYPE, "", words)

    bookings = pd.DataFrame({
        "booking_id": bookings["booking_id"],
        "customer_id": bookings["customer_id"].map(renumber),
        "booking_date": _date_text(bookings["booking_date"]),
        "departure_date": _date_text(bookings["departure_date"]),
        "return_date": _date_text(bookings["return_date"]),
        "destination": destination,
        "trip_type": words,
        "participants": bookings["participants"],
        "total_price": bookings["total_price"],
    })
    customers["birth_date"] = _date_text(customers["birth_date"])
    customers["registered"] = _date_text(customers["registered"])
    participants["birth_date"] = _date_text(participants["birth_date"])
    trips = trips.assign(price_per_person=trips["price_per_person"].astype(float))
    return {"customers": customers, "bookings": bookings, "participants": participants,
            "website_trips": trips}
