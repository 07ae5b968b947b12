"""``import aimkit`` is light and silent; submodules load on first use and name their notebooks."""

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from notebook_files import ROOT, all_notebooks, course_notebooks

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


# --- every module's "Used in:" line names exactly the notebooks that use it -------------------

PACKAGE = ROOT / "aimkit"
USED_IN = re.compile(r"^Used in:(.*?)(?:\n\s*\n|\Z)", re.S | re.M)
NOTEBOOK = re.compile(r"notebooks/[\w/]+\.ipynb")
LESSONS = [p for p in course_notebooks() if p.name != "99_for_trainers.ipynb"]
CASES = [p for p in course_notebooks() if p.parent.name == "cases"]
SHORTHANDS = {"every lesson notebook": LESSONS, "every case notebook": CASES}


def public_modules() -> dict[str, Path]:
    """``aimkit.x`` or ``aimkit.pkg.x`` -> file, for every module without a private name."""
    modules = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if len(parts) > 1 and not any(p.startswith("_") for p in parts):
            modules[".".join(parts)] = path
    return modules


def code_of(notebook: Path) -> str:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")


def uses(code: str, module: str) -> bool:
    """An import of the module, or for a company's generator, loading that company."""
    parent, name = module.rsplit(".", 1)
    tree = ast.parse("\n".join(line for line in code.splitlines()
                                if not line.lstrip().startswith(("%", "!"))))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == parent:
            if any(alias.name == name for alias in node.names):
                return True
        elif isinstance(node, ast.ImportFrom) and node.module == module:
            return True
        elif isinstance(node, ast.Import) and any(a.name == module for a in node.names):
            return True
    return parent == "aimkit.datasets" and bool(
        re.search(rf"datasets\.(load|generate)\(\"{name}\"", code))


def named_in(docstring: str) -> set[Path]:
    paragraph = USED_IN.search(docstring)
    assert paragraph, 'the module docstring has no "Used in:" line'
    text = " ".join(paragraph.group(1).split())
    named = {ROOT / p for p in NOTEBOOK.findall(text)}
    for phrase, notebooks in SHORTHANDS.items():
        if phrase in text:
            named |= set(notebooks)
    return named


MODULES = public_modules()


@pytest.mark.parametrize("module", list(MODULES))
def test_used_in_names_the_notebooks_that_use_the_module(module):
    docstring = ast.get_docstring(ast.parse(MODULES[module].read_text(encoding="utf-8"))) or ""
    named = named_in(docstring)
    using = {p for p in all_notebooks() if uses(code_of(p), module)}
    missing = sorted(str(p.relative_to(ROOT)) for p in using - named)
    stale = sorted(str(p.relative_to(ROOT)) for p in named - using)
    assert not missing and not stale, f"Used in: add {missing}, remove {stale}"


def test_the_used_in_check_reads_imports_and_shorthands():
    code = "from aimkit import datasets, io  # read\nfrom aimkit.datasets import energy\n"
    assert uses(code, "aimkit.io") and uses(code, "aimkit.datasets.energy")
    assert not uses(code, "aimkit.rfm") and not uses("from aimkit import iox\n", "aimkit.io")
    assert uses('t = datasets.load("wine")', "aimkit.datasets.wine")
    named = named_in("Text.\n\nUsed in: notebooks/cases/17_energy_churn_offers.ipynb,\n"
                     "every case notebook.\n\nExamples\n--------\n")
    assert named == set(CASES)
