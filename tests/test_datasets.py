"""aimkit.datasets: nine companies, shipped CSVs identical to a fresh generation, loading."""

import importlib.util

import pytest

from aimkit import datasets

NAMES = list(datasets.list_datasets().index)
SHIPPED = sorted(p.name for p in datasets.data_dir().iterdir() if p.is_dir())


def test_nine_companies_are_registered():
    assert NAMES == ["kinnarps", "trailfinders", "costa", "wine", "annapops", "odisee",
                     "earnieland", "energy", "returns"]
    assert set(datasets.list_datasets().columns) == {"company", "case", "notebook"}


@pytest.mark.parametrize("name", NAMES)
def test_every_company_has_a_generator_and_shipped_files(name):
    assert importlib.util.find_spec(f"aimkit.datasets.{name}") is not None
    assert name in SHIPPED
    for table in datasets.describe_tables(name):
        assert (datasets.data_dir() / name / f"{table}.csv").is_file()


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


def test_a_different_seed_gives_different_data():
    a = datasets.generate("kinnarps", seed=1)
    b = datasets.generate("kinnarps", seed=2)
    assert not a["erp_orders"].equals(b["erp_orders"])


def test_describe_names_each_table_with_its_size():
    text = datasets.describe("kinnarps")
    assert text.startswith("Kinnarps: ")
    for table in datasets.describe_tables("kinnarps"):
        assert f"- {table} (" in text


def test_unknown_name_is_a_clear_error():
    with pytest.raises(KeyError, match="unknown dataset 'kinarps'"):
        datasets.generate("kinarps")
