"""Small building blocks shared by the apps: messages, downloads, tables, busy state, CSS.

Nothing here writes into an ``ipywidgets.Output`` widget: figures (drawn by :mod:`aimkit.plots`)
become PNG ``Image`` widgets and tables HTML. Besides keeping the apps light, this avoids the
output-widget traffic that triggers Voila's first-render hang (see
:mod:`aimkit.apps.kernel_client`).
"""

from __future__ import annotations

import base64
import html
from contextlib import contextmanager

import ipywidgets as widgets

from aimkit import i18n

CSS = """
<style>
.aimkit-app { max-width: 60em; margin: 0 auto; font-size: 15px; line-height: 1.45; }
.aimkit-app .widget-radio-box label { display: flex; flex-direction: row-reverse;
  justify-content: flex-end; gap: .4em; white-space: normal;
  line-height: 1.35; height: auto;
  margin-bottom: .35em; align-items: flex-start; }
.aimkit-app .widget-radio-box input { flex-shrink: 0; margin-top: .2em; }
.aimkit-app table.aimkit { border-collapse: collapse; width: 100%; margin: .5em 0; }
.aimkit-app table.aimkit th, .aimkit-app table.aimkit td { border-bottom: 1px solid #ddd;
  padding: .3em .5em; text-align: left; vertical-align: top; }
.aimkit-app table.aimkit td.num, .aimkit-app table.aimkit th.num { text-align: right; }
.aimkit-msg { padding: .6em .9em; border-radius: 4px; margin: .4em 0; white-space: pre-line; }
.aimkit-msg.error { background: #fdecea; border-left: 4px solid #c62828; }
.aimkit-msg.info { background: #e8f1fb; border-left: 4px solid #1565c0; }
.aimkit-msg.ok { background: #e8f5e9; border-left: 4px solid #2e7d32; }
a.aimkit-download { display: inline-block; padding: .45em 1em; margin: .3em .5em .3em 0;
  background: #1565c0; color: white !important; border-radius: 4px; text-decoration: none; }
.aimkit-busy { color: #555; }
.aimkit-busy::before { content: ""; display: inline-block; width: .9em; height: .9em;
  margin-right: .5em; vertical-align: -.1em; border: 2px solid #1565c0;
  border-right-color: transparent; border-radius: 50%; animation: aimkit-spin .8s linear infinite; }
@keyframes aimkit-spin { to { transform: rotate(360deg); } }
.aimkit-treemap { position: relative; width: 100%; aspect-ratio: 2 / 1; margin: .5em 0; }
.aimkit-tile { position: absolute; box-sizing: border-box; overflow: hidden; padding: .2em .35em;
  border: 2px solid #fff; color: #fff; line-height: 1.3; text-shadow: 0 0 3px rgba(0, 0, 0, .8);
  display: flex; align-items: center; justify-content: center; text-align: center; }
@media (max-width: 600px) { .aimkit-app { font-size: 14px; } }
</style>
"""


def message(kind: str, text: str) -> str:
    """HTML for a coloured message box (``kind``: "error", "info" or "ok"); text is escaped.

    Examples
    --------
    >>> message("error", "<b>bad</b>")
    '<div class="aimkit-msg error">&lt;b&gt;bad&lt;/b&gt;</div>'
    """
    return f'<div class="aimkit-msg {kind}">{html.escape(text)}</div>'


def download_link(data: bytes | str, filename: str, mime: str, label: str) -> str:
    """HTML for a download button holding the file itself (a ``data:`` URL; no server file).

    Examples
    --------
    >>> download_link("a,b\\n", "x.csv", "text/csv", "Download")[:59]
    '<a class="aimkit-download" download="x.csv" href="data:text'
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    encoded = base64.b64encode(data).decode("ascii")
    return (f'<a class="aimkit-download" download="{html.escape(filename)}" '
            f'href="data:{mime};base64,{encoded}">{html.escape(label)}</a>')


def treemap(counts, colours) -> str:
    """HTML treemap: one box per label, its area proportional to the count.

    Boxes hold the label, count and share (small boxes show them on hover); ``colours``
    maps each label to a CSS colour. HTML instead of a picture: it redraws instantly and its
    text stays readable on a phone.

    Examples
    --------
    >>> import pandas as pd
    >>> page = treemap(pd.Series({"A": 30, "B": 10}), {"A": "#1f77b4", "B": "#ff7f0e"})
    >>> page.count('class="aimkit-tile"'), "75.0%" in page
    (2, True)
    """
    import squarify

    counts = counts[counts > 0].sort_values(ascending=False, kind="stable")
    total = counts.sum()
    # a 200 x 100 plane: the box is twice as wide as high, so squares stay square
    boxes = squarify.squarify(squarify.normalize_sizes(counts.to_numpy(), 200, 100),
                              0, 0, 200, 100)
    tiles = []
    for (label, count), box in zip(counts.items(), boxes, strict=True):
        share = count / total
        text = html.escape(f"{label}: {count:,} ({share:.1%})")
        inside = (f"<span><b>{html.escape(str(label))}</b><br>{count:,}<br>{share:.1%}</span>"
                  if share >= 0.03 else "")
        tiles.append(f'<div class="aimkit-tile" title="{text}" style="left:{box["x"] / 2:.2f}%;'
                     f'top:{box["y"]:.2f}%;width:{box["dx"] / 2:.2f}%;height:{box["dy"]:.2f}%;'
                     f'background:{colours[label]}">{inside}</div>')
    return f'<div class="aimkit-treemap">{"".join(tiles)}</div>'


def image(data: bytes = b"") -> widgets.Image:
    """An image widget that shrinks to the screen width (phones).

    Examples
    --------
    >>> image().layout.max_width
    '100%'
    """
    return widgets.Image(value=data, format="png",
                         layout=widgets.Layout(max_width="100%", height="auto"))


def table(frame, columns: dict[str, str], numeric=(), formats: dict | None = None) -> str:
    """An HTML table of ``frame``'s ``columns`` (``{column: header}``); cells are escaped.

    Examples
    --------
    >>> import pandas as pd
    >>> table(pd.DataFrame({"a": ["<x>"]}), {"a": "A"})
    '<table class="aimkit"><tr><th>A</th></tr><tr><td>&lt;x&gt;</td></tr></table>'
    """
    formats = formats or {}
    head = "".join(f'<th{" class=num" if c in numeric else ""}>{html.escape(h)}</th>'
                   for c, h in columns.items())
    rows = []
    for _, row in frame.iterrows():
        cells = []
        for c in columns:
            value = row[c]
            shown = formats[c](value) if c in formats else str(value)
            cells.append(f'<td{" class=num" if c in numeric else ""}>{html.escape(shown)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f'<table class="aimkit"><tr>{head}</tr>' + "".join(rows) + "</table>"


def language_toggle(lang: str) -> widgets.ToggleButtons:
    """The NL / EN switch shown at the top of each app.

    Examples
    --------
    >>> language_toggle("nl").value
    'nl'
    """
    toggle = widgets.ToggleButtons(options=[("NL", "nl"), ("EN", "en")], value=lang,
                                   tooltips=[i18n.LANGUAGE_NAMES[k] for k in ("nl", "en")],
                                   style={"button_width": "3.5em"},
                                   layout=widgets.Layout(width="auto"))
    toggle.add_class("aimkit-language-toggle")  # the page's own messages follow it (room.js)
    return toggle


@contextmanager
def busy(status: widgets.HTML, lang: str):
    """Show a spinner in ``status`` while the block runs; turn any error into a message.

    Errors never reach the page as a traceback: the message names the error and says the
    input is kept.

    Examples
    --------
    >>> status = widgets.HTML()
    >>> with busy(status, "en"):
    ...     1 / 0
    >>> "ZeroDivisionError" in status.value
    True
    """
    status.value = f'<span class="aimkit-busy">{html.escape(i18n.text("busy", lang))}</span>'
    try:
        yield
    except Exception as error:  # the app must keep working whatever happens
        status.value = message("error", i18n.text(
            "unexpected_error", lang, error=f"{type(error).__name__}: {error}"))
    else:
        if "aimkit-busy" in status.value:
            status.value = ""


SMALL_SCREENS = """
<style>
.aimkit-scroll { overflow-x: auto; max-width: 100%; }
.aimkit-scroll::-webkit-scrollbar { height: 8px; }
.aimkit-scroll::-webkit-scrollbar-thumb { background: #9e9e9e; border-radius: 4px; }
.aimkit-scroll::-webkit-scrollbar-track { background: #eee; }
.aimkit-app .widget-tab > .lm-TabBar .lm-TabBar-content { flex-wrap: wrap; }
.aimkit-app .widget-tab > .lm-TabBar .lm-TabBar-tab { flex: 0 0 auto; min-width: 0;
  max-width: none; }
.aimkit-app .widget-tab > .lm-TabBar .lm-TabBar-tabLabel { overflow: visible;
  text-overflow: clip; }
.aimkit-app .widget-button, .aimkit-app .widget-toggle-button, .aimkit-app .widget-upload {
  max-width: 100%; overflow: visible; }
.aimkit-app .widget-toggle-buttons { flex-wrap: wrap; height: auto; }
.aimkit-app .widget-toggle-buttons .widget-toggle-button { margin-bottom: 2px; }
.aimkit-app .widget-dropdown > select { min-width: 0; max-width: 100%; }
.aimkit-app .widget-dropdown { flex-wrap: wrap; height: auto; }
.aimkit-unsure { color: #b26a00; font-weight: bold; margin-left: .5em; }
.aimkit-cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(15em, 1fr));
  gap: .6em; margin: .5em 0; }
.aimkit-card { border: 1px solid #ddd; border-left: 6px solid #888; border-radius: 4px;
  padding: .4em .8em; }
.aimkit-card h4 { margin: .3em 0; }
.aimkit-card p { margin: .3em 0; }
</style>
"""
"""CSS that keeps the apps whole on a phone (390 px wide): tables wrap their text, and a table
that is still too wide scrolls sideways inside its own box with a scroll bar that stays
visible (:func:`scroll`); tab labels and button labels wrap instead of being cut off, and the
segment cards stack."""

UPLOAD_WITHOUT_COUNT = (
    '<img src="data:," alt="" style="display:none" onerror="'
    "(function () {"
    "  var strip = function () {"
    "    document.querySelectorAll('button.widget-upload').forEach(function (button) {"
    "      button.childNodes.forEach(function (node) {"
    "        if (node.nodeType !== 3) return;"
    "        var text = node.textContent.replace(/ \\(\\d+\\)$/, '');"
    "        if (text !== node.textContent) node.textContent = text;"
    "      });"
    "    });"
    "  };"
    "  new MutationObserver(strip).observe(document.body,"
    "    {subtree: true, childList: true, characterData: true});"
    "  strip();"
    '})()">')
"""ipywidgets 8 writes the number of chosen files after an upload button's label ("Laad CSV
(0)"), which reads as an error; this snippet (displayed once per app, in an HTML widget)
removes it whenever the button is drawn."""


def scroll(content: str) -> str:
    """Wrap HTML (a wide table) in a box that scrolls sideways on a small screen.

    Examples
    --------
    >>> scroll("<table></table>")
    '<div class="aimkit-scroll"><table></table></div>'
    """
    return f'<div class="aimkit-scroll">{content}</div>'


def on_upload(upload: widgets.FileUpload, handler) -> None:
    """Call ``handler(content, name)`` with each file chosen in ``upload``, then empty it.

    Emptying the widget lets the user choose the same file again (after fixing it).

    Examples
    --------
    >>> chosen = []
    >>> button = widgets.FileUpload()
    >>> on_upload(button, lambda content, name: chosen.append((name, content)))
    >>> from datetime import datetime
    >>> button.value = ({"name": "a.csv", "type": "text/csv", "size": 1,
    ...                  "content": memoryview(b"x"), "last_modified": datetime(2026, 1, 1)},)
    >>> chosen, button.value
    ([('a.csv', b'x')], ())
    """
    def chosen(change) -> None:
        if change["new"]:
            file = change["new"][0]
            upload.value = ()
            handler(bytes(file["content"]), file["name"])

    upload.observe(chosen, "value")
