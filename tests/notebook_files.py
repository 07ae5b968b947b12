"""Which notebooks the course ships, and their exercises, for the notebook tests."""

import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
SOLUTION = re.compile(r"```python\n(.*?)```", re.S)


DUTCH = NOTEBOOKS / "nl"
"""The Dutch edition, generated from the English notebooks (tools/dutch.py, tests/test_dutch.py)."""


def all_notebooks() -> list[Path]:
    """The English notebooks, the source of the course (the Dutch edition is tested apart)."""
    return sorted(p for p in NOTEBOOKS.rglob("*.ipynb")
                  if ".ipynb_checkpoints" not in p.parts and not p.is_relative_to(DUTCH))


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


DEMO_MINUTES = (10, 20, 40)
"""The trainer's demo paths of a case: cells tagged ``demo-10``, ``demo-20``, ``demo-40``."""


def demo_path(nb, minutes: int) -> list:
    """The cells of the ``minutes``-minute demo path, in notebook order."""
    return [cell for cell in nb.cells if tagged(cell, f"demo-{minutes}")]


def demo_path_problems(nb) -> list[str]:
    """What breaks the demo-path convention (see 99_for_trainers): an empty list when none.

    The paths nest (a 10-minute cell is in the 20- and 40-minute paths, a 20-minute cell in the
    40-minute one) and start with the Setup cell (the first code cell); exactly one cell is
    tagged ``aha`` and it is in the 10-minute path; one code cell is tagged ``own-data``.
    """
    problems = []
    for shorter, longer in zip(DEMO_MINUTES, DEMO_MINUTES[1:], strict=False):
        outside = [cell.get("id") for cell in demo_path(nb, shorter)
                   if not tagged(cell, f"demo-{longer}")]
        if outside:
            problems.append(f"in the {shorter}-minute path but not the {longer}-minute one: "
                            f"{outside}")
    setup = next((cell for cell in nb.cells if cell.cell_type == "code"), None)
    for minutes in DEMO_MINUTES:
        if setup is None or not tagged(setup, f"demo-{minutes}"):
            problems.append(f"the {minutes}-minute path does not start with the Setup cell")
    aha = [cell for cell in nb.cells if tagged(cell, "aha")]
    if len(aha) != 1 or not tagged(aha[0], "demo-10"):
        problems.append(f"{len(aha)} cells are tagged 'aha'; one, in the 10-minute path")
    own = [cell for cell in nb.cells if tagged(cell, "own-data") and cell.cell_type == "code"]
    if len(own) != 1:
        problems.append(f"{len(own)} code cells are tagged 'own-data'; one")
    elif not all(text in own[0].source for text in ("io.read_table", "# <- your file")):
        problems.append("the own-data cell reads with io.read_table and marks the line to "
                        "change with '# <- your file'")
    sizes = [len(demo_path(nb, minutes)) for minutes in DEMO_MINUTES]
    if sizes != sorted(set(sizes)):
        problems.append(f"each longer path adds cells: {sizes}")
    return problems


def demo_path_notebook(nb, minutes: int):
    """A notebook of only the code cells of the ``minutes``-minute path, to run on its own."""
    cells = [cell for cell in demo_path(nb, minutes) if cell.cell_type == "code"]
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(cell.source)
                                           for cell in cells], metadata=nb.metadata)
