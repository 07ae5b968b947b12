"""The course's shared look: big, readable figures for notebooks, apps and reports.

Each function draws one kind of figure and returns the matplotlib ``Figure`` so the caller can
show it, save it or embed it in an HTML report. Functions never call ``plt.show()``.

Examples
--------
>>> import pandas as pd
>>> from aimkit import plots
>>> fig = plots.radar(pd.DataFrame({"a": [1, 3], "b": [2, 4], "c": [5, 1]}, index=["x", "y"]))
>>> len(fig.axes)
1

Used in: notebooks/cases/10_kinnarps_b2b_clustering.ipynb,
notebooks/cases/14_annapops_rfmt_behaviour.ipynb and
notebooks/cases/16_earnieland_reactivation.ipynb.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

FIGSIZE = (8, 6)


def radar(frame: pd.DataFrame, *, low: float = 1, high: float = 5, title: str = "",
          ax=None, fill: bool = True):
    """Draw each row of ``frame`` as a polygon on a radar (spider) chart.

    Parameters
    ----------
    frame : DataFrame
        One row per series (the legend), one column per axis (the spokes); missing values are
        drawn at ``low``.
    low, high : float
        The range of the radial axis; rings are drawn at every whole number in between.
    title : str
        The chart title.
    ax : matplotlib polar Axes, optional
        Draw into this axes; by default a new figure of size (8, 6).
    fill : bool
        Shade the area of the first row.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> scores = pd.DataFrame({"strategy": [2.5], "culture": [4.0], "quality": [1.0]},
    ...                       index=["You"])
    >>> fig = radar(scores, title="Data maturity")
    >>> fig.axes[0].get_title()
    'Data maturity'

    Used in: notebooks/04_aim3_data_maturity_and_quality.ipynb and the data-maturity scan app
    (through :func:`aimkit.maturity.radar`).
    """
    if frame.shape[1] < 3:
        raise ValueError("a radar chart needs at least three columns (axes)")
    if ax is None:
        fig, ax = plt.subplots(figsize=FIGSIZE, subplot_kw={"projection": "polar"})
    fig = ax.figure
    angles = np.linspace(0, 2 * np.pi, frame.shape[1], endpoint=False)
    closed = np.append(angles, angles[0])
    for i, (name, row) in enumerate(frame.iterrows()):
        values = row.astype(float).fillna(low).clip(low, high).to_numpy()
        values = np.append(values, values[0])
        ax.plot(closed, values, linewidth=2.5 if i == 0 else 1.5,
                linestyle="-" if i == 0 else "--", marker="o", label=str(name))
        if fill and i == 0:
            ax.fill(closed, values, alpha=0.2)
    ax.set_xticks(angles)
    ax.set_xticklabels([str(c) for c in frame.columns], fontsize=11)
    ax.set_ylim(min(0, low), high)  # the centre is 0, so the lowest level is a ring, not a dot
    ax.set_yticks(np.arange(np.ceil(low), np.floor(high) + 1))
    ax.set_theta_offset(np.pi / 2)
    ax.set_theta_direction(-1)
    if title:
        ax.set_title(title, fontsize=14, pad=36)
    if len(frame) > 1:
        ax.legend(loc="upper left", bbox_to_anchor=(1.05, 1.05), fontsize=10)
    fig.tight_layout()
    return fig


def k_choice(table: pd.DataFrame, *, title: str = "Choosing the number of clusters k"):
    """Elbow (inertia) and silhouette score against k, side by side.

    Parameters
    ----------
    table : DataFrame
        From :func:`aimkit.segment.choose_k`: indexed by k, ``inertia`` and ``silhouette``.
    title : str
        The figure title.

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
    left.set_ylabel("inertia (within-cluster sum of squares)")
    right.plot(table.index, table["silhouette"], marker="o", linewidth=2, color="tab:green")
    right.set_ylabel("silhouette score (-1 … 1)")
    for ax, name in ((left, "Elbow: where the curve flattens"),
                     (right, "Silhouette: higher is better separated")):
        ax.set_xlabel("number of clusters k")
        ax.set_xticks(list(table.index))
        ax.set_title(name, fontsize=12)
        ax.grid(alpha=0.3)
    fig.suptitle(title, fontsize=14)
    fig.tight_layout()
    return fig


def label_mix(shares: pd.DataFrame, *, title: str = "", xlabel: str = "cluster",
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
    ax.set_ylabel("share of the cluster (%)")
    ax.set_xlabel(xlabel)
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
    ax.legend(title="cluster (customers)", loc="upper left")
    if title:
        ax.set_title(title, fontsize=14)
    return fig


def transition_network(counts: pd.Series, links: pd.Series, *, flagged: pd.Series | None = None,
                       positions: dict | None = None, title: str = ""):
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
    colours = plt.get_cmap("tab10")
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
                                "color": "0.45", "shrinkA": 0, "shrinkB": 0})
        # the count sits 40 % along the arrow, so crossing arrows keep their labels apart
        ax.text(start[0] + 0.4 * (end[0] - start[0]) - uy * 0.025,
                start[1] + 0.4 * (end[1] - start[1]) + ux * 0.025, str(n),
                ha="center", va="center", fontsize=12, fontweight="bold",
                bbox={"boxstyle": "round", "fc": "white", "ec": "none", "alpha": 0.8})
    for i, g in enumerate(groups):
        x, y = positions[g]
        ax.add_patch(plt.Circle((x, y), radius[g], color=colours(i % 10), alpha=0.85))
        label = f"{g}\n{counts[g]}"
        if flagged is not None and flagged.get(g, 0):
            label += f"\n⚠ {flagged[g]}"
        ax.text(x, y, label, ha="center", va="center", fontsize=11, fontweight="bold")
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

    Each rectangle is labelled with its name, count and share. Rectangles named in
    ``highlight`` are drawn in strong colours, the others in greys, so the groups a campaign
    targets stand out (the e-book draws its RFM segments like this).

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
    >>> fig = treemap(pd.Series({"At Risk": 12, "Champions": 30, "Lost": 58}),
    ...               highlight=["At Risk"])
    >>> len(fig.axes[0].patches)
    3
    """
    import squarify

    sizes = sizes[sizes > 0].sort_values(ascending=False)
    if ax is None:
        fig, ax = plt.subplots(figsize=(12, 7))
    else:
        fig = ax.figure
    strong = plt.get_cmap("tab10")
    colours = [strong(i % 10) if name in set(highlight) else
               plt.get_cmap("Greys")(0.25 + 0.4 * i / max(len(sizes), 1))
               for i, name in enumerate(sizes.index)]
    shares = sizes / sizes.sum()
    labels = [f"{name}\n{count:,}\n{share:.1%}" if share >= 0.02 else f"{name} {share:.1%}"
              if share >= 0.004 else "" for name, count, share in
              zip(sizes.index, sizes.to_numpy(), shares.to_numpy(), strict=True)]
    squarify.plot(sizes=sizes.to_numpy(), label=labels, color=colours, ax=ax, pad=False,
                  text_kwargs={"fontsize": 10}, edgecolor="white", linewidth=2)
    ax.axis("off")
    if title:
        ax.set_title(title, fontsize=14)
    fig.tight_layout()
    return fig
