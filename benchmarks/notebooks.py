"""Run every notebook with nbclient; print wall time and peak kernel memory per notebook.

The baseline, measured in the same run, is an empty notebook (kernel start and shutdown),
so the ratio column says how much a notebook costs beyond starting Python. Budget per
notebook (docs/architecture.md): 20 s and 600 MB on 2 cores.

    python benchmarks/notebooks.py                 # all notebooks
    python benchmarks/notebooks.py cases/10        # those whose path contains "cases/10"
"""

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
PEAK = "import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
BUDGET_SECONDS, BUDGET_MB = 20, 600


def run(nb: nbformat.NotebookNode, folder: Path) -> tuple[float, float]:
    """Execute a notebook; return (seconds, peak kernel memory in MB)."""
    nb.cells.append(nbformat.v4.new_code_cell(PEAK))
    start = time.perf_counter()
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(folder)}}).execute()
    seconds = time.perf_counter() - start
    peak_kb = int(nb.cells[-1].outputs[0]["text"].strip())
    return seconds, peak_kb / 1024


def main(filters: list[str]) -> None:
    paths = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts)
    paths = [p for p in paths if not filters or any(f in str(p) for f in filters)]
    base_seconds, base_mb = run(nbformat.v4.new_notebook(), ROOT)
    print(f"{'notebook':55} {'seconds':>8} {'× empty':>8} {'peak MB':>8}")
    print(f"{'(empty notebook: the baseline)':55} {base_seconds:8.1f} {1:8.1f} {base_mb:8.0f}")
    total, over = 0.0, []
    for path in paths:
        seconds, mb = run(nbformat.read(path, as_version=4), path.parent)
        total += seconds
        name = str(path.relative_to(ROOT / "notebooks"))
        flag = " OVER BUDGET" if seconds > BUDGET_SECONDS or mb > BUDGET_MB else ""
        over += [name] if flag else []
        print(f"{name:55} {seconds:8.1f} {seconds / base_seconds:8.1f} {mb:8.0f}{flag}")
    print(f"{'total':55} {total:8.1f} {total / base_seconds:8.1f}")
    if over:
        print(f"over the {BUDGET_SECONDS} s / {BUDGET_MB} MB budget: {', '.join(over)}")


if __name__ == "__main__":
    main(sys.argv[1:])
