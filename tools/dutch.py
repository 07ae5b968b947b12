"""Write the Dutch edition of the course, ``notebooks/nl/``, from the English notebooks.

The English notebooks are the source. The Dutch text of a notebook lives in its catalogue,
``translations/nl/<notebook>.json`` (``cases/`` mirrored), keyed by cell id; each entry holds
the Dutch cell and the hash of the English source it translates, so a changed English cell
shows up as an *outdated* translation::

    {"notebook": "00_start_here.ipynb",
     "cells": {"5cec5204": {"english_sha256": "3f2a…", "dutch": ["# 00 · Start hier\\n", …]}}}

A Dutch notebook has the English notebook's cells, ids and metadata. Every markdown cell takes
its Dutch text. A code cell that shows the reader words (a comment, or a string with a space:
a title, an axis label, a printed sentence) has an entry too, with the same program in which
only comments and strings differ (:func:`same_program` checks it; a string the code looks
things up by, such as a column name, stays as it is). The other code cells are copied. The
Setup cell (the first code cell) gets one more line, :data:`SETUP_LINE`, right after
``plots.use_course_style()``: exercise feedback, hints and the labels aimkit draws in
figures then speak Dutch. Links to other notebooks point to the Dutch notebook when
it is translated, else to the English one; links to the apps and other files keep pointing at
them from the Dutch folder. A link to an English notebook is marked *(Engels)*.

Every course notebook is written (:data:`TRANSLATED`). Writing one with a
missing or outdated translation fails, naming the cells: the Dutch edition never ships English.

Run from the repository's root::

    python -m tools.dutch                                  # write notebooks/nl/
    python -m tools.dutch --status                          # what to translate, per notebook
    python -m tools.dutch --start 04_aim3_data_maturity_and_quality.ipynb  # open a catalogue

Examples
--------
>>> dutch_link("../00_start_here.ipynb#Setup", PurePosixPath("cases/14_x.ipynb"))
'../00_start_here.ipynb#Setup'
>>> dutch_link("apps/segment_explorer.ipynb", PurePosixPath("00_start_here.ipynb"))
'../apps/segment_explorer.ipynb'
>>> dutch_link("https://odisee.be", PurePosixPath("cases/14_x.ipynb"))
'https://odisee.be'
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import io
import json
import posixpath
import re
import sys
import tokenize
from pathlib import Path, PurePosixPath

import nbformat

from aimkit import course
from tools.pages import NOTEBOOKS, ROOT

DUTCH = NOTEBOOKS / "nl"
"""The generated Dutch edition (same names and folders as ``notebooks/``, without the apps)."""
CATALOGUE = ROOT / "translations" / "nl"
"""One JSON catalogue per notebook: the Dutch markdown by cell id."""

TRANSLATED = [notebook.path for notebook in course.notebooks()]
"""The notebooks of the Dutch edition, relative to ``notebooks/``: every course notebook
(:func:`aimkit.course.notebooks`), so a new notebook needs its catalogue before the tests pass."""

SETUP_LINE = 'exercises.use_language("nl")  # feedback, hints en figuren in het Nederlands'
"""The one line a Dutch notebook's Setup cell adds to the English code."""
STYLE_LINE = "plots.use_course_style()"

ENGLISH_MARK = " *(Engels)*"
"""Follows a link to a notebook that is not in the Dutch edition yet."""
LINK = re.compile(r"(\]\()([^)\s]+)(\))")


def english_hash(source: str) -> str:
    """Return the hash a translation records of the English cell source it translates.

    Examples
    --------
    >>> english_hash("## Setup")
    '0ecddf15e1aff85f'
    """
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


def catalogue_path(notebook: str) -> Path:
    """Return the catalogue file of ``notebook`` (a path relative to ``notebooks/``)."""
    return CATALOGUE / PurePosixPath(notebook).with_suffix(".json")


def read_catalogue(notebook: str) -> dict[str, dict]:
    """Return the entries of the catalogue of ``notebook`` by cell id (empty if it has none)."""
    path = catalogue_path(notebook)
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def shows_words(code: str) -> bool:
    """Whether a code cell shows the reader words: a comment, or a string :class:`_Blank` blanks.

    Examples
    --------
    >>> shows_words('print(f"{n} customers")'), shows_words('table["revenue"].sum()')
    (True, False)
    >>> shows_words("x = 1  # the first"), shows_words('ax.set_title("Revenue")')
    (True, True)
    """
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
        return (any(t.type == tokenize.COMMENT for t in tokens)
                or _program(code) != _program(code, blank=False))
    except (tokenize.TokenError, SyntaxError):
        return True


SHOWN_BY_KEYWORD = {"title", "xlabel", "ylabel", "label", "labels", "suptitle", "text",
                    "description", "placeholder", "name", "caption"}
"""Keyword arguments whose string is shown to the reader, even when it is one word."""
SHOWN_BY_CALL = {"print", "Markdown", "display", "set_title", "set_xlabel", "set_ylabel",
                 "suptitle", "title", "xlabel", "ylabel", "text", "annotate", "set_caption",
                 "set_xticks", "set_yticks", "set_xticklabels", "set_yticklabels", "legend"}
"""Calls whose positional strings are shown to the reader, even when they are one word."""
# and the row labels written out in a table built for display: pd.DataFrame(..., index=[...])


class _Blank(ast.NodeTransformer):
    """Blank the strings a reader sees; what is left is what the program does.

    A string with a space is prose; a one-word string counts as prose only where it is shown
    (:data:`SHOWN_BY_KEYWORD`, :data:`SHOWN_BY_CALL`): elsewhere it may be a column name.
    """

    def visit_Call(self, node: ast.Call) -> ast.Call:
        function = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(
            node.func, "id", "")
        if function in SHOWN_BY_CALL:
            node.args = [_blank(a) for a in node.args]
        for keyword in node.keywords:
            if keyword.arg in SHOWN_BY_KEYWORD or (keyword.arg == "index"
                                                   and function in ("DataFrame", "Series")):
                keyword.value = _blank(keyword.value)
        return self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> ast.Constant:
        return _blank(node) if isinstance(node.value, str) and " " in node.value else node

    def visit_JoinedStr(self, node: ast.JoinedStr) -> ast.JoinedStr:
        node.values = [self.visit(v) for v in node.values if not isinstance(v, ast.Constant)]
        return node


def _blank(node: ast.expr) -> ast.expr:
    """A one-word string shown to the reader (or a list of them), blanked like prose."""
    if isinstance(node, ast.List | ast.Tuple):
        node.elts = [_blank(element) for element in node.elts]
    return ast.Constant("") if isinstance(node, ast.Constant) and isinstance(node.value,
                                                                              str) else node


def same_program(english: str, dutch: str) -> bool:
    """Whether two code cells run the same program, differing only in comments and strings.

    IPython magics (``%…``, ``!…``) are compared as they are.

    Examples
    --------
    >>> same_program('plt.title("Revenue")  # per month', 'plt.title("Omzet")  # per maand')
    True
    >>> same_program('print(f"{n} customers")', 'print(f"{n} klanten")')
    True
    >>> same_program('ax.set_ylabel("customers")', 'ax.set_ylabel("klanten")')
    True
    >>> same_program('ax.set_xticks([0, 1], ["before", "after"])',
    ...              'ax.set_xticks([0, 1], ["voor", "na"])')
    True
    >>> same_program('pd.DataFrame(rows, index=["customers"])',
    ...              'pd.DataFrame(rows, index=["klanten"])')
    True
    >>> same_program('table["revenue"].sum()', 'table["omzet"].sum()')
    False
    >>> same_program("x = 1", "x = 2")
    False
    """
    try:
        return _program(english) == _program(dutch)
    except SyntaxError:
        return False


def _program(code: str, blank: bool = True) -> str:
    """The syntax tree of ``code`` as text, its shown strings blanked; magic lines kept as text."""
    lines = code.split("\n")
    magics = [line for line in lines if line.lstrip().startswith(("%", "!"))]
    tree = ast.parse("\n".join("pass" if line in magics else line for line in lines))
    return ast.dump(_Blank().visit(tree) if blank else tree) + repr(magics)


def untranslated(notebook: str) -> dict[str, str]:
    """Return the cells of ``notebook`` without a current translation.

    Every markdown cell needs one; a code cell needs one when it :func:`shows_words`.

    Returns
    -------
    dict
        ``{cell id: "missing", "outdated" or "not the same program"}`` in notebook order;
        empty when all are current.
    """
    entries = read_catalogue(notebook)
    problems = {}
    for cell in nbformat.read(NOTEBOOKS / notebook, as_version=4).cells:
        if cell.cell_type == "code" and not shows_words(cell.source):
            continue
        if cell.cell_type not in ("markdown", "code"):
            continue
        entry = entries.get(cell.id)
        if entry is None or entry.get("dutch") is None:
            problems[cell.id] = "missing"
        elif entry["english_sha256"] != english_hash(cell.source):
            problems[cell.id] = "outdated"
        elif cell.cell_type == "code" and not same_program(cell.source, "".join(entry["dutch"])):
            problems[cell.id] = "not the same program"
    return problems


def _resolved(target: str, notebook: PurePosixPath) -> str | None:
    """Return the file a relative link of ``notebook`` names, relative to ``notebooks/``."""
    if re.match(r"^([a-z][a-z0-9+.-]*:|#|$)", target):
        return None
    return posixpath.normpath(posixpath.join(notebook.parent.as_posix(),
                                             target.partition("#")[0]))


def dutch_link(target: str, notebook: PurePosixPath) -> str:
    """Return where a link of the English ``notebook`` points from its Dutch edition.

    A translated notebook is linked in Dutch; anything else (an English-only notebook, an
    app, a file of the repository) keeps its target, one folder further up. A link into
    ``nl/`` leads to the other edition: from an English notebook to the Dutch one, and so
    from the Dutch notebook to the English original.

    Examples
    --------
    >>> dutch_link("nl/00_start_here.ipynb", PurePosixPath("00_start_here.ipynb"))
    '../00_start_here.ipynb'
    """
    resolved = _resolved(target, notebook)
    if resolved is None or resolved in TRANSLATED:
        return target
    _, hash_sign, anchor = target.partition("#")
    english = posixpath.relpath(posixpath.join("notebooks", resolved.removeprefix("nl/")),
                                posixpath.join("notebooks/nl", notebook.parent.as_posix()))
    return english + hash_sign + anchor


def dutch_links(markdown: str, notebook: PurePosixPath) -> str:
    """Return ``markdown`` with every link made by :func:`dutch_link`.

    A link that leads to an English notebook gets :data:`ENGLISH_MARK` after it.

    Examples
    --------
    >>> dutch_links("[A case](cases/NN_new.ipynb).", PurePosixPath("00_start_here.ipynb"))
    '[A case](../cases/NN_new.ipynb) *(Engels)*.'
    """
    def link(match: re.Match) -> str:
        resolved = _resolved(match[2], notebook) or ""
        english = resolved.endswith(".ipynb") and (
            resolved.startswith("nl/") or resolved not in TRANSLATED
            and not resolved.startswith("apps/"))
        return (match[1] + dutch_link(match[2], notebook) + match[3]
                + (ENGLISH_MARK if english else ""))
    return LINK.sub(link, markdown)


def with_setup_line(source: str) -> str:
    """Return the Setup cell's code with :data:`SETUP_LINE` after ``plots.use_course_style()``."""
    lines = source.split("\n")
    style = next((i for i, line in enumerate(lines) if line.startswith(STYLE_LINE)), None)
    if style is None or not re.search(r"from aimkit import[^\n]*\bexercises\b|^\s+exercises,",
                                      source, re.M):
        raise ValueError("the Setup cell must import aimkit.exercises and call "
                         f"{STYLE_LINE} (see CONTRIBUTING.md)")
    return "\n".join(lines[: style + 1] + [SETUP_LINE] + lines[style + 1:])


def dutch_notebook(notebook: str) -> nbformat.NotebookNode:
    """Return the Dutch edition of ``notebook``; ValueError names any untranslated cell."""
    problems = untranslated(notebook)
    if problems:
        raise ValueError(f"{notebook}: no current Dutch translation of cells {problems}; "
                         "run python -m tools.dutch --status")
    entries = read_catalogue(notebook)
    nb = nbformat.read(NOTEBOOKS / notebook, as_version=4)
    setup_done = False
    for cell in nb.cells:
        if cell.id in entries and cell.cell_type in ("markdown", "code"):
            cell.source = "".join(entries[cell.id]["dutch"])
        if cell.cell_type == "markdown":
            cell.source = dutch_links(cell.source, PurePosixPath(notebook))
        elif cell.cell_type == "code" and not setup_done:
            cell.source = with_setup_line(cell.source)
            setup_done = True
    return nb


def generate(out: Path = DUTCH) -> list[Path]:
    """Write every notebook of :data:`TRANSLATED` in Dutch under ``out``; return the files."""
    written = []
    for notebook in TRANSLATED:
        path = out / notebook
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(nbformat.writes(dutch_notebook(notebook)) + "\n", encoding="utf-8")
        written.append(path)
    return written


def start(notebook: str) -> Path:
    """Add an empty entry (``"dutch": null``) for each cell to translate the catalogue lacks."""
    entries = read_catalogue(notebook)
    cells = {}
    for cell in nbformat.read(NOTEBOOKS / notebook, as_version=4).cells:
        if cell.cell_type == "markdown" or (cell.cell_type == "code"
                                            and shows_words(cell.source)):
            cells[cell.id] = entries.get(cell.id, {"english_sha256": english_hash(cell.source),
                                                   "dutch": None})
    path = catalogue_path(notebook)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"notebook": notebook, "cells": cells}, ensure_ascii=False,
                               indent=1) + "\n", encoding="utf-8")
    return path


def status() -> str:
    """Return, per English notebook, how many cells lack a current translation."""
    lines = []
    for path in sorted(NOTEBOOKS.rglob("[0-9]*.ipynb")):
        notebook = path.relative_to(NOTEBOOKS).as_posix()
        if notebook.startswith(("nl/", "apps/")) or ".ipynb_checkpoints" in notebook:
            continue
        problems = untranslated(notebook)
        lines.append(f"{notebook:55} {len(problems):3} to do")
        for cell_id, problem in problems.items():
            if problem != "missing":
                lines.append(f"    {cell_id} {problem}")
            if problem == "outdated":
                source = next(c.source for c in nbformat.read(path, as_version=4).cells
                              if c.id == cell_id)
                lines.append(f"      the English now hashes to {english_hash(source)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Write the Dutch edition, or report or open catalogues (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--status", action="store_true", help="what is left to translate")
    parser.add_argument("--start", metavar="NOTEBOOK", help="open the catalogue of a notebook")
    args = parser.parse_args(argv)
    if args.status:
        print(status())
        return 0
    if args.start:
        print(f"wrote {start(args.start).relative_to(ROOT)}")
        return 0
    try:
        written = generate()
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"wrote {len(written)} Dutch notebooks under {DUTCH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
