"""The data-maturity scan in headless Chromium (Voila as a trainer runs it).

End to end with "don't know", jargon help, a provisional result and the downloaded report;
the minimum of answers; answers that survive a real page reload; a phone screen.
"""

import datetime as dt
import json

import pytest
from harness import open_app, page_problems
from playwright.sync_api import expect

from aimkit import maturity

APP = "apps/data_maturity_scan.ipynb"
PHONE = {"width": 390, "height": 844}
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


def fresh_scan(page, server):
    """Open the scan with nothing kept in the browser from an earlier test."""
    open_app(page, server.render_url(APP))
    page.evaluate("window.localStorage.clear()")
    open_app(page, server.render_url(APP))
    page.get_by_text("Over je bedrijf").wait_for()


def choose(page, group: int, option: int):
    """Tick answer ``option`` (0 = level 1 … 5 = "don't know") of question ``group``."""
    page.locator(".widget-radio-box").nth(group).locator("input").nth(option).check()


def to_step(page, step: int, answered: int):
    page.get_by_role("button", name="Volgende" if step > 1 else "Start de vragen").click()
    page.get_by_text(f"Stap {step} van 8").wait_for()
    page.get_by_text(f"{answered} van 16 vragen beantwoord").wait_for()


def test_scan_end_to_end(voila_server, page):
    fresh_scan(page, voila_server)
    assert page_problems(page) == []
    page.fill(".aimkit-app input[type=text]", "Bakkerij $x$ <Peeters>")
    page.keyboard.press("Tab")
    page.locator(".aimkit-app select").first.select_option(label="Detailhandel en webshops")
    page.locator(".aimkit-app select").nth(1).select_option(label="1 tot 9 medewerkers")
    for step in range(1, 9):
        to_step(page, step, 2 * step - 2)
        groups = page.locator(".widget-radio-box")
        expect(groups.locator("input:checked")).to_have_count(0)  # the new step's questions
        expect(groups.first.get_by_text("Weet ik niet / niet van toepassing")).to_be_visible()
        if step == 5:  # storage: the jargon under a "?" toggle
            help_text = page.get_by_text("Customer Data Platform: software die")
            expect(help_text).to_be_hidden()
            page.get_by_text("(?) Wat betekent: CRM, ERP, single customer view, CDP?").click()
            expect(help_text).to_be_visible()
        choose(page, 0, 5 if step == 7 else 2)  # privacy_register: don't know
        choose(page, 1, 2)
        page.get_by_text(f"{2 * step} van 16 vragen beantwoord").wait_for()
    page.get_by_role("button", name="Toon mijn resultaat").click()

    page.get_by_text("Jouw resultaat").wait_for()
    expect(page.get_by_text("Stadium 3 van 5: Rapporteren · voorlopig")).to_be_visible()
    expect(page.get_by_text("Voorlopig resultaat: 1 van de 16 vragen")).to_be_visible()
    expect(page.get_by_text("Totaalscore 3.0 op 5")).to_be_visible()
    expect(page.locator(".aimkit-app .widget-image")).to_be_visible()  # the radar chart
    cases = page.locator("details.aimkit-case")
    expect(cases).to_have_count(3)
    expect(cases.first).to_contain_text("Anna Pops")  # same sector and size
    case_links = page.locator(".aimkit-app a[href]:not([download])")
    expect(case_links).to_have_count(3)  # each case's notebook on Binder, in Dutch
    assert all("urlpath=lab/tree/notebooks/nl/cases/" in case_links.nth(i).get_attribute("href")
               for i in range(3))
    cases.first.locator("summary").click()
    expect(cases.first.get_by_text("kinderkledingwinkel met webshop")).to_be_visible()
    assert page_problems(page) == []

    report = download(page, "a[download$='.html']").decode("utf-8")
    today = dt.date.today()
    assert f">{today:%d/%m/%Y}</time>" in report
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in report
    assert "Bakkerij $x$ &lt;Peeters&gt;" in report and "<Peeters>" not in report
    assert "Bijlage: je antwoorden" in report and "Weet ik niet / niet van toepassing" in report
    assert ".ipynb" not in report and 'href="#case-annapops"' in report
    saved = json.loads(download(page, "a[download$='.json']"))
    assert len(saved["answers"]) == 15 and saved["unknown"] == ["privacy_register"]
    assert (saved["sector"], saved["size"]) == ("retail", "micro")

    # a broken file gives a friendly message and the scan keeps its result
    upload(page, ".aimkit-load", "kapot.json", b'{"answers": {"quality_checks": 3,}')
    page.get_by_text("Dit bestand kon ik niet laden").wait_for()
    assert "geen geldige JSON (regel 1" in page.inner_text(".aimkit-msg.error")

    # saved answers with two changes load back and are scored: (7 × 3 + 5) / 8 = 3.25
    saved["answers"] |= {"quality_checks": 5, "quality_duplicates": 5, "privacy_register": 3}
    saved["unknown"] = []
    upload(page, ".aimkit-load", "scan.json", json.dumps(saved).encode())
    page.get_by_text("Antwoorden geladen uit scan.json").wait_for()
    expect(page.get_by_text("Totaalscore 3.2 op 5")).to_be_visible()
    expect(page.get_by_text("Stadium 3 van 5: Rapporteren", exact=True)).to_be_visible()

    page.get_by_role("button", name="EN", exact=True).click()
    page.get_by_text("Your result").wait_for()
    expect(page.get_by_text("Stage 3 of 5: Reporting")).to_be_visible()
    page.get_by_role("button", name="Back to the questions").click()
    page.get_by_text("Step 8 of 8").wait_for()
    assert page_problems(page) == []
    assert page.page_errors == []


def test_no_stage_below_the_minimum_of_answers(voila_server, page):
    fresh_scan(page, voila_server)
    for step in range(1, 6):  # one question in five dimensions
        to_step(page, step, step - 1)
        choose(page, 0, 3)
    for step in range(6, 9):
        to_step(page, step, 5)
    page.get_by_role("button", name="Toon mijn resultaat").click()
    page.get_by_text("Nog geen stadium: minstens 6 van de 8 dimensies").wait_for()
    expect(page.get_by_text("Stadium ", exact=False).filter(has_text="van 5")).to_have_count(0)
    note = page.inner_text(".aimkit-msg.info")
    assert "Privacy en juridisch" in note and "Datakwaliteit" not in note
    page.get_by_role("button", name="Terug naar de vragen").click()
    choose(page, 0, 3)  # the sixth dimension
    page.get_by_role("button", name="Toon mijn resultaat").click()
    expect(page.get_by_text("Stadium 4 van 5: Voorspellen · voorlopig")).to_be_visible()
    assert page_problems(page) == []


def test_answers_survive_a_page_reload(voila_server, page):
    fresh_scan(page, voila_server)
    page.locator(".aimkit-app select").first.select_option(label="Toerisme, vrije tijd en horeca")
    to_step(page, 1, 0)
    choose(page, 0, 1)
    choose(page, 1, 5)
    to_step(page, 2, 2)
    choose(page, 0, 4)
    page.get_by_text("3 van 16 vragen beantwoord").wait_for()
    page.wait_for_function("() => (localStorage.getItem('start2aim-maturity-scan') || '')"
                           ".includes('culture_mindset')")

    page.reload()
    open_app(page, page.url)
    page.get_by_text("Je antwoorden van daarnet zijn teruggezet (3 vragen).").wait_for()
    page.get_by_text("Stap 2 van 8").wait_for()  # the first step with an open question
    expect(page.locator(".widget-radio-box").first.locator("input").nth(4)).to_be_checked()
    page.get_by_role("button", name="Vorige").click()
    page.get_by_text("Stap 1 van 8").wait_for()
    groups = page.locator(".widget-radio-box")
    expect(groups.nth(0).locator("input").nth(1)).to_be_checked()
    expect(groups.nth(1).locator("input").nth(5)).to_be_checked()  # don't know
    page.get_by_role("button", name="Vorige").click()
    expect(page.locator(".aimkit-app select").first).to_have_value(
        page.locator(".aimkit-app select option", has_text="Toerisme").get_attribute("value"))

    page.get_by_role("button", name="Begin opnieuw").click()
    page.wait_for_function("() => localStorage.getItem('start2aim-maturity-scan') === null")
    page.reload()
    open_app(page, page.url)
    page.get_by_text("0 van 16 vragen beantwoord").wait_for()
    assert page_problems(page) == []


def overflow(page, selector) -> list[str]:
    """Elements whose content is wider than their box (clipped labels)."""
    return page.eval_on_selector_all(
        selector, "els => els.filter(e => e.offsetParent && e.scrollWidth > e.clientWidth + 1)"
                  ".map(e => e.outerHTML.slice(0, 120))")


def test_phone_screen_clips_nothing(voila_server, page):
    page.set_viewport_size(PHONE)
    fresh_scan(page, voila_server)
    to_step(page, 1, 0)
    for step in range(1, 9):
        if step > 1:
            to_step(page, step, 2 * step - 2)
        choose(page, 0, 2)
        choose(page, 1, 3)
        assert overflow(page, ".aimkit-app button, .aimkit-app .widget-radio-box label") == []
        boxes = page.eval_on_selector_all(
            ".widget-radio-box label", "els => els.map(e => e.getBoundingClientRect().right)")
        assert max(boxes) <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    load = page.locator(".aimkit-load")
    label = load.evaluate("e => getComputedStyle(e, '::after').content")
    assert label == '"Laad antwoorden (JSON)"'
    assert load.evaluate("e => getComputedStyle(e).fontSize") == "0px"  # no "(0)" shown
    page.get_by_role("button", name="Toon mijn resultaat").click()
    page.get_by_text("Jouw resultaat").wait_for()
    page.locator("details.aimkit-case summary").first.click()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # tables fit or sit in a box that scrolls sideways
    tables = page.eval_on_selector_all(".aimkit-app table", """els => els.map(t => {
        const box = t.closest('.aimkit-scroll');
        return t.getBoundingClientRect().right <= window.innerWidth
               || (box && getComputedStyle(box).overflowX === 'auto'); })""")
    assert tables and all(tables)
    assert overflow(page, ".aimkit-app button") == []
    # the chart's smallest letters, as shown: points → pixels → scaled to the screen
    chart = page.locator(".aimkit-app .widget-image")
    shown, natural = chart.evaluate("i => [i.clientWidth, i.naturalWidth]")
    smallest = maturity.CHART["fontsize"] * maturity.CHART["dpi"] / 72 * shown / natural
    assert shown <= PHONE["width"] and smallest >= 10, (shown, natural, smallest)
    assert page_problems(page) == []
