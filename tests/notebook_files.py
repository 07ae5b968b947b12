"""Which notebooks the course ships, for the notebook tests."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"


def all_notebooks() -> list[Path]:
    return sorted(p for p in NOTEBOOKS.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def course_notebooks() -> list[Path]:
    """Course and case notebooks (everything but the Voila apps)."""
    return [p for p in all_notebooks() if "apps" not in p.relative_to(NOTEBOOKS).parts]


def ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(NOTEBOOKS)) for p in paths]
