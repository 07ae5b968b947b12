"""aimkit.datasets: nine registered companies, shipped CSVs identical to a fresh generation,
loading (shipped or with AIMKIT_SEED), and every place that describes a case kept in step."""

import inspect
import json
import pkgutil
import re
import sys
import types
from pathlib import Path

import pandas as pd
import pytest

from aimkit import datasets, io

ROOT = Path(__file__).resolve().parents[1]
NAMES = list(datasets.list_datasets().index)
SHIPPED = sorted(p.name for p in datasets.data_dir().iterdir() if p.is_dir())


# ------------------------------------------------------------------------------- registry
def test_nine_companies_are_registered_in_course_order():
    assert NAMES == ["kinnarps", "trailfinders", "costa", "wine", "annapops", "odisee",
                     "earnieland", "energy", "returns"]
    assert list(datasets.list_datasets().columns) == ["company", "title", "notebook",
                                                      "ebook_page", "transactions"]


def test_every_generator_module_is_registered():
    modules = sorted(m.name for m in pkgutil.iter_modules(datasets.__path__)
                     if not m.name.startswith("_"))
    assert modules == sorted(NAMES), "a generator module without CASE = Case(...)"
    assert SHIPPED == sorted(NAMES)


def test_a_module_without_registration_is_a_clear_error(monkeypatch):
    real = pkgutil.iter_modules
    stray = types.ModuleType("aimkit.datasets.stray")
    monkeypatch.setitem(sys.modules, "aimkit.datasets.stray", stray)
    monkeypatch.setattr(pkgutil, "iter_modules", lambda path: [
        *real(path), pkgutil.ModuleInfo(None, "stray", False)])
    with pytest.raises(TypeError, match=r"aimkit/datasets/stray.py defines no CASE"):
        datasets.list_datasets()


@pytest.mark.parametrize("name", NAMES)
def test_registered_notebook_exists_and_names_the_company(name):
    registered = datasets.case(name)
    notebook = ROOT / "notebooks" / registered.notebook
    assert notebook.is_file(), f"{name}: CASE.notebook {registered.notebook} does not exist"
    header = "".join(json.loads(notebook.read_text())["cells"][0]["source"])
    assert f"| **Time** | {registered.minutes} minutes |" in header, (
        f"{name}: the notebook's header and CASE.minutes disagree")
    if registered.ebook_page is not None:
        assert f"p. {registered.ebook_page}" in header, f"{name}: e-book page differs"


@pytest.mark.parametrize("name", NAMES)
def test_every_company_has_a_generator_and_shipped_files(name):
    for table in datasets.describe_tables(name):
        assert (datasets.data_dir() / name / f"{table}.csv").is_file()
    function = inspect.signature(datasets._generator(name).generate)
    assert function.parameters["seed"].default == datasets.DEFAULT_SEED


def test_transactions_views_are_canonical():
    assert datasets.TRANSACTION_COLUMNS == tuple(c.name for c in io.TRANSACTIONS.columns)
    with_transactions = [n for n, c in datasets.cases().items() if c.transactions is not None]
    assert with_transactions == ["kinnarps", "trailfinders", "wine", "annapops", "earnieland",
                                 "returns"]
    for name in with_transactions:
        view = datasets.case(name).transactions.view(datasets.load(name))
        assert list(view.columns) == list(datasets.TRANSACTION_COLUMNS), name
        assert pd.api.types.is_datetime64_any_dtype(view["order_date"]), name
        assert pd.api.types.is_float_dtype(view["amount"]), name
        assert view["customer_id"].notna().mean() > 0.8, name  # most lines name a customer


# ----------------------------------------------------------------- the other places a case is
def _sections(text: str) -> dict[str, str]:
    return dict(re.findall(r"^## (\w+)\n(.*?)(?=^## |\Z)", text, re.M | re.S))


@pytest.mark.parametrize("name", NAMES)
def test_each_company_has_its_datasheet_section(name):
    section = _sections((ROOT / "datasets" / "README.md").read_text()).get(name)
    assert section is not None, f"datasets/README.md has no '## {name}' section"
    registered = datasets.case(name)
    for mention in (f"aimkit/datasets/{name}.py", f"notebooks/{registered.notebook}",
                    *(f"`{table}.csv`" for table in datasets.describe_tables(name))):
        assert mention in section, f"datasets/README.md '## {name}' does not mention {mention}"


def test_maturity_cases_are_registered_cases():
    """The maturity model may place a case (for "companies like you"); it must be a registered
    one, with its CASE's name and page. A new case needs no entry to be in the course."""
    raw = json.loads((ROOT / "aimkit" / "data" / "maturity.json").read_text())
    registered = datasets.cases()
    for entry in raw["cases"]:
        name = entry["id"]
        assert name in registered, f"maturity.json places {name!r}, which no generator registers"
        case = registered[name]
        assert (entry["name"], entry["ebook_page"], entry.get("dataset", name)) == (
            case.company, case.ebook_page, name), f"maturity.json's {name} differs from its CASE"
    assert len(raw["cases"]) >= 8  # the e-book's eight cases are placed


# ------------------------------------------------------------------------- generate and load
@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_files_are_regenerated_byte_for_byte(name, tmp_path):
    written = datasets.write(name, tmp_path)
    shipped = sorted((datasets.data_dir() / name).glob("*.csv"))
    assert [p.name for p in shipped] == sorted(p.name for p in written)
    for path in written:
        assert path.read_bytes() == (datasets.data_dir() / name / path.name).read_bytes(), path.name


def test_load_kinnarps_gives_one_frame_per_source_system():
    tables = datasets.load("kinnarps")
    assert sorted(tables) == ["crm_contacts", "crm_customers", "erp_orders"]
    assert all(len(frame) > 0 for frame in tables.values())


def test_load_works_without_the_repository_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("AIMKIT_DATASETS", str(tmp_path))  # an empty folder: generate instead
    generated = datasets.load("kinnarps")
    monkeypatch.delenv("AIMKIT_DATASETS")
    shipped = datasets.load("kinnarps")
    for table, frame in shipped.items():
        assert generated[table].equals(frame), table


def test_aimkit_seed_loads_that_generation_instead_of_the_shipped_files(monkeypatch):
    shipped = datasets.load("kinnarps")
    formats = datasets._formats("kinnarps")
    expected = {table: io.read_table(datasets.csv_bytes(frame, formats.get(
        table, datasets.CsvFormat())), name=f"{table}.csv")
        for table, frame in datasets.generate("kinnarps", seed=7).items()}
    monkeypatch.setenv("AIMKIT_SEED", "7")
    seeded = datasets.load("kinnarps")
    assert list(seeded) == list(expected)
    for table, frame in seeded.items():
        pd.testing.assert_frame_equal(frame, expected[table])
    assert not seeded["erp_orders"].equals(shipped["erp_orders"])
    assert datasets.export_bytes("kinnarps", "erp_orders") == datasets.csv_bytes(
        datasets.generate("kinnarps", seed=7)["erp_orders"], datasets.BELGIAN_EXCEL)


def test_load_with_a_seed_or_options_generates_and_reads_back_like_the_files(monkeypatch):
    monkeypatch.setenv("AIMKIT_SEED", "3")  # an explicit seed wins over the environment
    formats = datasets._formats("kinnarps")
    generated = datasets.generate("kinnarps", seed=7, scale=0.5, planted=False)
    loaded = datasets.load("kinnarps", seed=7, scale=0.5, planted=False)
    for table, frame in generated.items():
        expected = io.read_table(datasets.csv_bytes(frame, formats.get(
            table, datasets.CsvFormat())), name=f"{table}.csv")
        pd.testing.assert_frame_equal(loaded[table], expected)
    unplanted = datasets.load("kinnarps", planted=False)  # the environment's seed, unplanted
    assert unplanted["erp_orders"].equals(datasets.load(
        "kinnarps", seed=3, planted=False)["erp_orders"])
    with pytest.raises(TypeError, match="colour"):
        datasets.load("kinnarps", seed=7, colour="red")


def test_aimkit_seed_zero_is_a_seed_and_empty_means_unset(monkeypatch):
    monkeypatch.setenv("AIMKIT_SEED", "0")
    assert datasets.seed_from_environment() == 0
    monkeypatch.setenv("AIMKIT_SEED", " ")
    assert datasets.seed_from_environment() is None


@pytest.mark.parametrize("value", ["seven", "7.5", "-3"])
def test_an_invalid_aimkit_seed_is_a_clear_error(monkeypatch, value):
    monkeypatch.setenv("AIMKIT_SEED", value)
    with pytest.raises(ValueError, match=rf"AIMKIT_SEED must be a whole number .* not '{value}'"):
        datasets.load("kinnarps")


def test_a_different_seed_gives_different_data():
    a = datasets.generate("kinnarps", seed=1)
    b = datasets.generate("kinnarps", seed=2)
    assert not a["erp_orders"].equals(b["erp_orders"])


def test_an_option_the_generator_does_not_have_is_a_clear_error():
    with pytest.raises(TypeError, match=r"the kinnarps generator has no option 'colour'; "
                                        r"its options: planted"):
        datasets.generate("kinnarps", seed=7, colour="red")


def test_describe_names_each_table_with_its_size():
    text = datasets.describe("kinnarps")
    assert text.startswith("Kinnarps: B2B customer clustering\n")
    for table in datasets.describe_tables("kinnarps"):
        assert f"- {table} (" in text


def test_unknown_name_is_a_clear_error():
    with pytest.raises(KeyError, match="unknown dataset 'kinarps'"):
        datasets.generate("kinarps")


@pytest.mark.parametrize("name", list(datasets.cases()))
def test_every_table_is_described_in_both_languages(name):
    from aimkit import i18n
    assert i18n.problems(datasets._generator(name).TABLES) == []


def test_describe_speaks_the_course_language(monkeypatch):
    from aimkit import i18n
    monkeypatch.setattr(i18n, "_chosen_language", ["nl"])
    text = datasets.describe("annapops")
    assert "notebooks/nl/cases/14_annapops_rfmt_behaviour.ipynb" in text
    assert "- customers (6.000 rijen × 8 kolommen): het klantenbestand" in text
