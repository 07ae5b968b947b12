"""The repository keeps its promises: CI runs the README's test command, pins are exact."""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def readme_commands():
    """The commands of the README's "Two commands" section (set up and open; test)."""
    section = (ROOT / "README.md").read_text().split("## Two commands", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)```", section, re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def test_readme_has_exactly_two_commands():
    commands = readme_commands()
    assert len(commands) == 2
    assert "jupyter lab notebooks/00_start_here.ipynb" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command_unchanged():
    ci = (ROOT / ".ci" / "run").read_text()
    assert readme_commands()[1] in ci.splitlines()


def test_requirements_are_pinned_exactly():
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in (ROOT / name).read_text().splitlines():
            line = line.strip()
            if line and not line.startswith(("#", "-r")):
                assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.]+", line), f"{name}: {line}"


def test_binder_uses_the_same_pins():
    binder = (ROOT / "binder" / "requirements.txt").read_text().split()
    assert binder == ["-r", "../requirements.txt"]


def test_readme_course_map_links_exist_and_cover_every_notebook():
    readme = (ROOT / "README.md").read_text()
    links = set(re.findall(r"\]\((notebooks/[^)]+\.ipynb)\)", readme))
    for link in links:
        assert (ROOT / link).is_file(), f"README links a missing notebook: {link}"
    shipped = {str(p.relative_to(ROOT)) for p in (ROOT / "notebooks").rglob("*.ipynb")
               if ".ipynb_checkpoints" not in p.parts
               and p.relative_to(ROOT).parts[1] != "nl"}
    assert shipped <= links, f"not in the README: {sorted(shipped - links)}"


def test_start_notebook_links_exist():
    start = ROOT / "notebooks" / "00_start_here.ipynb"
    text = "".join("".join(c["source"]) for c in json.loads(start.read_text())["cells"])
    for link in re.findall(r"\]\(([^)]+\.ipynb)\)", text):
        assert (start.parent / link).is_file(), f"00_start_here links a missing notebook: {link}"
