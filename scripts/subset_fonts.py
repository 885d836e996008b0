"""Write the web fonts: Sarabun Regular and Bold as WOFF2 subsets for Thai, Latin and punctuation.

    .venv/bin/python scripts/subset_fonts.py

The TTFs come from the fontpkg-sarabun package (the certificate PDFs use them as they are). The
subsets are committed under static/fonts/sarabun/; tests/unit/test_web_fonts.py checks that they
are what this script writes. Needs fontTools and brotli (dev dependencies).
"""

from __future__ import annotations

import sys
from pathlib import Path

import fontpkg
from fontTools import subset

OUTPUT = Path(__file__).resolve().parent.parent / "static" / "fonts" / "sarabun"
WEIGHTS = {400: "Sarabun-Regular", 700: "Sarabun-Bold"}
# Basic Latin, Latin-1 punctuation and signs, ×, ÷, the Thai block, dashes, quotes, bullets and
# ellipsis, and the dotted circle that shows a Thai mark on its own. site.css gives the same range.
UNICODE_RANGE = "U+0020-007E,U+00A0-00BF,U+00D7,U+00F7,U+0E00-0E7F,U+2010-2027,U+25CC"


def subset_options() -> subset.Options:
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # every OpenType feature: Thai marks stack as in the TTF
    options.name_IDs = ["*"]  # keep the licence (OFL) in the font's name table
    options.notdef_outline = True
    return options


def unicodes() -> list[int]:
    return subset.parse_unicodes(UNICODE_RANGE)


def subset_font(weight: int) -> bytes:
    """The WOFF2 subset of Sarabun at `weight` (400 or 700), as bytes."""
    font = subset.load_font(str(fontpkg.path("Sarabun", weight)), subset_options())
    subsetter = subset.Subsetter(subset_options())
    subsetter.populate(unicodes=unicodes())
    subsetter.subset(font)
    # A fixed timestamp: the same input gives the same bytes, so a test can compare them.
    font["head"].modified = font["head"].created
    path = OUTPUT / "_subset.tmp"
    subset.save_font(font, str(path), subset_options())
    data = path.read_bytes()
    path.unlink()
    return data


def main() -> int:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for weight, name in WEIGHTS.items():
        target = OUTPUT / f"{name}.woff2"
        target.write_bytes(subset_font(weight))
        print(f"{target.relative_to(OUTPUT.parent.parent.parent)}: {target.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
