"""The data-maturity scan walked end to end in headless Chromium (Voila as a trainer runs it)."""

import json

import pytest
from harness import open_app, page_problems
from playwright.sync_api import expect

APP = "apps/data_maturity_scan.ipynb"
pytestmark = pytest.mark.browser


def upload(page, selector, name, content: bytes):
    """Choose a file in an ipywidgets FileUpload (its <input> is not in the page)."""
    with page.expect_file_chooser() as chooser:
        page.click(selector)
    chooser.value.set_files(files=[{"name": name, "mimeType": "application/octet-stream",
                                    "buffer": content}])


def download(page, selector) -> bytes:
    with page.expect_download() as info:
        page.click(selector)
    return open(info.value.path(), "rb").read()


def test_scan_end_to_end(voila_server, page, tmp_path):
    open_app(page, voila_server.render_url(APP))
    assert page_problems(page) == []
    page.get_by_text("Stap 1 van 8").wait_for()
    page.fill(".aimkit-app input[type=text]", "Bakkerij <Peeters>")
    for step in range(8):
        page.get_by_text(f"Stap {step + 1} van 8").wait_for()
        page.get_by_text(f"{2 * step} van 16 vragen beantwoord").wait_for()
        groups = page.locator(".widget-radio-box")
        expect(groups.locator("input:checked")).to_have_count(0)  # the new step's questions
        for g in range(groups.count()):
            groups.nth(g).locator("input").nth(2).check()  # level 3 everywhere
        page.get_by_text(f"{2 * step + 2} van 16 vragen beantwoord").wait_for()
        page.get_by_role("button", name="Toon mijn resultaat" if step == 7 else "Volgende").click()

    page.get_by_text("Jouw resultaat").wait_for()
    expect(page.get_by_text("Stadium 3 van 5: Rapporteren")).to_be_visible()
    expect(page.get_by_text("Totaalscore 3.0 op 5")).to_be_visible()
    expect(page.locator(".aimkit-app img").first).to_be_visible()  # the radar chart
    expect(page.get_by_text("Je drie volgende stappen")).to_be_visible()
    expect(page.locator("a[href^='../cases/']")).to_have_count(3)  # companies like you
    assert page_problems(page) == []

    report = download(page, "a[download$='.html']").decode("utf-8")
    assert report.startswith("<!DOCTYPE html>") and "Rapporteren" in report
    assert "Bakkerij &lt;Peeters&gt;" in report and "<Peeters>" not in report
    saved = download(page, "a[download$='.json']")
    answers = json.loads(saved)["answers"]
    assert len(answers) == 16 and set(answers.values()) == {3}

    # a broken file gives a friendly message and the scan keeps its result
    upload(page, ".aimkit-load", "kapot.json", b'{"answers": {"quality_checks": 3,}')
    page.get_by_text("Dit bestand kon ik niet laden").wait_for()
    assert "geen geldige JSON (regel 1" in page.inner_text(".aimkit-msg.error")
    assert page_problems(page) == []

    # saved answers with two changes load back and are scored: (7 × 3 + 5) / 8 = 3.25
    answers.update(quality_checks=5, quality_duplicates=5)
    upload(page, ".aimkit-load", "scan.json", json.dumps({"answers": answers}).encode())
    page.get_by_text("Antwoorden geladen uit scan.json").wait_for()
    expect(page.get_by_text("Totaalscore 3.2 op 5")).to_be_visible()

    page.get_by_role("button", name="EN", exact=True).click()
    page.get_by_text("Your result").wait_for()
    expect(page.get_by_text("Stage 3 of 5: Reporting")).to_be_visible()
    expect(page.get_by_text("Companies like you")).to_be_visible()
    page.get_by_role("button", name="Back to the questions").click()
    page.get_by_text("Step 8 of 8").wait_for()
    assert page_problems(page) == []
    assert page.page_errors == []
