"""Which notebooks the course ships, and their exercises, for the notebook tests."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
SOLUTION = re.compile(r"```python\n(.*?)```", re.S)


def all_notebooks() -> list[Path]:
    return sorted(p for p in NOTEBOOKS.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def course_notebooks() -> list[Path]:
    """Course and case notebooks (everything but the Voila apps)."""
    return [p for p in all_notebooks() if "apps" not in p.relative_to(NOTEBOOKS).parts]


def ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(NOTEBOOKS)) for p in paths]


def tagged(cell, tag: str) -> bool:
    return tag in cell.get("metadata", {}).get("tags", [])


def exercise_solutions(nb) -> list[tuple[dict, str]]:
    """(exercise cell, solution code) pairs: the code of the solution cell after each exercise.

    An exercise is three cells (see CONTRIBUTING.md): a code cell tagged ``exercise``, a markdown
    cell tagged ``solution`` holding one fenced python block, and a code cell tagged ``check``.
    """
    pairs = []
    for i, cell in enumerate(nb.cells):
        if tagged(cell, "exercise"):
            solution = next((c for c in nb.cells[i + 1:] if tagged(c, "solution")), None)
            match = SOLUTION.search(solution.source) if solution else None
            if not match:
                raise ValueError(f"exercise cell {cell.get('id')} has no solution cell below it "
                                 "with one ```python block")
            pairs.append((cell, match.group(1)))
    return pairs


def notebook_number(path: Path) -> str:
    """The two digits a notebook's file name starts with: the first part of its exercise ids."""
    return path.name[:2]
