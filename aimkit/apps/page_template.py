"""The apps' Voila page template, ``aimkit``, and how Voila finds it.

Why this exists
---------------
Voila's stock page ("lab") is fine for one careful user. A room of participants on one server
needs three more things from the page itself, which the template adds on top of "lab"
(``jupyter_data/voila/templates/aimkit/``):

- **waiting**: while the server starts the app, a Dutch and English "the app is starting ·
  step 1 of 3 · 12 s" instead of "Running segment_explorer...", with a word of patience
  after ten seconds;
- **a lost session**: when the server shuts the page's kernel down (culled after a while
  without use, see :mod:`aimkit.apps.kernel_manager`) or the kernel dies, a message in the
  language of the app's NL / EN switch and a reload button, instead of widgets that
  silently stop answering;
- **a file over the upload limit**: ipywidgets' ``FileUpload`` sends a file in one websocket
  message, and Jupyter drops a message above ``websocket_max_message_size`` without a word.
  The page checks the size of a chosen file first and, above
  ``VoilaConfiguration.resources.aimkit.upload_limit_mb`` (``voila.json``; below the
  websocket limit of both serving modes), says so at once and does not send it.

It also holds ``503.html``, the friendly "too busy, try again in a minute" page that
:class:`~aimkit.apps.kernel_manager.RoomKernelManager` causes above its ceiling.

Voila looks templates up in the Jupyter data directories only (``<dir>/voila/templates/<name>``).
:mod:`aimkit.apps.kernel_manager` calls :func:`add_to_jupyter_path` when Voila imports it
while reading its configuration, before Voila looks; ``voila.json`` then selects the
template with ``VoilaConfiguration.template``.

Examples
--------
>>> (DATA_DIR / "voila" / "templates" / NAME / "index.html.j2").is_file()
True

Used in: aimkit/apps/kernel_manager.py, voila.json (the apps in notebooks/apps/).
"""

from __future__ import annotations

import os
from pathlib import Path

NAME = "aimkit"
"""The template's name, for ``VoilaConfiguration.template``."""

DATA_DIR = Path(__file__).resolve().parent / "jupyter_data"
"""A Jupyter data directory holding ``voila/templates/aimkit``."""


def add_to_jupyter_path(environ: dict | None = None) -> str:
    """Put :data:`DATA_DIR` first on ``JUPYTER_PATH`` (once), where Voila finds templates.

    Parameters
    ----------
    environ : dict, optional
        The environment to change; ``os.environ`` by default.

    Returns
    -------
    str
        The new ``JUPYTER_PATH``.

    Examples
    --------
    >>> env = {"JUPYTER_PATH": "/opt/jupyter"}
    >>> add_to_jupyter_path(env) == os.pathsep.join([str(DATA_DIR), "/opt/jupyter"])
    True
    >>> add_to_jupyter_path(env).count(str(DATA_DIR))
    1
    """
    environ = os.environ if environ is None else environ
    paths = [p for p in environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    if str(DATA_DIR) not in paths:
        environ["JUPYTER_PATH"] = os.pathsep.join([str(DATA_DIR), *paths])
    return environ["JUPYTER_PATH"]
