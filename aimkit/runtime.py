"""How the course's numeric libraries use the machine: one thread each.

NumPy, SciPy, scikit-learn (KMeans) and XGBoost start a thread per core. On the course's
machines (Binder, a classroom server, a workshop laptop) several notebooks or app users share
two cores, and threads that wait for each other made one KMeans fit on a few thousand
customers about ten times slower (~3 s instead of ~0.05 s at 10,000 customers). On data of
this size one thread is as fast as many on an idle machine, so the course uses one.

Examples
--------
>>> from aimkit import runtime
>>> runtime.one_thread()
>>> import os; os.environ["OMP_NUM_THREADS"]
'1'

Used in: the Setup cell of every notebook that fits a model (see CONTRIBUTING.md): every case
notebook, notebooks/01_ai_and_marketing.ipynb, notebooks/05_aim4_analysis_toolbox.ipynb,
notebooks/07_aim6_evaluate_and_adjust.ipynb and notebooks/08_legal_and_responsible_ai.ipynb;
and the segment explorer app (:class:`aimkit.apps.explorer.SegmentExplorer`).
"""

from __future__ import annotations

import os

from threadpoolctl import threadpool_limits

THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
"""The environment variables that OpenMP and the BLAS libraries read when they load."""


def one_thread() -> None:
    """Run NumPy, SciPy, scikit-learn and XGBoost on one thread from now on, in this process.

    Two steps, because a library reads its thread count when it loads: the environment
    variables :data:`THREAD_VARIABLES` cover the libraries that load later (scikit-learn's
    OpenMP loads with its first model), ``threadpoolctl`` the ones already loaded. Call it
    once, in a notebook's Setup cell (before or after the imports: both work).

    Examples
    --------
    >>> one_thread()
    >>> from threadpoolctl import threadpool_info
    >>> {pool["num_threads"] for pool in threadpool_info()}
    {1}
    """
    for name in THREAD_VARIABLES:
        os.environ[name] = "1"
    threadpool_limits(1)
