"""The room settings of both serving modes, and RoomKernelManager's culling of open idle pages.

The browser tests (tests/browser/test_room.py) show the settings at work; these check that
voila.json (standalone voila) and binder/jupyter_server_config.json (the voila/render/ server
extension) agree where they must, and the culling rule no browser test waits for.
"""

import asyncio
import json
from pathlib import Path

import pytest

from aimkit.apps.kernel_manager import CLASS, RoomKernelManager

ROOT = Path(__file__).resolve().parents[1]
VOILA = json.loads((ROOT / "voila.json").read_text())
BINDER = json.loads((ROOT / "binder" / "jupyter_server_config.json").read_text())
MB = 2**20


def test_both_modes_use_the_room_kernel_manager_and_client():
    assert VOILA["VoilaConfiguration"]["multi_kernel_manager_class"] == CLASS
    assert BINDER["ServerApp"]["kernel_manager_class"] == CLASS
    assert VOILA["AsyncKernelManager"] == BINDER["AsyncKernelManager"]


def test_both_modes_have_the_same_timeouts_for_a_loaded_machine():
    assert VOILA["VoilaExecutor"] == BINDER["VoilaExecutor"]
    assert VOILA["VoilaExecutor"]["iopub_timeout"] >= 30  # nbclient's 4 s blanked pages


def test_closed_pages_are_culled_within_five_minutes_in_both_modes():
    for config in (VOILA, BINDER):
        room = config["RoomKernelManager"]
        assert room["cull_idle_timeout"] + room["cull_interval"] <= 300
        assert room["max_kernels"] > 0


def test_the_upload_limit_is_below_the_websocket_limit_of_both_modes():
    """The page refuses a file above the limit; Jupyter would drop it silently above these."""
    limit = VOILA["VoilaConfiguration"]["resources"]["aimkit"]["upload_limit_mb"] * MB
    for websocket in (VOILA["Voila"], BINDER["ServerApp"]):
        # ipywidgets sends the file as one binary buffer plus a little JSON
        assert limit + MB <= websocket["tornado_settings"]["websocket_max_message_size"]


@pytest.mark.slow
@pytest.mark.parametrize("connected_timeout, culled", [(1, True), (0, False)])
def test_an_open_but_idle_page_is_culled_after_its_own_timeout(connected_timeout, culled):
    async def scenario():
        manager = RoomKernelManager(cull_idle_timeout=1, cull_interval=60,
                                    cull_connected_idle_timeout=connected_timeout)
        kernel_id = await manager.start_kernel(kernel_name="python3")
        try:
            manager.notify_connect(kernel_id)  # a page is open on it
            await asyncio.sleep(2)  # idle for longer than both timeouts
            await manager.cull_kernel_if_idle(kernel_id)
            return kernel_id in manager
        finally:
            await manager.shutdown_all()

    assert asyncio.run(scenario()) is not culled


@pytest.mark.slow
def test_the_ceiling_counts_kernels_still_starting():
    """Three visitors at the same moment, ceiling two: one gets 503, even before any is up."""
    from tornado import web

    async def scenario():
        manager = RoomKernelManager(max_kernels=2)
        starts = [manager.start_kernel(kernel_name="python3") for _ in range(3)]
        results = await asyncio.gather(*starts, return_exceptions=True)
        alive = len(manager)
        await manager.shutdown_all()
        return results, alive

    results, alive = asyncio.run(scenario())
    refused = [r for r in results if isinstance(r, web.HTTPError)]
    assert [r.status_code for r in refused] == [503]
    assert alive == 2
