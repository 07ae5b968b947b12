"""The case companies' data: synthetic exports that look like their own systems.

Each of the e-book's companies has a generator module in this package (``kinnarps.py``,
``annapops.py``, ...). A generator builds one table per source system (``crm_customers``,
``erp_orders``, ...) with the flaws the e-book describes, from a seed, so the same call
always gives the same data. The shipped CSVs in the repository's ``datasets/<name>/``
folder are exactly what ``write(name)`` produces with the default seed.

Examples
--------
>>> from aimkit import datasets
>>> sorted(datasets.load("kinnarps"))
['crm_contacts', 'crm_customers', 'erp_orders']
>>> tables = datasets.generate("kinnarps", seed=7, scale=0.5)  # a smaller, different sample

A generator module defines:

- ``TABLES``: ``{table name: one-line description}``, in export order;
- ``FORMATS`` (optional): ``{table name: CsvFormat}`` for exports that are not plain CSV
  (e.g. a Belgian Excel export with ``;`` and decimal commas);
- ``generate(seed, scale) -> dict[str, DataFrame]``: the tables, with dates already written
  as the source system exports them (text), so that reading them back is real work.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

DEFAULT_SEED = 2021  # the year the e-book's cases were run

_COMPANIES = {
    "kinnarps": ("Kinnarps", "B2B office furniture: customer clustering",
                 "cases/10_kinnarps_b2b_clustering.ipynb"),
    "trailfinders": ("TrailFinders", "horse-riding holidays: time to next booking",
                     "cases/11_trailfinders_rebooking.ipynb"),
    "costa": ("Spanish Costas real estate", "property recommender and A/B test",
              "cases/12_costa_real_estate_recommender.ipynb"),
    "wine": ("Wine merchant", "recommendations online and offline",
             "cases/13_wine_recommendations.ipynb"),
    "annapops": ("Anna Pops", "kids' fashion: RFMT and behaviour change",
                 "cases/14_annapops_rfmt_behaviour.ipynb"),
    "odisee": ("Odisee", "website visitor segments in real time",
               "cases/15_odisee_web_segments.ipynb"),
    "earnieland": ("Earnieland", "cashback platform: reactivation",
                   "cases/16_earnieland_reactivation.ipynb"),
    "energy": ("Energy supplier", "churn, customer value and the best offer",
               "cases/17_energy_churn_offers.ipynb"),
    "returns": ("Retour Rumoer", "return risk of a basket, explained",
                "cases/18_returns_risk_explained.ipynb"),
}


@dataclass(frozen=True)
class CsvFormat:
    """How a source system writes its CSV export.

    Examples
    --------
    >>> CsvFormat(sep=";", decimal=",", encoding="cp1252")  # a Belgian Excel export
    CsvFormat(sep=';', decimal=',', encoding='cp1252')
    """

    sep: str = ","
    decimal: str = "."
    encoding: str = "utf-8"


BELGIAN_EXCEL = CsvFormat(sep=";", decimal=",", encoding="cp1252")


def list_datasets() -> pd.DataFrame:
    """Return the nine case companies: name, company, case and notebook.

    Examples
    --------
    >>> list_datasets().loc["kinnarps", "company"]
    'Kinnarps'
    """
    rows = [
        {"name": name, "company": company, "case": case, "notebook": f"notebooks/{notebook}"}
        for name, (company, case, notebook) in _COMPANIES.items()
    ]
    return pd.DataFrame(rows).set_index("name")


def _generator(name: str):
    if name not in _COMPANIES:
        raise KeyError(f"unknown dataset {name!r}; choose one of {', '.join(_COMPANIES)}")
    return importlib.import_module(f"aimkit.datasets.{name}")


def generate(name: str, seed: int = DEFAULT_SEED, scale: float = 1.0) -> dict[str, pd.DataFrame]:
    """Generate a company's tables in memory.

    Parameters
    ----------
    name : str
        A name from :func:`list_datasets`.
    seed : int
        Random seed; the default gives the shipped data.
    scale : float
        Multiplies the number of customers (1.0 = the shipped size).

    Returns
    -------
    dict of str to DataFrame
        One table per source system, as the system exports it.

    Examples
    --------
    >>> tables = generate("kinnarps")
    >>> list(tables) == list(describe_tables("kinnarps"))
    True
    """
    module = _generator(name)
    return module.generate(seed=seed, scale=scale)


def describe_tables(name: str) -> dict[str, str]:
    """Return ``{table: description}`` for a company, in export order.

    Examples
    --------
    >>> "erp_orders" in describe_tables("kinnarps")
    True
    """
    return dict(_generator(name).TABLES)


def describe(name: str) -> str:
    """Describe a company's dataset in a few lines: the case and each table with its size.

    Examples
    --------
    >>> print(describe("kinnarps").splitlines()[0])
    Kinnarps: B2B office furniture: customer clustering
    """
    company, case, notebook = _COMPANIES[name]
    tables = load(name)
    lines = [f"{company}: {case}", f"notebook: notebooks/{notebook}"]
    for table, text in describe_tables(name).items():
        frame = tables[table]
        lines.append(f"- {table} ({len(frame):,} rows × {frame.shape[1]} columns): {text}")
    return "\n".join(lines)


def csv_bytes(frame: pd.DataFrame, fmt: CsvFormat = CsvFormat()) -> bytes:
    """Serialise a table exactly as the shipped file holds it.

    Examples
    --------
    >>> csv_bytes(pd.DataFrame({"a": [1.5]}), BELGIAN_EXCEL)
    b'a\\n1,5\\n'
    """
    text = frame.to_csv(index=False, sep=fmt.sep, decimal=fmt.decimal, lineterminator="\n")
    return text.encode(fmt.encoding)


def _formats(name: str) -> dict[str, CsvFormat]:
    return dict(getattr(_generator(name), "FORMATS", {}))


def data_dir() -> Path:
    """Return the folder with the shipped CSVs (``$AIMKIT_DATASETS`` or the repository's).

    Examples
    --------
    >>> data_dir().name
    'datasets'
    """
    env = os.environ.get("AIMKIT_DATASETS")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "datasets"


def write(name: str, folder: str | Path | None = None, seed: int = DEFAULT_SEED,
          scale: float = 1.0) -> list[Path]:
    """Generate a company's tables and write them as CSV files, one per table.

    Parameters
    ----------
    name : str
        A name from :func:`list_datasets`.
    folder : path, optional
        Where to write; default ``datasets/<name>/`` in the repository.
    seed, scale
        As in :func:`generate`.

    Returns
    -------
    list of Path
        The files written.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     [p.name for p in write("kinnarps", folder)][0]
    'crm_customers.csv'
    """
    folder = Path(folder) if folder is not None else data_dir() / name
    folder.mkdir(parents=True, exist_ok=True)
    formats = _formats(name)
    paths = []
    for table, frame in generate(name, seed=seed, scale=scale).items():
        path = folder / f"{table}.csv"
        path.write_bytes(csv_bytes(frame, formats.get(table, CsvFormat())))
        paths.append(path)
    return paths


def load(name: str) -> dict[str, pd.DataFrame]:
    """Load a company's tables the way a user reads the exports: with :func:`aimkit.io.read_table`.

    Reads the shipped CSVs; when the repository's ``datasets/`` folder is not there (aimkit
    installed on its own), generates the same data in memory and reads that instead.

    Examples
    --------
    >>> tables = load("kinnarps")
    >>> tables["erp_orders"]["amount"].dtype.kind
    'f'
    """
    from aimkit.io import read_table

    formats = _formats(name)
    folder = data_dir() / name
    if folder.is_dir():
        return {table: read_table(folder / f"{table}.csv") for table in describe_tables(name)}
    generated = generate(name)
    return {
        table: read_table(
            csv_bytes(frame, formats.get(table, CsvFormat())), name=f"{table}.csv")
        for table, frame in generated.items()
    }


__all__ = [
    "BELGIAN_EXCEL", "CsvFormat", "DEFAULT_SEED", "csv_bytes", "data_dir", "describe",
    "describe_tables", "generate", "list_datasets", "load", "write",
]
