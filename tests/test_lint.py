"""The code base passes ruff (style, imports, numpy docstrings), notebooks included."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUFF = Path(sys.executable).parent / "ruff"


def test_ruff_is_clean():
    """Everything ruff finds, as configured in pyproject.toml, without a cache in the repo."""
    result = subprocess.run([str(RUFF), "check", "--no-cache", "."], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]


def test_ruff_reads_the_notebooks():
    listed = subprocess.run([str(RUFF), "check", "--no-cache", "--show-files", "."], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout
    checked = {Path(line.strip()) for line in listed.splitlines() if line.strip()}
    notebooks = set((ROOT / "notebooks").rglob("*.ipynb"))
    assert notebooks and notebooks <= checked


def test_the_pre_commit_ruff_is_the_pinned_ruff():
    pinned = re.search(r"^ruff==(\S+)$", (ROOT / "requirements-dev.txt").read_text(), re.M)
    hooks = (ROOT / ".pre-commit-config.yaml").read_text()
    rev = re.search(r"ruff-pre-commit\n\s+rev: v(\S+)", hooks)
    assert pinned and rev and rev.group(1) == pinned.group(1)
