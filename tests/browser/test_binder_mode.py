"""The apps render through the voila/render/ server extension configured as on Binder."""

import pytest
from harness import open_app, page_problems
from playwright.sync_api import expect

APPS = {"apps/data_maturity_scan.ipynb": "Datamaturiteitsscan",
        "apps/segment_explorer.ipynb": "Segmentverkenner"}


@pytest.mark.browser
@pytest.mark.parametrize("notebook", APPS)
def test_app_renders_in_the_server_extension(binder_server, page, notebook):
    url = binder_server.render_url(notebook)
    assert "/voila/render/notebooks/apps/" in url  # the URL the README's Binder badges open
    open_app(page, url)
    expect(page.locator(".aimkit-app h2")).to_have_text(APPS[notebook])
    assert page_problems(page) == []
    assert page.page_errors == []
