"""A room on one server: simultaneous first visits, culling, the ceiling, a dead kernel, uploads.

Each test starts its own server with settings shortened for the test on the command line
(culling after seconds instead of minutes, a ceiling of two kernels, a 1 MB upload limit);
everything else comes from voila.json / binder/jupyter_server_config.json as shipped.
"""

import time

import psutil
import pytest
from harness import launch_browser, open_app, page_problems, serve, wait_rendered
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCAN = "apps/data_maturity_scan.ipynb"
EXPLORER = "apps/segment_explorer.ipynb"
ROOM = 6
FAST_CULL = ("--RoomKernelManager.cull_idle_timeout=4", "--RoomKernelManager.cull_interval=2")


def kernels(server) -> list[psutil.Process]:
    """The server's kernel processes."""
    found = []
    for process in psutil.Process(server.process.pid).children(recursive=True):
        try:
            if "ipykernel_launcher" in " ".join(process.cmdline()):
                found.append(process)
        except psutil.Error:  # it just ended
            pass
    return found


def wait_until(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"{what} within {timeout} s"
        time.sleep(0.5)


@pytest.mark.parametrize("mode", ["voila", "server"])
def test_a_room_of_first_visits_all_render(chromium_path, tmp_path, mode):
    """ROOM people open the apps at the same moment: every page shows its app."""
    with serve(mode, tmp_path / "server.log") as server, launch_browser() as context:
        pages = [context.new_page() for _ in range(ROOM)]
        urls = [server.render_url(SCAN if i % 2 else EXPLORER) for i in range(ROOM)]
        for page, url in zip(pages, urls, strict=True):
            page.goto(url, wait_until="commit")
        for page in pages:
            wait_rendered(page)
            expect(page.locator(".aimkit-app h2")).to_be_visible()
            assert page_problems(page) == []
        assert len(kernels(server)) == ROOM


def test_the_waiting_page_shows_progress_in_dutch_and_english(chromium_path, tmp_path):
    with serve("voila", tmp_path / "voila.log") as server, launch_browser() as context:
        page = context.new_page()
        page.goto(server.render_url(EXPLORER), wait_until="commit")
        waiting = page.locator("#loading_text")
        expect(waiting.locator("[lang=nl]")).to_contain_text("De app start")
        expect(waiting.locator("[lang=en]")).to_contain_text("The app is starting")
        wait_rendered(page)


@pytest.mark.parametrize("mode", ["voila", "server"])
@pytest.mark.parametrize("unload", [True, False], ids=["tab closed", "browser gone"])
def test_kernels_of_closed_pages_are_shut_down(chromium_path, tmp_path, mode, unload):
    """A closed tab's kernel goes at once (Voila's page tells the server as it unloads); when
    the page cannot tell (a crashed browser, a phone that drops the tab), the culler takes it."""
    cull = () if unload else FAST_CULL
    with serve(mode, tmp_path / "server.log", *cull) as server, launch_browser() as context:
        page = context.new_page()
        open_app(page, server.render_url(SCAN))
        assert len(kernels(server)) == 1
        page.close(run_before_unload=unload)
        wait_until(lambda: not kernels(server), 30, "the closed page's kernel is shut down")


def test_a_kernel_without_a_page_is_culled(chromium_path, tmp_path):
    """A plain HTTP request (a link preview, a script) starts a kernel that no page uses."""
    import urllib.request

    with serve("voila", tmp_path / "voila.log", *FAST_CULL) as server:
        urllib.request.urlopen(server.render_url(SCAN), timeout=120).read()
        assert len(kernels(server)) == 1
        wait_until(lambda: not kernels(server), 30, "the kernel without a page is culled")
        assert "Culling" in server.log.read_text()


@pytest.mark.parametrize("mode", ["voila", "server"])
def test_above_the_ceiling_a_too_busy_page_in_dutch_and_english(chromium_path, tmp_path, mode):
    with serve(mode, tmp_path / "server.log", "--RoomKernelManager.max_kernels=2") as server, \
            launch_browser() as context:
        for _ in range(2):
            open_app(context.new_page(), server.render_url(SCAN))
        page = context.new_page()
        response = page.goto(server.render_url(EXPLORER))
        assert response.status == 503
        expect(page.get_by_role("heading", name="Even geduld: de server is vol")).to_be_visible()
        expect(page.locator(".aimkit-countdown").first).not_to_have_text("60")  # counts down
        page.get_by_role("button", name="EN", exact=True).click()
        expect(page.get_by_role("heading", name="Please wait: the server is full")).to_be_visible()
        assert len(kernels(server)) == 2


@pytest.mark.parametrize("mode", ["voila", "server"])
def test_a_killed_kernel_is_reported_with_a_reload(chromium_path, tmp_path, mode):
    with serve(mode, tmp_path / "server.log") as server, launch_browser() as context:
        page = context.new_page()
        open_app(page, server.render_url(SCAN))
        page.get_by_role("button", name="EN", exact=True).click()  # the app's language
        (kernel,) = kernels(server)
        kernel.kill()
        notice = page.locator(".aimkit-room-notice[data-kind=ended]")
        expect(notice).to_contain_text("This session has stopped", timeout=15_000)
        with page.expect_navigation():
            page.get_by_role("button", name="Reload page").click()
        wait_rendered(page)
        expect(notice).to_have_count(0)


def test_an_open_page_left_idle_is_stopped_and_says_so(chromium_path, tmp_path):
    """The culler takes an open page's kernel after cull_connected_idle_timeout of no use."""
    idle = ("--RoomKernelManager.cull_connected_idle_timeout=4", *FAST_CULL)
    with serve("voila", tmp_path / "voila.log", *idle) as server, launch_browser() as context:
        page = context.new_page()
        open_app(page, server.render_url(SCAN))
        notice = page.locator(".aimkit-room-notice[data-kind=ended]")
        expect(notice).to_contain_text("Deze sessie is gestopt", timeout=60_000)
        expect(notice.get_by_role("button", name="Pagina herladen")).to_be_visible()
        assert not kernels(server)


def upload(page, folder, size: int) -> None:
    """Choose a CSV ``orders.csv`` of ``size`` bytes in the segment explorer's upload button."""
    data = b"customer_id,order_id,order_date,amount\n"
    data += b"C1,O1,2024-01-02,10.00\n" * ((size - len(data)) // 23 + 1)
    path = folder / "orders.csv"
    path.write_bytes(data[:size])
    with page.expect_file_chooser() as chooser:
        page.click("button.widget-upload.aimkit-upload")
    chooser.value.set_files(path)


@pytest.mark.parametrize("mode", ["voila", "server"])
def test_a_file_over_the_upload_limit_gets_a_message_at_once(chromium_path, tmp_path, mode):
    """The shipped limit (voila.json, 50 MB) holds in both modes, below both websocket limits."""
    with serve(mode, tmp_path / "server.log") as server, launch_browser() as context:
        page = context.new_page()
        open_app(page, server.render_url(EXPLORER))
        upload(page, tmp_path, 55 * 2**20)
        notice = page.locator(".aimkit-room-notice[data-kind=upload]")
        expect(notice).to_contain_text("orders.csv is 55 MB: te groot", timeout=5_000)
        expect(notice).to_contain_text("tot 50 MB")
        page.get_by_role("button", name="Sluiten").click()
        expect(notice).to_have_count(0)
        upload(page, tmp_path, 50_000)  # under the limit: the app gets the file
        expect(page.get_by_text("orders.csv", exact=False).first).to_be_visible()
        expect(notice).to_have_count(0)
