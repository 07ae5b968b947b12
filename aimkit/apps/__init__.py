"""Voila apps for workshops: the data-maturity scan, its trainer's view, the segment explorer.

Each app is one builder call in its notebook (``notebooks/apps/``), so the notebooks stay
short and the logic is tested here. Texts come from :mod:`aimkit.i18n` (Dutch by default,
English on a toggle); errors become messages in the app, never tracebacks.

- :func:`maturity_scan` (:class:`~aimkit.apps.scan.MaturityScan`);
- :func:`room_overview` (:class:`~aimkit.apps.room.RoomOverview`): the trainer's view of the
  participants' saved scans;
- :func:`segment_explorer` (:class:`~aimkit.apps.explorer.SegmentExplorer`);
- :mod:`aimkit.apps.kernel_client`: the kernel client that removes Voila's first-render hang,
  selected in ``voila.json`` and ``binder/jupyter_server_config.json``. It is imported by the
  Voila server itself, so this package imports the apps (ipywidgets, pandas) only on use.

Examples
--------
>>> from aimkit import apps
>>> app = apps.maturity_scan("en")
>>> type(app).__name__
'VBox'

Used in: notebooks/apps/data_maturity_scan.ipynb, notebooks/apps/room_overview.ipynb,
notebooks/apps/segment_explorer.ipynb
"""

import importlib

_BUILDERS = {
    "maturity_scan": "aimkit.apps.scan",
    "MaturityScan": "aimkit.apps.scan",
    "room_overview": "aimkit.apps.room",
    "RoomOverview": "aimkit.apps.room",
    "segment_explorer": "aimkit.apps.explorer",
    "SegmentExplorer": "aimkit.apps.explorer",
}


def __getattr__(name):
    """Import an app's module on first use (the Voila server imports only the kernel client)."""
    if name in _BUILDERS:
        return getattr(importlib.import_module(_BUILDERS[name]), name)
    raise AttributeError(f"module 'aimkit.apps' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(_BUILDERS))
