"""Odisee: two weeks of website tracking events and visitor profiles (e-book p. 64).

Odisee, a Flemish university of applied sciences (*hogeschool*) with six campuses, placed a
tracking script on odisee.be through Google Tag Manager. The script sets a first-party
cookie and sends every page view, click and touch to the customer data platform (Apache
Unomi inside the Dropsolid Experience Cloud), which keeps one anonymous profile per cookie.
The case uses the first two weeks of September 2021, when new students can still enrol.

Two exports, as the platform's screens show them:

- ``events``: one row per tracked event (``view``, ``click``, ``form``, ``touchstart``,
  ``touchend``) with its time, profile, full URL, the page title (views) and the clicked
  text (clicks). There is no session number: a session is a run of events of one profile
  without a pause of 30 minutes or more, as in web analytics.
- ``profiles``: one row per visitor profile seen in the window: first and last visit,
  lifetime page views, forms and sessions, the last session's duration, device, operating
  system and its language, screen resolution, region from the IP address, and the medium of
  the first visit in the window (search, social, direct, e-mail, referral).

Hidden behaviour (what the case's keyword clustering should find): each profile belongs to a
persona the marketing team has in mind — prospective students (*generatiestudenten*),
lateral entrants who study next to a job (*zij-instromers*), staff (*personeelsleden*) and
other stakeholders (international students, secondary schools, companies, job seekers,
researchers). A persona's sessions mostly visit its own pages, with some detours to generic
pages and to other personas' pages. The other stakeholders are a few small audiences with
little vocabulary in common beyond the academic year ("studenten tijdens het academiejaar"):
no single persona describes them.

What ``planted=False`` removes: the persona mix in the words. Visitors keep their persona's
device, hours, region, medium and number of sessions and pages, but every page they see is
drawn from the whole site's page mix (each persona's pages in their planted share of page
views), independent of who they are and of the session's other pages. Keyword clustering
then has no personas to find.

Planted flaws:

- times are text ``dd-mm-yyyy, HH:MM:SS`` (the platform's screen format);
- touch events carry no words, only the page they happened on;
- the tag fires about 1 % of page views twice (identical rows);
- three crawler profiles (site monitors) read dozens of pages a few seconds apart every day;
- campaign landing pages carry UTM parameters in the URL;
- region is ``N/A`` when the IP address cannot be located; the OS language is sometimes empty;
- profile counts (page views, forms, sessions) are lifetime counts: returning visitors had
  visits before the export window.

Examples
--------
>>> tables = generate(seed=1, scale=0.05)
>>> sorted(tables)
['events', 'profiles']
>>> tables["events"]["event_type"].isin(["view", "click", "form", "touchstart", "touchend"]).all()
np.True_

Used in: notebooks/cases/15_odisee_web_segments.ipynb
"""

from __future__ import annotations

import uuid
from bisect import bisect
from itertools import accumulate

import numpy as np
import pandas as pd

from aimkit.datasets import DEFAULT_SEED, Case

CASE = Case(
    company="Odisee", title="website visitor segments",
    notebook="cases/15_odisee_web_segments.ipynb", ebook_page=64, minutes=45)

TABLES = {
    "events": {
        "en": "tracking events: time, profile, full URL, event type, page title, clicked text",
        "nl": "trackingevents: tijdstip, profiel, volledige URL, type event, paginatitel, "
              "aangeklikte tekst"},
    "profiles": {
        "en": "visitor profiles: visits, page views, forms, device, OS, language, region, medium",
        "nl": "bezoekersprofielen: bezoeken, paginaweergaven, formulieren, toestel, OS, taal, "
              "regio, medium"},
}

SITE = "https://www.odisee.be"
WINDOW_START = pd.Timestamp("2021-09-01")
WINDOW_END = pd.Timestamp("2021-09-15")  # exclusive: the first two weeks of September
TIME_FORMAT = "%d-%m-%Y, %H:%M:%S"
"""How the platform writes times, e.g. ``01-09-2021, 08:03:53``."""

_CAMPUSES = ["Aalst", "Brussel", "Dilbeek", "Gent", "Sint-Niklaas", "Schaarbeek"]
_PROGRAMMES = {  # bachelor programme: campuses where it is taught
    "Bedrijfsmanagement": ["Aalst", "Brussel", "Gent", "Sint-Niklaas"],
    "Elektronica-ICT": ["Aalst", "Gent"],
    "Toegepaste informatica": ["Aalst", "Brussel"],
    "Verpleegkunde": ["Aalst", "Sint-Niklaas", "Brussel"],
    "Sociaal werk": ["Brussel", "Schaarbeek", "Gent"],
    "Voedings- en dieetkunde": ["Gent"],
    "Office management": ["Aalst", "Gent", "Sint-Niklaas"],
}
_GRADUATES = ["Boekhouden", "Marketing- en communicatiesupport", "Programmeren",
              "Orthopedagogische begeleiding"]

# A page: path (with {programme}, {campus}, {graduate} to fill in), title, clicked texts, and
# whether its click sends a form. The first page of each persona is its landing page for
# campaigns.
_PAGES = {
    "student": [
        ("/nl/infodagen", "Infodag | Kies je studieprogramma",
         ["Schrijf je in voor de infodag", "Infodag op campus {campus}"], True),
        ("/nl/opleidingen/bachelor/{programme}", "Bachelor {programme} | Kies je studieprogramma",
         ["Bekijk het studieprogramma", "Infodag {campus}"], False),
        ("/nl/opleidingen/bachelor/{programme}/studieprogramma",
         "Studieprogramma {programme} | Kies je studieprogramma",
         ["Individueel studieprogramma"], False),
        ("/nl/inschrijven", "Inschrijven | Kies je studieprogramma",
         ["Online inschrijven", "Inschrijven na de infodag"], True),
        ("/nl/campussen/{campus}", "Campus {campus} | Kies je studieprogramma",
         ["Plan je bezoek aan de infodag"], False),
        ("/nl/studiekeuze", "Studiekeuze | Kies je studieprogramma",
         ["Studiekeuzetest", "Infodag"], False),
        ("/nl/individueel-studieprogramma", "Individueel studieprogramma | Kies je studieprogramma",
         ["Individueel studieprogramma aanvragen"], False),
        ("/nl/openlesdagen", "Openlesdag | Kies je studieprogramma",
         ["Inschrijven voor de openlesdag"], True),
    ],
    "lateral": [
        ("/nl/opleiding-naast-je-werk", "Flexibel onderwijs | Opleiding naast je werk",
         ["Zoek je opleiding", "Vraag je traject op maat aan"], True),
        ("/nl/opleiding-naast-je-werk/zij-instromers",
         "Zij-instromers in het onderwijs | Opleiding naast je werk", ["Traject op maat"], False),
        ("/nl/opleiding-naast-je-werk/leraar", "Leraar worden | Opleiding naast je werk",
         ["Opleiding naast je werk"], False),
        ("/nl/opleiding-naast-je-werk/{programme}", "{programme} | Opleiding naast je werk",
         ["Vraag je opleiding op maat aan"], True),
        ("/nl/opleiding-naast-je-werk/graduaat-{graduate}",
         "Graduaat {graduate} | Opleiding naast je werk", ["Zoek je opleiding"], False),
        ("/nl/opleiding-naast-je-werk/vrijstellingen", "Vrijstellingen | Opleiding naast je werk",
         ["Vraag vrijstellingen aan"], False),
        ("/nl/opleiding-naast-je-werk/traject-op-maat", "Traject op maat | Opleiding naast je werk",
         ["Vraag je traject aan"], True),
        ("/nl/opleiding-naast-je-werk/afstandsonderwijs",
         "Afstandsonderwijs | Opleiding naast je werk", ["Opleiding op maat"], False),
    ],
    "staff": [
        ("/nl/personeelsplatform", "Personeelsplatform: toegang voor medewerkers",
         ["Aanmelden als medewerker", "Toegang krijgen"], False),
        ("/nl/personeelsplatform/paswoord", "Personeelsplatform: paswoord vergeten",
         ["Paswoord wijzigen", "Nieuw paswoord krijgen"], True),
        ("/nl/personeelsplatform/mailadres", "Personeelsplatform: je mailadres als medewerker",
         ["Mailadres instellen"], False),
        ("/nl/personeelsplatform/toegang", "Personeelsplatform: toegang krijgen als medewerker",
         ["Toegang aanvragen"], True),
        ("/nl/personeelsplatform/helpdesk", "Personeelsplatform: helpdesk voor medewerkers",
         ["Helpdesk contacteren"], True),
        ("/nl/personeelsplatform/roosters", "Personeelsplatform: lesroosters voor medewerkers",
         ["Toegang krijgen"], False),
    ],
}
# Other stakeholders: small audiences, each with its own pages. What they share is the
# academic year's vocabulary ("studenten tijdens het academiejaar", as in the e-book's group 2),
# enough to make them one small group, not enough to make them one audience.
_OTHER = {
    "international": [
        ("/en/international/exchange", "Exchange studies for studenten tijdens het academic year",
         ["Apply for the academic year"], True),
        ("/en/international/courses", "Courses for exchange studenten tijdens het academic year",
         ["Course catalogue"], False),
    ],
    "schools": [
        ("/nl/scholen/kleuteronderwijs", "Educatieve stage: studenten tijdens het academiejaar",
         ["Bijhorend lesmateriaal"], False),
        ("/nl/scholen/workshops", "Educatieve workshops voor scholen tijdens het academiejaar",
         ["Workshop boeken"], True),
    ],
    "companies": [
        ("/nl/bedrijven/stage", "Stageplaatsen: ruime keuze aan studenten tijdens het academiejaar",
         ["Stage aanbieden"], True),
        ("/nl/bedrijven/opdrachten", "Bedrijfsopdrachten: studenten tijdens het academiejaar",
         ["Opdracht indienen"], True),
    ],
    "jobs": [
        ("/nl/vacatures", "Vacatures: ruime keuze aan jobs tijdens het academiejaar",
         ["Solliciteer online"], True),
    ],
    "research": [
        ("/nl/onderzoek", "Onderzoek met studenten tijdens het academiejaar",
         ["Onderzoeksgroepen"], False),
        ("/nl/onderzoek/expertise", "Expertise: studies met studenten tijdens het academiejaar",
         ["Contacteer een onderzoeker"], False),
    ],
}
_GENERIC = [
    ("/nl", "Odisee hogeschool", [], False),
    ("/nl/nieuws", "Nieuws en evenementen", [], False),
    ("/nl/contact", "Contact en bereikbaarheid", [], False),
    ("/nl/zoeken?q={query}", "Zoeken", [], False),
]
_QUERIES = {
    "student": ["infodag", "inschrijven", "studieprogramma", "kot"],
    "lateral": ["werkstudent", "opleiding", "avondonderwijs"],
    "staff": ["paswoord", "personeelsplatform", "toegang", "mailadres"],
    "other": ["stage", "vacatures", "erasmus"],
}
_HOME = _GENERIC[0]

# Persona: profiles at scale 1, extra sessions per profile (Poisson mean), page views per
# session after the first (Poisson mean), share of pages from the persona's own pages,
# share of its sessions that only see the home page, share of returning visitors, and how
# much more often a session starts on the section's front page than on another of its pages
# (staff go straight to the platform through a bookmark; lateral entrants arrive on the
# "opleiding naast je werk" page that search and campaigns point to).
PERSONAS = pd.DataFrame(
    {
        "profiles": [1000, 5900, 1350, 530],
        "extra_sessions": [0.35, 0.12, 1.6, 0.05],
        "extra_pages": [1.8, 1.0, 0.8, 1.0],
        "own_pages": [0.86, 0.88, 0.92, 0.90],
        "home_only": [0.18, 0.18, 0.12, 0.20],
        "returning": [0.30, 0.25, 0.95, 0.15],
        "landing": [1.0, 3.0, 8.0, 1.0],
    },
    index=["student", "lateral", "staff", "other"],
)
_SPECS = PERSONAS.to_dict("index")
_PAGE_MIX = (PERSONAS["profiles"] * (1 + PERSONAS["extra_sessions"])
             * (1 - PERSONAS["home_only"]) * (1 + PERSONAS["extra_pages"]))
"""Without planted personas: whose pages a page view shows, in their planted share of views."""
BOUNCERS = 2600  # visitors who see the home page (or a news item) and leave
_CRAWLERS = 3
_CLICK_RATE = 0.35
_FORM_RATE = 0.25
_DOUBLE_FIRE = 0.01
_TOUCHES = 0.12  # touchstart/touchend pairs per page view on a phone or tablet
_HOUR = 3_600_000  # times are milliseconds since 1970 until they are written as text
_MAX_DWELL = 20 * 60_000
_DAYS = pd.date_range(WINDOW_START, WINDOW_END, inclusive="left").as_unit("ms").asi8
_WEEKDAYS = _DAYS[pd.DatetimeIndex(_DAYS.astype("datetime64[ms]")).day_of_week < 5]

_REGIONS = ["Oost-Vlaanderen", "Vlaams-Brabant", "Brussel", "Antwerpen", "West-Vlaanderen",
            "Limburg", "Wallonië", "Nederland", "N/A"]
_REGION_MIX = {
    "student": [0.46, 0.14, 0.14, 0.10, 0.07, 0.02, 0.01, 0.01, 0.05],
    "lateral": [0.38, 0.16, 0.15, 0.13, 0.08, 0.03, 0.01, 0.01, 0.05],
    "staff": [0.44, 0.20, 0.22, 0.05, 0.02, 0.01, 0.01, 0.00, 0.05],
    "other": [0.25, 0.12, 0.15, 0.10, 0.06, 0.03, 0.04, 0.15, 0.10],
    "bouncer": [0.36, 0.15, 0.16, 0.12, 0.08, 0.03, 0.02, 0.03, 0.05],
}
_DEVICES = {  # device: share per persona (student, lateral, staff, other, bouncer)
    "mobile": [0.72, 0.48, 0.25, 0.35, 0.60],
    "computer": [0.23, 0.45, 0.72, 0.60, 0.35],
    "tablet": [0.05, 0.07, 0.03, 0.05, 0.05],
}
_OS = {
    "mobile": (["iOS", "Android"], [0.55, 0.45]),
    "tablet": (["iOS", "Android"], [0.7, 0.3]),
    "computer": (["Windows", "Mac OS X", "Linux", "Chrome OS"], [0.68, 0.26, 0.03, 0.03]),
}
_SCREENS = {
    "mobile": ["390x844", "375x667", "414x896", "360x800", "412x915"],
    "tablet": ["768x1024", "810x1080", "800x1280"],
    "computer": ["1920x1080", "1366x768", "1536x864", "1440x900", "2560x1440"],
}
_LANGUAGES = {
    "other": (["nl-BE", "nl-NL", "fr-BE", "en-US", "en-GB", "de-DE", ""],
              [0.35, 0.08, 0.14, 0.22, 0.10, 0.05, 0.06]),
    "default": (["nl-BE", "nl-NL", "fr-BE", "en-US", "en-GB", ""],
                [0.74, 0.05, 0.07, 0.05, 0.03, 0.06]),
}
_MEDIA = {  # medium of the first visit in the window: search, social, direct, e-mail, referral
    "student": [0.50, 0.25, 0.15, 0.03, 0.07],
    "lateral": [0.55, 0.18, 0.17, 0.05, 0.05],
    "staff": [0.10, 0.02, 0.80, 0.06, 0.02],
    "other": [0.55, 0.05, 0.20, 0.05, 0.15],
    "bouncer": [0.40, 0.20, 0.30, 0.03, 0.07],
}
_MEDIUM_NAMES = ["search", "social", "direct", "email", "referral"]
_CAMPAIGN = {"student": "infodag2021", "lateral": "werkstudent2021"}
_ACTIVE_HOURS = {  # when a persona browses: (hours, weights)
    "student": (np.arange(24), np.r_[[0.2] * 7, [0.5] * 9, [1.6] * 7, [0.6]]),
    "lateral": (np.arange(24), np.r_[[0.1] * 7, [0.6] * 5, [1.2], [0.6] * 6, [1.8] * 4, [0.8]]),
    "staff": (np.arange(24), np.r_[[0.05] * 7, [2.0] * 10, [0.3] * 6, [0.1]]),
    "other": (np.arange(24), np.r_[[0.05] * 8, [1.5] * 9, [0.4] * 7]),
    "bouncer": (np.arange(24), np.r_[[0.2] * 7, [1.0] * 16, [0.5]]),
}


def _text_times(ms: pd.Series) -> pd.Series:
    """Milliseconds since 1970 as the platform writes them: ``dd-mm-yyyy, HH:MM:SS``."""
    return pd.to_datetime(ms, unit="ms").dt.strftime(TIME_FORMAT)


def _uuid(rng: np.random.Generator) -> str:
    return str(uuid.UUID(bytes=rng.bytes(16), version=4))


def _values(rng: np.random.Generator, persona: str) -> dict:
    """What one page is about: a programme, a campus where it is taught, a search query."""
    programme = _choose(rng, list(_PROGRAMMES))
    return {"programme": programme, "campus": _choose(rng, _PROGRAMMES[programme]),
            "graduate": _choose(rng, _GRADUATES),
            "query": _choose(rng, _QUERIES.get(persona, _QUERIES["other"]))}


def _slug(path: str) -> str:
    """Write a filled-in path as a URL: lower case, spaces as dashes."""
    return path.lower().replace(" ", "-").replace("ë", "e")


def _choose(rng: np.random.Generator, options: list, weights=None):
    """One of the options, uniformly or in proportion to the weights."""
    if weights is None:
        return options[int(rng.random() * len(options))]
    cumulative = list(accumulate(weights))
    return options[min(bisect(cumulative, rng.random() * cumulative[-1]), len(options) - 1)]


def _page_pool(persona: str, audience: str | None) -> list:
    return _OTHER[audience] if persona == "other" else _PAGES[persona]


def _pick_page(rng: np.random.Generator, persona: str, audience: str | None, own: float):
    draw = rng.random()
    if draw < own:
        return _choose(rng, _page_pool(persona, audience))
    if draw < own + (1 - own) / 2:
        return _choose(rng, _GENERIC)
    others = [p for p in _PAGES if p != persona]
    return _choose(rng, _PAGES[_choose(rng, others)])


def _any_page(rng: np.random.Generator):
    """A page from the whole site's mix, whoever looks at it."""
    persona = _choose(rng, list(_PAGE_MIX.index), list(_PAGE_MIX))
    audience = _choose(rng, list(_OTHER)) if persona == "other" else None
    return _pick_page(rng, persona, audience, _SPECS[persona]["own_pages"])


def _session_events(rng: np.random.Generator, persona: str, audience: str | None,
                    start: int, device: str, medium: str, first: bool,
                    planted: bool = True) -> list:
    """One session: page views with their clicks, forms and touches, times in milliseconds."""
    spec = _SPECS.get(persona)
    if spec is None or rng.random() < spec["home_only"]:
        pages = [_HOME]
    elif not planted:  # pages drawn independently of the persona and of each other
        pages = [_any_page(rng) for _ in range(1 + rng.poisson(spec["extra_pages"]))]
    else:  # visitors land on one of their own pages, then may wander off
        pool = _page_pool(persona, audience)
        landing = spec["landing"]  # the weight of the section's front page
        pages = [_choose(rng, pool, [landing] + [1.0] * (len(pool) - 1))]
        pages += [_pick_page(rng, persona, audience, spec["own_pages"])
                  for _ in range(rng.poisson(spec["extra_pages"]))]
        if medium == "social" and first and persona in _CAMPAIGN:
            pages[0] = _PAGES[persona][0]
    events = []
    t = start
    for i, (path, title, clicks, form) in enumerate(pages):
        values = _values(rng, persona)
        url = SITE + _slug(path.format(**values))
        if i == 0 and first and medium in ("social", "email"):
            tagged = persona if planted else _choose(rng, list(_PAGE_MIX.index), list(_PAGE_MIX))
            campaign = _CAMPAIGN.get(tagged, "nieuwsbrief")
            sep = "&" if "?" in url else "?"
            url += f"{sep}utm_source={'facebook' if medium == 'social' else 'mailchimp'}" \
                   f"&utm_medium={medium}&utm_campaign={campaign}"
        events.append((t, "view", url, title.format(**values), ""))
        if rng.random() < _DOUBLE_FIRE:
            events.append((t, "view", url, events[-1][3], ""))
        dwell = int(rng.exponential(50_000)) + 2_000
        if device != "computer":
            for _ in range(rng.poisson(_TOUCHES)):
                at = t + int(dwell * rng.random())
                events.append((at, "touchstart", url, "", ""))
                events.append((at + int(rng.integers(80, 900)), "touchend", url, "", ""))
        if clicks and rng.random() < _CLICK_RATE:
            at = t + int(dwell * rng.uniform(0.5, 1.0))
            events.append((at, "click", url, "", _choose(rng, clicks).format(**values)))
            if form and rng.random() < _FORM_RATE:
                events.append((at + int(rng.integers(20_000, 240_000)), "form", url, "", ""))
        t += min(dwell, _MAX_DWELL)
    return events


def _start_time(rng: np.random.Generator, persona: str, day: int) -> int:
    hours, weights = _ACTIVE_HOURS[persona]
    hour = int(_choose(rng, list(hours), weights))
    return day + hour * _HOUR + int(rng.integers(0, _HOUR))


def _session_days(rng: np.random.Generator, persona: str, n: int) -> list:
    """Distinct days in the window (milliseconds since 1970); staff browse on weekdays."""
    days = _WEEKDAYS if persona == "staff" else _DAYS
    picked = rng.choice(len(days), size=min(n, len(days)), replace=False)
    return sorted(days[picked].tolist())


def _visitor(rng: np.random.Generator, persona: str, spec,
             planted: bool = True) -> tuple[dict, list]:
    group = persona if persona in _REGION_MIX else "bouncer"
    device = _choose(rng, list(_DEVICES), [_DEVICES[d][list(_REGION_MIX).index(group)]
                                           for d in _DEVICES])
    oses, os_weights = _OS[device]
    languages, language_weights = _LANGUAGES["other" if persona == "other" else "default"]
    medium = _choose(rng, _MEDIUM_NAMES, _MEDIA[group])
    audience = _choose(rng, list(_OTHER), [5, 4, 3, 3, 2]) if persona == "other" else None
    n_sessions = 1 + rng.poisson(spec["extra_sessions"]) if spec is not None else 1
    events = []
    for k, day in enumerate(_session_days(rng, persona, n_sessions)):
        start = _start_time(rng, group, day)
        session = _session_events(rng, persona, audience, start, device, medium, k == 0,
                                  planted)
        events.append(session)
    returning = spec is not None and rng.random() < spec["returning"]
    profile = {
        "persona": persona, "device": device, "os": _choose(rng, oses, os_weights),
        "os_language": _choose(rng, languages, language_weights),
        "screen_resolution": _choose(rng, _SCREENS[device]),
        "region": _choose(rng, _REGIONS, _REGION_MIX[group]), "medium": medium,
        "earlier_sessions": int(rng.integers(1, 25)) if returning else 0,
    }
    return profile, events


def _crawler(rng: np.random.Generator) -> tuple[dict, list]:
    """A site monitor: every day at night it reads every page a few seconds apart."""
    catalogue = [p for pages in _PAGES.values() for p in pages]
    catalogue += [p for pages in _OTHER.values() for p in pages] + _GENERIC[:3]
    sessions = []
    for day in _DAYS.tolist():
        t = day + int(rng.integers(1, 5)) * _HOUR + int(rng.integers(0, _HOUR))
        session = []
        for path, title, _, _ in catalogue:
            values = _values(rng, "other")
            session.append((t, "view", SITE + _slug(path.format(**values)),
                            title.format(**values), ""))
            t += int(rng.integers(1_500, 4_000))
        sessions.append(session)
    profile = {"persona": "crawler", "device": "computer", "os": "Linux", "os_language": "",
               "screen_resolution": "1024x768", "region": _choose(rng, _REGIONS[:5]),
               "medium": "direct", "earlier_sessions": int(rng.integers(30, 200))}
    return profile, sessions


def _profile_row(rng: np.random.Generator, profile_id: str, profile: dict,
                 sessions: list) -> dict:
    # the platform counts a double-fired page view once
    views = len({(e[0], e[2]) for s in sessions for e in s if e[1] == "view"})
    forms = sum(1 for s in sessions for e in s if e[1] == "form")
    first = min(e[0] for e in sessions[0])
    last_session = sessions[-1]
    last = max(e[0] for e in last_session)
    earlier = profile["earlier_sessions"]
    if earlier:
        first = _DAYS[0] - int(rng.integers(3 * 24 * _HOUR, 400 * 24 * _HOUR))
        views += earlier + rng.poisson(1.2 * earlier)
        forms += rng.binomial(earlier, 0.05)
    seconds = (last - min(e[0] for e in last_session)) / 1000
    return {
        "profile_id": profile_id,
        "visitor_type": "Returning visitor" if earlier or len(sessions) > 1
        else "First time visitor",
        "first_visit": first,
        "last_visit": last,
        "page_views": views,
        "forms": forms,
        "sessions": len(sessions) + earlier,
        "last_session_duration": f"{int(seconds // 3600):02d}:{int(seconds % 3600 // 60):02d}:"
                                 f"{seconds % 60:06.3f}",
        "device": profile["device"],
        "os": profile["os"],
        "os_language": profile["os_language"],
        "screen_resolution": profile["screen_resolution"],
        "region": profile["region"],
        "medium": profile["medium"],
    }


def generate(seed: int = DEFAULT_SEED, scale: float = 1.0,
             planted: bool = True) -> dict[str, pd.DataFrame]:
    """Generate Odisee's tracking events and visitor profiles.

    Parameters
    ----------
    seed : int
        Random seed; the default gives the shipped data.
    scale : float
        Multiplies the number of visitors (1.0 ≈ 11,400 profiles and 37,000 events).
    planted : bool
        False: every page view drawn from the whole site's page mix, independent of the
        visitor's persona (see the module docstring).

    Returns
    -------
    dict of str to DataFrame
        ``events`` and ``profiles``, times written as text ``dd-mm-yyyy, HH:MM:SS``.

    Examples
    --------
    >>> tables = generate(seed=3, scale=0.02)
    >>> tables["profiles"]["profile_id"].is_unique
    True
    """
    rng = np.random.default_rng(seed)
    visitors = []
    for persona, spec in _SPECS.items():
        for _ in range(max(1, round(spec["profiles"] * scale))):
            visitors.append(_visitor(rng, persona, spec, planted))
    for _ in range(max(1, round(BOUNCERS * scale))):
        visitors.append(_visitor(rng, "bouncer", None))
    for _ in range(round(_CRAWLERS * scale)):
        visitors.append(_crawler(rng))
    order = rng.permutation(len(visitors))
    event_rows, profile_rows = [], []
    for i in order:
        profile, sessions = visitors[i]
        profile_id = _uuid(rng)
        profile_rows.append(_profile_row(rng, profile_id, profile, sessions))
        for session in sessions:
            for when, kind, url, title, clicked in session:
                event_rows.append((when, profile_id, kind, url, title, clicked))
    events = pd.DataFrame(event_rows, columns=["when", "profile_id", "event_type", "full_path",
                                               "page_title", "clicked_text"])
    events = events.sort_values(["when", "profile_id"], kind="stable").reset_index(drop=True)
    events["when"] = _text_times(events["when"])
    profiles = pd.DataFrame(profile_rows).sort_values("profile_id").reset_index(drop=True)
    for column in ("first_visit", "last_visit"):
        profiles[column] = _text_times(profiles[column])
    return {"events": events, "profiles": profiles}
