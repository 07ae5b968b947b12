"""Start Voila servers and headless Chromium, and read a rendered Voila page.

Shared by the browser tests (``tests/browser/``) and the benchmarks that measure the apps in a
real browser (``benchmarks/apps.py``, ``benchmarks/voila_cold_renders.py``).

Two ways of serving the apps are covered:

- ``"voila"``: standalone ``voila`` serving the ``notebooks/`` folder (as a trainer runs it);
  a notebook is at ``{base}/voila/render/<path below notebooks/>``;
- ``"server"``: ``jupyter server`` with Voila as a server extension, configured with
  ``binder/jupyter_server_config.json`` as on Binder; a notebook is at
  ``{base}/voila/render/notebooks/<path>``.

Both run from the repository root, so Voila reads the repository's ``voila.json``.
Chromium is Debian's ``/usr/bin/chromium`` (``playwright install`` cannot download browsers).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
BIN = Path(sys.executable).parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
START_TIMEOUT = 60  # seconds for a server to answer on its port
RENDER_TIMEOUT = 60_000  # milliseconds for a page to finish rendering (2 loaded cores)
MODES = ("voila", "server")
BINDER_CONFIG = ROOT / "binder" / "jupyter_server_config.json"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, log: Path,
                  timeout: float = START_TIMEOUT) -> None:
    """Block until ``port`` accepts connections; raise with the server log if it never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server did not answer on port {port} in {timeout} s:\n"
                       f"{log.read_text()[-3000:]}")


def stop(process: subprocess.Popen) -> None:
    """End a server and its kernels: its whole process group, politely then firmly."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    except ProcessLookupError:
        pass


def command(mode: str, port: int, root: Path = NOTEBOOKS, *extra: str) -> list[str]:
    """The command line that serves the notebooks below ``root`` in ``mode``."""
    if mode == "voila":
        return [str(BIN / "voila"), "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
                *extra, str(root)]
    if mode == "server":
        return [str(BIN / "jupyter-server"), "--no-browser", f"--port={port}",
                "--ServerApp.ip=127.0.0.1", "--allow-root", "--IdentityProvider.token=",
                "--ServerApp.password=", f"--ServerApp.root_dir={server_root(root)}",
                f"--config={BINDER_CONFIG}", *extra]
    raise ValueError(f"unknown mode {mode!r}; use one of {MODES}")


def server_root(root: Path) -> Path:
    """The Jupyter server's root: the repository for ``notebooks/`` (URLs as on Binder)."""
    return ROOT if root == NOTEBOOKS else root


@dataclass
class Server:
    """A running Voila (standalone or server extension) and how to reach its notebooks."""

    mode: str
    base: str
    process: subprocess.Popen
    log: Path
    root: Path

    def render_url(self, notebook: str) -> str:
        """URL that renders ``notebook`` (a path below the served folder) in Voila."""
        if self.mode == "server":
            notebook = (self.root / notebook).relative_to(server_root(self.root)).as_posix()
        return f"{self.base}/voila/render/{notebook}"


@contextmanager
def serve(mode: str, log: Path, *extra: str, root: Path = NOTEBOOKS):
    """Serve the notebooks below ``root`` in ``mode`` from the repository root.

    The server runs in its own process group; yields a :class:`Server` once its port answers
    and stops the group (server and kernels) on exit.
    """
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with open(log, "w") as out:
        process = subprocess.Popen(command(mode, port, root, *extra), cwd=ROOT, stdout=out,
                                   stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        wait_for_port(port, process, log)
        yield Server(mode, f"http://127.0.0.1:{port}", process, log, root)
    finally:
        stop(process)


def chromium_available() -> bool:
    """Debian's Chromium is installed."""
    return CHROMIUM.exists() and os.access(CHROMIUM, os.X_OK)


_DRIVER: dict = {"users": 0, "driver": None}


@contextmanager
def playwright():
    """Playwright's driver, shared by browsers open at the same time, stopped with the last.

    The sync API allows one driver at a time in a thread, and a running driver keeps an event
    loop running in it (``asyncio.run`` then fails): a browser opened while another test's
    browser is open shares its driver, and the driver stops when no browser needs it.
    """
    if not _DRIVER["users"]:
        from playwright.sync_api import sync_playwright

        _DRIVER["driver"] = sync_playwright().start()
    _DRIVER["users"] += 1
    try:
        yield _DRIVER["driver"]
    finally:
        _DRIVER["users"] -= 1
        if not _DRIVER["users"]:
            _DRIVER.pop("driver").stop()
            _DRIVER["driver"] = None


@contextmanager
def launch_browser(viewport: dict | None = None):
    """Headless Chromium through Playwright with a fresh, throw-away profile."""
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    try:
        with playwright() as driver:
            context = driver.chromium.launch_persistent_context(
                profile, executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
                accept_downloads=True, viewport=viewport or {"width": 1280, "height": 900})
            try:
                yield context
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def wait_rendered(page, timeout: float = RENDER_TIMEOUT) -> None:
    """Wait until Voila has executed every cell and shown the outputs.

    Voila streams the page while the kernel runs the cells, then calls ``voila_finish``,
    which removes the ``#loading`` spinner and shows ``#rendered_cells``.
    """
    page.wait_for_selector("#rendered_cells", state="visible", timeout=timeout)
    page.wait_for_selector("#loading", state="detached", timeout=timeout)


def open_app(page, url: str, timeout: float = RENDER_TIMEOUT) -> None:
    """Load a Voila page and wait for the finished render."""
    page.goto(url, wait_until="commit", timeout=timeout)
    wait_rendered(page, timeout)


def page_problems(page) -> list[str]:
    """What a user must never see on a rendered Voila page: source code, tracebacks, errors."""
    problems = []
    if page.locator(".jp-CodeCell .jp-InputArea, .jp-InputArea-editor, .cm-editor").count():
        problems.append("source code is shown")
    if page.locator("[data-mime-type='application/vnd.jupyter.stderr']").count():
        problems.append("an error output (stderr) is shown")
    text = page.inner_text("body")
    for marker in ("Traceback", "Error:", "Exception"):
        if marker in text:
            at = text.index(marker)
            problems.append(f"{marker!r} on the page: ...{text[max(0, at - 200):at + 300]}")
    return problems
