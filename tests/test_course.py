"""aimkit.course: the README's course map is the one the registry renders."""

import re
from pathlib import Path

import pytest

from aimkit import course, datasets

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"


def test_readme_course_map_is_rendered_from_the_registry():
    assert course.readme_course_map(ROOT / "README.md") == course.course_map(), (
        "README.md's course map differs from the one rendered from the notebooks and the cases' "
        "registrations; regenerate it with `python -m aimkit.course`")


def test_every_notebook_of_the_course_is_on_the_map_once():
    on_map = [n.path for n in course.notebooks()]
    shipped = sorted(str(p.relative_to(NOTEBOOKS)) for p in NOTEBOOKS.rglob("[0-9]*.ipynb")
                     if ".ipynb_checkpoints" not in p.parts
                     and p.relative_to(NOTEBOOKS).parts[0] != "nl")
    assert sorted(on_map) == shipped
    assert len(set(on_map)) == len(on_map)


def test_cases_sit_between_the_phases_and_the_trainers_notes():
    numbers = [n.number for n in course.notebooks()]
    assert numbers == sorted(numbers) and numbers[-1] == "99"
    case_rows = [n for n in course.notebooks() if n.path.startswith("cases/")]
    assert [n.path for n in case_rows] == [c.notebook for c in datasets.cases().values()]


def test_write_course_map_replaces_only_the_table(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# Title\n\n## Course map\n\n| old |\n|---|\n\n## Next\ntext\n")
    assert course.write_course_map(readme)
    text = readme.read_text()
    assert text.startswith("# Title\n\n## Course map\n\n| Notebook |")
    assert text.endswith("| 20 |\n\n## Next\ntext\n")
    assert not course.write_course_map(readme)  # a second run changes nothing


def test_binder_links_name_the_release_of_the_readme_badges():
    badges = re.findall(r"https://mybinder\.org/v2/gh/([^/\s]+/[^/\s]+)/([^?\s)]+)\?",
                        (ROOT / "README.md").read_text(encoding="utf-8"))
    assert badges and set(badges) == {(course.REPOSITORY, course.RELEASE)}


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_notebook_binder_opens_exists_in_both_editions(lang):
    for notebook in course.notebooks():
        path = course.binder_url(notebook.path, lang).split("urlpath=lab/tree/")[1]
        assert (ROOT / path).is_file(), path
