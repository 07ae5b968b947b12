"""The apps' logic without a browser, and the kernel client that prevents Voila's hang."""

import asyncio
import base64
import json
import re
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
import pytest
import zmq
import zmq.asyncio
from jupyter_client.channels import AsyncZMQSocketChannel
from jupyter_client.session import Session

from aimkit import io
from aimkit.apps import _cards, explorer
from aimkit.apps.kernel_client import RearmingChannel, VoilaKernelClient


# ------------------------------------------------------------------------ kernel client
async def _reply_after_a_shadow_send(channel_class) -> bool:
    """Replay the race behind Voila's first-render hang; True when the pending poll wakes.

    nbclient waits for an execute_reply with ``await shell.poll()``; meanwhile it sends an
    Output widget's state on the same socket through jupyter_client's Session, which writes
    through a blocking shadow socket. If the reply arrives just before that send, the send
    swallows the socket's edge-triggered wake-up.
    """
    context = zmq.asyncio.Context()
    kernel = context.socket(zmq.ROUTER)
    port = kernel.bind_to_random_port("tcp://127.0.0.1")
    shell = context.socket(zmq.DEALER)
    shell.connect(f"tcp://127.0.0.1:{port}")
    channel = channel_class(shell, Session(key=b""))
    try:
        channel.send(channel.session.msg("execute_request", {"code": "1"}))
        ident, *_ = await kernel.recv_multipart()
        waiting = asyncio.ensure_future(shell.poll())  # nbclient waits for the reply
        await asyncio.sleep(0.05)
        zmq.Socket.shadow(kernel.underlying).send_multipart([ident, b"execute_reply"])
        time.sleep(0.2)  # the reply lands in the socket while the event loop is busy
        channel.send(channel.session.msg("comm_msg", {"data": {}}))  # the Output widget sync
        try:
            await asyncio.wait_for(waiting, 1.0)
        except TimeoutError:
            return False
        return True
    finally:
        shell.close(0)
        kernel.close(0)
        context.term()


def replay(channel_class) -> bool:
    """Run the replay on its own event loop in a thread (Playwright may own this thread's)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, _reply_after_a_shadow_send(channel_class)).result()


def test_the_stock_channel_misses_the_reply_that_causes_the_hang():
    assert replay(AsyncZMQSocketChannel) is False


def test_the_rearming_channel_wakes_the_pending_poll():
    assert replay(RearmingChannel) is True


def test_both_serving_modes_select_the_voila_kernel_client():
    from pathlib import Path
    root = Path(__file__).resolve().parents[1]
    name = f"{VoilaKernelClient.__module__}.{VoilaKernelClient.__name__}"
    for path in (root / "voila.json", root / "binder" / "jupyter_server_config.json"):
        config = json.loads(path.read_text())
        assert config["AsyncKernelManager"]["client_class"] == name, path.name
        assert config.get("VoilaConfiguration", {}).get("show_tracebacks") in (None, False)
    voila = json.loads((root / "voila.json").read_text())["VoilaConfiguration"]
    assert voila["show_tracebacks"] is False and voila["strip_sources"] is True


# --------------------------------------------------------------- no Output capturing
@pytest.fixture
def no_output_capture(monkeypatch):
    """Fail when an app writes into an Output widget (the traffic that hangs Voila)."""
    def refuse(self):
        raise AssertionError("an app must not capture into an Output widget")
    monkeypatch.setattr(widgets.Output, "__enter__", refuse)


def data_url(html: str, suffix: str) -> bytes:
    match = re.search(rf'download="[^"]*{re.escape(suffix)}" href="data:[^;]+;base64,([^"]+)"',
                      html)
    assert match, f"no {suffix} download in {html[:200]}"
    return base64.b64decode(match.group(1))


# ---------------------------------------------------------------------- segment explorer
EXPORTS = Path(__file__).parent / "fixtures" / "exports"
BELGIAN = ("Klantnummer;Factuurnr;Datum;Bedrag;Opmerking\n"
           "K1;F1;03/01/2025;1.250,50;=HYPERLINK(1)\n"
           "K1;F2;20/03/2025;80,00;\n"
           "K2;F3;15/02/2025;45,25;\n"
           ";F4;16/02/2025;10,00;kassa\n"
           "K3;F5;01/06/2025;300,00;\n").encode("cp1252")


def test_guess_columns_prefers_known_names():
    assert io.guess_columns(["customer_id", "order_id", "order_date", "amount"],
                            io.TRANSACTIONS) == {f: f for f in explorer.FIELDS}
    guess = io.guess_columns(["Wie", "Bon", "Datum", "Totaal"], io.TRANSACTIONS)
    assert guess == {"customer_id": None, "order_id": "Bon", "order_date": "Datum",
                     "amount": "Totaal"}
    # case, spaces and dashes do not matter; a file column is used once, the likeliest name wins
    assert io.guess_columns(["ORDER-DATE", "Total Price", "Price", "Klant nr", "bon"],
                            io.TRANSACTIONS) == {
        "customer_id": "Klant nr", "order_id": "bon", "order_date": "ORDER-DATE",
        "amount": "Price"}
    assert io.guess_columns(["Datum"], io.TRANSACTIONS, names={"order_date": ["datum"]}) == {
        "customer_id": None, "order_id": None, "order_date": "Datum", "amount": None}


def test_read_transactions_belgian_export_drops_unlinked_lines():
    lines = explorer.read_transactions(BELGIAN, "kassa.csv", io.guess_columns(
        ["Klantnummer", "Factuurnr", "Datum", "Bedrag"], io.TRANSACTIONS))
    assert list(lines.columns) == list(explorer.FIELDS)
    assert len(lines) == 4 and lines.attrs["dropped"] == 1
    assert lines["amount"].tolist() == [1250.5, 80.0, 45.25, 300.0]
    assert lines["order_date"].iloc[1] == pd.Timestamp("2025-03-20")


AMBIGUOUS = ("Klantnummer;Factuurnr;Datum;Bedrag\n"
             "K1;F1;03/01/2025;1.250\n"
             "K1;F2;20/03/2025;2.500\n"
             "K2;F3;15/02/2025;1.125\n").encode("cp1252")


@pytest.mark.parametrize("mark, amounts", [(",", [3750.0, 1125.0]), (".", [3.75, 1.125])])
def test_explorer_asks_the_decimal_mark_when_amounts_read_two_ways(mark, amounts):
    app = explorer.SegmentExplorer()
    app.load_upload(AMBIGUOUS, "kassa.csv")
    assert app.decimal_box.layout.display == "flex" and app.lines is None
    assert "1.250" in app.decimal_text.value and "kassa.csv" in app.decimal_text.value
    assert "1250" in app.decimal_choice[","].description
    assert "1.25" in app.decimal_choice["."].description
    app.toggle.value = "en"  # the question follows the language
    assert "can be read two ways" in app.decimal_text.value
    app.decimal_choice[mark].click()
    assert app.decimal_box.layout.display == "none"
    assert app.rfm["monetary"].round(3).tolist() == amounts


def test_explorer_reads_an_upload_once(monkeypatch):
    reads = []
    read_table = io.read_table
    monkeypatch.setattr(io, "read_table", lambda *a, **k: reads.append(1) or read_table(*a, **k))
    app = explorer.SegmentExplorer()
    app.load_upload(BELGIAN.replace(b"Klantnummer", b"Wie"), "kassa.csv")
    app.mapping["customer_id"].value = "Wie"
    app.use_columns.click()
    assert app.lines is not None and len(reads) == 1


def test_explorer_upload_mapping_step_and_errors(no_output_capture):
    app = explorer.SegmentExplorer()
    app.load_upload(BELGIAN.replace(b"Klantnummer", b"Wie"), "kassa.csv")
    assert app.mapping_box.layout.display == "flex" and app.lines is None
    assert "kolom" in app.mapping_text.value
    # the unsure field is not silently set to the first column, and it is marked
    assert app.mapping["customer_id"].value == ""
    assert "niet zeker" in app.unsure["customer_id"].value
    assert app.mapping["order_id"].value == "Factuurnr" and app.unsure["order_id"].value == ""
    assert app.preview.value.count("<tr>") == 1 + 5  # header + five rows
    assert "=HYPERLINK(1)" in app.preview.value and "Wie" in app.preview.value
    app.use_columns.click()
    assert "Kies een kolom voor: Klant" in app.status.value and app.lines is None
    app.mapping["customer_id"].value = "Wie"
    app.mapping["order_id"].value = "Wie"
    app.use_columns.click()
    assert "andere kolom" in app.status.value and app.lines is None
    app.toggle.value = "en"  # the language changes, the choices stay
    assert app.mapping["order_id"].value == "Wie" and "Which column" in app.mapping_text.value
    app.toggle.value = "nl"
    app.mapping["order_id"].value = "Factuurnr"
    app.use_columns.click()
    assert app.lines is not None and len(app.rfm) == 3
    assert "1 regels zonder klantnummer" in app.data_info.value
    assert "Herkend" not in app.data_info.value  # the user chose the columns
    assert app.mapping_box.layout.display == "none"
    # a broken file: a message that names the user's column, and the loaded data stay
    app.load_upload(BELGIAN.replace(b"80,00", b"tachtig"), "fout.csv")
    assert ("fout.csv, kolom &#x27;Bedrag&#x27;: bevat waarden die geen getallen zijn"
            in app.status.value)  # the app's language, not English
    assert len(app.rfm) == 3
    app.load_upload(b"", "leeg.csv")
    assert "het bestand is leeg" in app.status.value
    app.toggle.value = "en"
    app.load_upload(b"", "empty.csv")
    assert "empty.csv: the file is empty" in app.status.value


@pytest.mark.parametrize(("name", "shown", "customers", "left_out"), [
    ("shopify_orders.csv", "Shopify", 4, "2 bestellingen niet meegeteld: 1 terugbetaald, "
                                         "1 geannuleerd."),
    ("woocommerce_orders.csv", "WooCommerce", 3, "3 bestellingen niet meegeteld: "
                                                 "1 terugbetaald, 1 geannuleerd, 1 mislukt."),
    ("lightspeed_orders.csv", "Lightspeed", 2, "2 bestellingen niet meegeteld"),
    ("excel_list.csv", "Excel-lijst", 3, "1 totaalrij(en) onderaan overgeslagen."),
])
def test_explorer_recognises_webshop_exports(name, shown, customers, left_out):
    app = explorer.SegmentExplorer()
    app.load_upload((EXPORTS / name).read_bytes(), name)
    assert app.mapping_box.layout.display == "none" and len(app.rfm) == customers
    assert f"Herkend als {shown}-export." in app.data_info.value
    assert left_out in app.data_info.value


def test_explorer_segment_cards_in_the_users_language(no_output_capture):
    app = explorer.SegmentExplorer()
    app.load_upload((EXPORTS / "excel_list.csv").read_bytes(), "excel_list.csv")
    cards = app.cards.value
    assert cards.count('class="aimkit-card"') == app.segments.nunique()
    # K002 spent 1.040,00 + 59,95 of 1.484,95 in all: 74,1 % of revenue
    k002 = app.names[app.segments["K002"]]
    card = cards[cards.index(f"<h4>{k002}</h4>"):]
    assert card.startswith(f"<h4>{k002}</h4><p>1 klanten (33,3 % van je klanten) · "
                           "74,1 % van de omzet")
    assert "€ 1.100 in totaal per klant" in card
    app.toggle.value = "en"
    assert "74.1% of revenue" in app.cards.value and "€1,100" in app.cards.value


def test_every_rfm_segment_and_behaviour_group_has_names_and_an_action():
    from aimkit import i18n, rfm

    for name in rfm.SEGMENTS:
        key = _cards.rfm_key(name)
        assert i18n.text(f"seg_{key}", "en") == name and i18n.text(f"act_{key}", "nl")
    assert [i18n.text(f"seg_{_cards.rfm_key(s)}") for s in rfm.SEGMENTS[:2]] == [
        "Kampioenen", "Trouwe klanten"]
    for group in rfm.BEHAVIOUR_GROUPS:
        assert i18n.text(f"group_{_cards.rfm_key(group)}", "en") == group


def test_explorer_methods_k_and_features(no_output_capture):
    app = explorer.SegmentExplorer("en")
    app.load_example("trailfinders")
    assert set(app.segments.cat.categories) >= {"Champions", "Lost"}
    assert "Segment sizes" in app.sizes.value and app.scatter.value[:4] == b"\x89PNG"
    tiles = re.findall(r'class="aimkit-tile".*?background:(#[0-9a-f]{6})', app.treemap.value)
    assert len(tiles) == len(set(tiles)) == app.segments.nunique()  # one colour per segment
    app.toggle.value = "nl"
    assert "Kampioenen" in app.treemap.value and "Kampioenen" in app.cards.value
    assert "Verloren" in app.sizes.value and "Lost" not in app.sizes.value
    app.toggle.value = "en"
    app.method.value = "kmeans"
    assert app.kmeans_box.layout.display == "flex"
    assert app.segments.nunique() == 4
    app.k.value = 6
    assert app.segments.nunique() == 6 and app.sizes.value.count("<tr>") == 1 + 6
    assert app.treemap.value.count('class="aimkit-tile"') == 6
    assert [box.description[:4] for box in app.export_boxes.values()] == [
        f"{s} · " for s in "ABCDEF"]
    assert all(re.fullmatch(r"[A-F] · (Recent|Lapsed) ((one-time|regular) )?(big|small) "
                            r"spenders", name) for name in app.names.values())
    for box in app.features.values():
        box.value = False
    assert "Choose at least one feature" in app.status.value
    app.features["monetary"].value = True
    assert app.segments.nunique() == 6
    assert "Last purchase on average" in app.cards.value


def test_explorer_export_is_pseudonymised_and_formula_safe():
    app = explorer.SegmentExplorer()
    lines = explorer.read_transactions(BELGIAN, "kassa.csv", io.guess_columns(
        ["Klantnummer", "Factuurnr", "Datum", "Bedrag"], io.TRANSACTIONS))
    app.set_lines(lines.assign(customer_id=lines["customer_id"].replace("K3", "=cmd|x")))
    text = app.export()
    assert text.startswith("\ufeffklant;")  # a BOM: Belgian Excel reads the é of "Eén"
    rows = pd.read_csv(pd.io.common.StringIO(text[1:]), dtype=str, sep=";")
    assert list(rows.columns) == ["klant", "segment", "voorgestelde actie",
                                  "dagen sinds laatste aankoop", "aantal bestellingen",
                                  "totaal bedrag (€)"]
    assert len(rows) == 3 and rows["klant"].str.fullmatch(r"P[0-9a-f]{16}").all()
    assert set(rows["segment"]) <= set(app.names.values())
    assert ";1330,5\n" in text and ";45,25\n" in text  # K1: 1.250,50 + 80,00; decimal comma
    first = next(iter(app.export_boxes.values()))
    for box in list(app.export_boxes.values())[1:]:
        box.value = False
    assert len(pd.read_csv(pd.io.common.StringIO(app.export()[1:]), sep=";")) < 3
    first.value = False
    assert app.export() is None and "Kies minstens één segment" in app.status.value
    for box in app.export_boxes.values():
        box.value = True
    app.pseudonymise.value = False
    app.csv_format.value = "international"
    text = app.export()
    assert text.startswith("klant,segment,")
    assert "K1" in text and "'=cmd|x" in text and "echte klantnummers" in app.export_link.value
    assert data_url(app.export_link.value, ".csv").decode() == text


def pseudonyms(text: str) -> dict[str, str]:
    """{e-mail: pseudonym} from an export with the kept e-mail column."""
    rows = pd.read_csv(pd.io.common.StringIO(text.lstrip("\ufeff")), sep=";", dtype=str)
    return dict(zip(rows["Email"], rows["klant"], strict=True))


def test_explorer_export_keeps_contacts_only_when_asked_and_pseudonyms_with_a_key():
    content = (EXPORTS / "shopify_orders.csv").read_bytes()
    app = explorer.SegmentExplorer()
    app.load_upload(content, "shopify_orders.csv")
    assert app.contact_box.layout.display == "flex" and not app.keep_contact.value
    assert app.keep_contact.description == "Neem mijn contactgegevens op (Email, Billing Name)"
    assert "AVG/GDPR" in app.gdpr_note.value
    first = app.export()
    assert "@" not in first and "Peeters" not in first  # off by default
    assert "Nieuwe sleutel gemaakt" in app.key_status.value
    key_file = data_url(app.export_link.value, ".key")
    app.keep_contact.value = True
    assert app.export_link.value == ""  # a changed choice takes the old file away
    kept = pseudonyms(app.export())
    assert sorted(kept) == ["an.peeters@example.be", "bart.claes@example.com",
                            "chloe.dubois@example.be", "dirk.maes@example.be"]
    assert "An Peeters" in app.export()
    # another session (another day of the workshop), the same key: the same pseudonyms
    again = explorer.SegmentExplorer()
    again.load_upload(content, "shopify_orders.csv")
    again.load_key(key_file, "pseudoniemsleutel.key")
    assert "Sleutel geladen uit pseudoniemsleutel.key" in again.key_status.value
    again.keep_contact.value = True
    assert pseudonyms(again.export()) == kept
    assert ".key" not in again.export_link.value  # the owner has this key already
    assert again.key.reveal(list(kept.values()), ids=list(kept)).tolist() == list(kept)
    # without the key: other pseudonyms; a wrong file is refused with a message
    other = explorer.SegmentExplorer()
    other.load_upload(content, "shopify_orders.csv")
    other.keep_contact.value = True
    assert set(pseudonyms(other.export()).values()).isdisjoint(kept.values())
    other.load_key(b'{"format": "something else"}', "notes.json")
    assert "notes.json is geen pseudoniemsleutel" in other.key_status.value


def test_explorer_compares_periods():
    app = explorer.SegmentExplorer("en")
    app.compare_periods()
    assert "First pick an example dataset" in app.status.value
    app.load_example("annapops")
    app.months.value = 12
    app.compare_periods()
    groups = app.comparison["group"].astype(str)
    assert {"New", "Loyal"} <= set(groups)
    assert "Behaviour groups" in app.groups.value and app.transitions.value[:4] == b"\x89PNG"
    assert "priority flag" in app.groups.value and "Segments in the baseline" in app.groups.value
    app.toggle.value = "nl"
    assert "Nieuw" in app.groups.value and "Trouw" in app.groups.value
    assert re.search(r"A · (Recente|Slapende)", app.groups.value)
    (b0, b1), (c0, c1) = app.periods
    assert c1 == app.lines["order_date"].max().normalize()
    assert b1 == c0 - pd.Timedelta(days=1)
    app.months.value = 24
    app.lines = app.lines[app.lines["order_date"] > c0]
    app.compare_periods()
    assert "te kort" in app.status.value


def test_example_datasets_read_cleanly():
    for name in explorer.EXAMPLES:
        content, file = explorer.example_bytes(name)
        lines = explorer.read_transactions(content, file, explorer.SegmentExplorer._example_mapping(
            name))
        assert len(lines) > 100 and lines["customer_id"].notna().all(), name
