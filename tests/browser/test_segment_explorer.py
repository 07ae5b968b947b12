"""The segment explorer in headless Chromium: case data, uploads good and bad, k, export."""

import csv
import io
import re

import pytest
from harness import open_app, page_problems
from playwright.sync_api import expect

from aimkit import datasets
from aimkit.apps import explorer

APP = "apps/segment_explorer.ipynb"
pytestmark = pytest.mark.browser
PSEUDONYM = re.compile(r"^P[0-9a-f]{16}$")


def belgian_export(header: str, customers: int = 60) -> bytes:
    """A till export as Belgian Excel writes it: ';', decimal commas, dd/mm/yyyy, cp1252."""
    lines = [header]
    for c in range(customers):
        for n in range(1 + c % 4):
            day = 1 + (c * 7 + n * 11) % 28
            month = 1 + (c + n * 5) % 12
            amount = f"{(c % 9 + 1) * 12.5 + n:.2f}".replace(".", ",")
            lines.append(f"K{c:04d};B{c:04d}-{n};{day:02d}/{month:02d}/2025;{amount};Café")
    return ("\n".join(lines) + "\n").encode("cp1252")


def upload(page, name, content: bytes):
    """Choose a file in the app's FileUpload (its <input> is not in the page)."""
    with page.expect_file_chooser() as chooser:
        page.click(".aimkit-upload")
    chooser.value.set_files(files=[{"name": name, "mimeType": "text/csv", "buffer": content}])


def pick_example(page, dataset="annapops"):
    """Choose a case dataset; return the summary line the app must show for it."""
    table = explorer.EXAMPLES[dataset][0]
    company = datasets.list_datasets().loc[dataset, "company"]
    page.select_option(".aimkit-example select", label=f"{company} · {table}")
    content, name = explorer.example_bytes(dataset)
    lines = explorer.read_transactions(content, name, explorer.SegmentExplorer._example_mapping(
        dataset))
    return f"{name}: {len(lines):,} regels, {lines['customer_id'].nunique():,} klanten"


@pytest.fixture
def app(voila_server, page):
    open_app(page, voila_server.render_url(APP))
    page.locator(".aimkit-example select").wait_for()
    assert page_problems(page) == []
    yield page
    assert page_problems(page) == []
    assert page.page_errors == []


def test_case_dataset_rfm_segments(app):
    expect(app.get_by_text(pick_example(app))).to_be_visible()
    app.get_by_role("tab", name="2 · Segmenten").click()
    expect(app.get_by_text("Grootte van de segmenten")).to_be_visible()
    expect(app.locator("table.aimkit td", has_text="Champions").first).to_be_visible()
    expect(app.get_by_text("Profiel per segment (gemiddelden)")).to_be_visible()
    expect(app.locator(".aimkit-app img:visible")).to_have_count(1)  # the scatter
    tiles = app.locator(".aimkit-treemap .aimkit-tile")
    expect(tiles.first).to_be_visible()
    assert tiles.count() == app.locator("table.aimkit").first.locator("tr").count() - 1


def test_k_change_updates_the_segments(app):
    expect(app.get_by_text(pick_example(app, "trailfinders"))).to_be_visible()
    app.get_by_role("tab", name="2 · Segmenten").click()
    app.get_by_role("button", name="Clustering (KMeans)").click()
    sizes = app.locator("table.aimkit").first
    expect(sizes.locator("tr")).to_have_count(1 + 4)  # header + k = 4 segments
    app.locator(".aimkit-k .noUi-handle").focus()
    app.keyboard.press("ArrowRight")
    expect(sizes.locator("tr")).to_have_count(1 + 5)
    expect(sizes.locator("td", has_text=re.compile(r"^E$"))).to_have_count(1)
    expect(app.locator(".aimkit-treemap .aimkit-tile")).to_have_count(5)


def test_uploaded_belgian_csv_with_a_mapping_step(app):
    upload(app, "kassa.csv", belgian_export("Wie;Bon;Wanneer;Hoeveel;Winkel"))
    expect(app.get_by_text("Welke kolom is wat?")).to_be_visible()
    for field, column in (("customer_id", "Wie"), ("order_id", "Bon"),
                          ("order_date", "Wanneer"), ("amount", "Hoeveel")):
        app.select_option(f".aimkit-map-{field} select", label=column)
    app.get_by_role("button", name="Gebruik deze kolommen").click()
    expect(app.get_by_text("kassa.csv: 150 regels, 60 klanten, van")).to_be_visible()
    # recognised Dutch column names need no mapping step
    data = belgian_export("Klantnummer;Factuurnr;Datum;Bedrag;Winkel", 30)
    upload(app, "export.csv", data)
    lines = data.count(b"\n") - 1
    expect(app.get_by_text(f"export.csv: {lines} regels, 30 klanten")).to_be_visible()


def test_bad_csv_gives_a_message_and_the_app_keeps_working(app):
    bad = belgian_export("Klantnummer;Factuurnr;Datum;Bedrag;Winkel", 10).replace(
        b"12,50", b"twaalf")
    upload(app, "fout.csv", bad)
    message = app.locator(".aimkit-msg.error")
    expect(message).to_contain_text("Dit bestand kan ik (nog) niet gebruiken")
    expect(message).to_contain_text("fout.csv, kolom 'amount': bevat waarden die geen getallen")
    expect(app.get_by_text(pick_example(app))).to_be_visible()


def test_export_is_pseudonymised(app):
    upload(app, "export.csv", belgian_export("Klantnummer;Factuurnr;Datum;Bedrag;Winkel", 40))
    expect(app.get_by_text("export.csv: 100 regels, 40 klanten")).to_be_visible()
    app.get_by_role("tab", name="4 · Export").click()
    app.get_by_role("button", name="Maak CSV").click()
    with app.expect_download() as info:
        app.click("a[download$='.csv']")
    rows = list(csv.DictReader(io.StringIO(open(info.value.path(), encoding="utf-8").read())))
    assert len(rows) == 40
    assert all(PSEUDONYM.match(row["customer_id"]) for row in rows)
    assert not any(row["customer_id"].startswith("K0") for row in rows)
    assert {"segment", "recency", "frequency", "monetary"} <= set(rows[0])
