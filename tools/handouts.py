"""Build the handouts: one printable A4 page per case, in Dutch, for SME owners.

Run from the repository's root::

    python -m tools.handouts           # build/handouts/<case>.html and an index
    python -m tools.handouts --require-all   # also fail when a case has no handout yet

A handout joins two sources:

- **the text**, ``docs/handouts/<case>.md``: a header with the case notebook and the
  data-maturity dimensions the case depends on, then the Dutch prose under the headings
  below, with ``{placeholders}`` for the figures (``{customers:,}``, ``{share:.0%}``);
- **the figures**, from the executed case notebook: its code cell tagged ``handout`` ends with a
  dictionary of plain numbers and strings, ``{"customers": int(n), "share": float(s)}``, which
  the notebook displays and this tool reads.

Numbers are written the Flemish way (1.234,5 and 12 %). "Wat heb je nodig om dit zelf te doen?"
is made from ``aimkit/data/maturity.json``: the case's level on each dimension named in the
header, with the e-book's evidence. A case whose notebook has no ``handout`` cell gets no page:
the tool names it (and the index says the handout is not ready). HTML with print CSS, no PDF:
no well-kept PDF library is installed (see CONTRIBUTING.md).

Examples
--------
>>> flemish("{n:,} klanten, {share:.1%}", n=1234, share=0.256)
'1.234 klanten, 25,6 %'
"""

from __future__ import annotations

import argparse
import ast
import html
import re
import string
import sys
from dataclasses import dataclass
from pathlib import Path

import mistune
import nbformat

from aimkit import maturity
from tools.pages import BUILD, NOTEBOOKS, ROOT, execute, page

TEXTS = ROOT / "docs" / "handouts"
OUT = BUILD / "handouts"
TAG = "handout"
SECTIONS = ("De vraag van het bedrijf", "De data", "Wat de analyse toonde", "Wat het bedrijf deed")
"""The headings every handout text has, in this order."""

CSS = """
@page { size: A4; margin: 14mm 16mm; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 10.5pt;
       line-height: 1.4; max-width: 178mm; margin: 0 auto; padding: 0 8px; color: #222; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 11.5pt; margin: 4mm 0 1mm; color: #0b5394; }
p, ul { margin: 0 0 2mm; }
strong { color: #000; }
.source { font-size: 8.5pt; color: #555; border-top: 1px solid #ccc; margin-top: 4mm; }
@media print { a { color: inherit; text-decoration: none; } }
"""
"""One A4 page: compact type, no screen-only decoration when printed."""


class HandoutError(ValueError):
    """A handout text or a notebook's handout cell is not as this tool expects."""


class _Flemish(string.Formatter):
    """``str.format`` with Flemish numbers: 1.234,5 and a space before %."""

    def format_field(self, value, format_spec):
        text = super().format_field(value, format_spec)
        if isinstance(value, int | float) and not isinstance(value, bool):
            text = text.translate(str.maketrans(",.", ".,")).replace("%", " %")
        return text


def flemish(template: str, **figures) -> str:
    """Fill ``template``'s ``{placeholders}`` from ``figures``, numbers written the Flemish way."""
    return _Flemish().format(template, **figures)


@dataclass(frozen=True)
class Text:
    """A handout text: its case, notebook, maturity dimensions and Dutch Markdown body."""

    case: str
    notebook: Path
    dimensions: tuple[str, ...]
    body: str

    @property
    def placeholders(self) -> set[str]:
        """The figures the text needs from the notebook's handout cell."""
        return {name.split(".")[0].split("[")[0]
                for _, name, _, _ in string.Formatter().parse(self.body) if name}


def read_text(path: Path, notebooks: Path = NOTEBOOKS) -> Text:
    """Read ``docs/handouts/<case>.md``: a ``---`` header of ``key: value`` lines, then Markdown.

    Raises
    ------
    HandoutError
        A missing header key, an unknown dimension or a missing section, naming the file.
    """
    match = re.match(r"---\n(.*?)\n---\n(.*)", path.read_text(encoding="utf-8"), re.S)
    if match is None:
        raise HandoutError(f"{path}: starts without a '---' header")
    header = dict(re.findall(r"^(\w+):\s*(.*?)\s*$", match.group(1), re.M))
    missing = {"notebook", "dimensions"} - set(header)
    if missing:
        raise HandoutError(f"{path}: the header misses {sorted(missing)}")
    dimensions = tuple(d.strip() for d in header["dimensions"].split(","))
    known = {d.id for d in maturity.load_model().dimensions}
    if set(dimensions) - known:
        raise HandoutError(f"{path}: unknown dimensions {sorted(set(dimensions) - known)}; "
                           f"known: {sorted(known)}")
    body = match.group(2)
    absent = [s for s in SECTIONS if f"\n## {s}\n" not in f"\n{body}"]
    if absent:
        raise HandoutError(f"{path}: misses the sections {absent}")
    return Text(path.stem, notebooks / header["notebook"], dimensions, body)


def handout_cell(nb) -> int | None:
    """The index of the notebook's one cell tagged ``handout``, or None if it has none."""
    found = [i for i, c in enumerate(nb.cells) if TAG in c.get("metadata", {}).get("tags", [])]
    if len(found) > 1:
        raise HandoutError(f"{len(found)} cells are tagged {TAG!r}; a notebook has one")
    return found[0] if found else None


def figures(executed, notebook: Path) -> dict:
    """Read the dictionary the ``handout`` cell of an executed notebook displayed.

    Raises
    ------
    HandoutError
        When the cell displayed nothing, or something other than a dictionary of plain numbers
        and strings.
    """
    cell = executed.cells[handout_cell(executed)]
    shown = [o["data"]["text/plain"] for o in cell.get("outputs", [])
             if o.get("output_type") == "execute_result"]
    where = f"{notebook.name}, cell tagged {TAG!r}"
    if not shown:
        raise HandoutError(f"{where}: displays nothing; end the cell with a dictionary of figures")
    try:
        values = ast.literal_eval(shown[-1])
    except (ValueError, SyntaxError):
        raise HandoutError(f"{where}: displays {shown[-1][:200]!r}, not a dictionary of plain "
                           "numbers and strings (wrap numpy values in int() or float())") from None
    if not isinstance(values, dict) or not all(
            isinstance(k, str) and isinstance(v, int | float | str) for k, v in values.items()):
        raise HandoutError(f"{where}: displays {shown[-1][:200]!r}, not a dictionary of plain "
                           "numbers and strings by name")
    return values


def _yourself(text: Text) -> str:
    """The section "Wat heb je nodig om dit zelf te doen?" from the maturity model."""
    model = maturity.load_model()
    placed = maturity.cases(lang="nl")
    items = []
    for dimension in (model.dimension(d) for d in text.dimensions):
        name = f"<li><strong>{html.escape(dimension.name['nl'])}</strong>"
        if text.case not in placed.index:  # a case from outside the e-book: not on the scan
            items.append(f"{name}</li>")
            continue
        scores = placed.loc[text.case]
        evidence = maturity.case_evidence(text.case, lang="nl")
        score = flemish("{score:.1f}", score=float(scores[dimension.id]))
        items.append(f"{name} ({scores['name']}: {score} op {model.max_level}): "
                     f"{html.escape(evidence[dimension.id])}.</li>")
    return ("<h2>Wat heb je nodig om dit zelf te doen?</h2>\n<p>Deze dimensies van de "
            "datamaturiteitsscan bepalen of je dit kan overdoen. Doe de scan om te zien waar "
            "jouw bedrijf staat.</p>\n<ul>\n" + "\n".join(items) + "\n</ul>")


def render(text: Text, values: dict) -> str:
    """Return the handout page of ``text`` with the notebook's figures ``values`` filled in.

    Raises
    ------
    HandoutError
        When the text needs a figure the notebook's handout cell does not give.
    """
    missing = text.placeholders - set(values)
    if missing:
        raise HandoutError(f"docs/handouts/{text.case}.md needs {sorted(missing)}, which the "
                           f"handout cell of {text.notebook.name} does not give")
    body = mistune.create_markdown()(flemish(text.body, **values))
    title = re.search(r"<h1>(.*?)</h1>", body)
    source = (f'<p class="source">Start2AIM · cijfers berekend in de notebook '
              f"{text.notebook.relative_to(text.notebook.parents[1]).as_posix()} "
              "op synthetische data met de structuur van het e-book.</p>")
    return page(html.unescape(title.group(1)) if title else text.case,
                body + _yourself(text) + source, CSS, lang="nl")


@dataclass
class Report:
    """What a build wrote and which cases still lack a handout cell in their notebook."""

    written: list[Path]
    without_cell: list[Path]


def build(out: Path = OUT, texts: Path = TEXTS, notebooks: Path = NOTEBOOKS) -> Report:
    """Build a handout for every text whose notebook has a ``handout`` cell, and an index.

    Parameters
    ----------
    out : Path
        Output folder (created).
    texts : Path
        Folder of the ``<case>.md`` texts.
    notebooks : Path
        The folder the texts' ``notebook:`` paths are relative to.

    Returns
    -------
    Report
    """
    out.mkdir(parents=True, exist_ok=True)
    report = Report([], [])
    for path in sorted(texts.glob("*.md")):
        text = read_text(path, notebooks)
        if handout_cell(nbformat.read(text.notebook, as_version=4)) is None:
            report.without_cell.append(text.notebook)
            continue
        target = out / f"{text.case}.html"
        target.write_text(render(text, figures(execute(text.notebook), text.notebook)),
                          encoding="utf-8")
        report.written.append(target)
    items = [f'<li><a href="{p.name}">{p.stem}</a></li>' for p in report.written]
    items += [f"<li>{html.escape(p.stem)}: nog niet klaar (de notebook heeft nog geen "
              f"cel met de tag {TAG!r})</li>" for p in report.without_cell]
    (out / "index.html").write_text(page("Start2AIM-fiches", "<h1>Start2AIM-fiches</h1>\n<ul>\n"
                                         + "\n".join(items) + "\n</ul>", CSS, lang="nl"),
                                    encoding="utf-8")
    return report


def main(argv: list[str] | None = None) -> int:
    """Build the handouts from the command line; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"folder (default {OUT})")
    parser.add_argument("--require-all", action="store_true",
                        help="fail when a case's notebook has no handout cell yet")
    args = parser.parse_args(argv)
    report = build(args.out)
    print(f"{len(report.written)} handouts in {args.out}; open {args.out / 'index.html'}")
    if report.without_cell:
        print(f"No cell tagged {TAG!r} (so no handout) in: "
              + ", ".join(str(p.relative_to(ROOT)) for p in report.without_cell), file=sys.stderr)
    return 1 if args.require_all and report.without_cell else 0


if __name__ == "__main__":
    sys.exit(main())
