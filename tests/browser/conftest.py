"""Fixtures for the browser tests: Voila servers on free local ports and headless Chromium.

Without ``/usr/bin/chromium`` the browser tests are skipped locally and FAIL in CI (``CI`` is
set there and CI installs Chromium, so a missing one is a real failure).
"""

from __future__ import annotations

import os

import pytest
from harness import CHROMIUM, RENDER_TIMEOUT, chromium_available, launch_browser, serve
from playwright.sync_api import expect

# Assertions wait as long as a render may take on two loaded cores.
expect.set_options(timeout=RENDER_TIMEOUT)


@pytest.fixture(scope="session")
def chromium_path():
    """Debian's Chromium; skip locally without it, fail in CI."""
    if not chromium_available():
        message = f"{CHROMIUM} is missing: apt-get install -y chromium"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests: {message}")
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def voila_server(chromium_path, tmp_path_factory):
    """Standalone Voila serving ``notebooks/`` (from the repository root, with voila.json)."""
    with serve("voila", tmp_path_factory.mktemp("voila") / "voila.log") as server:
        yield server


@pytest.fixture(scope="session")
def binder_server(chromium_path, tmp_path_factory):
    """``jupyter server`` with the Voila extension, configured as on Binder."""
    with serve("server", tmp_path_factory.mktemp("server") / "server.log") as server:
        yield server


@pytest.fixture(scope="module")
def browser_context(chromium_path):
    """One Chromium per test module (starting it costs seconds on a loaded machine); closed
    after the module, so no Playwright driver (and its event loop) outlives the browser tests."""
    with launch_browser() as context:
        yield context


@pytest.fixture
def page(browser_context):
    """A fresh tab with a generous timeout; uncaught page errors are collected."""
    tab = browser_context.new_page()
    tab.set_default_timeout(RENDER_TIMEOUT)
    errors = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.page_errors = errors
    yield tab
    tab.close()
