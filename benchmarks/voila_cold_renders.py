"""First-render reliability of the Voila apps: cold renders counted per serving mode.

Voila 0.5.13 sometimes never finishes the first render of a page: nbclient, executing the
notebook on the server, waits for an ``execute_reply`` that already sits in the kernel
client's shell socket. The cause (see :mod:`aimkit.apps.kernel_client`): nbclient sends the
captured output of an ``ipywidgets.Output`` widget back to the kernel on the shell channel
while it waits for the reply there, through a blocking shadow of the asyncio socket, and so
swallows the socket's edge-triggered wake-up. The repository selects
``aimkit.apps.kernel_client.VoilaKernelClient`` in ``voila.json`` (standalone ``voila``)
and ``binder/jupyter_server_config.json`` (the ``voila/render/`` server extension of Binder).

Each render here is cold: a fresh server process, a fresh kernel and a fresh browser tab.
A render that has not finished within ``--timeout`` seconds (normal renders take 3–6 s on a
loaded 2-core machine) counts as a hang. Per mode it renders, cycling:

- ``stress.ipynb`` (written to a temporary folder): a dozen cells that each print into an
  Output widget during the render, so the race is hit often;
- the two apps (``apps/data_maturity_scan.ipynb``, ``apps/segment_explorer.ipynb``).

The **baseline** is the same servers with the stock kernel client
(``--AsyncKernelManager.client_class=jupyter_client.asynchronous.AsyncKernelClient`` on the
command line overrides the repository's setting), on the stress notebook only; the ratio
column compares median render times with it.

    python benchmarks/voila_cold_renders.py                 # 50 renders per mode, 10 baseline
    python benchmarks/voila_cold_renders.py --renders 10 --baseline 4
"""

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from harness import MODES, NOTEBOOKS, launch_browser, serve, wait_rendered  # noqa: E402

STOCK = "--AsyncKernelManager.client_class=jupyter_client.asynchronous.AsyncKernelClient"
APPS = ("apps/data_maturity_scan.ipynb", "apps/segment_explorer.ipynb")


def stress_notebook(path: Path, cells: int = 12) -> None:
    """A notebook whose every cell writes into an Output widget while Voila renders it."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell("# Stress\n\nOutput widgets during the render."),
                nbformat.v4.new_code_cell(
                    "import ipywidgets as w\nfrom IPython.display import display\n"
                    f"outs = [w.Output() for _ in range({cells})]\ndisplay(w.VBox(outs))")]
    nb.cells += [nbformat.v4.new_code_cell(f"with outs[{i}]:\n    print('cell {i}')")
                 for i in range(cells)]
    nbformat.write(nb, path)


def served_folder() -> Path:
    """A temporary folder with the stress notebook and copies of the two apps."""
    folder = Path(tempfile.mkdtemp(prefix="voila-cold-"))
    stress_notebook(folder / "stress.ipynb")
    (folder / "apps").mkdir()
    for app in APPS:
        shutil.copy(NOTEBOOKS / app, folder / app)
    return folder


def cold_renders(mode, notebooks, count, context, folder, timeout, *extra):
    """Render ``count`` times, each on a fresh server; return (seconds per render, hangs)."""
    label = "stock" if extra else "repo"
    times, hangs = [], []
    for i in range(count):
        notebook = notebooks[i % len(notebooks)]
        log = folder / f"{mode}-{label}-{i}.log"
        with serve(mode, log, *extra, root=folder) as server:
            page = context.new_page()
            start = time.perf_counter()
            try:
                page.goto(server.render_url(notebook), wait_until="commit")
                wait_rendered(page, timeout * 1000)
                times.append(time.perf_counter() - start)
                state = f"{times[-1]:.1f} s"
            except Exception as error:  # a timeout: the render hung
                hangs.append(f"{notebook} ({type(error).__name__}; log {log})")
                state = "HANG"
            finally:
                page.close()
        print(f"  {mode} {label} {i + 1}/{count} {notebook}: {state}", flush=True)
    return times, hangs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=50, help="cold renders per mode")
    parser.add_argument("--baseline", type=int, default=10,
                        help="cold renders per mode with the stock client (stress notebook)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds before a hang")
    parser.add_argument("--modes", nargs="+", default=list(MODES), choices=MODES)
    args = parser.parse_args()
    folder = served_folder()
    rows = []
    with launch_browser() as context:
        for mode in args.modes:
            base_times, base_hangs = cold_renders(mode, ["stress.ipynb"], args.baseline,
                                                  context, folder, args.timeout, STOCK)
            times, hangs = cold_renders(mode, ["stress.ipynb", *APPS], args.renders, context,
                                        folder, args.timeout)
            rows.append((mode, base_times, base_hangs, times, hangs))
    print(f"{'mode':<8} {'client':<28} {'renders':>7} {'hangs':>5} {'median s':>9} {'ratio':>6}")
    for mode, base_times, base_hangs, times, hangs in rows:
        base = statistics.median(base_times) if base_times else float("nan")
        for label, t, h in (("stock (baseline, stress)", base_times, base_hangs),
                            ("repo config (stress + apps)", times, hangs)):
            median = statistics.median(t) if t else float("nan")
            print(f"{mode:<8} {label:<28} {len(t) + len(h):>7} {len(h):>5} {median:>9.2f} "
                  f"{median / base:>6.2f}")
        for hang in hangs:
            print(f"  hang with the repo config: {hang}")
    if not any(row[2] or row[4] for row in rows):
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
