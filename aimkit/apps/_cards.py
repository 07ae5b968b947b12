"""Segment cards for an owner: a name, what the segment means in euro and months, one action.

RFM segments get their names in the user's language (*Kampioenen*, *Risicoklanten*, ...); KMeans
clusters get a name from their profile ("A · Recente vaste grote kopers"), measured against all
customers: recent when the cluster's median recency is at most the median of all customers,
one-time below 1.5 orders on average, regular from twice the median number of orders (at least
2), big spenders when the cluster's median spend is at least the median of all customers.

Used in: the segment explorer app (:mod:`aimkit.apps.explorer`).
"""

from __future__ import annotations

import html
import re

import pandas as pd

from aimkit import i18n

DAYS_PER_MONTH = 30.44


def rfm_key(segment: str) -> str:
    """The text key of an RFM segment's name (``seg_``) and action (``act_``).

    Examples
    --------
    >>> rfm_key("Can't Lose"), i18n.text("seg_can_t_lose")
    ('can_t_lose', 'Niet te verliezen')
    """
    return re.sub(r"[^a-z]+", "_", segment.lower()).strip("_")


def cluster_traits(table: pd.DataFrame, segments: pd.Series) -> pd.DataFrame:
    """Per cluster: ``recent`` (bool), ``habit`` ("once", "regular" or "") and ``big`` (bool).

    ``table`` has one row per customer with ``recency`` (days), ``frequency`` (orders) and
    ``monetary`` (€); ``segments`` the cluster of each customer.

    Examples
    --------
    >>> table = pd.DataFrame({"recency": [5, 10, 300, 400], "frequency": [8, 6, 1, 1],
    ...                       "monetary": [900, 800, 50, 40.0]})
    >>> cluster_traits(table, pd.Series(list("AABB"))).to_dict("index")
    {'A': {'recent': True, 'habit': 'regular', 'big': True}, \
'B': {'recent': False, 'habit': 'once', 'big': False}}
    """
    grouped = table.groupby(segments.to_numpy(), observed=True, sort=True)
    medians, orders = grouped[["recency", "monetary"]].median(), grouped["frequency"].mean()
    regular = max(2.0, 2 * table["frequency"].median())
    habit = pd.Series("", index=orders.index, dtype=object)
    habit[orders < 1.5] = "once"
    habit[orders >= regular] = "regular"
    return pd.DataFrame({"recent": medians["recency"] <= table["recency"].median(),
                         "habit": habit,
                         "big": medians["monetary"] >= table["monetary"].median()})


def names_and_actions(table: pd.DataFrame, segments: pd.Series, lang: str
                      ) -> tuple[dict[str, str], dict[str, str]]:
    """Each segment's name and suggested action in ``lang``.

    RFM segments (named by :func:`aimkit.rfm.named_segments`) keep their meaning; other labels
    are clusters, named from :func:`cluster_traits` and prefixed with their label (best first).

    Examples
    --------
    >>> table = pd.DataFrame({"recency": [5, 10, 300, 400], "frequency": [8, 6, 1, 1],
    ...                       "monetary": [900, 800, 50, 40.0]})
    >>> names, actions = names_and_actions(table, pd.Series(list("AABB")), "nl")
    >>> names
    {'A': 'A · Recente vaste grote kopers', 'B': 'B · Slapende eenmalige kleine kopers'}
    >>> names_and_actions(table, pd.Series(["Champions"] * 2 + ["Lost"] * 2), "nl")[0]
    {'Champions': 'Kampioenen', 'Lost': 'Verloren'}
    """
    labels = sorted(set(segments.astype(str)))
    if all(i18n.STRINGS.get(f"seg_{rfm_key(s)}") for s in labels):
        return ({s: i18n.text(f"seg_{rfm_key(s)}", lang) for s in labels},
                {s: i18n.text(f"act_{rfm_key(s)}", lang) for s in labels})
    names, actions = {}, {}
    for label, trait in cluster_traits(table, segments.astype(str)).iterrows():
        words = [i18n.text("cluster_recent" if trait["recent"] else "cluster_lapsed", lang)]
        if trait["habit"]:
            words.append(i18n.text(f"cluster_{trait['habit']}", lang))
        words.append(i18n.text("cluster_big" if trait["big"] else "cluster_small", lang))
        names[label] = f"{label} · {' '.join(words)}"
        actions[label] = i18n.text(f"act_{'recent' if trait['recent'] else 'lapsed'}_"
                                   f"{'big' if trait['big'] else 'small'}", lang)
    return names, actions


def ago(days: float, lang: str) -> str:
    """Days as an owner says them: "20 dagen" below two months, else "13 maanden".

    Examples
    --------
    >>> ago(20, "nl"), ago(400, "nl"), ago(400, "en")
    ('20 dagen', '13 maanden', '13 months')
    """
    if days < 61:
        return i18n.text("days", lang, count=i18n.number(days, lang))
    return i18n.text("months_ago", lang, count=i18n.number(days / DAYS_PER_MONTH, lang))


def cards(table: pd.DataFrame, segments: pd.Series, names: dict, actions: dict,
          colours: dict, lang: str) -> str:
    """HTML cards, one per segment (in the categories' order): name, shares, profile, action.

    Examples
    --------
    >>> table = pd.DataFrame({"recency": [30, 400], "frequency": [4, 1],
    ...                       "monetary": [310.0, 90.0]})
    >>> segments = pd.Series(["Champions", "Lost"], dtype="category")
    >>> names, actions = names_and_actions(table, segments, "nl")
    >>> page = cards(table, segments, names, actions, {"Champions": "#000", "Lost": "#111"}, "nl")
    >>> "50,0 % van je klanten" in page, "77,5 % van de omzet" in page, "13 maanden" in page
    (True, True, True)
    """
    shown = [s for s in segments.cat.categories if (segments == s).any()]
    total_customers, total_revenue = len(table), table["monetary"].clip(lower=0).sum()
    items = []
    for segment in shown:
        members = table[(segments == segment).to_numpy()]
        revenue = members["monetary"].clip(lower=0).sum()
        share = i18n.text("card_share", lang, customers=i18n.number(len(members), lang),
                          share=i18n.percent(len(members) / total_customers, lang),
                          revenue=i18n.percent(revenue / total_revenue if total_revenue else 0,
                                               lang))
        profile = i18n.text("card_profile", lang, ago=ago(members["recency"].mean(), lang),
                            orders=i18n.number(members["frequency"].mean(), lang, 1),
                            spend=i18n.money(members["monetary"].mean(), lang, 0))
        e = html.escape
        items.append(
            f'<div class="aimkit-card" style="border-left-color:{colours[segment]}">'
            f"<h4>{e(names[segment])}</h4><p>{e(share)}</p><p>{e(profile)}</p>"
            f"<p><b>{e(i18n.text('suggested_action', lang))}:</b> {e(actions[segment])}</p>"
            "</div>")
    return f'<div class="aimkit-cards">{"".join(items)}</div>'
