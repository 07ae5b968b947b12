"""Doctests leave no temporary folders or files behind."""

import doctest
import importlib
import tempfile

import pytest

MODULES = ["aimkit.io", "aimkit.maturity", "aimkit.datasets", "aimkit.text", "aimkit.quality",
           "aimkit.experiment"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests_clean_up_their_temporary_files(name, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where tempfile creates things
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert list(tmp_path.iterdir()) == []
