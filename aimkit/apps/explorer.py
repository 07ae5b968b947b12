"""The segment explorer app: RFM or KMeans segments of a case dataset or your own export.

Four tabs: **data** (a case dataset, or an uploaded export read once with
:func:`aimkit.io.read_table`; Shopify, WooCommerce, Lightspeed and plain Excel lists are
recognised by :mod:`aimkit.presets`, other files get a column-mapping step with a five-row
preview; every problem is a message naming the user's column), **segments** (RFM named
segments or KMeans with a k slider and a feature choice: a card per segment in the user's
language with its meaning in months and euro, its shares and one action; a treemap and a
scatter), **periods** (a baseline and a current period compared: behaviour groups and moves
between the same named segments) and **export** (the chosen segments as a pseudonymised,
formula-safe CSV).

Used in: the segment explorer app (:func:`aimkit.apps.segment_explorer`).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import ipywidgets as widgets
import pandas as pd

from aimkit import datasets, i18n, io, presets, rfm, runtime, segment
from aimkit.apps import _cards, _ui

if TYPE_CHECKING:
    from aimkit.apps._scatter import SegmentScatter

FIELDS = presets.FIELDS
FEATURES = ("recency", "frequency", "monetary", "tenure")
SKEWED = ("frequency", "monetary", "tenure")
EXPORT_COLUMNS = {"customer_id": "exp_customer", "segment": "exp_segment",
                  "action": "exp_action", "recency": "exp_recency",
                  "frequency": "exp_frequency", "monetary": "exp_monetary"}
"""The export's columns and the keys of their headers (Dutch headers in the Dutch app)."""
CSV_FORMATS = {"be": (";", ","), "international": (",", ".")}
"""Separator and decimal mark: Belgian Excel (``;``, a decimal comma, UTF-8 with a BOM so
Excel shows é and € right) or international."""
KEY_FILE = "pseudoniemsleutel.key"
"""The name of the pseudonym key file the owner downloads and keeps."""
PHONE_FIGURE = (4.4, 3.8)
"""Inches of the transitions figure at 72 dpi (317 px wide): a 390 px phone leaves the app
~320 px, so the picture is not shrunk and its texts (10 pt or more) stay at least 10 px."""

EXAMPLES = {name: (case.transactions.table, dict(case.transactions.columns))
            for name, case in datasets.cases().items() if case.transactions is not None}
"""Case datasets with transactions, from their registration (:class:`aimkit.datasets.Case`):
``{dataset: (table, {file column: canonical column})}``."""

def read_transactions(content: bytes, name: str, mapping: dict[str, str]) -> pd.DataFrame:
    """Read a transactions export with ``mapping`` (``{field: file column}``), as a plain list.

    Read once by :func:`aimkit.io.read_table`, then made canonical by
    :func:`aimkit.presets.transactions`: lines without a customer number are left out
    (``attrs["dropped"]`` counts them).

    Raises
    ------
    aimkit.io.DataError
        With the file, column and first rows of every problem.

    Examples
    --------
    >>> data = b"klant;bon;datum;bedrag\\nC1;1;03/02/2024;12,50\\n;2;04/02/2024;5,00\\n"
    >>> lines = read_transactions(data, "kassa.csv", {"customer_id": "klant",
    ...     "order_id": "bon", "order_date": "datum", "amount": "bedrag"})
    >>> len(lines), lines.attrs["dropped"], float(lines["amount"].iloc[0])
    (1, 1, 12.5)
    """
    return presets.transactions(io.read_table(content, name=name), mapping, file=name)


def _cell(value) -> str:
    """A preview cell as the user would read it: empty for a missing value."""
    return "" if pd.isna(value) else str(value)


def example_bytes(dataset: str) -> tuple[bytes, str]:
    """A case dataset's transactions export, as an upload would bring it (``$AIMKIT_SEED`` applies).

    Examples
    --------
    >>> content, name = example_bytes("trailfinders")
    >>> name, content[:10]
    ('bookings.csv', b'booking_id')
    """
    table = EXAMPLES[dataset][0]
    return datasets.export_bytes(dataset, table), f"{table}.csv"


class SegmentExplorer:
    """The explorer's widgets and state; ``.widget`` is what the app notebook displays.

    Building it puts the process's numeric libraries on one thread
    (:func:`aimkit.runtime.one_thread`): on a shared 2-core machine, KMeans threads that wait
    for each other made one fit at 10,000 customers take ~3 s instead of ~0.05 s.

    Examples
    --------
    >>> app = SegmentExplorer("en")
    >>> app.load_example("trailfinders")
    >>> app.method.value = "kmeans"
    >>> app.k.value = 3
    >>> sorted(app.segments.unique())
    ['A', 'B', 'C']
    >>> "pseudonym" in app.t("pseudonymise").lower()
    True
    """

    def __init__(self, lang: str = i18n.DEFAULT_LANGUAGE):
        runtime.one_thread()
        self.lang = lang
        self.lines: pd.DataFrame | None = None
        self.rfm: pd.DataFrame | None = None
        self.segments: pd.Series | None = None
        self.comparison: pd.DataFrame | None = None
        self.upload_table: pd.DataFrame | None = None
        self.contacts: pd.DataFrame | None = None
        self.key: io.PseudonymKey | None = None
        self.key_is_new = False
        self.periods: tuple | None = None
        self._scatter: SegmentScatter | None = None

        self.title = widgets.HTML()
        self.toggle = _ui.language_toggle(lang)
        self.toggle.observe(self._on_language, "value")
        self.intro = widgets.HTML()
        self.status = widgets.HTML()

        self.tabs = widgets.Tab(children=[self._data_tab(), self._segments_tab(),
                                          self._periods_tab(), self._export_tab()])
        self.widget = widgets.VBox([
            widgets.HTML(_ui.CSS + _ui.SMALL_SCREENS + _ui.UPLOAD_WITHOUT_COUNT),
            widgets.HBox([self.title, self.toggle], layout=widgets.Layout(
                justify_content="space-between", align_items="center", flex_flow="row wrap")),
            self.intro, self.status, self.tabs])
        self.widget.add_class("aimkit-app")
        self._texts()
        self._show_kmeans_controls()

    # ---------------------------------------------------------------- language and texts
    def t(self, key: str, **values) -> str:
        """Return the app's text for ``key`` in the current language."""
        return i18n.text(key, self.lang, **values)

    def _texts(self) -> None:
        e = html.escape
        self.title.value = f"<h2>{e(self.t('explorer_title'))}</h2>"
        self.intro.value = f"<p>{e(self.t('explorer_intro'))}</p>"
        self.tabs.titles = tuple(self.t(k) for k in ("tab_data", "tab_segments", "tab_periods",
                                                     "tab_export"))
        self.example.description = self.t("example_data")
        chosen = self.example.value
        self.example.unobserve(self._on_example, "value")
        self.example.options = [(self.t("choose_example"), ""), *self._example_names]
        self.example.value = chosen or ""
        self.example.observe(self._on_example, "value")
        self.upload_label.value = f"<p>{e(self.t('or_upload'))}</p>"
        self.upload.description = self.t("upload_csv")
        for field, dropdown in self.mapping.items():
            dropdown.description = self.t(f"field_{field}")
        if self.mapping_box.layout.display == "flex":  # the mapping step: keep the choices
            chosen = {field: dropdown.value for field, dropdown in self.mapping.items()}
            self._ask_columns()
            for field, dropdown in self.mapping.items():
                dropdown.value = chosen[field]
        self.use_columns.description = self.t("use_columns")
        if self._pending_upload is not None:
            self._ask_decimal()
        self.method.unobserve(self._on_settings, "value")
        value = self.method.value
        self.method.options = [(self.t("method_rfm"), "rfm"), (self.t("method_kmeans"), "kmeans")]
        self.method.value = value
        self.method.observe(self._on_settings, "value")
        self.k.description = self.t("k")
        self.k.style = {"description_width": "initial"}
        self.features_label.value = f"<b>{e(self.t('features'))}</b>"
        for feature, box in self.features.items():
            box.description = self.t(f"feature_{feature}")
        self.periods_intro.value = f"<p>{e(self.t('periods_intro'))}</p>"
        self.months.description = self.t("months")
        self.months.style = {"description_width": "initial"}
        self.compare.description = self.t("compare")
        self.export_intro.value = f"<p>{e(self.t('export_intro'))}</p>"
        self.export_label.value = f"<b>{e(self.t('segments_to_export'))}</b>"
        self.csv_format.options = [(self.t("format_be"), "be"),
                                   (self.t("format_international"), "international")]
        self.pseudonymise.description = self.t("pseudonymise")
        self.gdpr_note.value = f"<small>{e(self.t('gdpr_note'))}</small>"
        self.key_intro.value = f"<p>{e(self.t('key_intro'))}</p>"
        self.key_upload.description = self.t("load_key")
        self.make_csv.description = self.t("make_csv")

    def _on_language(self, change) -> None:
        self.lang = change["new"]
        self._scatter = None
        with _ui.busy(self.status, self.lang):
            self._texts()
            if self.lines is not None:
                self.data_info.value = self._data_summary()
            if self.segments is not None:
                self._render_segments()
            if self.comparison is not None:
                self._render_comparison()
            self.export_link.value = ""

    # -------------------------------------------------------------------------- data
    def _data_tab(self) -> widgets.VBox:
        """The data tab: a case dataset, or an upload (recognised, or a column-mapping step)."""
        companies = datasets.list_datasets()["company"]
        self.example = widgets.Dropdown(style={"description_width": "initial"},
                                        layout=widgets.Layout(width="auto", max_width="100%"))
        self._example_names = [(f"{companies[d]} · {t}", d) for d, (t, _) in EXAMPLES.items()]
        self.example.observe(self._on_example, "value")
        self.example.add_class("aimkit-example")
        self.upload_label = widgets.HTML()
        self.upload = widgets.FileUpload(accept=".csv,.txt", multiple=False,
                                         layout=widgets.Layout(width="auto"))
        _ui.on_upload(self.upload, self.load_upload)
        self.upload.add_class("aimkit-upload")
        self.mapping_text = widgets.HTML()
        self.mapping = {f: widgets.Dropdown(style={"description_width": "6em"},
                                            layout=widgets.Layout(width="auto", max_width="100%"))
                        for f in FIELDS}
        self.unsure = {f: widgets.HTML() for f in FIELDS}
        for field, dropdown in self.mapping.items():
            dropdown.add_class(f"aimkit-map-{field}")
        self.use_columns = widgets.Button(button_style="primary", icon="check",
                                          layout=widgets.Layout(width="auto"))
        self.use_columns.on_click(self._on_use_columns)
        self.preview = widgets.HTML()
        rows = [widgets.HBox([self.mapping[f], self.unsure[f]], layout=widgets.Layout(
            flex_flow="row wrap", align_items="center")) for f in FIELDS]
        self.mapping_box = widgets.VBox([self.mapping_text, *rows, self.use_columns,
                                         self.preview],
                                        layout=widgets.Layout(display="none"))
        self.decimal_text = widgets.HTML()
        self.decimal_choice = {mark: widgets.Button(layout=widgets.Layout(width="auto"))
                               for mark in (",", ".")}
        for mark, button in self.decimal_choice.items():
            button.on_click(lambda _, mark=mark: self._on_decimal(mark))
            button.add_class("aimkit-decimal-comma" if mark == "," else "aimkit-decimal-point")
        self.decimal_box = widgets.VBox(
            [self.decimal_text, widgets.HBox(list(self.decimal_choice.values()),
                                             layout=widgets.Layout(flex_flow="row wrap"))],
            layout=widgets.Layout(display="none"))
        self._pending_upload: tuple[bytes, str, io.Problem] | None = None
        self.data_info = widgets.HTML()
        return widgets.VBox([self.example, self.upload_label, self.upload, self.decimal_box,
                             self.mapping_box, self.data_info])

    def _on_example(self, change) -> None:
        if change["new"]:
            self.load_example(change["new"])

    def load_example(self, dataset: str) -> None:
        """Load a case dataset's transactions (as if its export were uploaded)."""
        with _ui.busy(self.status, self.lang):
            content, name = example_bytes(dataset)
            self.contacts = None
            self.set_lines(read_transactions(content, f"{dataset}/{name}",
                                             self._example_mapping(dataset)))

    @staticmethod
    def _example_mapping(dataset: str) -> dict[str, str]:
        renames = EXAMPLES[dataset][1]
        by_field = {field: column for column, field in renames.items()}
        return {field: by_field.get(field, field) for field in FIELDS}

    def load_upload(self, content: bytes, name: str, decimal: str | None = None) -> None:
        """Read an uploaded export once; use its preset, or ask which column is which.

        The parsed table is kept (``self.upload_table``) for the mapping step, so the file is
        not read a second time. When amounts can be read two ways (only ``1.250``-style
        values), the user chooses the decimal mark and the file is read with that choice.
        """
        self.mapping_box.layout.display = "none"
        self.decimal_box.layout.display = "none"
        self._pending_upload = None
        with _ui.busy(self.status, self.lang):
            try:
                table = io.read_table(content, name=name, decimal=decimal)
            except io.DataError as error:
                ambiguous = [p for p in error.problems if p.key == "ambiguous_decimal"]
                if ambiguous and len(ambiguous) == len(error.problems):
                    self._pending_upload = (content, name, ambiguous[0])
                    self._ask_decimal()
                    self.status.value = ""
                else:
                    self._file_problem(error)
                return
            del content
            self.upload_table = table
            preset = presets.recognise(table.columns)
            if preset is not None:
                self._read(preset.match(table.columns), preset)
            else:
                self._ask_columns()

    def _ask_decimal(self) -> None:
        """Ask which decimal mark the upload uses, showing both readings of its first value."""
        _, name, problem = self._pending_upload
        values = dict(problem.values)
        self.decimal_text.value = (f'<p class="aimkit-decimal-question">'
                                   f'{html.escape(self.t("decimal_question", file=name, **values))}'
                                   "</p>")
        self.decimal_choice[","].description = self.t("decimal_comma", **values)
        self.decimal_choice["."].description = self.t("decimal_point", **values)
        self.decimal_box.layout.display = "flex"

    def _on_decimal(self, mark: str) -> None:
        if self._pending_upload is not None:
            content, name, _ = self._pending_upload
            self.load_upload(content, name, decimal=mark)

    def _ask_columns(self) -> None:
        """The mapping step: a dropdown per field (unsure guesses marked) and a preview."""
        table, e = self.upload_table, html.escape
        name = table.attrs["read_as"]["file"]
        columns = [str(c) for c in table.columns]
        guess = io.guess_columns(columns, io.TRANSACTIONS)
        self.mapping_text.value = (f"<h4>{e(self.t('mapping_title'))}</h4><p>"
                                   f"{e(self.t('mapping_intro', file=name))}</p>")
        for field, dropdown in self.mapping.items():
            dropdown.options = [(self.t("choose_column"), ""), *[(c, c) for c in columns]]
            dropdown.value = guess[field] or ""
            self.unsure[field].value = ("" if guess[field] else
                                        f'<span class="aimkit-unsure">{e(self.t("unsure"))}</span>')
        head = table.head(io.SHOW_ROWS)
        self.preview.value = (f"<h4>{e(self.t('preview_title', file=name))}</h4>" + _ui.scroll(
            _ui.table(head, {c: str(c) for c in head.columns},
                      formats={c: _cell for c in head.columns})))
        self.mapping_box.layout.display = "flex"

    def _on_use_columns(self, _) -> None:
        chosen = {field: dropdown.value for field, dropdown in self.mapping.items()}
        missing = [self.t(f"field_{f}") for f, column in chosen.items() if not column]
        if missing:
            self.status.value = _ui.message("error", self.t("missing_fields",
                                                            fields=", ".join(missing)))
            return
        if len(set(chosen.values())) < len(chosen):
            self.status.value = _ui.message("error", self.t("same_column"))
            return
        with _ui.busy(self.status, self.lang):
            self._read(chosen, None)

    def _read(self, mapping: dict[str, str], preset: presets.Preset | None) -> None:
        try:
            lines = presets.transactions(self.upload_table, mapping, preset)
        except io.DataError as error:
            self._file_problem(error)
            return
        self.mapping_box.layout.display = "none"
        self.contacts = presets.contacts(self.upload_table, mapping, preset)
        self.upload_table = None
        self.example.unobserve(self._on_example, "value")
        self.example.value = ""
        self.example.observe(self._on_example, "value")
        self.set_lines(lines)

    def _file_problem(self, error: io.DataError) -> None:
        self.status.value = _ui.message("error",
                                        f"{self.t('file_problem')}\n{error.text(self.lang)}")

    def set_lines(self, lines: pd.DataFrame) -> None:
        """Use these transactions (canonical columns): RFM, segments and export follow."""
        self.lines = lines
        self.rfm = rfm.rfm_table(lines)
        self._scatter = None
        self.comparison = None
        self.groups.value = ""
        self.transitions.value = b""
        self.data_info.value = self._data_summary()
        self.update_segments()

    def _data_summary(self) -> str:
        lines, lang = self.lines, self.lang
        dates = lines["order_date"]
        text = self.t("loaded_data", file=lines.attrs.get("file", ""),
                      lines=i18n.number(len(lines), lang),
                      customers=i18n.number(len(self.rfm), lang),
                      first=i18n.date(dates.min(), lang), last=i18n.date(dates.max(), lang))
        if lines.attrs.get("preset"):
            text = self.t("recognised_as", preset=lines.attrs["preset"]) + " " + text
        if lines.attrs.get("dropped"):
            text += " " + self.t("dropped_lines", count=lines.attrs["dropped"])
        excluded = lines.attrs.get("excluded") or {}
        if excluded:
            reasons = ", ".join(self.t(f"excluded_{reason}", count=count)
                                for reason, count in excluded.items())
            text += " " + self.t("excluded_orders", count=sum(excluded.values()),
                                 reasons=reasons)
        if lines.attrs.get("total_rows"):
            text += " " + self.t("total_rows_skipped", count=lines.attrs["total_rows"])
        return _ui.message("ok", text)

    # ---------------------------------------------------------------------- segments
    def _segments_tab(self) -> widgets.VBox:
        """The segments tab: RFM or KMeans (k, features); sizes, cards, treemap, scatter."""
        self.method = widgets.ToggleButtons(options=[("RFM", "rfm"), ("KMeans", "kmeans")],
                                            style={"button_width": "auto"},
                                            layout=widgets.Layout(width="auto"))
        self.k = widgets.IntSlider(value=4, min=2, max=8, continuous_update=False,
                                   layout=widgets.Layout(width="auto", max_width="100%"))
        self.k.add_class("aimkit-k")
        self.features = {f: widgets.Checkbox(value=f != "tenure", indent=False,
                                             layout=widgets.Layout(width="auto"))
                         for f in FEATURES}
        self.features_label = widgets.HTML()
        self.kmeans_box = widgets.VBox([self.k, self.features_label, widgets.HBox(
            list(self.features.values()), layout=widgets.Layout(flex_flow="row wrap"))])
        for control in (self.method, self.k, *self.features.values()):
            control.observe(self._on_settings, "value")
        self.sizes = widgets.HTML()
        self.cards = widgets.HTML()
        self.treemap = widgets.HTML()
        self.scatter = _ui.image()
        self.segment_results = widgets.VBox([self.sizes, self.cards, self.treemap,
                                             self.scatter])
        return widgets.VBox([self.method, self.kmeans_box, self.segment_results])

    def _show_kmeans_controls(self) -> None:
        self.kmeans_box.layout.display = "flex" if self.method.value == "kmeans" else "none"

    def _on_settings(self, _) -> None:
        self._show_kmeans_controls()
        if self.rfm is not None:
            self.update_segments()

    def chosen_features(self) -> list[str]:
        """The KMeans features ticked in the app."""
        return [f for f, box in self.features.items() if box.value]

    def update_segments(self) -> None:
        """Recompute the segments with the current settings and redraw the segment tab."""
        with _ui.busy(self.status, self.lang):
            if self.method.value == "rfm":
                self.segments = rfm.named_segments(rfm.rfm_scores(self.rfm))
            else:
                features = self.chosen_features()
                if not features:
                    self.status.value = _ui.message("error", self.t("need_feature"))
                    return
                model = segment.ValueSegmenter(
                    self.k.value, features, log=[f for f in features if f in SKEWED],
                    lower_is_better=["recency"])
                self.segments = model.fit_predict(self.rfm)
            self.export_link.value = ""
            self._render_segments()

    def _render_segments(self) -> None:
        e, lang = html.escape, self.lang
        self.names, self.actions = _cards.names_and_actions(self.rfm, self.segments, lang)
        counts = self.segments.value_counts().reindex(self.segments.cat.categories).dropna()
        counts = counts[counts > 0].astype(int)
        revenue = self.rfm["monetary"].clip(lower=0).groupby(
            self.segments.to_numpy(), observed=True).sum().reindex(counts.index)
        sizes = pd.DataFrame({"segment": [self.names[s] for s in counts.index],
                              "customers": counts.values, "share": counts.values / counts.sum(),
                              "revenue": (revenue / revenue.sum()).to_numpy()})
        self.sizes.value = (f"<h3>{e(self.t('sizes_title'))}</h3>" + _ui.scroll(_ui.table(
            sizes, {"segment": self.t("col_segment"), "customers": self.t("col_customers"),
                    "share": self.t("col_share"), "revenue": self.t("col_revenue")},
            numeric=("customers", "share", "revenue"),
            formats={"customers": lambda v: i18n.number(v, lang),
                     "share": lambda v: i18n.percent(v, lang),
                     "revenue": lambda v: i18n.percent(v, lang)})))
        # matplotlib loads with the first segments, not at app start
        from aimkit.apps import _scatter

        colours = _scatter.segment_colours(self.segments)
        self.cards.value = (f"<h3>{e(self.t('cards_title'))}</h3>" + _cards.cards(
            self.rfm, self.segments, self.names, self.actions, colours, lang))
        self.treemap.value = (f"<h3>{e(self.t('treemap_title'))}</h3>" + _ui.treemap(
            counts.rename(self.names), {self.names[s]: c for s, c in colours.items()
                                        if s in self.names}))
        if self._scatter is None:
            self._scatter = _scatter.SegmentScatter(self.rfm, self.t, self.lang)
        self.scatter.value = self._scatter.png(self.segments.cat.rename_categories(
            {s: self.names.get(s, s) for s in self.segments.cat.categories}))
        self._export_choices()

    # ----------------------------------------------------------------------- periods
    def _periods_tab(self) -> widgets.VBox:
        """The periods tab: how many months to compare, and the comparison explained."""
        self.periods_intro = widgets.HTML()
        self.months = widgets.IntSlider(value=12, min=3, max=24, continuous_update=False,
                                        layout=widgets.Layout(width="auto", max_width="100%"))
        self.compare = widgets.Button(button_style="primary", icon="exchange",
                                      layout=widgets.Layout(width="auto"))
        self.compare.on_click(lambda _: self.compare_periods())
        self.groups = widgets.HTML()
        self.transitions = _ui.image()
        return widgets.VBox([self.periods_intro, self.months, self.compare, self.groups,
                             self.transitions])

    def compare_periods(self) -> None:
        """Compare the last ``months`` months with the months before (behaviour groups)."""
        if self.lines is None:
            self.status.value = _ui.message("info", self.t("need_data"))
            return
        with _ui.busy(self.status, self.lang):
            dates = self.lines["order_date"].dt.normalize()
            end, first = dates.max(), dates.min()
            months = self.months.value
            current_start = end - pd.DateOffset(months=months) + pd.Timedelta(days=1)
            baseline_start = current_start - pd.DateOffset(months=months)
            if baseline_start < first:
                self.status.value = _ui.message("info", self.t(
                    "too_short", days=(end - first).days + 1, months=months))
                return
            self.periods = ((baseline_start, current_start - pd.Timedelta(days=1)),
                            (current_start, end))
            k = self.k.value if self.method.value == "kmeans" else 4
            model = segment.ValueSegmenter(k, ["recency", "frequency", "monetary"],
                                           log=["frequency", "monetary"],
                                           lower_is_better=["recency"])
            self.comparison = rfm.compare_periods(self.lines, baseline=self.periods[0],
                                                  current=self.periods[1], segmenter=model)
            # the baseline's customers in their segments, to name the segments as on tab 2
            base = rfm.period_rfmt(self.lines, self.periods[0])
            self.baseline = (base.assign(frequency=base["orders"]), model.predict(base))
            self._render_comparison()

    def _render_comparison(self) -> None:
        e, table, lang = html.escape, self.comparison, self.lang
        (b0, b1), (c0, c1) = self.periods
        names, _ = _cards.names_and_actions(*self.baseline, lang)
        groups = table.groupby("group", observed=False).agg(
            customers=("priority", "size"), priority=("priority", "sum")).reset_index()
        groups = groups[groups["customers"] > 0]
        groups["group"] = [self.t(f"group_{_cards.rfm_key(g)}") for g in groups["group"]]
        count = {"customers": lambda v: i18n.number(v, lang),
                 "priority": lambda v: i18n.number(v, lang)}
        self.groups.value = (
            "<p>" + e(self.t("periods_line", b_start=i18n.date(b0, lang),
                             b_end=i18n.date(b1, lang), c_start=i18n.date(c0, lang),
                             c_end=i18n.date(c1, lang))) + "</p>"
            + "<p>" + e(self.t("periods_segments", segments="; ".join(names.values())))
            + "</p>"
            + f"<h3>{e(self.t('groups_title'))}</h3>" + _ui.scroll(_ui.table(
                groups, {"group": self.t("col_group"), "customers": self.t("col_customers"),
                         "priority": self.t("col_priority")},
                numeric=("customers", "priority"), formats=count))
            + f"<p>{e(self.t('periods_explain'))}</p>")
        both = table.dropna(subset=["baseline", "current"])
        counts = table["current"].value_counts().sort_index()
        links = both.groupby(["baseline", "current"], observed=True).size()
        links = links[[a != b for a, b in links.index]]
        flagged = both.loc[both["priority"], "current"].value_counts()
        from aimkit import plots

        fig = plots.transition_network(counts[counts > 0], links, flagged=flagged,
                                       title=self.t("transitions_title"))
        fig.set_size_inches(*PHONE_FIGURE)  # the texts keep their size: readable on a phone
        self.transitions.value = plots.png(fig, dpi=72)

    # ------------------------------------------------------------------------ export
    def _export_tab(self) -> widgets.VBox:
        """The export tab: segments, format, contacts, pseudonyms with a key, the download."""
        self.export_intro = widgets.HTML()
        self.export_label = widgets.HTML()
        self.export_boxes: dict[str, widgets.Checkbox] = {}
        self.export_choice = widgets.VBox()
        self.export_choice.add_class("aimkit-export-segments")
        self.csv_format = widgets.ToggleButtons(
            value="be" if self.lang == "nl" else "international", options=["be", "international"],
            style={"button_width": "auto"}, layout=widgets.Layout(width="auto"))
        self.keep_contact = widgets.Checkbox(value=False, indent=False,
                                             layout=widgets.Layout(width="auto"))
        self.gdpr_note = widgets.HTML()
        self.contact_box = widgets.VBox([self.keep_contact, self.gdpr_note],
                                        layout=widgets.Layout(display="none"))
        self.pseudonymise = widgets.Checkbox(value=True, indent=False,
                                             layout=widgets.Layout(width="auto"))
        self.key_intro = widgets.HTML()
        self.key_upload = widgets.FileUpload(accept=".key,.json,.txt", multiple=False,
                                             layout=widgets.Layout(width="auto"))
        self.key_upload.add_class("aimkit-key-upload")
        _ui.on_upload(self.key_upload, self.load_key)
        self.key_status = widgets.HTML()
        self.make_csv = widgets.Button(button_style="primary", icon="download",
                                       layout=widgets.Layout(width="auto"))
        self.make_csv.on_click(lambda _: self.export())
        self.export_link = widgets.HTML()
        for control in (self.csv_format, self.keep_contact, self.pseudonymise):
            control.observe(self._forget_export, "value")
        return widgets.VBox([self.export_intro, self.export_label, self.export_choice,
                             self.csv_format, self.contact_box, self.pseudonymise,
                             self.key_intro, self.key_upload, self.key_status, self.make_csv,
                             self.export_link])

    def _forget_export(self, _=None) -> None:
        """A made file no longer fits the choices: take its download away."""
        self.export_link.value = ""

    def _export_choices(self) -> None:
        """One tick box per segment (all ticked), named as on the segments tab."""
        levels = [s for s in self.segments.cat.categories if (self.segments == s).any()]
        ticked = {s for s, box in self.export_boxes.items() if box.value}
        same = list(self.export_boxes) == levels
        self.export_boxes = {s: widgets.Checkbox(value=s in ticked if same else True,
                                                 description=self.names[s], indent=False,
                                                 layout=widgets.Layout(width="auto"))
                             for s in levels}
        for box in self.export_boxes.values():
            box.observe(self._forget_export, "value")
        self.export_choice.children = list(self.export_boxes.values())
        has_contacts = self.contacts is not None and len(self.contacts.columns) > 0
        self.contact_box.layout.display = "flex" if has_contacts else "none"
        if has_contacts:
            self.keep_contact.description = self.t(
                "keep_contact", columns=", ".join(map(str, self.contacts.columns)))

    @property
    def chosen_segments(self) -> list[str]:
        """The segments ticked on the export tab."""
        return [s for s, box in self.export_boxes.items() if box.value]

    def export_frame(self) -> pd.DataFrame:
        """One row per customer of the chosen segments: segment name, action and RFM values.

        The headers are in the app's language (:data:`EXPORT_COLUMNS`); the user's own contact
        columns follow, under their own names, when the user ticked to keep them.
        """
        keep = self.segments.isin(self.chosen_segments).to_numpy()
        frame = self.rfm.loc[keep].reset_index()
        labels = self.segments[keep].astype(str)
        frame["segment"] = labels.map(self.names).to_numpy()
        frame["action"] = labels.map(self.actions).to_numpy()
        frame["monetary"] = frame["monetary"].round(2)
        frame = frame[list(EXPORT_COLUMNS)]
        if self.keep_contact.value and self.contact_box.layout.display == "flex":
            frame = frame.join(self.contacts, on="customer_id")
        return frame.rename(columns={c: self.t(key) for c, key in EXPORT_COLUMNS.items()})

    def load_key(self, content: bytes, name: str) -> None:
        """Use the pseudonym key the owner kept (a file from an earlier export)."""
        try:
            self.key = _key_from_bytes(content)
        except ValueError:
            self.key_status.value = _ui.message("error", self.t("key_bad", file=name))
            return
        self.key_is_new = False
        self._forget_export()
        self.key_status.value = _ui.message("ok", self.t("key_loaded", file=name))

    def export(self) -> str | None:
        """Build the CSV of the chosen segments and show its download button.

        Pseudonyms come from the owner's key (:class:`aimkit.io.PseudonymKey`): loaded, or
        made at the first pseudonymised export and offered for download beside the list.

        Returns
        -------
        str or None
            The CSV text, or None when nothing can be exported yet.
        """
        if self.segments is None:
            self.status.value = _ui.message("info", self.t("need_data"))
            return None
        if not self.chosen_segments:
            self.status.value = _ui.message("info", self.t("choose_segments"))
            return None
        with _ui.busy(self.status, self.lang):
            frame = self.export_frame()
            pseudo = self.pseudonymise.value
            if pseudo and self.key is None:
                self.key, self.key_is_new = io.PseudonymKey.create(), True
                self.key_status.value = _ui.message("info", self.t("key_new"))
            customer = self.t(EXPORT_COLUMNS["customer_id"])
            contacts = [c for c in frame.columns if c not in set(map(self.t,
                                                                     EXPORT_COLUMNS.values()))]
            sep, decimal = CSV_FORMATS[self.csv_format.value]
            text = io.export_csv(frame, pseudonymise=[customer] if pseudo else [],
                                 keep=contacts, salt=self.key if pseudo else None, sep=sep,
                                 decimal=decimal)
            if self.csv_format.value == "be":
                text = "\ufeff" + text  # Excel reads UTF-8 as such only with a BOM
            name = self.lines.attrs.get("file", "data").split("/")[0].rsplit(".", 1)[0]
            note = "" if pseudo else _ui.message("error", self.t("export_real_ids"))
            key = (_ui.download_link(_key_bytes(self.key), KEY_FILE, "application/json",
                                     self.t("download", what=self.t("key_what")))
                   if pseudo and self.key_is_new else "")
            self.export_link.value = (
                _ui.message("ok", self.t("export_ready",
                                         customers=i18n.number(len(frame), self.lang),
                                         segments=len(self.chosen_segments)))
                + note + _ui.download_link(text, f"segments-{name}.csv", "text/csv",
                                           self.t("download", what=self.t("csv_what"))) + key)
            return text
        return None


def _key_bytes(key: io.PseudonymKey) -> bytes:
    """The key file's content, to offer for download (the app keeps no copy of the key)."""
    return key.dumps().encode("utf-8")


def _key_from_bytes(content: bytes) -> io.PseudonymKey:
    """A key from an uploaded key file, read in memory.

    Raises
    ------
    ValueError
        When the content is not a key written by :meth:`aimkit.io.PseudonymKey.save`.

    Examples
    --------
    >>> key = io.PseudonymKey.create()
    >>> _key_from_bytes(_key_bytes(key)).pseudonym("C1") == key.pseudonym("C1")
    True
    """
    return io.PseudonymKey.loads(content[:4096], source="the uploaded key")


def segment_explorer(lang: str = i18n.DEFAULT_LANGUAGE) -> widgets.Widget:
    """Build the segment explorer app (the widget to display in a Voila notebook).

    Parameters
    ----------
    lang : {"nl", "en"}
        Starting language; the app has a toggle.

    Returns
    -------
    ipywidgets.Widget

    Examples
    --------
    >>> app = segment_explorer("en")
    >>> len(app.children[-1].children)
    4

    Used in: notebooks/apps/segment_explorer.ipynb
    """
    return SegmentExplorer(lang).widget

