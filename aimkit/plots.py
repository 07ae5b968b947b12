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
        ax.set_title(title, fontsize=14, pad=24)
    if len(frame) > 1:
        ax.legend(loc="upper left", bbox_to_anchor=(1.05, 1.05), fontsize=10)
    fig.tight_layout()
    return fig
