"""The segment explorer in headless Chromium: case data, webshop exports, uploads good and bad,
k, cards, periods, export, and a phone's screen (390 x 844)."""

import csv
import io
import re
from pathlib import Path

import pytest
from harness import open_app, page_problems
from playwright.sync_api import expect

from aimkit import datasets, i18n, rfm
from aimkit import io as io_module
from aimkit.apps import _cards, explorer

EXPORTS = Path(__file__).parents[1] / "fixtures" / "exports"
PHONE = {"width": 390, "height": 844}

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


def upload(page, name, content: bytes, button=".aimkit-upload"):
    """Choose a file in the app's FileUpload (its <input> is not in the page)."""
    with page.expect_file_chooser() as chooser:
        page.click(button)
    chooser.value.set_files(files=[{"name": name, "mimeType": "text/csv", "buffer": content}])


def pick_example(page, dataset="annapops"):
    """Choose a case dataset; return the summary line the app must show for it."""
    table = explorer.EXAMPLES[dataset][0]
    company = datasets.list_datasets().loc[dataset, "company"]
    page.select_option(".aimkit-example select", label=f"{company} · {table}")
    content, name = explorer.example_bytes(dataset)
    lines = explorer.read_transactions(content, name, explorer.SegmentExplorer._example_mapping(
        dataset))
    return (f"{name}: {i18n.number(len(lines))} regels, "
            f"{i18n.number(lines['customer_id'].nunique())} klanten")


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
    expect(app.locator("table.aimkit td", has_text="Kampioenen").first).to_be_visible()
    expect(app.get_by_text("Wat betekent elk segment?")).to_be_visible()
    card = app.locator(".aimkit-card", has=app.locator("h4", has_text="Kampioenen"))
    expect(card).to_contain_text(re.compile(r"klanten \(\d+,\d % van je klanten\) · "
                                            r"\d+,\d % van de omzet"))
    expect(card).to_contain_text("Voorstel:")
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
    expect(sizes.locator("td", has_text=re.compile(r"^E · "))).to_have_count(1)
    expect(app.locator(".aimkit-treemap .aimkit-tile")).to_have_count(5)


def test_uploaded_belgian_csv_with_a_mapping_step(app):
    upload(app, "kassa.csv", belgian_export("Wie;Bon;Wanneer;Hoeveel;Winkel"))
    expect(app.get_by_text("Welke kolom is wat?")).to_be_visible()
    expect(app.get_by_text("De eerste vijf rijen van kassa.csv")).to_be_visible()
    expect(app.locator(".aimkit-scroll table.aimkit tr")).to_have_count(1 + 5)
    expect(app.locator(".aimkit-unsure")).to_have_count(3)  # only "Bon" is a known name
    app.get_by_role("button", name="Gebruik deze kolommen").click()
    expect(app.locator(".aimkit-msg.error")).to_contain_text("Kies een kolom voor: Klant")
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
    expect(message).to_contain_text("fout.csv, kolom 'Bedrag': bevat waarden die geen getallen")
    expect(app.get_by_text(pick_example(app))).to_be_visible()


def test_a_large_till_export_and_a_wrong_amount_deep_in_it(app):
    data = belgian_export("Klantnummer;Factuurnr;Datum;Bedrag;Winkel", 16_000).replace(
        b";Caf\xe9", b";Caf\xe9 Gent-Centrum")  # 40,000 lines
    assert io_module._short_enough(data, 5)  # read the fast way, as short bytes
    upload(app, "groot.csv", data)
    expect(app.get_by_text("groot.csv: 40.000 regels, 16.000 klanten")).to_be_visible()
    lines = data.split(b"\n")
    fields = lines[31_000].split(b";")
    lines[31_000] = b";".join(fields[:3] + [b"twaalf"] + fields[4:])  # spreadsheet row 31001
    upload(app, "fout.csv", b"\n".join(lines))
    expect(app.locator(".aimkit-msg.error")).to_contain_text("kolom 'Bedrag'")
    expect(app.locator(".aimkit-msg.error")).to_contain_text("(rij 31001)")


def download_rows(page, delimiter=";"):
    """Make the CSV on the export tab, download it and return its header and rows."""
    page.get_by_role("button", name="Maak CSV").click()
    with page.expect_download() as info:
        page.click("a[download$='.csv']")
    text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    return rows[0], rows[1:]


def test_export_for_a_mailing_tool(app):
    upload(app, "export.csv", belgian_export("Klantnummer;Factuurnr;Datum;Bedrag;Winkel", 40))
    expect(app.get_by_text("export.csv: 100 regels, 40 klanten")).to_be_visible()
    app.get_by_role("tab", name="4 · Export").click()
    header, rows = download_rows(app)
    assert header == ["klant", "segment", "voorgestelde actie", "dagen sinds laatste aankoop",
                      "aantal bestellingen", "totaal bedrag (€)"]
    assert len(rows) == 40
    assert all(PSEUDONYM.match(row[0]) for row in rows)
    dutch = {i18n.text(f"seg_{_cards.rfm_key(s)}") for s in rfm.SEGMENTS}
    assert {row[1] for row in rows} <= dutch and "Kampioenen" in dutch
    assert any("," in row[5] for row in rows)  # a decimal comma for Belgian Excel
    # one segment fewer, without Ctrl-click: untick its box
    boxes = app.locator(".aimkit-export-segments input[type=checkbox]")
    first = app.locator(".aimkit-export-segments label").first.inner_text()
    boxes.first.uncheck()
    expect(app.locator("a[download$='.csv']")).to_have_count(0)  # the old file is gone
    _, fewer = download_rows(app)
    assert 0 < len(fewer) < 40 and first not in {row[1] for row in fewer}


@pytest.mark.parametrize(("name", "shown", "customers", "left_out"), [
    ("shopify_orders.csv", "Shopify", 4, "2 bestellingen niet meegeteld: 1 terugbetaald, "
                                         "1 geannuleerd."),
    ("woocommerce_orders.csv", "WooCommerce", 3, "3 bestellingen niet meegeteld: "
                                                 "1 terugbetaald, 1 geannuleerd, 1 mislukt."),
    ("lightspeed_orders.csv", "Lightspeed", 2, "2 bestellingen niet meegeteld: "
                                               "1 terugbetaald, 1 geannuleerd."),
    ("excel_list.csv", "Excel-lijst", 3, "1 totaalrij(en) onderaan overgeslagen."),
])
def test_webshop_exports_are_recognised(app, name, shown, customers, left_out):
    upload(app, name, (EXPORTS / name).read_bytes())
    info = app.locator(".aimkit-msg.ok")
    expect(info).to_contain_text(f"Herkend als {shown}-export. {name}: ")
    expect(info).to_contain_text(f"{customers} klanten")
    expect(info).to_contain_text(left_out)
    expect(app.get_by_text("Welke kolom is wat?")).to_be_hidden()


def test_woocommerce_totals_are_counted_once(app):
    upload(app, "woocommerce_orders.csv", (EXPORTS / "woocommerce_orders.csv").read_bytes())
    expect(app.get_by_text("Herkend als WooCommerce-export.")).to_be_visible()
    app.get_by_role("tab", name="4 · Export").click()
    app.get_by_role("checkbox", name="Pseudonimiseer klantnummers").uncheck()
    _, rows = download_rows(app)
    # by hand from the fixture: 64,50 + 15,95; 35,00 + 89,90; 27,45 (repeated totals once)
    assert {row[0]: row[5] for row in rows} == {
        "els.wouters@example.be": "80,45", "jan.de.smet@example.com": "124,9",
        "lotte.jacobs@example.be": "27,45"}


def test_the_same_key_gives_the_same_pseudonyms(app, voila_server):
    content = (EXPORTS / "shopify_orders.csv").read_bytes()

    def export_with_contacts():
        upload(app, "shopify_orders.csv", content)
        expect(app.get_by_text("Herkend als Shopify-export.")).to_be_visible()
        app.get_by_role("tab", name="4 · Export").click()
        expect(app.get_by_text("AVG/GDPR")).to_be_visible()
        box = app.get_by_role("checkbox", name="Neem mijn contactgegevens op (Email, Billing Name)")
        expect(box).not_to_be_checked()  # off until the owner chooses
        box.check()
        header, rows = download_rows(app)
        assert header[-2:] == ["Email", "Billing Name"]
        return {row[-2]: row[0] for row in rows}

    first = export_with_contacts()
    assert all(PSEUDONYM.match(p) for p in first.values()) and len(first) == 4
    expect(app.get_by_text("Nieuwe sleutel gemaakt")).to_be_visible()
    with app.expect_download() as info:
        app.click("a[download$='.key']")
    key = Path(info.value.path()).read_bytes()
    open_app(app, voila_server.render_url(APP))  # another session: a new kernel, no key
    app.get_by_role("tab", name="4 · Export").click()
    upload(app, "pseudoniemsleutel.key", key, button=".aimkit-key-upload")
    expect(app.get_by_text("Sleutel geladen uit pseudoniemsleutel.key")).to_be_visible()
    app.get_by_role("tab", name="1 · Data").click()
    assert export_with_contacts() == first
    expect(app.locator("a[download$='.key']")).to_have_count(0)


def test_periods_explain_the_names_flag_and_arrows(app):
    expect(app.get_by_text(pick_example(app))).to_be_visible()
    app.get_by_role("tab", name="3 · Periodes").click()
    app.get_by_role("button", name="Vergelijk").click()
    expect(app.get_by_text("Gedragsgroepen")).to_be_visible()
    expect(app.get_by_text(re.compile(r"Segmenten in de basisperiode .*: A · "))).to_be_visible()
    expect(app.get_by_text(re.compile("prioriteitsvlag"))).to_be_visible()
    expect(app.locator("table.aimkit td", has_text=re.compile("^Nieuw$"))).to_be_visible()


OUTSIDE = """() => {
  const width = document.documentElement.clientWidth, found = [];
  for (const el of document.querySelectorAll('.aimkit-app *')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || box.right <= width + 1) continue;
    let up = el.parentElement, scrolls = false;
    while (up && !scrolls) {
      const style = getComputedStyle(up);
      scrolls = ['auto', 'scroll'].includes(style.overflowX) && up.scrollWidth > up.clientWidth;
      up = up.parentElement;
    }
    if (!scrolls) found.push(`${el.tagName}.${el.className} ends at ${Math.round(box.right)}`);
  }
  return found;
}"""
CLIPPED = """() => [...document.querySelectorAll(
    '.lm-TabBar-tabLabel, .aimkit-app button, .aimkit-app .widget-label')]
  .filter(el => el.offsetParent && el.scrollWidth > el.clientWidth + 1)
  .map(el => el.innerText)"""
SHRUNK = """() => [...document.querySelectorAll('.aimkit-app img')]
  .filter(img => img.offsetParent && img.naturalWidth > 0)
  .map(img => img.clientWidth / img.naturalWidth)"""


def test_a_phone_sees_everything_whole(voila_server, page):
    page.set_viewport_size(PHONE)
    open_app(page, voila_server.render_url(APP))
    upload_button = page.locator("button.aimkit-upload")
    expect(upload_button).to_have_text("Laad CSV")
    expect(page.locator("button.aimkit-key-upload")).to_have_text("Laad mijn sleutel")
    assert not [t for t in page.locator("button.widget-upload").all_inner_texts() if "(" in t]
    upload(page, "shopify_orders.csv", (EXPORTS / "shopify_orders.csv").read_bytes())
    expect(page.get_by_text("Herkend als Shopify-export.")).to_be_visible()
    assert "(0)" not in upload_button.inner_text() and "(1)" not in upload_button.inner_text()
    upload(page, "kassa.csv", belgian_export("Wie;Bon;Wanneer;Hoeveel;Winkel"))
    expect(page.get_by_text("De eerste vijf rijen van kassa.csv")).to_be_visible()
    assert page.evaluate(OUTSIDE) == [] and page.evaluate(CLIPPED) == []  # the mapping step
    expect(page.get_by_text(pick_example(page))).to_be_visible()  # years: periods can compare
    for tab in ("1 · Data", "2 · Segmenten", "3 · Periodes", "4 · Export"):
        page.get_by_role("tab", name=tab).click()
        if tab == "2 · Segmenten":
            page.get_by_role("button", name="Clustering (KMeans)").click()
            expect(page.locator(".aimkit-card")).to_have_count(4)
            expect(page.locator(".aimkit-app img:visible")).to_have_count(1)
        if tab == "3 · Periodes":
            page.get_by_role("button", name="Vergelijk").click()
            expect(page.get_by_text("Gedragsgroepen")).to_be_visible()
            expect(page.locator(".aimkit-app img:visible")).to_have_count(1)
        page.wait_for_timeout(500)
        assert page.evaluate(OUTSIDE) == [], tab
        assert page.evaluate(CLIPPED) == [], tab
        assert all(ratio >= 0.99 for ratio in page.evaluate(SHRUNK)), tab  # 10 pt stays 10 px
    assert page_problems(page) == [] and page.page_errors == []
