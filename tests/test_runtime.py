"""aimkit.runtime: one thread for the libraries loaded before and after the call."""

import os
import subprocess
import sys

import pytest

PROBE = (
    "import numpy\n"  # BLAS loads before the call
    "from aimkit import runtime\n"
    "{call}\n"
    "from sklearn.cluster import KMeans\n"  # OpenMP loads after it
    "from sklearn.utils._openmp_helpers import _openmp_effective_n_threads\n"
    "from threadpoolctl import threadpool_info\n"
    "print(_openmp_effective_n_threads(), max(p['num_threads'] for p in threadpool_info()))\n")


def threads(call: str) -> str:
    """OpenMP threads and the most threads of any pool, in a fresh process without caps."""
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": os.pathsep.join(sys.path)}
    out = subprocess.run([sys.executable, "-c", PROBE.format(call=call)], capture_output=True,
                         text=True, check=True, env=env)
    return out.stdout.strip()


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: every library uses one thread")
def test_one_thread_caps_libraries_loaded_before_and_after():
    assert threads("pass") != "1 1"  # the control: more threads without the call
    assert threads("runtime.one_thread()") == "1 1"
