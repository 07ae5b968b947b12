"""Benchmark ``aimkit.io.read_table`` against ``pandas.read_csv`` told the dialect by hand.

Writes a Belgian Excel export of 1 million order lines (``;`` separator, cp1252, CRLF line
ends, dd/mm/yyyy dates, decimal commas with ``.`` thousands groups, ~38 MB) in a temporary
folder, then times, in the same run (best of three):

- ``read_csv``: :func:`pandas.read_csv` given the separator, decimal, thousands, encoding and
  date format by hand (what an expert writes after looking at the file);
- ``read_table``: :func:`aimkit.io.read_table` with the ``TRANSACTIONS`` schema, which
  sniffs all of that and checks every value.

It prints both times, their ratio, the peak memory each allocates (tracemalloc, separate
untimed calls) and the ratio of ``read_table``'s peak to the size of the frame it returns.
Targets: time within 2x of ``read_csv``, peak within 2x of the frame. Both frames are checked
to hold the same values. Run: ``python benchmarks/io.py [lines]``.
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

from aimkit import io

HEADER = "Klantnummer;Bestelnummer;Datum;Bedrag\r\n"
COLUMNS = {"Klantnummer": "customer_id", "Bestelnummer": "order_id", "Datum": "order_date",
           "Bedrag": "amount"}


def belgian_export(n: int, seed: int = 0) -> bytes:
    """``n`` order lines as Excel writes them on a Belgian PC (3 % refunds, some >= 1.000)."""
    rng = np.random.default_rng(seed)
    customer = pd.Series(rng.integers(0, n // 20, size=n)).astype(str).str.zfill(7)
    order = np.sort(rng.integers(1_000_000, 1_000_000 + n // 2, size=n))
    day = pd.Timestamp("2022-01-01") + pd.to_timedelta(np.sort(rng.integers(0, 730, n)), "D")
    cents = np.round(rng.gamma(1.2, 9000.0, size=n)).astype(np.int64)
    cents[rng.random(n) < 0.03] *= -1
    euros = pd.Series(np.abs(cents) // 100)
    grouped = euros.map("{:,}".format).str.replace(",", ".")
    amount = (np.where(cents < 0, "-", "") + grouped + ","
              + pd.Series(np.abs(cents) % 100).astype(str).str.zfill(2))
    lines = ("C" + customer + ";" + pd.Series(order).astype(str) + ";"
             + pd.Series(day.strftime("%d/%m/%Y")) + ";" + amount)
    return (HEADER + "\r\n".join(lines) + "\r\n").encode("cp1252")


def hand_tuned(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, sep=";", decimal=",", thousands=".", encoding="cp1252",
                        dtype={"Klantnummer": "str", "Bestelnummer": "str"})
    frame["Datum"] = pd.to_datetime(frame["Datum"], format="%d/%m/%Y")
    return frame.rename(columns=COLUMNS)


def aimkit_read(path: Path) -> pd.DataFrame:
    return io.read_table(path, io.TRANSACTIONS, columns=COLUMNS)


def best_of(function, path: Path, repeat: int = 3) -> tuple[float, pd.DataFrame]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(path)
        times.append(time.perf_counter() - start)
    return min(times), result


def peak(function, path: Path) -> int:
    tracemalloc.start()
    function(path)
    _, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return top


def main(n: int = 1_000_000) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.csv"
        path.write_bytes(belgian_export(n))
        size = path.stat().st_size
        print(f"{n:,} lines, {size / 1e6:.1f} MB: {HEADER.strip()}")
        base_time, base = best_of(hand_tuned, path)
        our_time, ours = best_of(aimkit_read, path)
        pd.testing.assert_frame_equal(ours.astype({"order_id": "str"}),
                                      base.astype({"order_date": ours["order_date"].dtype}),
                                      check_dtype=False)
        base_peak, our_peak = peak(hand_tuned, path), peak(aimkit_read, path)
    frame_bytes = int(ours.memory_usage(deep=True).sum())
    mib = 2**20
    print(f"read_csv (by hand) {base_time:6.2f} s  peak {base_peak / mib:6.0f} MiB")
    print(f"read_table         {our_time:6.2f} s  peak {our_peak / mib:6.0f} MiB")
    print(f"time ratio read_table / read_csv: {our_time / base_time:.2f}x (target <= 2x)")
    print(f"peak / frame ({frame_bytes / mib:.0f} MiB): {our_peak / frame_bytes:.2f}x "
          f"(target <= 2x; read_csv {base_peak / frame_bytes:.2f}x)")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:]))
