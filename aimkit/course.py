"""The course map: every notebook in order, with the AIM and CRISP-DM phases it covers.

Each notebook has an English original and a Dutch edition (``notebooks/nl/``, written by
``tools/dutch.py``); the map links both, and :func:`binder_url` opens either on Binder.

The phase notebooks (00–08) and the trainers' notebook (99) are listed here; the case notebooks
(10–18) come from the cases' registrations in :mod:`aimkit.datasets`, so a new case appears on
the map by its generator module alone. The README's course-map table is rendered from this
module; ``tests/test_course.py`` checks that it is up to date. Rewrite it with::

    python -m aimkit.course

Examples
--------
>>> table = course_map()
>>> table.splitlines()[0]
'| Notebook | In Dutch | AIM phase | CRISP-DM phase | Minutes |'
>>> "[10 Kinnarps: B2B customer clustering]" in table
True

Used in: README.md (the course map), notebooks/99_for_trainers.ipynb (the workshop agendas),
the data-maturity scan (its links to the cases), tests/test_course.py
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from aimkit import datasets

REPOSITORY = "start2aim/start2aim"
"""The course's repository on GitHub, as Binder names it."""
RELEASE = "v2026.12"
"""The release the README's Binder badges point at (``tests/test_course.py`` keeps them equal)."""


@dataclass(frozen=True)
class Notebook:
    """One row of the course map.

    Examples
    --------
    >>> Notebook("00_start_here.ipynb", "Start here", "overview", "overview", 15).number
    '00'
    """

    path: str
    """Relative to ``notebooks/``."""
    title: str
    aim_phase: str
    crisp_dm: str
    minutes: int

    @property
    def number(self) -> str:
        """The two-digit number the file name starts with."""
        return Path(self.path).name[:2]


PHASE_NOTEBOOKS = (
    Notebook("00_start_here.ipynb", "Start here", "overview", "overview", 15),
    Notebook("01_ai_and_marketing.ipynb", "AI and marketing", "overview",
             "business understanding", 45),
    Notebook("02_aim1_marketing_objectives.ipynb", "Marketing objectives",
             "1 marketing objectives", "business understanding", 40),
    Notebook("03_aim2_personalisation_opportunities.ipynb", "Personalisation opportunities",
             "2 personalisation opportunities", "business understanding", 40),
    Notebook("04_aim3_data_maturity_and_quality.ipynb", "Data maturity and quality",
             "3 data maturity", "data understanding, data preparation", 60),
    Notebook("05_aim4_analysis_toolbox.ipynb", "The analysis toolbox", "4 analysis tools",
             "modeling", 60),
    Notebook("06_aim5_implement_pilot_ab_test.ipynb", "Pilot and A/B test",
             "5 implement a case", "evaluation, deployment", 45),
    Notebook("07_aim6_evaluate_and_adjust.ipynb", "Evaluate and adjust",
             "6 evaluate and adjust", "evaluation", 40),
    Notebook("08_legal_and_responsible_ai.ipynb", "Legal and responsible AI",
             "3 and 5 (GDPR, AI Act)", "business understanding, deployment", 50),
    Notebook("99_for_trainers.ipynb", "For trainers", "all", "all", 20),
)
"""The notebooks that are not a case: the six AIM phases around them, the start and the
trainers' notes."""

HEADING = "## Course map"
"""The README section that holds the table."""


def notebooks() -> list[Notebook]:
    """Return every notebook of the course in order: phases, cases (from the registry), trainers.

    Examples
    --------
    >>> [n.number for n in notebooks()][8:11]
    ['08', '10', '11']
    """
    cases = [Notebook(c.notebook, f"{c.company}: {c.title}", c.aim_phase, c.crisp_dm, c.minutes)
             for c in datasets.cases().values()]
    return sorted([*PHASE_NOTEBOOKS, *cases], key=lambda n: Path(n.path).name)


def course_map() -> str:
    """Return the course map as a Markdown table, one row per notebook, linked from the README.

    Examples
    --------
    >>> course_map().splitlines()[2].split(" | ")[1]
    '[00 in het Nederlands](notebooks/nl/00_start_here.ipynb)'
    """
    rows = ["| Notebook | In Dutch | AIM phase | CRISP-DM phase | Minutes |",
            "|---|---|---|---|---|"]
    rows += [f"| [{n.number} {n.title}](notebooks/{n.path}) "
             f"| [{n.number} in het Nederlands](notebooks/nl/{n.path}) | {n.aim_phase} "
             f"| {n.crisp_dm} | {n.minutes} |" for n in notebooks()]
    return "\n".join(rows)


def binder_url(notebook: str, lang: str = "en") -> str:
    """The address that opens ``notebook`` in JupyterLab on Binder, in Dutch for ``lang="nl"``.

    Parameters
    ----------
    notebook : str
        Relative to ``notebooks/`` (as :class:`Notebook` and the cases name it).
    lang : {"en", "nl"}
        The edition: the English original or the Dutch one (``notebooks/nl/``).

    Examples
    --------
    >>> binder_url("cases/14_annapops_rfmt_behaviour.ipynb", "nl").split("?")[1]
    'urlpath=lab/tree/notebooks/nl/cases/14_annapops_rfmt_behaviour.ipynb'
    """
    edition = "notebooks/nl/" if lang == "nl" else "notebooks/"
    return (f"https://mybinder.org/v2/gh/{REPOSITORY}/{RELEASE}"
            f"?urlpath=lab/tree/{edition}{notebook}")


def _table_span(text: str) -> tuple[int, int]:
    """Where the table under :data:`HEADING` starts and ends in a README's text."""
    match = re.search(rf"^{re.escape(HEADING)}\n\n((?:\|.*\n)+)", text, re.M)
    if match is None:
        raise ValueError(f"the README has no table under {HEADING!r}")
    return match.span(1)


def readme_course_map(readme: str | Path) -> str:
    """Return the course-map table as it stands in a README (without the final newline).

    Examples
    --------
    >>> readme_course_map(Path(__file__).resolve().parents[1] / "README.md") == course_map()
    True
    """
    text = Path(readme).read_text(encoding="utf-8")
    start, end = _table_span(text)
    return text[start:end].rstrip("\n")


def write_course_map(readme: str | Path) -> bool:
    """Replace the README's course-map table by :func:`course_map`; return whether it changed."""
    path = Path(readme)
    text = path.read_text(encoding="utf-8")
    start, end = _table_span(text)
    updated = text[:start] + course_map() + "\n" + text[end:]
    path.write_text(updated, encoding="utf-8")
    return updated != text


if __name__ == "__main__":  # python -m aimkit.course
    README = Path(__file__).resolve().parents[1] / "README.md"
    print(f"{README}: course map {'rewritten' if write_course_map(README) else 'up to date'}")
