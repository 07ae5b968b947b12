"""The course site (``python -m tools.site``): every course notebook has a page, links work,
pages fit a phone, figures are embedded.

The whole site is built once without executing the notebooks (CI builds the executed site
after the tests, in ``.ci/run``); a tiny notebook is executed to see its figure on its page.
"""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import pytest
from notebook_files import NOTEBOOKS, course_notebooks

from tools import site


class Page(HTMLParser):
    """The links, element ids, meta tags and scripts of one HTML page."""

    def __init__(self, path: Path):
        super().__init__()
        self.links, self.ids, self.metas, self.scripts = [], set(), [], []
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.ids.update(v for k, v in attrs.items() if k in ("id", "name") and v)
        if tag == "meta":
            self.metas.append(attrs)
        if tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])
        self.links += [attrs[k] for k in ("href", "src") if attrs.get(k)]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    site.build(out, run=False)
    return out, {p: Page(p) for p in out.rglob("*.html")}


@pytest.mark.slow
def test_every_course_notebook_has_a_page_linked_from_the_course_map(built):
    out, pages = built
    english = {p.relative_to(NOTEBOOKS).with_suffix(".html") for p in course_notebooks()}
    expected = {out / p for p in english} | {out / "nl" / p for p in english}
    assert expected <= set(pages)
    index_links = {out / link for link in pages[out / "index.html"].links}
    assert expected <= index_links


@pytest.mark.slow
def test_every_internal_link_resolves_and_no_page_loads_from_the_internet(built):
    out, pages = built
    broken = []
    for path, page in pages.items():
        assert not page.scripts, f"{path.name} loads {page.scripts}"
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or (not parts.path and not parts.fragment):
                continue
            target = (path.parent / parts.path).resolve() if parts.path else path
            if not target.is_file() or (parts.fragment and parts.fragment not in pages.get(
                    target, Page(target)).ids):
                broken.append(f"{path.relative_to(out)} -> {link}")
    assert not broken
    assert not any(link.endswith(".ipynb") and not urlsplit(link).scheme
                   for page in pages.values() for link in page.links)


@pytest.mark.slow
def test_every_page_fits_a_phone(built):
    _, pages = built
    for path, page in pages.items():
        viewports = [m for m in page.metas if m.get("name") == "viewport"]
        assert viewports and "width=device-width" in viewports[0]["content"], path.name
        text = path.read_text(encoding="utf-8")
        assert "img, svg, video { max-width: 100%" in text and "overflow-x: auto" in text


def test_an_executed_page_embeds_its_figure_and_rewrites_its_links(tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Tiny\n\n[next](02_next.ipynb#Setup), "
                                      "[data](../datasets/README.md), "
                                      "[scan](apps/data_maturity_scan.ipynb)"),
        nbformat.v4.new_code_cell("import matplotlib.pyplot as plt\nplt.plot([1, 2], [3, 4])\n"
                                  "plt.show()\nprint(6 * 7)"),
    ])
    nbformat.write(nb, folder / "01_tiny.ipynb")
    page = site.render(folder / "01_tiny.ipynb", tmp_path / "out", run=True)
    text = page.read_text(encoding="utf-8")
    assert page == tmp_path / "out" / "01_tiny.html"
    assert re.search(r'<img[^>]+src="data:image/png;base64,', text)
    assert "42" in text
    binder, github = site.repository()
    assert 'href="02_next.html#Setup"' in text
    assert f'href="{github}/datasets/README.md"' in text
    assert (f'href="{binder}?urlpath=voila/render/notebooks/apps/data_maturity_scan.ipynb"'
            in text)


def test_links_keep_web_addresses_and_anchors():
    source = Path("cases/14_x.ipynb")
    assert site.site_link("https://example.org/a.ipynb", source) == "https://example.org/a.ipynb"
    assert site.site_link("#Setup", source) == "#Setup"
    assert site.site_link("../01_ai_and_marketing.ipynb", source) == "../01_ai_and_marketing.html"


def test_the_tools_examples_run():
    import doctest

    from tools import pages
    for module in (site, pages):
        assert doctest.testmod(module).failed == 0, module.__name__
