"""Binder works from binder/ alone, proved the way repo2docker builds it (no Docker here).

repo2docker installs binder/requirements.txt into a fresh Python (binder/runtime.txt), runs
binder/postBuild from the repository root, then starts a Jupyter server (through binder/start,
which caps OpenMP threads) in which JupyterLab
opens the course and ``voila/render/...`` URLs serve the apps. This test does the same in a
clean virtual environment: it imports what every notebook imports there, runs the start
notebook, and fetches a voila/render/ page
through ``jupyter server``.
"""

import ast
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

import aimkit

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow

RUN_NOTEBOOK = """
import sys
from pathlib import Path
import nbformat
from nbclient import NotebookClient
path = Path(sys.argv[1])
nb = nbformat.read(path, as_version=4)
NotebookClient(nb, timeout=300, kernel_name="python3",
               resources={"metadata": {"path": str(path.parent)}}).execute()
print("ran", path.name, flush=True)
"""


def notebook_imports() -> set[str]:
    """Top-level modules that any notebook imports (every notebook already runs under nbval)."""
    modules = set()
    for path in (ROOT / "notebooks").rglob("*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type != "code":
                continue
            tree = ast.parse("\n".join(line for line in cell.source.splitlines()
                                        if not line.lstrip().startswith(("%", "!"))))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    modules |= {alias.name.split(".")[0] for alias in node.names}
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    modules.add(node.module.split(".")[0])
    return modules


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def binder_env(tmp_path_factory):
    """A venv built only from binder/ files, and the HOME that postBuild configured."""
    base = tmp_path_factory.mktemp("binder")
    venv, home = base / "venv", base / "home"
    home.mkdir()
    assert (ROOT / "binder" / "runtime.txt").read_text().strip() == "python-3.11"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    env = {**os.environ, "HOME": str(home), "PATH": f"{venv / 'bin'}:{os.environ['PATH']}",
           "VIRTUAL_ENV": str(venv)}
    env.pop("PYTHONPATH", None)
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "-r", "binder/requirements.txt"],
                   cwd=ROOT, env=env, check=True)
    subprocess.run(["bash", "binder/postBuild"], cwd=ROOT, env=env, check=True)
    return venv, env


def test_postbuild_installs_aimkit_and_the_server_config(binder_env):
    venv, env = binder_env
    config = Path(env["HOME"]) / ".jupyter" / "jupyter_server_config.json"
    assert config.read_text() == (ROOT / "binder" / "jupyter_server_config.json").read_text()
    out = subprocess.run([str(venv / "bin" / "python"), "-c",
                          "import aimkit, xgboost, voila; print(aimkit.__file__)"],
                         env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str(ROOT / "aimkit" / "__init__.py")


def test_the_binder_environment_has_what_every_notebook_imports(binder_env):
    """nbval runs every notebook in the development environment; Binder's has the same pins,
    so here it suffices that every module a notebook imports loads, and that one notebook runs
    end to end through binder/start."""
    venv, env = binder_env
    used = notebook_imports()
    assert {"aimkit", "pandas", "sklearn", "matplotlib", "ipywidgets"} <= used
    # aimkit's modules, and what they load only when first used (a model, a word cloud, a treemap)
    modules = sorted(used | {f"aimkit.{name}" for name in aimkit._MODULES}
                     | {"xgboost", "wordcloud", "squarify", "voila"})
    imported = subprocess.run(["binder/start", str(venv / "bin" / "python"), "-c",
                               f"import {', '.join(modules)}; print('imported')"],
                              cwd=ROOT, env=env, capture_output=True, text=True)
    assert imported.stdout.strip() == "imported", imported.stderr[-3000:]
    start = ROOT / "notebooks" / "00_start_here.ipynb"
    result = subprocess.run(["binder/start", str(venv / "bin" / "python"), "-c", RUN_NOTEBOOK,
                             str(start)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "ran 00_start_here.ipynb"


def test_jupyter_server_serves_a_voila_render_url(binder_env):
    venv, env = binder_env
    port = free_port()
    server = subprocess.Popen(
        ["binder/start", str(venv / "bin" / "jupyter"), "server", "--no-browser", f"--port={port}",
         "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=", "--ServerApp.password=",
         "--allow-root"],  # Binder runs as a normal user; CI runs as root
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 120
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status", timeout=5)
                break
            except OSError:
                assert time.time() < deadline, "jupyter server did not start"
                time.sleep(0.5)
        lab = urllib.request.urlopen(f"{base}/lab/tree/notebooks/00_start_here.ipynb", timeout=60)
        assert lab.status == 200
        page = urllib.request.urlopen(
            f"{base}/voila/render/notebooks/00_start_here.ipynb", timeout=180).read().decode()
        assert "Start here: AI for personalised marketing" in page
        assert "Traceback" not in page
        assert "import sys" not in page  # Voila strips the code
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
