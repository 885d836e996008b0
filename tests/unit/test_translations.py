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
