"""aimkit.plots: every figure draws, says what it was given and closes; the one home for figures."""

import ast
import re
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from aimkit import plots  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PLOTTING_HOME = {"aimkit/plots.py", "aimkit/apps/_ui.py", "aimkit/apps/_scatter.py"}


@pytest.fixture(autouse=True)
def no_figure_left_open():
    before = set(plt.get_fignums())
    yield
    assert set(plt.get_fignums()) == before


def closed(fig) -> Figure:
    """Check ``fig`` is a Figure that renders, then close it (through plots.png)."""
    assert isinstance(fig, Figure)
    assert plots.png(fig)[:4] == b"\x89PNG"
    assert not plt.fignum_exists(fig.number)
    return fig


def texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


# ------------------------------------------------------------------------------ style
def test_course_style_sets_size_fonts_and_a_colour_blind_safe_cycle():
    with plt.rc_context():
        plots.use_course_style()
        assert tuple(plt.rcParams["figure.figsize"]) == plots.COURSE_STYLE["figure.figsize"]
        assert plt.rcParams["font.size"] == 12
        cycle = plt.rcParams["axes.prop_cycle"].by_key()["color"]
        assert cycle == list(plots.COLOURS) and len(set(cycle)) == len(cycle)
        fig, ax = plt.subplots()
        line, = ax.plot([0, 1])
        assert line.get_color() == plots.COLOURS[0]
        assert tuple(fig.get_size_inches()) == plots.COURSE_STYLE["figure.figsize"]
        closed(fig)


def test_png_renders_and_closes():
    fig, ax = plt.subplots()
    data = plots.png(fig, dpi=50)
    assert data[:4] == b"\x89PNG" and not plt.fignum_exists(fig.number)
    fig, ax = plt.subplots(layout="constrained")
    assert plots.png(fig, tight=False)[:4] == b"\x89PNG"


# ---------------------------------------------------------------------------- figures
def test_radar_draws_each_row_as_a_closed_polygon():
    frame = pd.DataFrame({"a": [3.0, 1.0], "b": [4.0, np.nan], "c": [6.0, 2.0]},
                         index=["You", "Kinnarps"])
    fig = plots.radar(frame, title="Data maturity")
    ax = fig.axes[0]
    assert ax.get_title() == "Data maturity"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["You", "Kinnarps"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b", "c"]
    you, case = ax.get_lines()
    assert list(you.get_ydata()) == [3.0, 4.0, 5.0, 3.0]  # clipped at high, closed
    assert np.isnan(case.get_ydata()[1])  # missing: a gap, not a point at low
    assert list(case.get_ydata()[[0, 2, 3]]) == [1.0, 2.0, 1.0]
    closed(fig)
    with pytest.raises(ValueError, match="three columns"):
        plots.radar(frame[["a", "b"]])


def test_k_choice_plots_inertia_and_silhouette_against_k():
    table = pd.DataFrame({"inertia": [90.0, 40.0, 30.0], "silhouette": [0.5, 0.6, 0.4]},
                         index=pd.Index([2, 3, 4], name="k"))
    fig = plots.k_choice(table, title="Choose k")
    left, right = fig.axes
    assert fig.get_suptitle() == "Choose k"
    assert list(left.get_lines()[0].get_ydata()) == [90.0, 40.0, 30.0]
    assert list(right.get_lines()[0].get_xdata()) == [2, 3, 4]
    closed(fig)


def test_label_mix_stacks_to_one_hundred_percent():
    shares = pd.DataFrame({"A": [0.2, 1.0], "D": [0.8, 0.0]}, index=["1", "2"])
    fig = plots.label_mix(shares, title="Potential code", xlabel="cluster")
    ax = fig.axes[0]
    heights = np.array([p.get_height() for p in ax.patches]).reshape(2, 2)  # label × cluster
    assert heights.sum(axis=0) == pytest.approx([100, 100])
    assert texts(ax) == ["20%", "100%", "80%"]  # shares under 6 % are not written
    assert ax.get_title() == "Potential code" and ax.get_xlabel() == "cluster"
    closed(fig)


def test_clusters_3d_counts_each_cluster_in_the_legend():
    data = pd.DataFrame({"a": [1.0, 2.0, 900.0], "b": [1.0, 1.5, 8.0], "c": [2.0, 2.0, 7.0]})
    fig = plots.clusters_3d(data, "a", "b", "c", pd.Series(["1", "1", "2"]), log=True,
                            title="Clusters")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["1 (2)", "2 (1)"]
    assert ax.get_xlabel() == "log10 a" and ax.get_title() == "Clusters"
    closed(fig)


def test_transition_network_labels_groups_links_and_flags():
    counts = pd.Series({"Top": 356, "Needs attention": 813, "Growing": 15})
    links = pd.Series({("Top", "Needs attention"): 451, ("Top", "Gone"): 9,
                       ("Growing", "Top"): 0})
    fig = plots.transition_network(counts, links, flagged=pd.Series({"Needs attention": 140}),
                                   title="Moves")
    ax = fig.axes[0]
    assert "451" in texts(ax) and "9" not in texts(ax)  # a link to a group not drawn is skipped
    assert "Needs attention\n813\n⚠ 140" in texts(ax) and "Growing\n15" in texts(ax)
    radii = {round(p.get_radius(), 6) for p in ax.patches if hasattr(p, "get_radius")}
    assert len(radii) == 3  # circle size follows the count
    assert ax.get_title() == "Moves"
    closed(fig)


def test_treemap_areas_are_proportional_to_the_sizes():
    sizes = pd.Series({"At Risk": 12, "Champions": 30, "Lost": 58, "Empty": 0})
    fig = plots.treemap(sizes, title="Segments", highlight=["At Risk"])
    ax = fig.axes[0]
    areas = np.array([p.get_width() * p.get_height() for p in ax.patches])
    assert len(areas) == 3  # zero counts are left out
    assert areas / areas.sum() == pytest.approx([0.58, 0.30, 0.12])  # largest first
    colours = [p.get_facecolor() for p in ax.patches]
    assert matplotlib.colors.to_hex(colours[2]) == plots.COLOURS[2].lower()  # highlighted
    assert len(set(colours)) == 3 and ax.get_title() == "Segments"
    assert "Lost\n58\n58.0%" in texts(ax)
    closed(fig)


@pytest.mark.parametrize("figsize", [(12, 7), (6, 4)])
def test_treemap_labels_never_overlap_and_stay_in_the_figure(figsize):
    sizes = pd.Series({"Loyal Customers": 302, "Champions": 188, "At Risk": 193, "Lost": 177,
                       "Hibernating": 152, "Potential Loyalists": 142, "About To Sleep": 84,
                       "Need Attention": 58, "Promising": 27, "Can't Lose": 9,
                       "New Customers": 21})
    fig, ax = plt.subplots(figsize=figsize)
    plots.treemap(sizes, title="Earnieland RFM segments", highlight=["At Risk", "Can't Lose"],
                  ax=ax)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    legend = ax.get_legend()
    beside = [*legend.get_texts(), legend.get_title()] if legend else []
    shown = [t for t in [*ax.texts, *beside, ax.title] if t.get_text()]
    boxes = [t.get_window_extent(renderer) for t in shown]
    for i, box in enumerate(boxes):
        assert fig.bbox.contains(box.x0, box.y0) and fig.bbox.contains(box.x1, box.y1), \
            shown[i].get_text()
        for j in range(i):
            assert not box.overlaps(boxes[j]), (shown[i].get_text(), shown[j].get_text())
    # every label sits inside its own rectangle; every segment is named once, in it or beside
    for text in ax.texts:
        x, y = text.get_position()
        tile = next(p for p in ax.patches if p.contains_point(ax.transData.transform((x, y))))
        assert tile.get_window_extent(renderer).contains(*text.get_window_extent(renderer).min)
    named = [t.get_text().split("\n")[0] if "\n" in t.get_text()
             else t.get_text().rsplit(" ", 1)[0] for t in ax.texts]
    named += [t.get_text().split(":")[0] for t in beside[:-1]]
    assert sorted(named) == sorted(sizes.index)
    if figsize == (6, 4):  # a small figure has no room inside for the smallest segment
        assert "Can't Lose: 9 (0.7%)" in [t.get_text() for t in beside]
    closed(fig)


def test_confusion_writes_the_counts_and_the_share_right():
    table = pd.DataFrame({"predicted: a": [1, 0], "predicted: b": [3, 2],
                          "% correct": [25.0, 100.0]}, index=["actual: a", "actual: b"])
    fig = plots.confusion(table, title="Test bookings")
    ax = fig.axes[0]
    assert texts(ax) == ["1", "3", "0", "2"]
    assert [t.get_color() for t in ax.texts] == ["black", "white", "black", "white"]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "actual: a (25 % right)", "actual: b (100 % right)"]
    assert ax.get_title() == "Test bookings"
    closed(fig)


def test_importance_puts_the_most_important_on_top():
    table = pd.DataFrame({"importance": [0.2, 0.05, -0.01], "std": [0.01, 0.02, 0.01]},
                         index=["signal", "weak", "noise"])
    fig = plots.importance(table, title="Drivers", xlabel="drop in AUC")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["noise", "weak", "signal"]
    assert [p.get_width() for p in ax.patches] == pytest.approx([-0.01, 0.05, 0.2])
    assert ax.get_title() == "Drivers" and ax.get_xlabel() == "drop in AUC"
    closed(fig)


def test_word_cloud_sizes_follow_weights():
    cloud = plots._cloud(pd.Series({"paswoord": 5.0, "toegang": 1.0, "nul": 0.0}), 0,
                         "viridis", 400, 250)
    assert cloud.words_["paswoord"] == 1.0
    assert cloud.words_["toegang"] < 1.0
    assert "nul" not in cloud.words_
    fig, axes = plt.subplots(1, 2)
    drawn = plots.word_cloud(pd.Series({"infodag": 3.0}), ax=axes[1], title="Segment 2",
                             width=400, height=250)
    assert drawn is fig and axes[1].get_title() == "Segment 2"
    assert axes[1].images[0].get_array().shape == (250, 400, 3)
    closed(fig)


def test_call_centre_card_shows_the_fields_the_agent_needs():
    customer = pd.Series({"yearly_kwh": 24567.0, "energy": "gas", "churn_probability": 0.4,
                          "clv": 1500.0, "price_importance": 5.0,
                          "peace_of_mind_importance": np.nan, "competitor_mentioned": "Mega"},
                         name="C0000042")
    current = {"product": "Variabel Classic", "term_years": 0, "fixed": 87.99,
               "variable": 4.05, "yearly_cost": 2160.99}
    offers = pd.DataFrame({"product": ["Vast 1 jaar", "Vast 3 jaar"], "term_years": [1, 3],
                           "fixed": [57.99, 67.99], "variable": [3.25, 3.45],
                           "yearly_cost": [1856.42, 1915.55], "accept_probability": [0.4, 0.3],
                           "expected_margin": [120.4, 98.0]})
    fig = plots.call_centre_card(customer, current, offers)
    text = " ".join(texts(fig.axes[0]))
    for expected in ["C0000042", "Fixed €87.99/year", "Variable 4.05 c€/kWh", "Yearly €2,160.99",
                     "Saving €304.57", "★★★★★", "not asked", "Mega", "Offer 2",
                     "Term: fixed price, 3 year(s)", "Expected margin €120", "Expected margin €98",
                     "ranked by expected margin"]:
        assert expected in text, expected
    assert "Offer 3" not in text
    closed(fig)
    titled = plots.call_centre_card(customer, current, offers, title="Call today")
    assert texts(titled.axes[0])[0] == "Call today"
    closed(titled)


# -------------------------------------------------------------------- one home for figures
def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_plotting_home_and_the_app_ui_import_matplotlib():
    drawing = {str(p.relative_to(ROOT)) for p in (ROOT / "aimkit").rglob("*.py")
               if {"matplotlib", "wordcloud"} & _imports(p)}
    assert drawing and drawing <= PLOTTING_HOME, drawing - PLOTTING_HOME


def test_apps_and_maturity_start_without_matplotlib():
    code = ("import sys, aimkit.maturity, aimkit.apps.explorer, aimkit.apps.scan; "
            "print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"


def _setup_cell(path: Path) -> str:
    """The first code cell after the ``## Setup`` heading (or the first code cell)."""
    cells = nbformat.read(path, as_version=4).cells
    start = next((i for i, c in enumerate(cells) if c.cell_type == "markdown"
                  and c.source.lstrip().startswith("## Setup")), 0)
    return next(c.source for c in cells[start:] if c.cell_type == "code")


NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted(
    (ROOT / "notebooks" / "cases").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_setup_uses_the_course_style_and_one_way_to_cap_threads(path):
    setup = _setup_cell(path)
    assert "plots.use_course_style()" in setup
    source = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
    # one documented way (CONTRIBUTING.md): runtime.one_thread(), in the Setup cell
    assert not re.search(r"threadpool_limits|OMP_NUM_THREADS|rcParams\.update", source)
    assert source.count("runtime.one_thread()") == setup.count("runtime.one_thread()") <= 1


def test_transition_network_colours_links_by_target_and_explains_the_flag():
    counts = pd.Series({"was A": 800, "Aandacht nodig": 813, "Groeiend": 15})
    links = pd.Series({("was A", "Aandacht nodig"): 451, ("was A", "Groeiend"): 5})
    fig = plots.transition_network(counts, links, link_colours={"Aandacht nodig": "red",
                                                                "Groeiend": "green"},
                                   flag_note="⚠ priority")
    ax = fig.axes[0]
    colours = {matplotlib.colors.to_hex(a.arrow_patch.get_edgecolor()) for a in ax.texts
               if getattr(a, "arrow_patch", None) is not None}
    assert colours == {"#ff0000", "#008000"}
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["⚠ priority"]
    closed(fig)


def test_every_label_a_figure_draws_by_itself_has_both_languages():
    from aimkit import i18n
    assert i18n.problems(plots.LABELS) == []


def test_figures_speak_the_course_language(monkeypatch):
    from aimkit import i18n
    table = pd.DataFrame({"inertia": [90.0, 40.0], "silhouette": [0.5, 0.6]},
                         index=pd.Index([2, 3], name="k"))
    confusion = pd.DataFrame({"predicted: a": [1200, 0], "predicted: b": [1, 2],
                              "% correct": [99.9, 100.0]}, index=["actual: a", "actual: b"])
    monkeypatch.setattr(i18n, "_chosen_language", ["nl"])
    k_figure, confusion_figure = plots.k_choice(table), plots.confusion(confusion)
    assert [ax.get_xlabel() for ax in k_figure.axes] == ["aantal clusters k"] * 2
    assert k_figure._suptitle.get_text() == "Het aantal clusters k kiezen"
    ax = confusion_figure.axes[0]
    assert ax.get_xlabel() == "voorspeld label"
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "actual: a (100 % juist)"
    assert "1.200" in [t.get_text() for t in ax.texts]
    plt.close(k_figure)
    plt.close(confusion_figure)
