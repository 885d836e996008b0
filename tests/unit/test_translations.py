from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
THAI_CATALOGUES = sorted(
    p for p in ROOT.glob("**/locale/th/LC_MESSAGES/django.po") if ".venv" not in p.parts
)


def test_there_are_thai_catalogues():
    assert len(THAI_CATALOGUES) >= 3


@pytest.mark.parametrize("path", THAI_CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_string_has_a_thai_translation(path):
    catalogue = polib.pofile(str(path))
    untranslated = [e.msgid for e in catalogue if not e.obsolete and not e.translated()]
    assert untranslated == [], f"untranslated in {path}"


# Texts two apps translate with different words that both read right where either shows (the first
# app in INSTALLED_APPS wins). Any other text translated two ways fails: give one of them a context.
SYNONYMS = {
    "Completed on", "Enrolled", "Heading", "Last activity", "Lessons done", "Line", "Progress",
    "Started", "caption", "code", "correct", "heading (English)", "introduction (English)",
    "introduction (Thai)", "producer", "questions", "replaced", "requested by", "rows",
}  # fmt: skip


def test_one_text_has_one_thai_translation_across_the_apps():
    """Django merges the apps' catalogues and the first app listed wins: the same msgid translated two
    ways means one app shows the other's words (the offline queue read "ตอบรับเมื่อ" for "accepted",
    the directory's pager "บทถัดไป", a lesson's word)."""
    seen: dict[tuple[str, str], tuple[str, Path]] = {}
    clashes = []
    for path in THAI_CATALOGUES:
        if path.parts[-4] == "locale" and path.parent.parent.parent.parent == ROOT:
            continue  # the root catalogue overrides on purpose (Wagtail's words)
        for entry in polib.pofile(str(path)):
            if entry.obsolete or not entry.msgid or entry.msgid_plural:
                continue
            key = (entry.msgctxt or "", entry.msgid)
            if key in seen and seen[key][0] != entry.msgstr and entry.msgid not in SYNONYMS:
                clashes.append((entry.msgid, seen[key], (entry.msgstr, path)))
            seen.setdefault(key, (entry.msgstr, path))
    assert clashes == []
