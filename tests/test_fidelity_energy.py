"""Energy supplier: the generator scales towards the e-book's 400,000 customers.

Notebook 17 asserts the churn, acceptance and policy targets of docs/fidelity.md on the shipped
(smaller) data; this test checks what the notebook does not run: a larger scale of the generator.
"""

import numpy as np
import pytest

from aimkit import datasets
from aimkit.datasets import energy


@pytest.mark.slow
def test_generator_scales_linearly_towards_400000_customers():
    assert energy.N_CUSTOMERS * 160 == 400_000  # the scale benchmarks/energy.py runs
    tables = energy.generate(scale=8)
    assert len(tables["erp_customers"]) == 20_000
    lines_per_customer = len(tables["erp_invoices"]) / 20_000
    assert lines_per_customer > 15  # 400,000 customers give millions of order lines
    assert np.isclose(lines_per_customer,
                      len(datasets.load("energy")["erp_invoices"]) / energy.N_CUSTOMERS, rtol=0.05)
