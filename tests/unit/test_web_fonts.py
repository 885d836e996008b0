"""The site's pages load Sarabun as small WOFF2 subsets, never the full TTFs."""

import io
import sys
from pathlib import Path

import pytest
from django.conf import settings
from fontTools.ttLib import TTFont

FONTS = Path(settings.BASE_DIR) / "static" / "fonts" / "sarabun"
sys.path.insert(0, str(Path(settings.BASE_DIR) / "scripts"))
import subset_fonts  # noqa: E402

THAI_LETTERS = [*range(0x0E01, 0x0E3B), *range(0x0E3F, 0x0E5C)]


@pytest.mark.parametrize("weight,name", subset_fonts.WEIGHTS.items())
def test_the_committed_woff2_files_are_what_the_script_writes(weight, name):
    assert (FONTS / f"{name}.woff2").read_bytes() == subset_fonts.subset_font(weight)


@pytest.mark.parametrize("name", subset_fonts.WEIGHTS.values())
def test_each_subset_has_every_thai_letter_and_mark_and_basic_latin(name):
    data = (FONTS / f"{name}.woff2").read_bytes()
    assert data[:4] == b"wOF2"
    assert len(data) < 25_000  # the TTF is 90 KB
    cmap = TTFont(io.BytesIO(data)).getBestCmap()
    missing = [hex(c) for c in [*THAI_LETTERS, *range(0x20, 0x7F)] if c not in cmap]
    assert missing == []


def test_the_stylesheet_and_pages_use_the_woff2_subsets(client, home_page):
    css = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_text()
    assert ".ttf" not in css
    assert css.count("font-display: swap") == css.count("@font-face") == 2
    html = client.get("/").content.decode()
    assert (
        '<link rel="preload" href="/static/fonts/sarabun/Sarabun-Regular.woff2" as="font" '
        'type="font/woff2" crossorigin>' in html
    )
    assert ".ttf" not in html
