"""aimkit: the helpers behind the Start2AIM course on AI for personalised marketing.

Import the module you need; nothing is loaded or printed on ``import aimkit``::

    from aimkit import datasets, io
    tables = datasets.load("kinnarps")

Each module holds one concept (see docs/architecture.md): ``io`` (reading and exporting CSVs),
``quality`` (data-quality checks), ``datasets`` (the case companies' synthetic exports),
``features`` (the energy case's customer view), ``rfm``, ``segment``, ``predict``,
``recommend``, ``experiment``, ``text``, ``value``, ``maturity``, ``plots``, ``runtime``
(one thread for models), ``apps``, ``i18n`` and ``course`` (the course map).
"""

import importlib

__version__ = "0.1.0"

_MODULES = {
    "apps", "course", "datasets", "exercises", "experiment", "features", "i18n", "io", "maturity",
    "plots", "predict", "quality", "recommend", "rfm", "runtime", "segment", "text", "value",
}


def __getattr__(name):
    """Import a submodule on first use, so ``import aimkit`` stays fast and side-effect free."""
    if name in _MODULES:
        return importlib.import_module(f"aimkit.{name}")
    raise AttributeError(f"module 'aimkit' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(_MODULES))
