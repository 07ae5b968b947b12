"""Every app text exists in Dutch and English, and every key the apps use is defined."""

import re
from pathlib import Path

import pytest

from aimkit import i18n
from aimkit.apps import explorer

APPS = Path(i18n.__file__).parent / "apps"


def test_catalogue_is_complete():
    assert i18n.problems() == []


def test_problems_catches_missing_languages_and_placeholders():
    found = i18n.problems({"a": {"nl": "Ja"}, "b": {"nl": "{n} dagen", "en": "{days} days"},
                           "c": {"nl": "", "en": "x"}})
    assert [p.split(":")[0] for p in found] == ["a", "b", "c"]


def test_every_key_used_by_the_apps_exists():
    used = set()
    for path in APPS.glob("*.py"):
        used |= set(re.findall(r"""\bt(?:ext)?\(\s*["']([a-z_]+)["']""", path.read_text()))
    used |= {f"field_{f}" for f in explorer.FIELDS} | {f"feature_{f}" for f in explorer.FEATURES}
    assert len(used) > 50
    assert sorted(used - set(i18n.STRINGS)) == []


def test_dutch_is_the_default_and_english_differs():
    assert i18n.DEFAULT_LANGUAGE == "nl"
    assert i18n.text("next") == "Volgende" and i18n.text("next", "en") == "Next"
    same = {k for k, v in i18n.STRINGS.items() if v["nl"] == v["en"] and len(v["nl"]) > 12}
    assert same == {"download", "level_cell", "method_kmeans"}  # the same words in Dutch


def test_unknown_language_or_key():
    with pytest.raises(KeyError, match="unknown language"):
        i18n.text("next", "fr")
    with pytest.raises(KeyError):
        i18n.text("no_such_text")
