"""``import aimkit`` is light and silent; every submodule imports on first use."""

import subprocess
import sys

import aimkit


def test_import_aimkit_loads_nothing_heavy_and_prints_nothing():
    code = "import sys, aimkit; print(sorted(m for m in ('pandas', 'sklearn', 'matplotlib') " \
           "if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert out.stderr == ""


def test_submodules_load_on_first_use():
    assert aimkit.io.read_table is not None
    assert "io" in dir(aimkit)


def test_unknown_attribute_is_an_attribute_error():
    try:
        aimkit.nonexistent  # noqa: B018
    except AttributeError as error:
        assert "nonexistent" in str(error)
    else:
        raise AssertionError("expected AttributeError")
