"""The data-maturity scan app: a guided questionnaire with results, report and saved answers.

One dimension of :mod:`aimkit.maturity` per step (with a progress bar and back / next), then
the result: the stage, the radar chart, the level per dimension with what it means, the three
next steps, the e-book companies most like you (linked to their case notebooks), an HTML
report to download, and the answers as JSON to save and load again.

Used in: the data-maturity scan app (:func:`aimkit.apps.maturity_scan`).
"""

from __future__ import annotations

import html
import re
from pathlib import PurePosixPath

import ipywidgets as widgets

from aimkit import i18n, maturity
from aimkit.apps import _ui


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "scan"


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
    >>> scan.answer("quality_checks", 2)
    >>> scan.show_results()
    >>> "Stage" in scan.stage.value
    True
    """

    def __init__(self, lang: str = i18n.DEFAULT_LANGUAGE, model: maturity.Model | None = None):
        self.model = model or maturity.load_model()
        self.lang = lang
        self.answers: dict[str, int] = {}
        self.step = 0
        self.assessment: maturity.Assessment | None = None

        self.title = widgets.HTML()
        self.toggle = _ui.language_toggle(lang)
        self.toggle.observe(self._on_language, "value")
        self.intro = widgets.HTML()
        self.company = widgets.Text(layout=widgets.Layout(width="100%", max_width="30em"))
        self.progress = widgets.IntProgress(min=0, max=len(self.model.dimensions),
                                            layout=widgets.Layout(width="100%"))
        self.step_label = widgets.HTML()
        self.questions = widgets.VBox()
        self.back = widgets.Button(icon="arrow-left")
        self.next = widgets.Button(button_style="primary")
        self.back.on_click(lambda _: self.go(self.step - 1))
        self.next.on_click(self._on_next)
        self.status = widgets.HTML()
        self.upload = widgets.FileUpload(accept=".json", multiple=False)
        self.upload.observe(self._on_upload, "value")
        self.upload.add_class("aimkit-load")
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
        self.to_questions = widgets.Button(icon="arrow-left")
        self.to_questions.on_click(lambda _: self.go(self.step))
        self.results = widgets.VBox([self.stage, self.radar, self.levels, self.steps,
                                     self.similar, self.downloads, self.to_questions])
        self.body = widgets.VBox([self.questionnaire])
        self.widget = widgets.VBox([
            widgets.HTML(_ui.CSS),
            widgets.HBox([self.title, self.toggle], layout=widgets.Layout(
                justify_content="space-between", align_items="center", flex_flow="row wrap")),
            self.intro, self.company, self.body, self.status,
            widgets.HBox([self.upload, self.save_hint],
                         layout=widgets.Layout(align_items="center", flex_flow="row wrap")),
        ])
        self.widget.add_class("aimkit-app")
        self._texts()
        self.go(0)

    # ---------------------------------------------------------------- language and texts
    def t(self, key: str, **values) -> str:
        """Return the app's text for ``key`` in the current language."""
        return i18n.text(key, self.lang, **values)

    def _texts(self) -> None:
        self.title.value = f"<h2>{html.escape(self.t('scan_title'))}</h2>"
        self.intro.value = f"<p>{html.escape(self.t('scan_intro'))}</p>"
        self.company.description = self.t("company")
        self.company.placeholder = self.t("company_placeholder")
        self.back.description = self.t("back")
        self.to_questions.description = self.t("to_questions")
        self.upload.description = self.t("load_answers")
        self.save_hint.value = f"<small>{html.escape(self.t('save_hint'))}</small>"

    def _on_language(self, change) -> None:
        self.lang = change["new"]
        self._texts()
        if self.body.children and self.body.children[0] is self.results:
            self.show_results()
        else:
            self.go(self.step)

    # ------------------------------------------------------------------ questionnaire
    def answer(self, question_id: str, level: int | None) -> None:
        """Record (or clear, with ``None``) the answer to one question."""
        if level is None:
            self.answers.pop(question_id, None)
        else:
            self.answers[question_id] = int(level)

    def go(self, step: int) -> None:
        """Show questionnaire step ``step`` (one dimension), clamped to the valid range."""
        dimensions = self.model.dimensions
        self.step = max(0, min(step, len(dimensions) - 1))
        dimension = dimensions[self.step]
        self.progress.value = self.step + 1
        self.step_label.value = (
            f"<b>{html.escape(self.t('step_of', step=self.step + 1, steps=len(dimensions)))}"
            f"</b> · {html.escape(self.t('answered_of', answered=len(self.answers), questions=len(self.model.questions)))}"  # noqa: E501
            f"<h3>{html.escape(dimension.name[self.lang])}</h3>")
        rows = []
        for question in dimension.questions:
            choice = widgets.RadioButtons(
                options=[(a[self.lang], level) for level, a in enumerate(question.answers, 1)],
                value=self.answers.get(question.id), layout=widgets.Layout(width="100%"))
            choice.observe(lambda change, qid=question.id: self._on_answer(qid, change), "value")
            rows += [widgets.HTML(f"<p><b>{html.escape(question.text[self.lang])}</b></p>"),
                     choice]
        self.questions.children = rows
        self.back.disabled = self.step == 0
        last = self.step == len(dimensions) - 1
        self.next.description = self.t("show_results" if last else "next")
        self.next.icon = "check" if last else "arrow-right"
        self.body.children = [self.questionnaire]

    def _on_answer(self, question_id: str, change) -> None:
        self.answer(question_id, change["new"])
        self.step_label.value = re.sub(
            r"</b> · [^<]*<h3>",
            "</b> · " + html.escape(self.t("answered_of", answered=len(self.answers),
                                           questions=len(self.model.questions))) + "<h3>",
            self.step_label.value)

    def _on_next(self, _) -> None:
        if self.step < len(self.model.dimensions) - 1:
            self.go(self.step + 1)
        else:
            self.show_results()

    # ---------------------------------------------------------------------- results
    def show_results(self) -> None:
        """Score the answers and show the result page (or say that nothing is answered)."""
        if not self.answers:
            self.status.value = _ui.message("info", self.t("no_answers"))
            return
        with _ui.busy(self.status, self.lang):
            self.assessment = maturity.assess(self.answers, self.model,
                                              company=self.company.value.strip())
            self._render_results()
            self.body.children = [self.results]

    def _render_results(self) -> None:
        a, lang, e = self.assessment, self.lang, html.escape
        stage = a.stage
        lines = [f"<h3>{e(self.t('results_title'))}</h3>",
                 f"<p style='font-size:1.3em'><b>{e(self.t('stage_line', number=stage.number, stages=len(self.model.stages), name=stage.name[lang]))}</b></p>",  # noqa: E501
                 f"<p>{e(self.t('overall_line', score=f'{a.overall:.1f}', top=self.model.max_level))}"  # noqa: E501
                 f" · {e(stage.description[lang])}</p>"]
        if a.missing:
            lines.append(_ui.message("info", self.t("unanswered", count=len(a.missing))))
        self.stage.value = "".join(lines)
        similar = maturity.similar_cases(a, n=3, lang=lang)
        from aimkit import plots  # matplotlib loads with the first result, not at app start

        scores = maturity.radar_scores(a, compare=list(similar.index[:1]), lang=lang)
        self.radar.value = plots.png(plots.radar(scores, high=self.model.max_level,
                                                 title=self.model.title[lang]))

        dims = a.table(lang)
        rows = []
        for _, row in dims.iterrows():
            if row["level_name"]:
                level = self.t("level_cell", level=int(row["level"]), name=row["level_name"],
                               score=f"{row['score']:.1f}")
            else:
                level = self.t("not_answered")
            rows.append(f"<tr><td>{e(row['name'])}</td><td>{e(level)}</td>"
                        f"<td>{e(row['advice'])}</td></tr>")
        self.levels.value = (
            f"<h3>{e(self.t('per_dimension'))}</h3><table class='aimkit'><tr>"
            f"<th>{e(self.t('col_dimension'))}</th><th>{e(self.t('col_level'))}</th>"
            f"<th>{e(self.t('col_explanation'))}</th></tr>{''.join(rows)}</table>")

        steps = a.next_steps(3, lang)
        self.steps.value = (f"<h3>{e(self.t('next_steps'))}</h3><ol>" + "".join(
            f"<li><b>{e(r['name'])}</b>: {e(r['advice'])}</li>" for _, r in steps.iterrows())
            + "</ol>")

        items = []
        for _, case in similar.iterrows():
            link = PurePosixPath(str(case["notebook"]))
            href = "../" + "/".join(link.parts[1:]) if link.parts[:1] == ("notebooks",) else ""
            line = e(self.t("similar_line", name=case["name"], sector=case["sector"],
                            stage=case["stage"]))
            if href:
                line += f' · <a href="{e(href)}" target="_blank">{e(self.t("open_case"))}</a>'
            items.append(f"<li>{line}</li>")
        self.similar.value = (f"<h3>{e(self.t('similar_title'))}</h3>"
                              f"<p>{e(self.t('similar_intro'))}</p><ul>{''.join(items)}</ul>")

        name = _slug(a.company) if a.company else "scan"
        self.downloads.value = (
            _ui.download_link(maturity.report_html(a, lang), f"maturity-{name}.html",
                              "text/html", self.t("download", what=self.t("report_what")))
            + _ui.download_link(maturity.dumps(a), f"maturity-{name}.json", "application/json",
                                self.t("download", what=self.t("answers_what"))))

    # ------------------------------------------------------------------- load answers
    def load(self, content: bytes, filename: str = "answers.json") -> bool:
        """Load saved answers (JSON bytes) and show the result; a bad file gives a message.

        Returns
        -------
        bool
            True when the answers were loaded.
        """
        try:
            assessment = maturity.loads(bytes(content), self.model, source=filename)
        except maturity.MaturityError as error:
            self.status.value = _ui.message("error", self.t("load_failed",
                                                            reason=error.text(self.lang)))
            return False
        self.answers = dict(assessment.answers)
        self.company.value = assessment.company
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
