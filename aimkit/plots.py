"""Every figure of the course in one place: notebooks, apps and reports draw with these.

Each function draws one kind of figure and returns the matplotlib ``Figure``, so the caller can
show it, save it or embed it (:func:`png`). Functions never call ``plt.show()``. Analysis
modules compute the tables; this module only draws them (no other aimkit module outside the
apps' UI imports matplotlib).

A notebook's Setup calls :func:`use_course_style` once: the same figure size, fonts and the
colour-blind-safe palette :data:`COLOURS` everywhere. The words a function draws by itself
(axis labels, default titles, the call-centre card) are in :data:`LABELS` and follow the
course's language (:func:`aimkit.i18n.use_language`): Dutch with Flemish numbers in the
Dutch edition.

==========================  =====================================================
:func:`radar`               scores on a spider chart (data maturity)
:func:`k_choice`            elbow and silhouette against the number of clusters
:func:`label_mix`           an existing label's mix per cluster (stacked bars)
:func:`clusters_3d`         customers on three features, coloured by cluster
:func:`transition_network`  groups as circles, moves between them as arrows
:func:`treemap`             counts as rectangles with proportional areas
:func:`confusion`           predicted against actual labels (heat map)
:func:`importance`          what a model relies on (horizontal bars)
:func:`word_cloud`          words sized by their weight
:func:`call_centre_card`    one customer's current contract and best offers
==========================  =====================================================

Examples
--------
>>> import pandas as pd
>>> from aimkit import plots
>>> plots.use_course_style()
>>> fig = plots.radar(pd.DataFrame({"a": [1, 3], "b": [2, 4], "c": [5, 1]}, index=["x", "y"]))
>>> len(fig.axes), plots.png(fig)[:4]
(1, b'\\x89PNG')

Used in: every lesson notebook and notebooks/99_for_trainers.ipynb (the course style and the
figures), the data-maturity scan and the segment explorer apps, and
:func:`aimkit.maturity.report_html`.
"""

from __future__ import annotations

import io
import textwrap

import matplotlib as mpl
import matplotlib.patches as mpatches
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from cycler import cycler

from aimkit import i18n

FIGSIZE = (8, 6)

COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#999999")
"""The course palette: Okabe and Ito's colours, which people with the common kinds of colour
blindness still tell apart (blue, orange, green, pink, sky blue, vermilion, yellow, grey)."""

LABELS: dict[str, i18n.Text] = {
    "k_title": {"en": "Choosing the number of clusters k",
                "nl": "Het aantal clusters k kiezen"},
    "inertia": {"en": "inertia (within-cluster sum of squares)",
                "nl": "inertia (kwadratensom binnen de clusters)"},
    "silhouette": {"en": "silhouette score (-1 … 1)", "nl": "silhouetscore (-1 … 1)"},
    "elbow_title": {"en": "Elbow: where the curve flattens",
                    "nl": "Elleboog: waar de curve afvlakt"},
    "silhouette_title": {"en": "Silhouette: higher is better separated",
                         "nl": "Silhouet: hoger is beter gescheiden"},
    "k": {"en": "number of clusters k", "nl": "aantal clusters k"},
    "cluster": {"en": "cluster", "nl": "cluster"},
    "cluster_share": {"en": "share of the cluster (%)", "nl": "aandeel in de cluster (%)"},
    "cluster_customers": {"en": "cluster (customers)", "nl": "cluster (klanten)"},
    "too_small": {"en": "too small to label", "nl": "te klein voor een label"},
    "confusion_title": {"en": "What the model predicted vs what happened",
                        "nl": "Wat het model voorspelde en wat er gebeurde"},
    "right_share": {"en": "{row} ({share:.0f} % right)", "nl": "{row} ({share:.0f} % juist)"},
    "predicted": {"en": "predicted label", "nl": "voorspeld label"},
    "actual": {"en": "actual label", "nl": "echt label"},
    "rows": {"en": "number of rows", "nl": "aantal rijen"},
    "importance_title": {"en": "What the model relies on", "nl": "Waar het model op steunt"},
    "importance_axis": {"en": "drop in score when the column is shuffled",
                        "nl": "daling van de score als de kolom door elkaar gehaald wordt"},
    "variable_term": {"en": "Term: variable price", "nl": "Looptijd: variabele prijs"},
    "fixed_term": {"en": "Term: fixed price, {years} year(s)",
                   "nl": "Looptijd: vaste prijs, {years} jaar"},
    "not_asked": {"en": "not asked", "nl": "niet gevraagd"},
    "card_title": {"en": "Customer {customer}: at risk, call with an offer",
                   "nl": "Klant {customer}: risico op vertrek, bel met een aanbod"},
    "card_line": {"en": "{energy} · {kwh:,.0f} kWh per year · churn risk {churn} · CLV {clv}",
                  "nl": "{energy} · {kwh:,.0f} kWh per jaar · churnrisico {churn} · CLV {clv}"},
    "current": {"en": "Current", "nl": "Nu"},
    "offer": {"en": "Offer {number}", "nl": "Aanbod {number}"},
    "fixed": {"en": "Fixed {amount}/year", "nl": "Vast {amount}/jaar"},
    "variable": {"en": "Variable {price:.2f} c€/kWh", "nl": "Variabel {price:.2f} c€/kWh"},
    "yearly": {"en": "Yearly {amount}", "nl": "Per jaar {amount}"},
    "saving": {"en": "Saving {amount}", "nl": "Besparing {amount}"},
    "accept": {"en": "Accept chance {chance}", "nl": "Kans op aanvaarden {chance}"},
    "margin": {"en": "Expected margin {amount}", "nl": "Verwachte marge {amount}"},
    "feedback": {"en": "Customer feedback", "nl": "Feedback van de klant"},
    "price_importance": {"en": "Importance of price:", "nl": "Belang van de prijs:"},
    "peace_importance": {"en": "Importance of peace of mind:", "nl": "Belang van gemoedsrust:"},
    "competitor": {"en": "Mentioned competitor: {name}", "nl": "Genoemde concurrent: {name}"},
    "no_competitor": {"en": "none", "nl": "geen"},
    "ranked": {"en": "Offers ranked by expected margin; the agent chooses.",
               "nl": "Aanbiedingen gerangschikt op verwachte marge; de medewerker kiest."},
}
"""The words the figures draw by themselves, in both languages (see :func:`aimkit.i18n.say`)."""


def _say(key: str, **fields) -> str:
    """The label ``key`` of :data:`LABELS` in the course's language."""
    return i18n.say(LABELS[key], **fields)


def _money(amount: float, decimals: int = 2) -> str:
    """An amount in euro as the course's language writes it (``€ 1.234,56`` in Dutch)."""
    return i18n.money(amount, i18n.current_language(), decimals)


def _percent(share: float, decimals: int = 0) -> str:
    """A share (0–1) as a percentage in the course's language (``12,5 %`` in Dutch)."""
    return i18n.percent(share, i18n.current_language(), decimals)


def _number(value: float) -> str:
    """A count with thousands separators in the course's language (``1.200`` in Dutch)."""
    return i18n.number(value, i18n.current_language())


COURSE_STYLE = {
    "figure.figsize": (9, 5),
    "font.size": 12,
    "axes.titlesize": 14,
    "axes.labelsize": 12,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": cycler(color=COLOURS),
}
"""The matplotlib settings :func:`use_course_style` applies: figures wide enough for a
laptop screen, fonts readable on a projector, no box around the plot, the :data:`COLOURS`."""


def use_course_style() -> None:
    """Give every following figure the course look (size, fonts, colour-blind-safe colours).

    Call it once in a notebook's Setup cell. It changes matplotlib's defaults
    (:data:`COURSE_STYLE`) and nothing else; a figure can still set its own size or colours.

    Examples
    --------
    >>> use_course_style()
    >>> plt.rcParams["font.size"], plt.rcParams["axes.prop_cycle"].by_key()["color"][0]
    (12.0, '#0072B2')

    Used in: the Setup cell of every notebook in notebooks/ and notebooks/cases/.
    """
    mpl.rcParams.update(COURSE_STYLE)


def png(fig, dpi: int = 90, tight: bool = True) -> bytes:
    """Render a figure to PNG bytes and close it (for apps and HTML reports).

    ``tight=False`` skips the extra layout pass of ``bbox_inches="tight"`` (for figures made
    with ``layout="constrained"`` that are redrawn often).

    Examples
    --------
    >>> fig, ax = plt.subplots()
    >>> png(fig)[:4], plt.fignum_exists(fig.number)
    (b'\\x89PNG', False)
    """
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight" if tight else None)
    plt.close(fig)
    return buffer.getvalue()


def radar(frame: pd.DataFrame, *, low: float = 1, high: float = 5, title: str = "",
          ax=None, fill: bool = True, missing: str = "no answer", fontsize: float = 11,
          label_width: int | None = None, legend_below: bool = False,
          figsize: tuple[float, float] = FIGSIZE):
    """Draw each row of ``frame`` as a polygon on a radar (spider) chart.

    A missing value is not a score: the line breaks there (a gap, not a point at ``low``),
    and when the first row misses a value its axis label says ``missing``. Labels, legend
    and title are drawn as typed (never read as matplotlib mathtext, so a company name with
    ``$``, ``#`` or ``\\`` stays as it is).

    Parameters
    ----------
    frame : DataFrame
        One row per series (the legend), one column per axis (the spokes).
    low, high : float
        The range of the radial axis; rings are drawn at every whole number in between.
    title : str
        The chart title.
    ax : matplotlib polar Axes, optional
        Draw into this axes; by default a new figure of size ``figsize``.
    fill : bool
        Shade the area of the first row (when it has no gaps).
    missing : str
        Added under an axis label where the first row has no value.
    fontsize : float
        Size of the labels, ticks and legend in points (the title is 3 points larger).
    label_width : int, optional
        Wrap axis labels at this many characters (narrow figures for phones).
    legend_below : bool
        Put the legend under the chart instead of to its right (narrow screens).
    figsize : (float, float)
        The size in inches of a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> scores = pd.DataFrame({"strategy": [2.5], "culture": [None], "quality": [1.0]},
    ...                       index=["$x$ & Co"])
    >>> fig = radar(scores, title="Data maturity")
    >>> fig.axes[0].get_title(), [t.get_text() for t in fig.axes[0].get_xticklabels()]
    ('Data maturity', ['strategy', 'culture\\n(no answer)', 'quality'])

    Used in: notebooks/04_aim3_data_maturity_and_quality.ipynb, the data-maturity scan app and
    :func:`aimkit.maturity.report_html` (with :func:`aimkit.maturity.radar_scores`).
    """
    if frame.shape[1] < 3:
        raise ValueError("a radar chart needs at least three columns (axes)")
    if ax is None:
        fig, ax = plt.subplots(figsize=figsize, subplot_kw={"projection": "polar"})
    fig = ax.figure
    angles = np.linspace(0, 2 * np.pi, frame.shape[1], endpoint=False)
    closed = np.append(angles, angles[0])
    for i, (name, row) in enumerate(frame.iterrows()):
        values = row.astype(float).clip(low, high).to_numpy()
        values = np.append(values, values[0])  # NaN stays NaN: the line breaks there
        ax.plot(closed, values, linewidth=2.5 if i == 0 else 1.5,
                linestyle="-" if i == 0 else "--", marker="o", label=str(name))
        if fill and i == 0 and not np.isnan(values).any():
            ax.fill(closed, values, alpha=0.2)
    first = frame.iloc[0].isna().to_numpy()
    labels = [textwrap.fill(str(c), label_width, break_long_words=False) if label_width
              else str(c) for c in frame.columns]
    labels = [f"{label}\n({missing})" if gap else label
              for label, gap in zip(labels, first, strict=True)]
    ax.set_xticks(angles)
    ax.set_xticklabels(labels, fontsize=fontsize)
    ax.set_ylim(min(0, low), high)  # the centre is 0, so the lowest level is a ring, not a dot
    ax.set_yticks(np.arange(np.ceil(low), np.floor(high) + 1))
    ax.tick_params(axis="y", labelsize=fontsize)
    ax.set_theta_offset(np.pi / 2)
    ax.set_theta_direction(-1)
    ax.set_rlabel_position(180 / frame.shape[1])  # ring numbers between two spokes
    if title:
        ax.set_title(title, fontsize=fontsize + 3, pad=36)
    if len(frame) > 1:
        where = (dict(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=1) if legend_below
                 else dict(loc="upper left", bbox_to_anchor=(1.05, 1.05)))
        ax.legend(fontsize=fontsize, **where)
    for text in fig.findobj(mpl.text.Text):
        text.set_parse_math(False)  # names as typed: "$x$", "#1" and "\" are not mathtext
    fig.tight_layout()
    return fig


def k_choice(table: pd.DataFrame, *, title: str | None = None):
    """Elbow (inertia) and silhouette score against k, side by side.

    Parameters
    ----------
    table : DataFrame
        From :func:`aimkit.segment.choose_k`: indexed by k, ``inertia`` and ``silhouette``.
    title : str, optional
        The figure title; by default "Choosing the number of clusters k".

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> table = pd.DataFrame({"inertia": [90.0, 40.0, 30.0], "silhouette": [0.5, 0.6, 0.4]},
    ...                      index=pd.Index([2, 3, 4], name="k"))
    >>> [ax.get_ylabel() for ax in k_choice(table).axes]
    ['inertia (within-cluster sum of squares)', 'silhouette score (-1 … 1)']

    Used in: notebooks/cases/10_kinnarps_b2b_clustering.ipynb,
    notebooks/cases/14_annapops_rfmt_behaviour.ipynb
    """
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 5))
    left.plot(table.index, table["inertia"], marker="o", linewidth=2)
    left.set_ylabel(_say("inertia"))
    right.plot(table.index, table["silhouette"], marker="o", linewidth=2, color=COLOURS[2])
    right.set_ylabel(_say("silhouette"))
    for ax, name in ((left, _say("elbow_title")), (right, _say("silhouette_title"))):
        ax.set_xlabel(_say("k"))
        ax.set_xticks(list(table.index))
        ax.set_title(name, fontsize=12)
        ax.grid(alpha=0.3)
    fig.suptitle(_say("k_title") if title is None else title, fontsize=14)
    fig.tight_layout()
    return fig


def label_mix(shares: pd.DataFrame, *, title: str = "", xlabel: str | None = None,
              ax=None):
    """Stacked bars: the mix of an existing label (columns) within each cluster (rows).

    Parameters
    ----------
    shares : DataFrame
        From :func:`aimkit.segment.compare_labels` (rows sum to 1).
    title, xlabel : str
        Title and x-axis label.
    ax : matplotlib Axes, optional
        Draw into this axes; by default a new (9, 5.5) figure.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> shares = pd.DataFrame({"A": [0.2, 1.0], "D": [0.8, 0.0]}, index=["1", "2"])
    >>> fig = label_mix(shares, title="Potential code per cluster")
    >>> fig.axes[0].get_ylabel()
    'share of the cluster (%)'

    Used in: notebooks/cases/10_kinnarps_b2b_clustering.ipynb
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 5.5))
    percent = shares * 100
    bottom = np.zeros(len(percent))
    for column in percent.columns:
        values = percent[column].to_numpy()
        bars = ax.bar([str(i) for i in percent.index], values, bottom=bottom, label=str(column))
        for bar, value, low in zip(bars, values, bottom, strict=True):
            if value >= 6:
                ax.text(bar.get_x() + bar.get_width() / 2, low + value / 2, f"{value:.0f}%",
                        ha="center", va="center", fontsize=10, color="white")
        bottom += values
    ax.set_ylabel(_say("cluster_share"))
    ax.set_xlabel(_say("cluster") if xlabel is None else xlabel)
    ax.set_ylim(0, 100)
    ax.legend(title=shares.columns.name, bbox_to_anchor=(1.02, 1), loc="upper left")
    if title:
        ax.set_title(title, fontsize=14)
    ax.figure.tight_layout()
    return ax.figure


def clusters_3d(frame: pd.DataFrame, x: str, y: str, z: str, clusters: pd.Series, *,
                title: str = "", log: bool = False):
    """3D scatter of customers on three features, coloured by cluster.

    Parameters
    ----------
    frame : DataFrame
        One row per customer with the columns ``x``, ``y`` and ``z``.
    clusters : Series
        The cluster of each row (aligned on the index).
    title : str
        The figure title.
    log : bool
        Plot ``log10`` of the values (for skewed money and counts).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> data = pd.DataFrame({"a": [1.0, 2.0, 9.0], "b": [1.0, 1.5, 8.0], "c": [2.0, 2.0, 7.0]})
    >>> fig = clusters_3d(data, "a", "b", "c", pd.Series(["1", "1", "2"]))
    >>> fig.axes[0].name
    '3d'

    Used in: notebooks/cases/10_kinnarps_b2b_clustering.ipynb
    """
    fig = plt.figure(figsize=(9, 7))
    ax = fig.add_subplot(projection="3d")
    clusters = pd.Series(clusters, index=frame.index)
    names = clusters.cat.categories if isinstance(clusters.dtype, pd.CategoricalDtype) \
        else sorted(clusters.unique())
    prefix = "log10 " if log else ""
    for name in names:
        part = frame[clusters == name]
        values = [np.log10(part[c].clip(lower=1)) if log else part[c] for c in (x, y, z)]
        ax.scatter(*values, s=30, alpha=0.75, label=f"{name} ({len(part)})")
    ax.set_xlabel(prefix + x)
    ax.set_ylabel(prefix + y)
    ax.set_zlabel(prefix + z)
    ax.legend(title=_say("cluster_customers"), loc="upper left")
    if title:
        ax.set_title(title, fontsize=14)
    return fig


def transition_network(counts: pd.Series, links: pd.Series, *, flagged: pd.Series | None = None,
                       positions: dict | None = None, title: str = "",
                       link_colours: dict | None = None, flag_note: str | None = None):
    """Groups as circles sized by their count, with the number of customers on each link.

    Parameters
    ----------
    counts : Series
        Customers per group (the circles), e.g. behaviour groups.
    links : Series
        Customers per ``(from, to)`` pair (a two-level index); drawn as arrows labelled
        with the count. Pairs whose ends are not both circles are skipped.
    flagged : Series, optional
        Per group, the number of priority-flagged customers, shown under the count (⚠ n).
    positions : dict, optional
        ``{group: (x, y)}`` in a 0–1 square; by default the groups sit on a circle.
    title : str
        The figure title.
    link_colours : dict, optional
        ``{target group: colour}``: a link takes the colour of the group it leads to (e.g.
        red for decline, green for growth); other links are grey.
    flag_note : str, optional
        What the ⚠ mark means, shown as a legend (e.g. "⚠ priority: dropped two levels").

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> counts = pd.Series({"Top": 356, "Needs attention": 813, "Growing": 15})
    >>> links = pd.Series({("Top", "Needs attention"): 451})
    >>> fig = transition_network(counts, links, flagged=pd.Series({"Needs attention": 140}))
    >>> [t.get_text() for t in fig.axes[0].texts if t.get_text()][:2]
    ['451', 'Top\\n356']

    Used in: notebooks/cases/14_annapops_rfmt_behaviour.ipynb
    """
    fig, ax = plt.subplots(figsize=(10, 8))
    groups = list(counts.index)
    if positions is None:
        angles = np.linspace(np.pi / 2, np.pi / 2 - 2 * np.pi, len(groups), endpoint=False)
        positions = {g: (0.5 + 0.36 * np.cos(a), 0.5 + 0.36 * np.sin(a))
                     for g, a in zip(groups, angles, strict=True)}
    biggest = max(float(counts.max()), 1.0)
    radius = {g: 0.03 + 0.11 * np.sqrt(counts[g] / biggest) for g in groups}
    for (source, target), n in links.items():
        if source not in positions or target not in positions or n == 0:
            continue
        (x0, y0), (x1, y1) = positions[source], positions[target]
        d = np.hypot(x1 - x0, y1 - y0)
        ux, uy = (x1 - x0) / d, (y1 - y0) / d
        start = (x0 + ux * radius[source], y0 + uy * radius[source])
        end = (x1 - ux * radius[target], y1 - uy * radius[target])
        ax.annotate("", xy=end, xytext=start,
                    arrowprops={"arrowstyle": "-|>", "lw": 1 + 4 * n / biggest,
                                "color": (link_colours or {}).get(target, "0.45"),
                                "shrinkA": 0, "shrinkB": 0})
        # the count sits 40 % along the arrow, so crossing arrows keep their labels apart
        ax.text(start[0] + 0.4 * (end[0] - start[0]) - uy * 0.025,
                start[1] + 0.4 * (end[1] - start[1]) + ux * 0.025, str(n),
                ha="center", va="center", fontsize=12, fontweight="bold",
                bbox={"boxstyle": "round", "fc": "white", "ec": "none", "alpha": 0.8})
    for i, g in enumerate(groups):
        x, y = positions[g]
        ax.add_patch(plt.Circle((x, y), radius[g], color=COLOURS[i % len(COLOURS)], alpha=0.85))
        label = f"{g}\n{counts[g]}"
        if flagged is not None and flagged.get(g, 0):
            label += f"\n⚠ {flagged[g]}"
        ax.text(x, y, label, ha="center", va="center", fontsize=11, fontweight="bold")
    if flag_note:
        ax.legend(handles=[mpatches.Patch(color="none", label=flag_note)], loc="lower left",
                  handlelength=0, frameon=True)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_aspect("equal")
    ax.axis("off")
    if title:
        ax.set_title(title, fontsize=14)
    fig.tight_layout()
    return fig


def treemap(sizes: pd.Series, *, title: str = "", highlight=(), ax=None):
    """Draw counts as a treemap: one rectangle per label, its area proportional to the count.

    Each rectangle is labelled with its name, count and share, or with its name and share on
    one line when three lines do not fit. A rectangle too small for either gets no text
    inside: its name, count and share go in a legend beside the map, so no label overlaps
    another or leaves its rectangle. Rectangles named in ``highlight`` are drawn in strong
    colours, the others in greys, so the groups a campaign targets stand out (the e-book
    draws its RFM segments like this).

    Parameters
    ----------
    sizes : Series
        Count per label (e.g. ``segments.value_counts()``); zero counts are left out.
    title : str
        The chart title.
    highlight : sequence of str
        Labels to draw in colour.
    ax : matplotlib Axes, optional
        Draw into this axes; by default a new figure of size (12, 7).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = treemap(pd.Series({"At Risk": 12, "Champions": 30, "Lost": 958}),
    ...               highlight=["At Risk"])
    >>> len(fig.axes[0].patches)
    3
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]  # too small inside
    ['Champions: 30 (3.0%)', 'At Risk: 12 (1.2%)']

    Used in: notebooks/cases/16_earnieland_reactivation.ipynb
    """
    import squarify

    sizes = sizes[sizes > 0].sort_values(ascending=False)
    if ax is None:
        fig, ax = plt.subplots(figsize=(12, 7))
    else:
        fig = ax.figure
    colours = [COLOURS[i % len(COLOURS)] if name in set(highlight) else
               plt.get_cmap("Greys")(0.25 + 0.4 * i / max(len(sizes), 1))
               for i, name in enumerate(sizes.index)]
    shares = sizes / sizes.sum()
    ax.set(xlim=(0, 100), ylim=(0, 100))
    ax.axis("off")
    if title:
        ax.set_title(title, fontsize=14)
    rects = squarify.squarify(squarify.normalize_sizes(sizes.to_numpy(), 100, 100), 0, 0, 100, 100)
    tiles = []
    for name, count, share, rect, colour in zip(sizes.index, sizes.to_numpy(), shares.to_numpy(),
                                                rects, colours, strict=True):
        patch = ax.add_patch(mpatches.Rectangle((rect["x"], rect["y"]), rect["dx"], rect["dy"],
                                                facecolor=colour, edgecolor="white", linewidth=2))
        count, share = _number(count), _percent(share, 1)
        labels = [f"{name}\n{count}\n{share}", f"{name} {share}"]
        tiles.append((patch, labels, f"{name}: {count} ({share})"))
    # label inside where it fits; a legend beside the map takes the rest, which shrinks the
    # map, so check again until no label moves
    inside = {id(patch): labels for patch, labels, _ in tiles}
    while True:
        for text in list(ax.texts):
            text.remove()
        beside = [(patch, entry) for patch, _, entry in tiles if not inside[id(patch)]]
        if beside:
            ax.legend([patch for patch, _ in beside], [entry for _, entry in beside],
                      title=_say("too_small"), loc="upper left", bbox_to_anchor=(1.01, 1),
                      frameon=False, fontsize=10)
        fig.tight_layout()
        renderer = fig.canvas.get_renderer()
        moved = False
        for patch, _, _ in tiles:
            room = patch.get_window_extent(renderer).padded(-3)
            while inside[id(patch)]:
                x, y = patch.get_x() + patch.get_width() / 2, patch.get_y() + patch.get_height() / 2
                text = ax.text(x, y, inside[id(patch)][0], ha="center", va="center", fontsize=10)
                box = text.get_window_extent(renderer)
                if (room.x0 <= box.x0 and box.x1 <= room.x1 and room.y0 <= box.y0
                        and box.y1 <= room.y1):
                    break
                text.remove()
                inside[id(patch)] = inside[id(patch)][1:]
                moved = moved or not inside[id(patch)]
        if not moved:
            return fig


def confusion(table: pd.DataFrame, title: str | None = None, ax=None):
    """Draw a confusion table as a heat map with the counts written in the cells.

    Parameters
    ----------
    table : DataFrame
        From :func:`aimkit.predict.confusion_table`: counts per actual (rows) and predicted
        (columns) label, plus ``% correct`` per row (shown next to the row's name).
    title : str, optional
        The chart title; by default "What the model predicted vs what happened".
    ax : matplotlib Axes, optional
        Draw into this axes; by default a new (10, 6) figure.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> table = pd.DataFrame({"predicted: a": [1, 0], "predicted: b": [1, 2],
    ...                       "% correct": [50.0, 100.0]}, index=["actual: a", "actual: b"])
    >>> fig = confusion(table)
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['1', '1', '0', '2']

    Used in: notebooks/cases/11_trailfinders_rebooking.ipynb
    """
    counts = table.drop(columns="% correct")
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 6))
    image = ax.imshow(counts.to_numpy(), cmap="Blues")
    ax.set_xticks(range(counts.shape[1]), counts.columns, rotation=20, ha="right")
    rows = zip(counts.index, table["% correct"], strict=True)
    ax.set_yticks(range(counts.shape[0]), [_say("right_share", row=r, share=p) for r, p in rows])
    high = counts.to_numpy().max() / 2
    for (i, j), value in np.ndenumerate(counts.to_numpy()):
        ax.text(j, i, _number(value), ha="center", va="center", fontsize=13,
                color="white" if value > high else "black")
    ax.set_title(_say("confusion_title") if title is None else title)
    ax.set_xlabel(_say("predicted"))
    ax.set_ylabel(_say("actual"))
    ax.figure.colorbar(image, ax=ax, label=_say("rows"), fraction=0.04, pad=0.03)
    ax.figure.tight_layout()
    return ax.figure


def importance(table: pd.DataFrame, title: str | None = None, xlabel: str | None = None,
               ax=None):
    """Horizontal bars of a feature-importance table, the most important on top.

    Parameters
    ----------
    table : DataFrame
        From :func:`aimkit.predict.feature_importance`: indexed by feature, ``importance``
        (the bar) and ``std`` (the error bar), largest first.
    title, xlabel : str, optional
        Title and x-axis label (name the score, e.g. "drop in AUC …"); by default "What the
        model relies on" and "drop in score when the column is shuffled".
    ax : matplotlib Axes, optional
        Draw into this axes; by default a new figure, taller for more features.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> table = pd.DataFrame({"importance": [0.2, 0.05], "std": [0.01, 0.01]}, index=["a", "b"])
    >>> [label.get_text() for label in importance(table).axes[0].get_yticklabels()]
    ['b', 'a']

    Used in: notebooks/cases/11_trailfinders_rebooking.ipynb,
    notebooks/cases/17_energy_churn_offers.ipynb, notebooks/cases/18_returns_risk_explained.ipynb
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(9, max(5, 0.45 * len(table))))
    ordered = table.iloc[::-1]
    ax.barh(ordered.index.astype(str), ordered["importance"], xerr=ordered["std"],
            color=COLOURS[0])
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_title(_say("importance_title") if title is None else title)
    ax.set_xlabel(_say("importance_axis") if xlabel is None else xlabel)
    ax.figure.tight_layout()
    return ax.figure


def _cloud(weights: pd.Series, seed: int, colormap: str, width: int, height: int):
    """Lay out a word cloud (``wordcloud`` with its bundled font, so it works offline)."""
    from wordcloud import WordCloud

    frequencies = {str(w): float(v) for w, v in weights.items() if v > 0}
    cloud = WordCloud(width=width, height=height, background_color="white", colormap=colormap,
                      random_state=seed, prefer_horizontal=0.9)
    return cloud.generate_from_frequencies(frequencies)


def word_cloud(weights: pd.Series, ax=None, title: str | None = None, seed: int = 0,
               colormap: str = "viridis", width: int = 800, height: int = 500):
    """Draw a word cloud: each word's size in proportion to its weight.

    Parameters
    ----------
    weights : Series
        Weight of each word (index = words), e.g. one segment of
        :func:`aimkit.text.top_words`; words with weight 0 or less are left out.
    ax : matplotlib Axes, optional
        Where to draw; by default a new (8, 5) figure.
    title : str, optional
        Axes title.
    seed : int
        Layout seed, for the same picture every run.
    colormap, width, height
        Look and resolution of the image.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = word_cloud(pd.Series({"infodag": 3.0, "studieprogramma": 2.0, "aalst": 1.0}),
    ...                  title="Segment 1")
    >>> fig.axes[0].get_title(), fig.axes[0].images[0].get_array().shape
    ('Segment 1', (500, 800, 3))

    Used in: notebooks/cases/15_odisee_web_segments.ipynb
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 5))
    ax.imshow(_cloud(weights, seed, colormap, width, height).to_array(),
              interpolation="bilinear")
    ax.set_axis_off()
    if title:
        ax.set_title(title)
    return ax.figure


def _term(years) -> str:
    return _say("variable_term") if not years else _say("fixed_term", years=int(years))


def _stars(value) -> str:
    if value is None or pd.isna(value):
        return _say("not_asked")
    return "★" * int(value) + "☆" * (5 - int(value))


def call_centre_card(customer: pd.Series, current: dict, offers: pd.DataFrame, *,
                     title: str | None = None):
    """Draw the call-centre card for one customer: what they pay now and the top offers.

    The e-book's card (p. 77) shows the current contract and the offered ones (fixed fee and
    variable price), the yearly cost and the saving, the customer's feedback (importance of
    price and of peace of mind, in stars) and a competitor they mentioned. Each offer also
    shows the criterion that ranks the offers, the expected margin over the next year, so the
    agent sees why an offer with a smaller saving can come first.

    Parameters
    ----------
    customer : Series
        Needs ``yearly_kwh``, ``energy``, ``churn_probability``, ``clv``,
        ``price_importance``, ``peace_of_mind_importance`` and ``competitor_mentioned``;
        its name is the customer number.
    current : dict
        ``product``, ``term_years`` (0 = variable), ``fixed`` (€/year), ``variable``
        (c€/kWh) and ``yearly_cost`` (€).
    offers : DataFrame
        Up to three rows, best first: ``product``, ``term_years``, ``fixed``, ``variable``,
        ``yearly_cost``, ``accept_probability`` and ``expected_margin`` (€ over the next year).
    title : str, optional
        Card title.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> customer = pd.Series({"yearly_kwh": 3500.0, "energy": "electricity",
    ...     "churn_probability": 0.4, "clv": 900.0, "price_importance": 5.0,
    ...     "peace_of_mind_importance": 2.0, "competitor_mentioned": "Mega"}, name="C0000001")
    >>> current = {"product": "Variabel Classic", "term_years": 0, "fixed": 45.0,
    ...            "variable": 11.9, "yearly_cost": 461.5}
    >>> offers = pd.DataFrame({"product": ["Vast 1 jaar"], "term_years": [1], "fixed": [57.99],
    ...                        "variable": [9.6], "yearly_cost": [393.99],
    ...                        "accept_probability": [0.45], "expected_margin": [88.0]})
    >>> card = call_centre_card(customer, current, offers)
    >>> texts = [t.get_text() for t in card.axes[0].texts]
    >>> "Saving €67.51" in texts, "Expected margin €88" in texts
    (True, True)
    >>> i18n.use_language("nl")
    >>> texts = [t.get_text() for t in call_centre_card(customer, current, offers).axes[0].texts]
    >>> "Besparing € 67,51" in texts, "Kans op aanvaarden 45 %" in texts
    (True, True)
    >>> i18n.use_language("en")

    Used in: notebooks/cases/17_energy_churn_offers.ipynb
    """
    fig, ax = plt.subplots(figsize=(12, 6.5))
    ax.set_axis_off()
    ax.set_xlim(0, 12)
    ax.set_ylim(0, 6.5)
    head = title or _say("card_title", customer=customer.name)
    ax.text(0.2, 6.15, head, fontsize=16, weight="bold")
    ax.text(0.2, 5.7, _say("card_line", energy=customer["energy"], kwh=customer["yearly_kwh"],
                           churn=_percent(customer["churn_probability"]),
                           clv=_money(customer["clv"], 0)), fontsize=12)

    def box(x, heading, lines, colour):
        ax.add_patch(plt.Rectangle((x, 1.75), 2.75, 3.65, facecolor=colour, edgecolor="grey"))
        ax.text(x + 0.12, 5.05, heading, fontsize=12, weight="bold")
        for i, line in enumerate(lines):
            ax.text(x + 0.12, 4.62 - 0.4 * i, line, fontsize=10.5)

    def contract(terms) -> list[str]:
        return [terms["product"], _term(terms["term_years"]),
                _say("fixed", amount=_money(terms["fixed"])),
                _say("variable", price=terms["variable"]),
                _say("yearly", amount=_money(terms["yearly_cost"]))]

    box(0.2, _say("current"), contract(current), "#eeeeee")
    for i, (_, offer) in enumerate(offers.head(3).iterrows()):
        saving = current["yearly_cost"] - offer["yearly_cost"]
        box(3.1 + 2.95 * i, _say("offer", number=i + 1),
            contract(offer) + [_say("saving", amount=_money(saving)),
                               _say("accept", chance=_percent(offer["accept_probability"])),
                               _say("margin", amount=_money(offer["expected_margin"], 0))],
            "#dcebf7" if i == 0 else "#f2f7fb")
    ax.text(0.2, 1.35, _say("feedback"), fontsize=12, weight="bold")
    for y, label, column in ((0.95, "price_importance", "price_importance"),
                             (0.55, "peace_importance", "peace_of_mind_importance")):
        ax.text(0.2, y, _say(label), fontsize=12)
        ax.text(3.2, y, _stars(customer[column]), fontsize=12)
    competitor = customer["competitor_mentioned"]
    named = competitor if isinstance(competitor, str) and competitor else _say("no_competitor")
    ax.text(6.2, 0.95, _say("competitor", name=named), fontsize=12)
    ax.text(6.2, 0.55, _say("ranked"), fontsize=11, style="italic")
    fig.tight_layout()
    return fig
