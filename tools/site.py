"""Build the course site: the notebooks as HTML pages with their outputs, and the course map.

Every course notebook becomes a page to read without running anything, on a phone too, in
English and, from the Dutch edition (``notebooks/nl/``), in Dutch (``nl/…``); an index page
shows the course map with both.

Run from the repository's root::

    python -m tools.site              # executes every notebook (a few minutes), build/site/
    python -m tools.site --no-execute  # the stored notebooks as they are: prose and code only

Pages are made with nbconvert's ``lab`` template, which ships with nbconvert: nothing is
fetched from the internet, neither at build time nor when a page is read (the template's
require.js and MathJax scripts from a CDN are left out; the course writes no formulas).
Figures are embedded in the pages. Links between notebooks (``02_….ipynb``) become links
between pages (``02_….html``); links to the Voila apps open them on Binder; links to other
files of the repository open them on GitHub. Both addresses come from the README's Binder
badge, so they follow the ref the badges point at.

Examples
--------
>>> site_link("cases/14_annapops_rfmt_behaviour.ipynb#Setup", Path("00_start_here.ipynb"))
'cases/14_annapops_rfmt_behaviour.html#Setup'
>>> site_link("../datasets/README.md", Path("cases/14_x.ipynb")).endswith("/datasets/README.md")
True
"""

from __future__ import annotations

import argparse
import posixpath
import re
import sys
from pathlib import Path

import mistune
import nbformat
from nbconvert import HTMLExporter

from aimkit import course
from tools.pages import BUILD, NOTEBOOKS, ROOT, execute, page

SITE = BUILD / "site"
TITLE = "Start2AIM: AI for personalised marketing"

CSS = """
body { max-width: 1100px; margin: 0 auto; padding: 0 12px;
       font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5; }
img, svg, video { max-width: 100%; height: auto; }
table { display: block; max-width: 100%; overflow-x: auto; border-collapse: collapse; }
th, td { padding: 4px 8px; border-bottom: 1px solid #ddd; text-align: left; }
pre { max-width: 100%; overflow-x: auto; }
.jp-OutputArea-output, .jp-RenderedHTMLCommon { overflow-x: auto; }
nav.course { padding: 8px 0; border-bottom: 1px solid #ddd; margin-bottom: 8px; }
@media (max-width: 700px) {
  body { padding: 0 4px; font-size: 16px; }
  .jp-Cell { padding: 2px 0; }
}
"""
"""Readable on a phone: nothing wider than the screen, wide tables and code scroll sideways."""

EXTERNAL_SCRIPT = re.compile(r'<script[^>]*\bsrc="https?://[^"]*"[^>]*>\s*</script>\s*')
HREF = re.compile(r'(href|src)="([^"]*)"')


def repository() -> tuple[str, str]:
    """Return ``(Binder base, GitHub base)`` of the ref the README's Binder badges point at.

    Examples
    --------
    >>> repository()[0].startswith("https://mybinder.org/v2/gh/")
    True
    """
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"https://mybinder\.org/v2/gh/([^/\s]+)/([^/\s]+)/([^?\s)]+)", readme)
    if match is None:
        raise ValueError("README.md has no Binder badge (https://mybinder.org/v2/gh/...)")
    owner, name, ref = match.groups()
    return match.group(0), f"https://github.com/{owner}/{name}/blob/{ref}"


def site_link(target: str, source: Path) -> str:
    """Return where a link in notebook ``source`` (relative to ``notebooks/``) points on the site.

    A page of the site keeps its relative address with ``.html``; an app opens on Binder;
    any other file of the repository opens on GitHub; web addresses and anchors stay.
    """
    if re.match(r"^([a-z][a-z0-9+.-]*:|#|$)", target):
        return target
    path, _, anchor = target.partition("#")
    resolved = posixpath.normpath(posixpath.join("notebooks", source.parent.as_posix(), path))
    binder, github = repository()
    anchor = f"#{anchor}" if anchor else ""
    if resolved.startswith("notebooks/apps/") and resolved.endswith(".ipynb"):
        return f"{binder}?urlpath=voila/render/{resolved}"
    if resolved.startswith("notebooks/") and resolved.endswith(".ipynb"):
        return path[: -len(".ipynb")] + ".html" + anchor
    return f"{github}/{resolved}{anchor}"


def _navigation(source: Path) -> str:
    up = "../" * len(source.parent.parts)
    course_map = "Cursuskaart" if source.parts[0] == "nl" else "Course map"
    return (f'<nav class="course"><a href="{up}index.html">{course_map}</a> · '
            f'{source.stem.replace("_", " ")}</nav>')


def render(path: Path, out: Path, run: bool) -> Path:
    """Write the page of the notebook at ``path`` under the site folder ``out``; return it.

    Parameters
    ----------
    path : Path
        A notebook under ``notebooks/`` (or a folder that mirrors it, in tests).
    out : Path
        The site folder; the page goes to the same relative place, with ``.html``.
    run : bool
        Execute the notebook first, so the page shows its outputs and figures.

    Returns
    -------
    Path
        The page.
    """
    source = path.relative_to(_notebooks_root(path))
    nb = execute(path) if run else nbformat.read(path, as_version=4)
    exporter = HTMLExporter(template_name="lab", exclude_input_prompt=True,
                            exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb)
    body = EXTERNAL_SCRIPT.sub("", body)
    body = HREF.sub(lambda m: f'{m.group(1)}="{site_link(m.group(2), source)}"', body)
    body = body.replace("</head>", f"<style>{CSS}</style>\n</head>", 1)
    body = re.sub(r"(<body[^>]*>)", rf"\1\n{_navigation(source)}", body, count=1)
    target = out / source.with_suffix(".html")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")
    return target


def _notebooks_root(path: Path) -> Path:
    """The ``notebooks`` folder above ``path`` (or its parent folder when there is none)."""
    return next((p for p in path.parents if p.name == "notebooks"), path.parent)


def index() -> str:
    """Return the site's index page: the README's course map, linked to the pages.

    Examples
    --------
    >>> 'href="cases/10_kinnarps_b2b_clustering.html"' in index()
    True
    >>> 'href="nl/cases/10_kinnarps_b2b_clustering.html"' in index()
    True
    """
    table = re.sub(r"\]\(notebooks/([^)]+)\.ipynb\)", r"](\1.html)", course.course_map())
    body = (f"<h1>{TITLE}</h1>\n<p>The course's notebooks with their results, to read without "
            "running them. To run them, open the course on Binder or on your own computer "
            "(see the README).</p>\n<p lang=\"nl\">De notebooks van de cursus met hun "
            "resultaten, om te lezen zonder ze uit te voeren; de kolom <em>In Dutch</em> "
            "opent de Nederlandse editie.</p>\n<h2>Course map</h2>\n"
            + mistune.create_markdown(plugins=["table"])(table))
    return page(TITLE, body, CSS)


def build(out: Path = SITE, run: bool = True) -> list[Path]:
    """Build the whole site into ``out``: the index and a page per notebook and edition.

    Parameters
    ----------
    out : Path
        The site folder (created; pages already there are overwritten).
    run : bool
        Execute every notebook first (several minutes), so the pages show outputs.

    Returns
    -------
    list of Path
        The pages written, the index first.
    """
    out.mkdir(parents=True, exist_ok=True)
    (out / "index.html").write_text(index(), encoding="utf-8")
    pages = [out / "index.html"]
    for notebook in course.notebooks():
        for path in (NOTEBOOKS / notebook.path, NOTEBOOKS / "nl" / notebook.path):
            if path.is_file():
                pages.append(render(path, out, run))
                print(f"{pages[-1].relative_to(out)}", file=sys.stderr)
    return pages


def main(argv: list[str] | None = None) -> int:
    """Build the site from the command line; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=SITE, help=f"folder (default {SITE})")
    parser.add_argument("--no-execute", action="store_true",
                        help="render the stored notebooks without running them (no outputs)")
    args = parser.parse_args(argv)
    pages = build(args.out, run=not args.no_execute)
    print(f"{len(pages)} pages in {args.out}; open {args.out / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
