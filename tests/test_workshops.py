"""Workshops that do not depend on luck: pinned Binder badges, the trainers' index of demo paths.

The README's Binder badges all name one release tag (never ``HEAD`` or a branch, whose image
Binder rebuilds after every push); docs/workshops.md pre-warms exactly those URLs and links
what exists. notebooks/99_for_trainers.ipynb reads each case notebook's ``demo-10/20/40`` and
``aha`` tags (its index code is run here on small notebooks made for the test) and has the
trainer's text for every case; the tags nest as ISSUE 16 asks.
"""

import re
import urllib.parse
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from aimkit import course, datasets

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
README = ROOT / "README.md"
WORKSHOPS = ROOT / "docs" / "workshops.md"
TRAINERS = NOTEBOOKS / "99_for_trainers.ipynb"
BINDER = re.compile(r"https://mybinder\.org/v2/gh/([^/\s]+)/([^/\s]+)/([^?\s)`]+)\?urlpath=[^\s)`]+")
RELEASE_TAG = re.compile(r"^v\d{4}\.\d{2}$")
CASES = list(datasets.cases())


def binder_urls(text: str) -> list[re.Match]:
    return list(BINDER.finditer(text))


def test_readme_binder_badges_point_at_one_release_tag():
    badges = binder_urls(README.read_text(encoding="utf-8"))
    assert len(badges) >= 3, "the README lost its Binder badges"
    refs = {m.group(3) for m in badges}
    assert len(refs) == 1, f"the badges point at different refs: {sorted(refs)}"
    ref = refs.pop()
    assert RELEASE_TAG.match(ref), (
        f"the badges point at {ref!r}: point them at a release tag vYYYY.MM (docs/workshops.md), "
        "not HEAD or a branch, so Binder builds the image once")


def test_workshops_doc_pre_warms_exactly_the_readme_badges():
    readme = {m.group(0) for m in binder_urls(README.read_text(encoding="utf-8"))}
    doc = {m.group(0) for m in binder_urls(WORKSHOPS.read_text(encoding="utf-8"))}
    assert doc == readme


def test_release_commands_name_the_readme_tag():
    ref = binder_urls(README.read_text(encoding="utf-8"))[0].group(3)
    text = WORKSHOPS.read_text(encoding="utf-8")
    assert f"**`{ref}`**" in text, "docs/workshops.md names another tag than the badges"
    assert f"--ref {ref} " in text, "the JupyterHub image is built from another tag"
    assert f"git checkout {ref}" in text, "plan B checks out another tag"


def test_nbgitpuller_link_pulls_this_repository_and_opens_a_notebook():
    owner, name, _ = binder_urls(README.read_text(encoding="utf-8"))[0].groups()
    links = re.findall(r"https://\S+/hub/user-redirect/git-pull\?\S+",
                       WORKSHOPS.read_text(encoding="utf-8"))
    assert len(links) == 1
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(links[0]).query)
    assert query["repo"] == [f"https://github.com/{owner}/{name}"]
    assert query["branch"] == ["release"]  # the branch the release commands move to each tag
    folder, _, path = query["urlpath"][0].removeprefix("lab/tree/").partition("/")
    assert folder == name, "nbgitpuller clones into a folder named after the repository"
    assert (ROOT / path).is_file(), f"the link opens {path}, which does not exist"


def github_slug(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
    return {github_slug(h) for h in re.findall(r"^#+ (.+)$", text, re.M)}


def broken_links(path: Path) -> list[str]:
    """Relative links in a Markdown file whose file or heading does not exist."""
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", path.read_text(encoding="utf-8")):
        if re.match(r"^[a-z]+:", target):
            continue
        file, _, anchor = target.partition("#")
        resolved = (path.parent / file).resolve() if file else path
        if not resolved.exists() or (anchor and resolved.suffix == ".md"
                                     and anchor not in anchors(resolved)):
            broken.append(target)
    return broken


def test_workshop_links_resolve():
    broken = broken_links(WORKSHOPS) + broken_links(README)
    pending = "../README.md#running-a-workshop"
    if broken == [pending] and "running-a-workshop" not in anchors(README):
        pytest.skip("README's 'Running a workshop' section arrives with the apps' room work")
    assert broken == []


def test_readme_points_trainers_at_the_guide_and_the_workshop_page():
    text = README.read_text(encoding="utf-8")
    section = text.split("## Teaching with this course", 1)[1].split("\n## ", 1)[0]
    assert "(notebooks/99_for_trainers.ipynb)" in section
    assert "(docs/workshops.md)" in section


def test_every_header_time_is_the_course_maps():
    for notebook in course.notebooks():
        header = nbformat.read(NOTEBOOKS / notebook.path, as_version=4).cells[0].source
        minutes = re.search(r"\*\*Time\*\* \| (\d+) minutes", header).group(1)
        assert int(minutes) == notebook.minutes, f"{notebook.path}: header {minutes} minutes, " \
                                                 f"course map {notebook.minutes}"


# --- the trainers' index (99) --------------------------------------------------------------

TRAINERS_NB = nbformat.read(TRAINERS, as_version=4)


@pytest.fixture(scope="module")
def index():
    """The names the index cell of 99 defines, run after its Setup cell as the notebook does."""
    cells = {cell.get("id"): cell.source for cell in TRAINERS_NB.cells}
    names: dict = {}
    exec(cells["nb99-002"], names)  # Setup
    exec(cells["nb99-index"], names)
    return names


def tags_of(*tags):
    return {"tags": list(tags)}


def small_notebook(tmp_path, tagged: bool) -> Path:
    demo = ("demo-10", "demo-20", "demo-40") if tagged else ()
    nb = new_notebook(cells=[
        new_markdown_cell("# 42 · A case"),
        new_markdown_cell("## Setup"),
        new_code_cell("import pandas as pd", metadata=tags_of(*demo)),
        new_markdown_cell("## Modeling\n\nWhy the clusters", metadata=tags_of(*demo[1:])),
        new_code_cell("\n# four clusters by value\nmodel = 4",
                      metadata=tags_of(*demo, *(["aha"] if tagged else []))),
        new_code_cell("detail = 1", metadata=tags_of(*demo[2:])),
        new_markdown_cell("## Deployment"),
        new_code_cell("untagged = 1"),
    ])
    path = tmp_path / "42_case.ipynb"
    nbformat.write(nb, path)
    return path


def test_index_lists_the_tagged_cells_with_their_section_and_paths(index, tmp_path):
    path = index["demo_path"](small_notebook(tmp_path, tagged=True))
    assert path.index.tolist() == [3, 4, 5, 6]
    assert path["section"].tolist() == ["Setup", "Modeling", "Modeling", "Modeling"]
    assert path["shows"].tolist() == ["import pandas as pd", "Modeling",
                                      "# four clusters by value", "detail = 1"]
    assert index["path_sizes"](path) == {"10 min": 2, "20 min": 3, "40 min": 4, "aha": 1}
    assert path.loc[5, "aha"] == "aha"


def test_index_of_an_untagged_notebook_is_empty(index, tmp_path):
    path = index["demo_path"](small_notebook(tmp_path, tagged=False))
    assert path.empty
    assert index["path_sizes"](path) == {"10 min": 0, "20 min": 0, "40 min": 0, "aha": 0}


@pytest.mark.parametrize("name", CASES)
def test_numbers_to_expect_come_from_the_fidelity_targets(index, name):
    table = index["fidelity_targets"](datasets.case(name).notebook).splitlines()
    assert table[0] == "| Target | Tolerance | Checked in |"
    assert len(table) >= 4, "fewer than two targets for this case in docs/fidelity.md"


@pytest.mark.parametrize("name", CASES)
def test_every_case_has_its_trainers_section(name):
    number = Path(datasets.case(name).notebook).name[:2]
    cells = TRAINERS_NB.cells
    at = [i for i, c in enumerate(cells) if c.cell_type == "markdown"
          and c.source.startswith(f"### {number} ")]
    assert len(at) == 1, f"99 has {len(at)} sections for notebook {number}"
    text = cells[at[0]].source
    for part in ("**The path in words.**", "*10 minutes*", "*20*", "*40*",
                 "**Aim for this moment.**", "**If time runs short.**"):
        assert part in text, f"section {number} lacks {part}"
    questions = text.split("**Two questions for the room.**", 1)[1].split("\n\n", 1)[0]
    assert re.findall(r"^\d\. ", questions, re.M) == ["1. ", "2. "]
    assert cells[at[0] + 1].source == f'show_case("{name}")'
