"""What the course site and the handouts share: run a notebook, wrap HTML in a page.

Examples
--------
>>> html = page("Title", "<p>Body</p>", css="p { color: black }")
>>> '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
True
"""

from __future__ import annotations

import html
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
BUILD = ROOT / "build"
"""Git-ignored output folder of every publishing tool."""
TIMEOUT = 300
"""Seconds a notebook cell may run when a tool executes a notebook."""


def execute(path: Path) -> nbformat.NotebookNode:
    """Return the notebook at ``path`` after running it top to bottom in its own folder.

    The stored file is not changed. A cell that raises stops the run with
    ``nbclient.exceptions.CellExecutionError`` naming the cell.
    """
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=TIMEOUT, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def page(title: str, body: str, css: str, lang: str = "en") -> str:
    """Return a complete HTML document: ``body`` under ``title``, styled by ``css``.

    Parameters
    ----------
    title : str
        Plain text for the ``<title>``; escaped here.
    body : str
        HTML.
    css : str
        The page's whole style sheet (no file or network fetch is needed to show the page).
    lang : str
        The document's language.

    Returns
    -------
    str
        The document.
    """
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n<style>\n{css}\n</style>\n</head>\n"
            f"<body>\n{body}\n</body>\n</html>\n")
