"""The trainer's view in headless Chromium: three participants' scans and one bad file."""

import pytest
from harness import open_app, page_problems
from playwright.sync_api import expect

from aimkit import maturity

APP = "apps/room_overview.ipynb"
pytestmark = pytest.mark.browser


def scan(level: int, company: str, **profile) -> bytes:
    model = maturity.load_model()
    return maturity.dumps(maturity.assess({q.id: level for q in model.questions},
                                          company=company, **profile)).encode()


def test_room_of_three_scans_and_a_bad_file(voila_server, page):
    open_app(page, voila_server.render_url(APP))
    assert page_problems(page) == []
    page.get_by_text("Laad eerst de antwoordbestanden van de deelnemers.").wait_for()
    files = [("zorro.json", scan(2, "Zorro's $hop", sector="retail", size="micro")),
             ("quintus.json", scan(2, "Quintus BV")),
             ("xyla.json", scan(4, "Xyla NV", sector="services", size="large")),
             ("kapot.json", b'{"answers": {"quality_checks": 3,}')]
    with page.expect_file_chooser() as chooser:
        page.click(".aimkit-load")
    chooser.value.set_files(files=[{"name": name, "mimeType": "application/json",
                                    "buffer": content} for name, content in files])

    page.get_by_text("Scans in de groep: 3.").wait_for()
    skipped = page.locator(".aimkit-msg.error")
    expect(skipped).to_contain_text("1 bestand(en) overgeslagen")
    expect(skipped).to_contain_text("kapot.json is geen geldige JSON (regel 1")
    expect(page.locator(".aimkit-dot")).to_have_count(3 * 8)
    expect(page.locator(".aimkit-median")).to_have_count(8)
    expect(page.get_by_text("(n = 3)")).to_have_count(8)
    stages = page.locator("table.aimkit").first
    expect(stages.locator("tr", has_text="Verzamelen")).to_contain_text("2")
    expect(stages.locator("tr", has_text="Voorspellen")).to_contain_text("1")
    cases = page.locator("table.aimkit").nth(1)
    # Anna Pops is among the three closest cases of both level-2 scans (the top one for the
    # micro retailer), Kinnarps of one of them (the closest by scores alone)
    expect(cases.locator("tr").nth(1)).to_have_text("Anna PopsKinderkledingwinkel en webshop"
                                                    "Verzamelen2")
    expect(cases.locator("tr", has_text="Kinnarps")).to_contain_text("1")
    body = page.inner_text("body")
    assert not any(name in body for name in ("Zorro", "Quintus", "Xyla"))
    assert page_problems(page) == []

    page.get_by_role("button", name="EN", exact=True).click()
    page.get_by_role("heading", name="Spread per dimension").wait_for()
    expect(page.get_by_text("Scans in the room: 3.")).to_be_visible()
    expect(page.get_by_text("kapot.json is not valid JSON")).to_be_visible()
    assert page.page_errors == []
