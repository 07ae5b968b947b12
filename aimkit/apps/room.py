"""The trainer's view of a room: the participants' saved scans in one picture, without names.

The trainer uploads the answers files participants downloaded from the data-maturity scan
(several at once) and sees the spread per dimension (a dot per participant and the median),
how many participants reached each stage, and which e-book cases fit the room (how often a
case is among a participant's "companies like you"): the case to demonstrate next. Company
names are never shown; a file that is not a saved scan is named with the reason and skipped.

Used in: the trainer's view app (:func:`aimkit.apps.room_overview`).
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from aimkit import i18n, maturity
from aimkit.apps import _ui
from aimkit.apps.scan import CSS as SCAN_CSS

CSS = """<style>
.aimkit-app .aimkit-strip { display: grid; grid-template-columns: minmax(7em, 30%) 1fr;
  gap: .2em .6em; align-items: center; margin: .5em 0; }
.aimkit-app .aimkit-track { position: relative; border-left: 1px solid #bbb;
  border-right: 1px solid #bbb; background: linear-gradient(#ddd, #ddd) center / 100% 1px
  no-repeat; min-height: 1.6em; }
.aimkit-app .aimkit-dot { position: absolute; width: .8em; height: .8em; margin-left: -.4em;
  border-radius: 50%; background: rgba(0, 114, 178, .65); }
.aimkit-app .aimkit-median { position: absolute; top: 0; bottom: 0; width: 3px;
  margin-left: -1.5px; background: #D55E00; }
.aimkit-app .aimkit-scale { display: flex; justify-content: space-between; color: #555;
  font-size: .9em; }
.aimkit-app .aimkit-bar { display: inline-block; height: .9em; background: #0072B2;
  vertical-align: middle; margin-right: .4em; }
</style>"""

DOT_STEP = 0.9
"""Vertical distance (em) between participants with the same score in the dot plot."""


def spread_html(scores: pd.DataFrame, names: dict[str, str], low: int = 1,
                high: int = 5) -> str:
    """A dot plot as HTML: one row per dimension, a dot per participant, the median as a bar.

    Participants with the same score are stacked, so every one of them stays visible; ``n``
    is how many answered the dimension. HTML rather than a picture: sharp on a projector and
    readable on a phone.

    Examples
    --------
    >>> scores = pd.DataFrame({"quality": [2.0, 2.0, 4.0], "privacy": [1.0, None, 3.0]})
    >>> page = spread_html(scores, {"quality": "Data quality", "privacy": "Privacy"})
    >>> page.count('class="aimkit-dot"'), page.count('class="aimkit-median"'), "n = 2" in page
    (5, 2, True)
    """
    rows = []
    for column, name in names.items():
        answered = scores[column].dropna()
        dots, stacked = [], {}
        for value in answered:
            level = stacked[value] = stacked.get(value, -1) + 1
            dots.append(f'<span class="aimkit-dot" title="{value:.1f}" style="left:'
                        f'{(value - low) / (high - low):.2%};top:{.4 + level * DOT_STEP:.1f}em">'
                        "</span>")
        median = (f'<span class="aimkit-median" style="left:'
                  f'{(answered.median() - low) / (high - low):.2%}"></span>'
                  if len(answered) else "")
        height = 1.6 + DOT_STEP * (max(stacked.values(), default=0))
        rows.append(f"<div>{html.escape(name)} <small>(n = {len(answered)})</small></div>"
                    f'<div class="aimkit-track" style="height:{height:.1f}em">{median}'
                    f'{"".join(dots)}</div>')
    scale = "".join(f"<span>{level}</span>" for level in range(low, high + 1))
    return (f'<div class="aimkit-strip">{"".join(rows)}<div></div>'
            f'<div class="aimkit-scale">{scale}</div></div>')


class RoomOverview:
    """The trainer's view: widgets and the loaded scans; ``.widget`` is what Voila shows.

    Parameters
    ----------
    lang : {"nl", "en"}
        Starting language (Dutch by default).
    model : maturity.Model, optional
        The questionnaire the participants used (default: the shipped one).

    Examples
    --------
    >>> view = RoomOverview("en")
    >>> good = maturity.dumps(maturity.assess({"quality_checks": 2}, company="Secret shop"))
    >>> view.add({"a.json": good.encode(), "b.json": b"{oops"})
    >>> "Scans in the room: 1" in view.status.value, "b.json" in view.status.value
    (True, True)
    >>> "Secret" in view.widget.children[-1].value
    False
    """

    def __init__(self, lang: str = i18n.DEFAULT_LANGUAGE, model: maturity.Model | None = None):
        self.model = model or maturity.load_model()
        self.lang = lang
        self.scans: dict[str, maturity.Assessment] = {}
        self.problems: dict[str, maturity.MaturityError] = {}
        self.title = widgets.HTML()
        self.toggle = _ui.language_toggle(lang)
        self.toggle.observe(self._on_language, "value")
        self.intro = widgets.HTML()
        self.upload = widgets.FileUpload(accept=".json", multiple=True)
        self.upload.add_class("aimkit-load")
        self.upload.observe(self._on_upload, "value")
        self.start_over = widgets.Button(icon="undo", layout=widgets.Layout(width="auto"))
        self.start_over.on_click(lambda _: self.clear())
        self.status = widgets.HTML()
        self.picture = widgets.HTML()
        self.widget = widgets.VBox([
            widgets.HTML(_ui.CSS + SCAN_CSS + CSS),
            widgets.HBox([self.title, self.toggle], layout=widgets.Layout(
                justify_content="space-between", align_items="center", flex_flow="row wrap")),
            self.intro,
            widgets.HBox([self.upload, self.start_over],
                         layout=widgets.Layout(align_items="center", flex_flow="row wrap")),
            self.status, self.picture])
        self.widget.add_class("aimkit-app")
        self._texts()

    def t(self, key: str, **values) -> str:
        """Return the app's text for ``key`` in the current language."""
        return i18n.text(key, self.lang, **values)

    def _texts(self) -> None:
        self.title.value = f"<h2>{html.escape(self.t('room_title'))}</h2>"
        self.intro.value = f"<p>{html.escape(self.t('room_intro'))}</p>"
        self.upload.description = self.upload.tooltip = self.t("room_load")
        self.start_over.description = self.t("start_over")
        self._render()

    def _on_language(self, change) -> None:
        self.lang = change["new"]
        self._texts()

    # ----------------------------------------------------------------------- the files
    def add(self, files: dict[str, bytes]) -> None:
        """Read uploaded answers files (name → content); bad ones are kept as problems."""
        for name, content in files.items():
            try:
                self.scans[name] = maturity.loads(bytes(content), self.model, source=name)
                self.problems.pop(name, None)
            except maturity.MaturityError as error:
                self.problems[name] = error
                self.scans.pop(name, None)
        self._render()

    def _problem(self, name: str, error: maturity.MaturityError) -> str:
        """The reason a file was skipped, always naming the file (not "answers")."""
        if error.key:
            return i18n.text(f"answers_{error.key}", self.lang, **error.values | {"source": name})
        return f"{name}: {error}"

    def clear(self) -> None:
        """Forget every loaded file."""
        self.scans, self.problems = {}, {}
        self._render()

    def _on_upload(self, change) -> None:
        if not change["new"]:
            return
        with _ui.busy(self.status, self.lang):
            self.add({f["name"]: f["content"] for f in change["new"]})
        self.upload.value = ()

    # ----------------------------------------------------------------------- the picture
    def _render(self) -> None:
        e = html.escape
        lines = []
        if self.scans:
            lines.append(_ui.message("ok", self.t("room_count", count=len(self.scans))))
        if self.problems:
            lines.append(_ui.message("error", "\n".join(
                [self.t("room_skipped", count=len(self.problems))]
                + [f"• {self._problem(name, error)}" for name, error in self.problems.items()])))
        if not self.scans:
            lines.append(_ui.message("info", self.t("room_need_files")))
            self.status.value, self.picture.value = "".join(lines), ""
            return
        picture = maturity.room(list(self.scans.values()), lang=self.lang)
        names = {d.id: d.name[self.lang] for d in self.model.dimensions}
        most = max(picture.stages["participants"].max(), 1)
        stage_rows = "".join(
            f"<tr><td>{e(r.name or self.t('room_no_stage'))}</td><td class='num'>"
            f"{r.participants}</td><td><span class='aimkit-bar' style='width:"
            f"{8 * r.participants / most:.1f}em'></span></td></tr>"
            for r in picture.stages.itertuples() if r.number or r.participants)
        case_rows = _ui.table(picture.cases, {"name": self.t("col_case"),
                                              "sector": self.t("sector"),
                                              "stage": self.t("col_stage"),
                                              "participants": self.t("col_participants")},
                              numeric=("participants",))
        self.picture.value = (
            f"<h3>{e(self.t('room_spread_title'))}</h3>"
            f"<p class='note'>{e(self.t('room_spread_intro'))}</p>"
            f"{spread_html(picture.scores, names, high=self.model.max_level)}"
            f"<h3>{e(self.t('room_stages_title'))}</h3><div class='aimkit-scroll'>"
            f"<table class='aimkit'><tr><th>{e(self.t('col_stage'))}</th>"
            f"<th class='num'>{e(self.t('col_participants'))}</th><th></th></tr>"
            f"{stage_rows}</table></div>"
            f"<h3>{e(self.t('room_cases_title'))}</h3>"
            f"<p class='note'>{e(self.t('room_cases_intro'))}</p>"
            f"<div class='aimkit-scroll'>{case_rows}</div>")
        self.status.value = "".join(lines)  # after the picture: the count means "ready"


def room_overview(lang: str = i18n.DEFAULT_LANGUAGE) -> widgets.Widget:
    """Build the trainer's view of a room's scans (the widget to display in a Voila notebook).

    Parameters
    ----------
    lang : {"nl", "en"}
        Starting language; the app has a toggle.

    Returns
    -------
    ipywidgets.Widget

    Examples
    --------
    >>> app = room_overview("en")
    >>> "aimkit-app" in app._dom_classes
    True

    Used in: notebooks/apps/room_overview.ipynb
    """
    return RoomOverview(lang).widget
