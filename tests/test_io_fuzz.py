"""aimkit.io under fuzzing: thousands of generated files, each read or refused with a DataError.

Every generated file must give a DataFrame or a :class:`aimkit.io.DataError`: never another
exception, never a hang (a per-file time limit), never a change to the input. A property test
writes amounts in every supported style and reads back exactly the same numbers. Hypothesis
runs derandomized (the same examples on every run) and without an example database, so the
suite stays deterministic and leaves no ``.hypothesis`` folder behind.
"""

from __future__ import annotations

import hashlib
import signal
import tempfile
import warnings
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aimkit import io

FUZZ = settings(max_examples=1200, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SECONDS_PER_FILE = 5

TOKENS = ["", " ", '"', '""', ";", ",", "\t", "|", "\r", "\n", "\r\n", "sep=;", "\ufeff", "é",
          "ß", "\u00a0", "\u202f", "\u2212", "1.250", "0,125", "12,50-", "(1,5)", "−3", "1e999",
          "inf", "nan", "NA", "01/02/2021", "2021-02-30", "19970101", "€ 5", "=1+1", "C1",
          "customer_id", "order_id", "order_date", "amount", "1", "-0", "007", "x" * 300]
ENCODINGS = ["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-16-le", "latin-1"]


@contextmanager
def time_limit(seconds: int):
    def stop(signum, frame):
        raise TimeoutError(f"read_table took more than {seconds} s")
    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def read_or_refuse(data: bytes, **kwargs) -> pd.DataFrame | io.DataError:
    """Read ``data`` from a bytearray and from a file; both must agree and stay unchanged."""
    upload = bytearray(data)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.csv"
        path.write_bytes(data)
        before = (hashlib.sha256(upload).digest(), hashlib.sha256(path.read_bytes()).digest())
        results = []
        for source in (upload, path):
            with time_limit(SECONDS_PER_FILE), warnings.catch_warnings():
                warnings.simplefilter("ignore", io.DataWarning)
                try:
                    results.append(io.read_table(source, name="fuzz.csv", **kwargs))
                except io.DataError as error:
                    results.append(error)
        after = (hashlib.sha256(upload).digest(), hashlib.sha256(path.read_bytes()).digest())
    assert after == before, "read_table changed its input"
    first, second = results
    assert type(first) is type(second)
    if isinstance(first, io.DataError):
        assert str(first) == str(second) and str(first).startswith("fuzz.csv")
        assert first.text("nl")
    else:
        pd.testing.assert_frame_equal(first, second)
    return first


@st.composite
def csv_like(draw) -> bytes:
    sep = draw(st.sampled_from([";", ",", "\t", "|"]))
    end = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    width = draw(st.integers(1, 5))
    rows = draw(st.lists(st.lists(st.sampled_from(TOKENS) | st.text(max_size=6),
                                  min_size=width, max_size=width + 1), min_size=1, max_size=6))
    text = end.join(sep.join(row) for row in rows) + draw(st.sampled_from(["", end]))
    data = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    if draw(st.booleans()):  # a damaged byte somewhere
        at = draw(st.integers(0, len(data)))
        data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at:]
    return data


@pytest.mark.slow
@FUZZ
@given(st.one_of(csv_like(), st.binary(max_size=200)),
       st.sampled_from([None, io.TRANSACTIONS]), st.sampled_from([None, ",", "."]))
def test_any_file_is_read_or_refused_with_a_data_error(data, schema, decimal):
    OUTCOMES.append(type(read_or_refuse(data, schema=schema, decimal=decimal)).__name__)


OUTCOMES: list[str] = []


def test_the_fuzzer_makes_both_readable_and_refused_files():
    if not OUTCOMES:
        pytest.skip("runs after the fuzz test")
    counts = {kind: OUTCOMES.count(kind) for kind in ("DataFrame", "DataError")}
    assert min(counts.values()) > 0.03 * len(OUTCOMES), counts  # both kinds, not a trickle


@settings(FUZZ, max_examples=300)
@given(csv_like(), st.dictionaries(st.sampled_from(TOKENS), st.sampled_from(TOKENS), max_size=2))
def test_any_column_mapping_is_applied_or_refused(data, mapping):
    read_or_refuse(data, columns=mapping)


# ------------------------------------------------------- short cells read as bytes or as text

EDGE_CELLS = ["x" * 15, "x" * 16, "x" * 17, "é" * 7 + "x", "é" * 8, "€" * 5, " 12,50 ", '"a;b"',
              '"1\n2"', '"q""z"', "NA", "1.250", "2021-02-01", "2021-02-01 10:00:00", "\u00a0"]


@st.composite
def short_and_long_cells(draw) -> bytes:
    width = draw(st.integers(1, 4))
    cell = st.sampled_from(EDGE_CELLS) | st.sampled_from(TOKENS[:30]) | st.text(max_size=18)
    rows = draw(st.lists(st.lists(cell, min_size=width, max_size=width), min_size=1, max_size=8))
    header = ";".join(f"c{i}" for i in range(width))
    return "\n".join([header] + [";".join(row) for row in rows]).encode("utf-8", "replace")


def read_both_ways(data: bytes):
    """read_table's result with short cells read as bytes where it can, and read as text."""
    results = []
    for growth in (10**9, 0):
        with mock.patch.object(io, "_SHORT_GROWTH", growth), \
                warnings.catch_warnings():
            warnings.simplefilter("ignore", io.DataWarning)
            try:
                results.append(io.read_table(data, name="fuzz.csv"))
            except io.DataError as error:
                results.append(error)
    return results


@settings(FUZZ, max_examples=600)
@given(st.one_of(short_and_long_cells(), csv_like()))
def test_short_cells_read_as_bytes_give_the_same_table_as_text(data):
    as_bytes, as_text = read_both_ways(data)
    assert type(as_bytes) is type(as_text)
    if isinstance(as_text, io.DataError):
        assert str(as_bytes) == str(as_text)
    else:
        pd.testing.assert_frame_equal(as_bytes, as_text)


def test_a_nul_byte_after_the_first_kilobytes_reads_the_same_both_ways():
    # bytes drop a trailing NUL; text keeps it until trimming, which drops it too
    data = b"a;b\n" + b"1;abcdefgh\n" * 2000 + b"2;ab\x00\n3;\x00\n4;x\x00y\n"
    as_bytes, as_text = read_both_ways(data)
    pd.testing.assert_frame_equal(as_bytes, as_text)


def test_cells_at_the_byte_width_are_read_whole():
    cells = ["x" * 15, "x" * 16, "é" * 7 + "x", "é" * 8, "€" * 6]  # 15 and 16+ bytes
    data = ("kort;lang\n" + "\n".join(f"{c};{c}!" for c in cells) + "\n").encode()
    assert io._short_enough(data, 2)
    frame = io.read_table(data)
    assert frame["kort"].tolist() == cells
    assert frame["lang"].tolist() == [c + "!" for c in cells]


# --------------------------------------------------------------------- amounts round trip

GROUPS = {",": [".", " ", "\u00a0", "\u202f", ""], ".": [",", " ", "\u00a0", ""]}
NEGATIVES = ["-{}", "{}-", "({})", "\u2212{}"]
CURRENCY = ["{}", "€ {}", "{} €", "{} EUR"]


def write_amount(cents: int, decimal: str, group: str, negative: str, currency: str) -> str:
    whole, part = divmod(abs(cents), 100)
    digits = f"{whole:,}".replace(",", group)
    text = f"{digits}{decimal}{part:02d}"
    return currency.format(negative.format(text) if cents < 0 else text)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.lists(st.integers(-10**11, 10**11), min_size=1, max_size=8),
       st.sampled_from([",", "."]), st.data())
def test_amounts_in_every_supported_style_read_back_exactly(cents, decimal, data):
    group = data.draw(st.sampled_from(GROUPS[decimal]))
    negative = data.draw(st.sampled_from(NEGATIVES))
    currency = data.draw(st.sampled_from(CURRENCY))
    sep = ";" if decimal == "," else ","
    amounts = [write_amount(c, decimal, group, negative, currency) for c in cents]
    lines = [f'C{i}{sep}{i}{sep}2021-05-01{sep}"{amount}"' for i, amount in enumerate(amounts)]
    data_bytes = (sep.join(["customer_id", "order_id", "order_date", "amount"]) + "\n"
                  + "\n".join(lines) + "\n").encode()
    back = io.read_table(data_bytes, io.TRANSACTIONS)  # 2 decimals: never ambiguous
    np.testing.assert_array_equal(back["amount"].to_numpy(), np.array(cents) / 100)
