"""The data-maturity scan app: a guided questionnaire with results, report and saved answers.

First the company (name, sector, size: "companies like you" compares them), then one
dimension of :mod:`aimkit.maturity` per step (progress bar, back / next). Every question also
offers "don't know / not applicable" and explains its jargon under a "?" toggle. The result
shows the stage (none below the model's minimum of answered dimensions, marked provisional
while answers are missing), the radar chart with unanswered dimensions as gaps, the level
per dimension, the three next steps, the e-book companies most like you with a short case
summary each, and an HTML report to download.

The answers are kept in the browser (:class:`~aimkit.apps._browser_store.BrowserStore`), so
a reload continues where the participant was, and can be downloaded as JSON at every step
and loaded again.

Used in: the data-maturity scan app (:func:`aimkit.apps.maturity_scan`).
"""

from __future__ import annotations

import html
import re

import ipywidgets as widgets

from aimkit import course, datasets, i18n, maturity
from aimkit.apps import _ui
from aimkit.apps._browser_store import BrowserStore

STORAGE_KEY = "start2aim-maturity-scan"
"""The browser's ``localStorage`` entry that keeps the answers across reloads."""
UNKNOWN = "unknown"
"""The radio value of "don't know / not applicable" (stored as an answer of None)."""

CSS = """<style>
.aimkit-app .aimkit-auto { width: auto; max-width: 100%; }
.aimkit-app .aimkit-auto .widget-label, .aimkit-app button.aimkit-auto { white-space: normal;
  height: auto; min-height: var(--jp-widgets-inline-height); }
.aimkit-app .aimkit-load { font-size: 0 !important; width: auto; }
.aimkit-app .aimkit-load::after { content: attr(title); font-size: 14px; }
.aimkit-app .aimkit-load i { font-size: 14px; margin-right: .4em; }
.aimkit-app details.aimkit-jargon { margin: .1em 0 .5em 0; font-size: .95em; }
.aimkit-app details.aimkit-jargon summary { cursor: pointer; color: #1565c0; }
.aimkit-app details.aimkit-jargon dt { font-weight: bold; margin-top: .3em; }
.aimkit-app details.aimkit-jargon dd { margin-left: 1em; }
.aimkit-app .aimkit-scroll { overflow-x: auto; max-width: 100%; }
.aimkit-app .aimkit-provisional { background: #fff4e5; border-left: 4px solid #e65100; }
.aimkit-app details.aimkit-case { margin: .4em 0; }
.aimkit-app details.aimkit-case summary { cursor: pointer; }
.aimkit-app section.case table { border-collapse: collapse; width: 100%; }
.aimkit-app section.case td, .aimkit-app section.case th { border-bottom: 1px solid #ddd;
  padding: .2em .4em; text-align: left; vertical-align: top; }
.aimkit-app .note { color: #555; }
</style>"""


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "scan"


def _auto(widget: widgets.Widget) -> widgets.Widget:
    """Let a button or toggle size itself to its whole label (phones)."""
    widget.add_class("aimkit-auto")
    widget.layout.width = "auto"
    return widget


class MaturityScan:
    """The scan's widgets and state; ``.widget`` is what the app notebook displays.

    Parameters
    ----------
    lang : {"nl", "en"}
        Starting language (Dutch by default).
    model : maturity.Model, optional
        A trainer's questionnaire (default: the shipped one).

    Examples
    --------
    >>> scan = MaturityScan("en")
    >>> for question in scan.model.questions[:12]:
    ...     scan.answer(question.id, 2)
    >>> scan.answer("privacy_register", None)  # don't know / not applicable
    >>> scan.show_results()
    >>> "Stage 2 of 5" in scan.stage.value, "Provisional" in scan.stage.value
    (True, True)
    """

    def __init__(self, lang: str = i18n.DEFAULT_LANGUAGE, model: maturity.Model | None = None):
        self.model = model or maturity.load_model()
        self.lang = lang
        self.answers: dict[str, int | None] = {}
        self.step = 0
        self.assessment: maturity.Assessment | None = None
        self._drawn: dict[tuple[str, str], tuple[bytes, str]] = {}

        self.title = widgets.HTML()
        self.toggle = _ui.language_toggle(lang)
        self.toggle.observe(self._on_language, "value")
        self.intro = widgets.HTML()
        self.store = BrowserStore(STORAGE_KEY)
        self.store.on_restore = self._restore

        field = widgets.Layout(width="100%", max_width="30em")
        self.company = widgets.Text(layout=field, continuous_update=False)
        self.sector = widgets.Dropdown(layout=field)
        self.size = widgets.Dropdown(layout=field)
        self.company_label, self.sector_label, self.size_label = (widgets.HTML()
                                                                  for _ in range(3))
        self.profile_intro = widgets.HTML()
        self.profile = widgets.VBox([self.profile_intro, self.company_label, self.company,
                                     self.sector_label, self.sector, self.size_label, self.size])

        self.progress = widgets.IntProgress(min=0, max=len(self.model.dimensions) + 1,
                                            layout=widgets.Layout(width="100%"))
        self.step_label = widgets.HTML()
        self.questions = widgets.VBox()
        self.back = _auto(widgets.Button(icon="arrow-left"))
        self.next = _auto(widgets.Button(button_style="primary"))
        self.back.on_click(lambda _: self.go(self.step - 1))
        self.next.on_click(self._on_next)
        self.status = widgets.HTML()
        self.upload = widgets.FileUpload(accept=".json", multiple=False)
        self.upload.observe(self._on_upload, "value")
        self.upload.add_class("aimkit-load")
        self.save_answers = widgets.HTML()
        self.start_over = _auto(widgets.Button(icon="undo"))
        self.start_over.on_click(lambda _: self.reset())
        self.save_hint = widgets.HTML()
        self.questionnaire = widgets.VBox([
            self.step_label, self.progress, self.questions,
            widgets.HBox([self.back, self.next], layout=widgets.Layout(flex_flow="row wrap"))])

        self.stage = widgets.HTML()
        self.radar = _ui.image()
        self.levels = widgets.HTML()
        self.steps = widgets.HTML()
        self.similar = widgets.HTML()
        self.downloads = widgets.HTML()
        self.to_questions = _auto(widgets.Button(icon="arrow-left"))
        self.to_questions.on_click(lambda _: self.go(self.step))
        self.results = widgets.VBox([self.stage, self.radar, self.levels, self.steps,
                                     self.similar, self.downloads, self.to_questions])
        self.body = widgets.VBox([self.questionnaire])
        self.widget = widgets.VBox([
            widgets.HTML(_ui.CSS + CSS), self.store.widget,
            widgets.HBox([self.title, self.toggle], layout=widgets.Layout(
                justify_content="space-between", align_items="center", flex_flow="row wrap")),
            self.intro, self.body, self.status,
            widgets.HBox([self.save_answers, self.upload, self.start_over],
                         layout=widgets.Layout(align_items="center", flex_flow="row wrap")),
            self.save_hint,
        ])
        self.widget.add_class("aimkit-app")
        self._texts()
        self.go(0)
        # only now: a change before the page shows would replace the browser's saved copy
        for w in (self.company, self.sector, self.size):
            w.observe(lambda _: self._changed(), "value")

    # ---------------------------------------------------------------- language and texts
    def t(self, key: str, **values) -> str:
        """Return the app's text for ``key`` in the current language."""
        return i18n.text(key, self.lang, **values)

    def _texts(self) -> None:
        e = html.escape
        self.title.value = f"<h2>{e(self.t('scan_title'))}</h2>"
        self.intro.value = f"<p>{e(self.t('scan_intro'))}</p>"
        self.profile_intro.value = f"<p>{e(self.t('profile_intro'))}</p>"
        self.company_label.value = f"<b>{e(self.t('company'))}</b>"
        self.sector_label.value = f"<b>{e(self.t('sector'))}</b>"
        self.size_label.value = f"<b>{e(self.t('size'))}</b>"
        self.company.placeholder = self.t("company_placeholder")
        for dropdown, kind in ((self.sector, "sectors"), (self.size, "sizes")):
            chosen = dropdown.value or ""
            dropdown.options = [(self.t("choose"), "")] + [
                (c["name"][self.lang], c["id"]) for c in getattr(self.model, kind)]
            dropdown.value = chosen
        self.back.description = self.t("back")
        self.to_questions.description = self.t("to_questions")
        self.upload.description = self.upload.tooltip = self.t("load_answers")
        self.start_over.description = self.t("start_over")
        self.save_hint.value = f"<small>{e(self.t('save_hint'))}</small>"
        self._changed(store=False)

    def _on_language(self, change) -> None:
        self.lang = change["new"]
        self._texts()
        if self.body.children and self.body.children[0] is self.results:
            self.show_results()
        else:
            self.go(self.step)

    # ------------------------------------------------------------------ questionnaire
    def answer(self, question_id: str, level: int | None) -> None:
        """Record the answer to one question: a level, or None for "don't know / n.a."."""
        self.answers[question_id] = None if level is None else int(level)
        self._changed()

    def go(self, step: int) -> None:
        """Show step ``step``: 0 is the company, 1… one dimension each (clamped)."""
        dimensions = self.model.dimensions
        self.step = max(0, min(step, len(dimensions)))
        self.progress.value = self.step + 1
        if self.step == 0:
            heading = self.t("company_step")
            self.questions.children = [self.profile]
        else:
            dimension = dimensions[self.step - 1]
            heading = (f"{self.t('step_of', step=self.step, steps=len(dimensions))} · "
                       f"{dimension.name[self.lang]}")
            self.questions.children = [w for q in dimension.questions for w in self._ask(q)]
        self.step_label.value = (f"<h3>{html.escape(heading)}</h3>"
                                 f"<p>{html.escape(self._count())}</p>")
        self.back.disabled = self.step == 0
        last = self.step == len(dimensions)
        self.next.description = self.t("show_results" if last else
                                       "start" if self.step == 0 else "next")
        self.next.icon = "check" if last else "arrow-right"
        self.body.children = [self.questionnaire]

    def _ask(self, question: maturity.Question) -> list[widgets.Widget]:
        """The widgets of one question: its text, the jargon toggle and the choices."""
        e = html.escape
        text = f"<p><b>{e(question.text[self.lang])}</b></p>"
        jargon = self.model.jargon(question, self.lang)
        if jargon:
            terms = ", ".join(term for term, _ in jargon)
            text += (f"<details class='aimkit-jargon'><summary>(?) "
                     f"{e(self.t('jargon', terms=terms))}</summary><dl>"
                     + "".join(f"<dt>{e(term)}</dt><dd>{e(explanation)}</dd>"
                               for term, explanation in jargon) + "</dl></details>")
        value = self.answers.get(question.id, 0)
        choice = widgets.RadioButtons(
            options=[(a[self.lang], level) for level, a in enumerate(question.answers, 1)]
            + [(self.model.unknown_answer[self.lang], UNKNOWN)],
            value=UNKNOWN if value is None else value or None,
            layout=widgets.Layout(width="100%"))
        choice.observe(lambda change, qid=question.id: self.answer(
            qid, None if change["new"] == UNKNOWN else change["new"]), "value")
        return [widgets.HTML(text), choice]

    def _count(self) -> str:
        unknown = sum(level is None for level in self.answers.values())
        count = self.t("answered_of", answered=len(self.answers),
                       questions=len(self.model.questions))
        return count + (" " + self.t("unknown_count", unknown=unknown) if unknown else "")

    def _on_next(self, _) -> None:
        if self.step < len(self.model.dimensions):
            self.go(self.step + 1)
        else:
            self.show_results()

    # ------------------------------------------------------------ state, saved answers
    def _assess(self) -> maturity.Assessment | None:
        """The current answers scored (None before the first answer)."""
        if not self.answers:
            return None
        return maturity.assess(self.answers, self.model,
                               company=self.company.value.strip()[:maturity.MAX_COMPANY],
                               sector=self.sector.value or "", size=self.size.value or "")

    def _changed(self, store: bool = True) -> None:
        """After any change: the counter, the answers download and the browser's copy."""
        self.step_label.value = re.sub(r"<p>.*</p>", f"<p>{html.escape(self._count())}</p>",
                                       self.step_label.value)
        current = self._assess()
        if current is None:
            self.save_answers.value = ""
            if store:
                self.store.clear()
            return
        text = maturity.dumps(current)
        self.save_answers.value = _ui.download_link(
            text, f"maturity-{_slug(current.company)}.json", "application/json",
            self.t("download", what=self.t("answers_what")))
        if store:
            self.store.save(text)

    def _restore(self, text: str) -> None:
        """Continue with the answers the browser kept (only on a fresh page)."""
        if self.answers:
            return
        try:
            saved = maturity.loads(text, self.model, source="localStorage")
        except maturity.MaturityError:
            self.store.clear()  # an old or damaged copy: start afresh
            return
        self._take(saved)
        open_steps = [i for i, d in enumerate(self.model.dimensions, 1)
                      if any(q.id not in self.answers for q in d.questions)]
        self.go(open_steps[0] if open_steps else len(self.model.dimensions))
        self.status.value = _ui.message("ok", self.t("restored", count=len(self.answers)))

    def _take(self, saved: maturity.Assessment) -> None:
        """Adopt the answers and profile of a loaded or restored scan."""
        self.answers = dict(saved.answers) | dict.fromkeys(saved.unknown)
        with self.company.hold_trait_notifications():
            self.company.value = saved.company
            self.sector.value = saved.sector
            self.size.value = saved.size
        self._changed()

    def reset(self) -> None:
        """Start a new scan: forget the answers here and in the browser."""
        self.answers = {}
        self.company.value = ""
        self.sector.value = self.size.value = ""
        self.status.value = ""
        self._changed()
        self.go(0)

    # ---------------------------------------------------------------------- results
    def show_results(self) -> None:
        """Score the answers and show the result page (or say that nothing is answered)."""
        if not self.answers:
            self.status.value = _ui.message("info", self.t("no_answers"))
            return
        with _ui.busy(self.status, self.lang):
            self.assessment = self._assess()
            self._render_results()
            self.body.children = [self.results]

    def _drawings(self, a: maturity.Assessment, compare) -> tuple[bytes, str]:
        """The radar chart and the report, made once per change of answers and language."""
        key = (maturity.dumps(a), self.lang)
        if key not in self._drawn:
            self._drawn = {k: v for k, v in self._drawn.items() if k[0] == key[0]}
            chart = maturity.radar_chart(a, compare, self.lang)
            self._drawn[key] = chart, maturity.report_html(a, self.lang, chart=chart)
        return self._drawn[key]

    def _render_results(self) -> None:
        a, lang, e = self.assessment, self.lang, html.escape
        lines = [f"<h3>{e(self.t('results_title'))}</h3>"]
        if a.stage is None:
            lines.append(_ui.message("info", maturity.result_note(a, lang)))
        else:
            badge = f" · {self.t('provisional')}" if a.provisional else ""
            stage_line = self.t("stage_line", number=a.stage.number,
                                stages=len(self.model.stages), name=a.stage.name[lang])
            lines += [f"<p style='font-size:1.3em'><b>{e(stage_line + badge)}</b></p>",
                      f"<p>{e(self.t('overall_line', score=f'{a.overall:.1f}', top=self.model.max_level))}"  # noqa: E501
                      f" · {e(a.stage.description[lang])}</p>"]
            if a.provisional:
                lines.append(f'<div class="aimkit-msg aimkit-provisional">'
                             f'{e(maturity.result_note(a, lang))}</div>')
        self.stage.value = "".join(lines)
        similar = maturity.similar_cases(a, n=3, lang=lang)
        chart, report = self._drawings(a, list(similar.index[:1]))
        self.radar.value = chart

        rows = []
        for _, row in a.table(lang).iterrows():
            if row["level_name"]:
                level = self.t("level_cell", level=int(row["level"]), name=row["level_name"],
                               score=f"{row['score']:.1f}")
            else:
                level = self.t("not_answered")
            rows.append(f"<tr><td>{e(row['name'])}</td><td>{e(level)}</td>"
                        f"<td>{e(row['advice'])}</td></tr>")
        self.levels.value = (
            f"<h3>{e(self.t('per_dimension'))}</h3><div class='aimkit-scroll'>"
            f"<table class='aimkit'><tr><th>{e(self.t('col_dimension'))}</th>"
            f"<th>{e(self.t('col_level'))}</th><th>{e(self.t('col_explanation'))}</th></tr>"
            f"{''.join(rows)}</table></div>")

        steps = a.next_steps(3, lang)
        self.steps.value = (f"<h3>{e(self.t('next_steps'))}</h3><ol>" + "".join(
            f"<li><b>{e(r['name'])}</b>: {e(r['advice'])}</li>" for _, r in steps.iterrows())
            + "</ol>")

        cases = "".join(
            f"<details class='aimkit-case'><summary>"
            f"{e(self.t('similar_line', name=case['name'], sector=case['sector'], stage=case['stage']))}"  # noqa: E501
            f" · <u>{e(self.t('open_case'))}</u></summary>"
            f"{maturity.case_summary_html(case_id, self.model, lang, heading='h4')}"
            f"{self._case_link(case_id)}</details>"
            for case_id, case in similar.iterrows())
        intro = self.t("similar_intro_profile" if a.sector or a.size else "similar_intro")
        self.similar.value = (f"<h3>{e(self.t('similar_title'))}</h3><p>{e(intro)}</p>"
                              f"<div class='aimkit-scroll'>{cases}</div>")

        name = _slug(a.company)
        self.downloads.value = _ui.download_link(
            report, f"maturity-{name}.html", "text/html",
            self.t("download", what=self.t("report_what")))

    def _case_link(self, case_id: str) -> str:
        """A link that opens the case's notebook on Binder, in the app's language."""
        case = datasets.cases().get(case_id)
        if case is None:
            return ""
        url = html.escape(course.binder_url(case.notebook, self.lang))
        return (f"<p><a href=\"{url}\" target=\"_blank\" rel=\"noopener\">"
                f"{html.escape(self.t('open_notebook'))}</a></p>")

    # ------------------------------------------------------------------- load answers
    def load(self, content: bytes, filename: str = "answers.json") -> bool:
        """Load saved answers (JSON bytes) and show the result; a bad file gives a message.

        Returns
        -------
        bool
            True when the answers were loaded.
        """
        try:
            saved = maturity.loads(bytes(content), self.model, source=filename)
        except maturity.MaturityError as error:
            self.status.value = _ui.message("error", self.t("load_failed",
                                                            reason=error.text(self.lang)))
            return False
        self._take(saved)
        self.show_results()
        self.status.value = _ui.message("ok", self.t("loaded", file=filename))
        return True

    def _on_upload(self, change) -> None:
        files = change["new"]
        if not files:
            return
        upload = files[0]
        with _ui.busy(self.status, self.lang):
            self.load(upload["content"], upload["name"])
        self.upload.value = ()


def maturity_scan(lang: str = i18n.DEFAULT_LANGUAGE) -> widgets.Widget:
    """Build the data-maturity scan app (the widget to display in a Voila notebook).

    Parameters
    ----------
    lang : {"nl", "en"}
        Starting language; the app has a toggle.

    Returns
    -------
    ipywidgets.Widget

    Examples
    --------
    >>> app = maturity_scan()
    >>> "aimkit-app" in app._dom_classes
    True

    Used in: notebooks/apps/data_maturity_scan.ipynb
    """
    return MaturityScan(lang).widget
