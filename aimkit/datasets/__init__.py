"""The case companies' data: synthetic exports that look like their own systems.

Each of the e-book's companies has a generator module in this package (``kinnarps.py``,
``annapops.py``, ...). A generator builds one table per source system (``crm_customers``,
``erp_orders``, ...) with the flaws the e-book describes, from a seed, so the same call
always gives the same data. The shipped CSVs in the repository's ``datasets/<name>/``
folder are exactly what ``write(name)`` produces with :data:`DEFAULT_SEED`.

Examples
--------
>>> from aimkit import datasets
>>> sorted(datasets.load("kinnarps"))
['crm_contacts', 'crm_customers', 'erp_orders']
>>> tables = datasets.generate("kinnarps", seed=7, scale=0.5)  # a smaller, different sample
>>> datasets.case("kinnarps").notebook
'cases/10_kinnarps_b2b_clustering.ipynb'

**Other data for the whole course.** Set the environment variable ``AIMKIT_SEED`` to a whole
number and :func:`load` generates each company with that seed instead of reading the shipped
CSVs (in memory, read back with :func:`aimkit.io.read_table` exactly like the files), so every
notebook runs on other customers: ``AIMKIT_SEED=7 pytest notebooks/cases``.

**A generator module** is the one place a case is registered. It defines:

- ``CASE``: a :class:`Case` (company, notebook, e-book page, where its transactions are);
  the registry (:func:`cases`, :func:`list_datasets`), the segment explorer's example data and
  the README's course map (:mod:`aimkit.course`) are derived from it;
- ``TABLES``: ``{table name: {"en": one-line description, "nl": its Dutch}}``, in export
  order;
- ``FORMATS`` (optional): ``{table name: CsvFormat}`` for exports that are not plain CSV
  (e.g. a Belgian Excel export with ``;`` and decimal commas);
- ``generate(seed, scale, **options) -> dict[str, DataFrame]``: the tables, with dates already
  written as the source system exports them (text), so that reading them back is real work.
  Every generator takes ``planted=True``; ``planted=False`` leaves out the hidden structure the
  case should find (its module docstring says what), with the same tables and flaws. Options
  are passed on by :func:`generate`; an option a generator does not know is an error.

Every public module in this package must define ``CASE``; private helpers start with ``_``.

Used in: every case notebook, notebooks/00_start_here.ipynb, notebooks/01_ai_and_marketing.ipynb,
notebooks/05_aim4_analysis_toolbox.ipynb and notebooks/99_for_trainers.ipynb.
"""

from __future__ import annotations

import importlib
import inspect
import os
import pkgutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from aimkit import i18n

DEFAULT_SEED = 2021
"""The seed of the shipped data (the year the e-book's cases were run)."""
TRANSACTION_COLUMNS = ("customer_id", "order_id", "order_date", "amount")
"""The canonical transactions view (:data:`aimkit.io.TRANSACTIONS`)."""


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


@dataclass(frozen=True)
class Transactions:
    """Where a case's purchases are: one table, and its columns that hold the canonical fields.

    Parameters
    ----------
    table : str
        The table with one row per purchase (or purchase line).
    columns : mapping
        ``{file column: canonical column}`` for the fields named differently in the export.

    Examples
    --------
    >>> view = Transactions("bookings", {"booking_id": "order_id"})
    >>> bookings = pd.DataFrame({"booking_id": [7], "customer_id": ["K1"],
    ...                          "order_date": ["2021-01-02"], "amount": [950.0]})
    >>> view.view({"bookings": bookings}).columns.tolist()
    ['customer_id', 'order_id', 'order_date', 'amount']
    """

    table: str
    columns: Mapping[str, str] = field(default_factory=dict)

    def view(self, tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
        """Return the canonical ``customer_id, order_id, order_date, amount`` view."""
        return tables[self.table].rename(columns=dict(self.columns))[list(TRANSACTION_COLUMNS)]


@dataclass(frozen=True)
class Case:
    """A case company's registration: what the course map, the registry and the apps show.

    Parameters
    ----------
    company : str
        The company's name as the e-book (or paper) gives it.
    title : str
        What the case teaches, in a few words (the course map shows ``company: title``).
    notebook : str
        The case notebook, relative to ``notebooks/``.
    ebook_page : int or None
        The case's first page in the e-book; None for a case from another source.
    minutes : int
        How long the notebook takes a student.
    transactions : Transactions or None
        Where the purchases are, for RFM and the segment explorer; None when the case has none.
    aim_phase, crisp_dm : str
        The phases the notebook covers, as the course map writes them.

    Examples
    --------
    >>> Case("Kinnarps", "B2B customer clustering", "cases/10_kinnarps.ipynb", 36, 40).aim_phase
    '5 implement a case'
    """

    company: str
    title: str
    notebook: str
    ebook_page: int | None
    minutes: int
    transactions: Transactions | None = None
    aim_phase: str = "5 implement a case"
    crisp_dm: str = "all six"


def _generators() -> dict[str, object]:
    """Import every public module of this package: the generators, in course order."""
    modules = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if not isinstance(getattr(module, "CASE", None), Case):
            raise TypeError(f"aimkit/datasets/{info.name}.py defines no CASE = Case(...): every "
                            "generator module registers its case (see the aimkit.datasets "
                            "docstring)")
        modules[info.name] = module
    return dict(sorted(modules.items(), key=lambda item: item[1].CASE.notebook))


def cases() -> dict[str, Case]:
    """Return ``{name: Case}`` for every generator module, in course order.

    Examples
    --------
    >>> list(cases())[:2]
    ['kinnarps', 'trailfinders']
    """
    return {name: module.CASE for name, module in _generators().items()}


def _generator(name: str):
    generators = _generators()
    if name not in generators:
        raise KeyError(f"unknown dataset {name!r}; choose one of {', '.join(generators)}")
    return generators[name]


def case(name: str) -> Case:
    """Return a company's registration.

    Examples
    --------
    >>> case("annapops").transactions.table
    'web_orders'
    """
    return _generator(name).CASE


def list_datasets() -> pd.DataFrame:
    """Return the case companies: company, title, notebook, e-book page and transactions table.

    Examples
    --------
    >>> list_datasets().loc["kinnarps", ["company", "notebook"]].tolist()
    ['Kinnarps', 'notebooks/cases/10_kinnarps_b2b_clustering.ipynb']
    """
    rows = [{"name": name, "company": c.company, "title": c.title,
             "notebook": f"notebooks/{c.notebook}", "ebook_page": c.ebook_page,
             "transactions": c.transactions.table if c.transactions else None}
            for name, c in cases().items()]
    return pd.DataFrame(rows).set_index("name").astype({"ebook_page": "Int64"})


def generate(name: str, seed: int = DEFAULT_SEED, scale: float = 1.0,
             **options) -> dict[str, pd.DataFrame]:
    """Generate a company's tables in memory.

    Parameters
    ----------
    name : str
        A name from :func:`list_datasets`.
    seed : int
        Random seed; the default gives the shipped data.
    scale : float
        Multiplies the number of customers (1.0 = the shipped size).
    **options
        Passed on to the company's generator, for the options it declares.

    Returns
    -------
    dict of str to DataFrame
        One table per source system, as the system exports it.

    Raises
    ------
    TypeError
        For an option the company's generator does not have.

    Examples
    --------
    >>> tables = generate("kinnarps")
    >>> list(tables) == list(describe_tables("kinnarps"))
    True
    """
    function = _generator(name).generate
    known = set(inspect.signature(function).parameters) - {"seed", "scale"}
    unknown = sorted(set(options) - known)
    if unknown:
        raise TypeError(f"the {name} generator has no option {', '.join(map(repr, unknown))}; "
                        f"its options: {', '.join(sorted(known)) or 'none'}")
    return function(seed=seed, scale=scale, **options)


def describe_tables(name: str) -> dict[str, str]:
    """Return ``{table: description}`` for a company, in export order, in the course's language.

    Examples
    --------
    >>> describe_tables("kinnarps")["erp_orders"][:9]
    'ERP docum'
    """
    return {table: i18n.say(text) for table, text in _generator(name).TABLES.items()}


def describe(name: str) -> str:
    """Describe a company's dataset in a few lines: the case and each table with its size.

    Examples
    --------
    >>> print(describe("kinnarps").splitlines()[0])
    Kinnarps: B2B customer clustering
    """
    registered = case(name)
    tables = load(name)
    lines = [f"{registered.company}: {registered.title}",
             f"notebook: notebooks/{'nl/' if i18n.current_language() == 'nl' else ''}"
             f"{registered.notebook}"]
    for table, text in describe_tables(name).items():
        frame = tables[table]
        lines.append(i18n.say({"en": "- {table} ({rows:,} rows × {columns} columns): {about}",
                               "nl": "- {table} ({rows:,} rijen × {columns} kolommen): {about}"},
                              table=table, rows=len(frame), columns=frame.shape[1], about=text))
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


def seed_from_environment() -> int | None:
    """Return the seed in ``$AIMKIT_SEED``, or None when it is not set (or empty).

    Raises
    ------
    ValueError
        When ``AIMKIT_SEED`` is not a whole number of zero or more.

    Examples
    --------
    >>> import os
    >>> os.environ["AIMKIT_SEED"] = "7"
    >>> seed_from_environment()
    7
    >>> del os.environ["AIMKIT_SEED"]
    """
    text = os.environ.get("AIMKIT_SEED", "").strip()
    if not text:
        return None
    try:
        seed = int(text)
    except ValueError:
        seed = -1
    if seed < 0:
        raise ValueError(f"AIMKIT_SEED must be a whole number of zero or more (e.g. 7), not "
                         f"{text!r}; unset it to use the shipped data")
    return seed


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
    paths = []
    for table, content in _generated_exports(name, seed, scale).items():
        path = folder / f"{table}.csv"
        path.write_bytes(content)
        paths.append(path)
    return paths


def _generated_exports(name: str, seed: int, scale: float = 1.0,
                       **options) -> dict[str, bytes]:
    formats = _formats(name)
    return {table: csv_bytes(frame, formats.get(table, CsvFormat()))
            for table, frame in generate(name, seed=seed, scale=scale, **options).items()}


def _source(name: str) -> Path | int:
    """Where :func:`load` gets a company from: the shipped folder, or the seed to generate with."""
    seed = seed_from_environment()
    folder = data_dir() / name
    if seed is None and folder.is_dir():
        return folder
    return DEFAULT_SEED if seed is None else seed


def export_bytes(name: str, table: str) -> bytes:
    """Return one export file's content, as :func:`load` reads it (shipped or generated).

    Examples
    --------
    >>> export_bytes("trailfinders", "bookings")[:10]
    b'booking_id'
    """
    source = _source(name)
    if isinstance(source, Path):
        return (source / f"{table}.csv").read_bytes()
    return _generated_exports(name, source)[table]


def load(name: str, *, seed: int | None = None, scale: float = 1.0,
         **options) -> dict[str, pd.DataFrame]:
    """Load a company's tables the way a user reads the exports: with :func:`aimkit.io.read_table`.

    Reads the shipped CSVs. With ``$AIMKIT_SEED`` set, or when the repository's ``datasets/``
    folder is not there (aimkit installed on its own), generates the exports in memory
    (with that seed, or :data:`DEFAULT_SEED`) and reads those instead. Given a ``seed``, a
    ``scale`` or generator options (``planted=False``), generates with those (the seed being
    ``seed``, else ``$AIMKIT_SEED``, else :data:`DEFAULT_SEED`) and reads them back the same way:
    the data for *Challenge the e-book*.

    Parameters
    ----------
    name : str
        A name from :func:`list_datasets`.
    seed : int, optional
        Generate with this seed instead (ignores ``$AIMKIT_SEED``): another sample of the same
        company, to see whether a result holds.
    scale : float
        As in :func:`generate`; anything but 1.0 generates.
    **options
        Passed on to the generator, e.g. ``planted=False`` (:func:`generate`); any option
        generates.

    Examples
    --------
    >>> tables = load("kinnarps")
    >>> tables["erp_orders"]["amount"].dtype.kind
    'f'
    >>> other = load("kinnarps", seed=7, scale=0.5, planted=False)  # read back like the files
    >>> other["erp_orders"]["amount"].dtype.kind
    'f'
    """
    from aimkit.io import read_table

    source = _source(name) if seed is None else seed
    if isinstance(source, Path) and (scale != 1.0 or options):
        source = DEFAULT_SEED  # a smaller or unplanted sample: generate the shipped seed's
    if isinstance(source, Path):
        return {table: read_table(source / f"{table}.csv") for table in describe_tables(name)}
    return {table: read_table(content, name=f"{table}.csv")
            for table, content in _generated_exports(name, source, scale, **options).items()}


__all__ = [
    "BELGIAN_EXCEL", "Case", "CsvFormat", "DEFAULT_SEED", "TRANSACTION_COLUMNS", "Transactions",
    "case", "cases", "csv_bytes", "data_dir", "describe", "describe_tables", "export_bytes",
    "generate", "list_datasets", "load", "seed_from_environment", "write",
]
