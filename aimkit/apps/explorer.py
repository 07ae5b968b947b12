"""The segment explorer app: RFM or KMeans segments of a case dataset or your own CSV.

Four tabs: **data** (a case dataset, or an uploaded transactions CSV read with
:func:`aimkit.io.read_table`, with a column-mapping step when the names differ and every
problem shown as a message), **segments** (RFM named segments or KMeans with a k slider and
a feature choice: sizes as table and treemap, profiles in business units, a scatter),
**periods** (a baseline and a current period compared: behaviour groups and moves between
segments) and **export** (the chosen segments as a pseudonymised, formula-safe CSV).

Used in: the segment explorer app (:func:`aimkit.apps.segment_explorer`).
"""

from __future__ import annotations

import dataclasses
import html
from typing import TYPE_CHECKING

import ipywidgets as widgets
import pandas as pd

from aimkit import datasets, i18n, io, rfm, runtime, segment
from aimkit.apps import _ui

if TYPE_CHECKING:
    from aimkit.apps._scatter import SegmentScatter

FIELDS = tuple(c.name for c in io.TRANSACTIONS.columns)
FEATURES = ("recency", "frequency", "monetary", "tenure")
SKEWED = ("frequency", "monetary", "tenure")

SCHEMA = io.Schema("transactions", tuple(
    dataclasses.replace(c, nullable=True) if c.name == "customer_id" else c
    for c in io.TRANSACTIONS.columns))
""":data:`aimkit.io.TRANSACTIONS` with empty customer numbers allowed (they are left out)."""

EXAMPLES = {name: (case.transactions.table, dict(case.transactions.columns))
            for name, case in datasets.cases().items() if case.transactions is not None}
"""Case datasets with transactions, from their registration (:class:`aimkit.datasets.Case`):
``{dataset: (table, {file column: canonical column})}``."""

def read_transactions(content: bytes, name: str, mapping: dict[str, str]) -> pd.DataFrame:
    """Read a transactions export with ``mapping`` (``{field: file column}``) via aimkit.io.

    Lines without a customer number are left out; ``attrs["dropped"]`` counts them.

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
    renames = {column: field for field, column in mapping.items() if column != field}
    frame = io.read_table(content, SCHEMA, columns=renames, name=name)
    linked = frame["customer_id"].notna()
    lines = frame.loc[linked, list(FIELDS)].reset_index(drop=True)
    lines.attrs["dropped"] = int((~linked).sum())
    lines.attrs["file"] = name
    return lines


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
        self.pending: tuple[bytes, str] | None = None
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
            widgets.HTML(_ui.CSS),
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
        self.use_columns.description = self.t("use_columns")
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
        self.export_segments.description = self.t("segments_to_export")
        self.pseudonymise.description = self.t("pseudonymise")
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
        """The data tab: a case dataset, or an upload with a column-mapping step."""
        companies = datasets.list_datasets()["company"]
        self.example = widgets.Dropdown(layout=widgets.Layout(width="auto"))
        self._example_names = [(f"{companies[d]} · {t}", d) for d, (t, _) in EXAMPLES.items()]
        self.example.observe(self._on_example, "value")
        self.example.add_class("aimkit-example")
        self.upload_label = widgets.HTML()
        self.upload = widgets.FileUpload(accept=".csv,.txt", multiple=False)
        self.upload.observe(self._on_upload, "value")
        self.upload.add_class("aimkit-upload")
        self.mapping_text = widgets.HTML()
        self.mapping = {f: widgets.Dropdown(layout=widgets.Layout(width="auto")) for f in FIELDS}
        for field, dropdown in self.mapping.items():
            dropdown.add_class(f"aimkit-map-{field}")
        self.use_columns = widgets.Button(button_style="primary", icon="check")
        self.use_columns.on_click(self._on_use_columns)
        self.mapping_box = widgets.VBox([self.mapping_text, *self.mapping.values(),
                                         self.use_columns],
                                        layout=widgets.Layout(display="none"))
        self.data_info = widgets.HTML()
        return widgets.VBox([self.example, self.upload_label, self.upload, self.mapping_box,
                             self.data_info])

    def _on_example(self, change) -> None:
        if change["new"]:
            self.load_example(change["new"])

    def load_example(self, dataset: str) -> None:
        """Load a case dataset's transactions (as if its export were uploaded)."""
        with _ui.busy(self.status, self.lang):
            content, name = example_bytes(dataset)
            self.set_lines(read_transactions(content, f"{dataset}/{name}",
                                             self._example_mapping(dataset)))

    @staticmethod
    def _example_mapping(dataset: str) -> dict[str, str]:
        renames = EXAMPLES[dataset][1]
        by_field = {field: column for column, field in renames.items()}
        return {field: by_field.get(field, field) for field in FIELDS}

    def _on_upload(self, change) -> None:
        files = change["new"]
        if not files:
            return
        upload = files[0]
        self.upload.value = ()
        self.load_upload(bytes(upload["content"]), upload["name"])

    def load_upload(self, content: bytes, name: str) -> None:
        """Read an uploaded CSV; ask for the columns when their names are not recognised."""
        self.mapping_box.layout.display = "none"
        with _ui.busy(self.status, self.lang):
            try:
                columns = list(io.read_table(content, name=name).columns)
                guess = io.guess_columns(columns, SCHEMA)
                if all(guess.values()):
                    self._read(content, name, guess)
                    return
            except io.DataError as error:
                self._file_problem(error)
                return
            self.pending = (content, name)
            self.mapping_text.value = (f"<h4>{html.escape(self.t('mapping_title'))}</h4><p>"
                                       f"{html.escape(self.t('mapping_intro', file=name))}</p>")
            for field, dropdown in self.mapping.items():
                dropdown.options = columns
                dropdown.value = guess[field] or columns[0]
            self.mapping_box.layout.display = "flex"

    def _on_use_columns(self, _) -> None:
        chosen = {field: dropdown.value for field, dropdown in self.mapping.items()}
        if len(set(chosen.values())) < len(chosen):
            self.status.value = _ui.message("error", self.t("same_column"))
            return
        content, name = self.pending
        with _ui.busy(self.status, self.lang):
            self._read(content, name, chosen)

    def _read(self, content: bytes, name: str, mapping: dict[str, str]) -> None:
        try:
            lines = read_transactions(content, name, mapping)
        except io.DataError as error:
            self._file_problem(error)
            return
        self.mapping_box.layout.display = "none"
        self.pending = None
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
        lines = self.lines
        dates = lines["order_date"]
        text = self.t("loaded_data", file=lines.attrs.get("file", ""), lines=f"{len(lines):,}",
                      customers=f"{len(self.rfm):,}", first=f"{dates.min():%d/%m/%Y}",
                      last=f"{dates.max():%d/%m/%Y}")
        if lines.attrs.get("dropped"):
            text += " " + self.t("dropped_lines", count=lines.attrs["dropped"])
        return _ui.message("ok", text)

    # ---------------------------------------------------------------------- segments
    def _segments_tab(self) -> widgets.VBox:
        """The segments tab: RFM or KMeans (k, features); sizes, treemap, profile, scatter."""
        self.method = widgets.ToggleButtons(options=[("RFM", "rfm"), ("KMeans", "kmeans")],
                                            layout=widgets.Layout(width="auto"))
        self.k = widgets.IntSlider(value=4, min=2, max=8, continuous_update=False)
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
        self.treemap = widgets.HTML()
        self.profile = widgets.HTML()
        self.scatter = _ui.image()
        self.segment_results = widgets.VBox([self.sizes, self.treemap, self.profile,
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
            levels = [s for s in self.segments.cat.categories
                      if (self.segments == s).any()]
            self.export_segments.options = levels
            self.export_segments.value = tuple(levels)
            self.export_link.value = ""
            self._render_segments()

    def _render_segments(self) -> None:
        e = html.escape
        counts = self.segments.value_counts().reindex(self.segments.cat.categories).dropna()
        counts = counts[counts > 0].astype(int)
        sizes = pd.DataFrame({"segment": counts.index.astype(str), "customers": counts.values,
                              "share": counts.values / counts.sum()})
        self.sizes.value = (f"<h3>{e(self.t('sizes_title'))}</h3>" + _ui.table(
            sizes, {"segment": self.t("col_segment"), "customers": self.t("col_customers"),
                    "share": self.t("col_share")}, numeric=("customers", "share"),
            formats={"customers": lambda v: f"{v:,}", "share": lambda v: f"{v:.1%}"}))
        # matplotlib loads with the first segments, not at app start
        from aimkit.apps import _scatter

        self.treemap.value = (f"<h3>{e(self.t('treemap_title'))}</h3>"
                              + _ui.treemap(counts, _scatter.segment_colours(self.segments)))

        prof = segment.profile(self.rfm, self.segments, list(FEATURES)).reset_index()
        prof["segment"] = prof["segment"].astype(str)
        header = {"segment": self.t("col_segment"),
                  **{f: self.t(f"feature_{f}") for f in FEATURES},
                  "customers": self.t("col_customers")}
        self.profile.value = (f"<h3>{e(self.t('profile_title'))}</h3>" + _ui.table(
            prof, header, numeric=(*FEATURES, "customers"),
            formats={"recency": lambda v: f"{v:,.0f}", "frequency": lambda v: f"{v:,.1f}",
                     "monetary": lambda v: f"€ {v:,.0f}", "tenure": lambda v: f"{v:,.0f}",
                     "customers": lambda v: f"{v:,}"}))
        if self._scatter is None:
            self._scatter = _scatter.SegmentScatter(self.rfm, self.t)
        self.scatter.value = self._scatter.png(self.segments)

    # ----------------------------------------------------------------------- periods
    def _periods_tab(self) -> widgets.VBox:
        """The periods tab: how many months to compare, and the comparison."""
        self.periods_intro = widgets.HTML()
        self.months = widgets.IntSlider(value=12, min=3, max=24, continuous_update=False)
        self.compare = widgets.Button(button_style="primary", icon="exchange")
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
            self._render_comparison()

    def _render_comparison(self) -> None:
        e, table = html.escape, self.comparison
        (b0, b1), (c0, c1) = self.periods
        groups = table.groupby("group", observed=False).agg(
            customers=("priority", "size"), priority=("priority", "sum")).reset_index()
        groups = groups[groups["customers"] > 0]
        groups["group"] = groups["group"].astype(str)
        self.groups.value = (
            f"<p>{e(self.t('periods_line', b_start=f'{b0:%d/%m/%Y}', b_end=f'{b1:%d/%m/%Y}', c_start=f'{c0:%d/%m/%Y}', c_end=f'{c1:%d/%m/%Y}'))}</p>"  # noqa: E501
            f"<h3>{e(self.t('groups_title'))}</h3>" + _ui.table(
                groups, {"group": self.t("col_group"), "customers": self.t("col_customers"),
                         "priority": self.t("col_priority")},
                numeric=("customers", "priority"),
                formats={"customers": lambda v: f"{v:,}", "priority": lambda v: f"{v:,}"}))
        both = table.dropna(subset=["baseline", "current"])
        counts = table["current"].value_counts().sort_index()
        links = both.groupby(["baseline", "current"], observed=True).size()
        links = links[[a != b for a, b in links.index]]
        flagged = both.loc[both["priority"], "current"].value_counts()
        from aimkit import plots

        fig = plots.transition_network(counts[counts > 0], links, flagged=flagged,
                                       title=self.t("transitions_title"))
        self.transitions.value = plots.png(fig, dpi=72)

    # ------------------------------------------------------------------------ export
    def _export_tab(self) -> widgets.VBox:
        """The export tab: which segments, pseudonymised or not, the download."""
        self.export_intro = widgets.HTML()
        self.export_segments = widgets.SelectMultiple(rows=6, layout=widgets.Layout(
            width="auto", min_width="14em"))
        self.pseudonymise = widgets.Checkbox(value=True, indent=False,
                                             layout=widgets.Layout(width="auto"))
        self.make_csv = widgets.Button(button_style="primary", icon="download")
        self.make_csv.on_click(lambda _: self.export())
        self.export_link = widgets.HTML()
        return widgets.VBox([self.export_intro, self.export_segments, self.pseudonymise,
                             self.make_csv, self.export_link])

    def export_frame(self) -> pd.DataFrame:
        """The customers of the chosen segments with their segment and RFM values."""
        chosen = set(self.export_segments.value)
        keep = self.segments.isin(chosen).to_numpy()
        frame = self.rfm.loc[keep].reset_index()
        frame.insert(1, "segment", self.segments[keep].astype(str).to_numpy())
        frame["monetary"] = frame["monetary"].round(2)
        return frame

    def export(self) -> str | None:
        """Build the CSV of the chosen segments and show its download button.

        Returns
        -------
        str or None
            The CSV text, or None when nothing can be exported yet.
        """
        if self.segments is None:
            self.status.value = _ui.message("info", self.t("need_data"))
            return None
        if not self.export_segments.value:
            self.status.value = _ui.message("info", self.t("choose_segments"))
            return None
        with _ui.busy(self.status, self.lang):
            frame = self.export_frame()
            pseudo = self.pseudonymise.value
            text = io.export_csv(frame, pseudonymise=["customer_id"] if pseudo else [])
            name = self.lines.attrs.get("file", "data").split("/")[0].rsplit(".", 1)[0]
            note = "" if pseudo else _ui.message("error", self.t("export_real_ids"))
            self.export_link.value = (
                _ui.message("ok", self.t("export_ready", customers=f"{len(frame):,}",
                                         segments=frame["segment"].nunique()))
                + note + _ui.download_link(text, f"segments-{name}.csv", "text/csv",
                                           self.t("download", what=self.t("csv_what"))))
            return text
        return None


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

