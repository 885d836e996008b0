"""Sarabun for certificate PDFs: the same letters, and text that copies out of the PDF as it was typed.

A PDF says which text each glyph stands for, once per glyph. WeasyPrint takes it from the first cluster
the glyph is drawn in, and HarfBuzz draws Thai SARA AM (ำ) as NIKHAHIT + SARA AA, the same SARA AA glyph
as า. So "ลำพูน" copied out of a certificate read "ลาพูน", and a consonant first drawn under a tone mark
could copy as nothing at all.

Two changes, made in memory from the packaged Sarabun files when a process first renders a certificate:
- the font gets its own copy of SARA AA for the SARA AM case (`uni0E32.am`), chosen by a contextual
  substitution after NIKHAHIT (alone, or joined with or followed by a tone mark), so it has a glyph of
  its own to carry the text "ำ";
- every Thai glyph's text comes from its name (`uni0E49.small` is ้, `uni0E4D0E48` is NIKHAHIT + ่),
  not from the cluster it first appeared in, and NIKHAHIT carries no text: the SARA AA that follows it
  says "ำ". (A NIKHAHIT typed on its own, found in some Pali words, copies as nothing.)

Only these fonts are touched: `Font.__init__` of WeasyPrint is wrapped to look the font's bytes up in
`_GLYPH_TEXTS`, which holds nothing but the fonts made here.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import io

import fontpkg
from fontTools.otlLib.builder import buildCoverage, buildLookup, buildSingleSubstSubtable
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import otTables as ot
from weasyprint.pdf import fonts as weasyprint_fonts

SARA_AA = "uni0E32"
SARA_AA_IN_SARA_AM = "uni0E32.am"
NIKHAHIT = "\u0e4d"
TONE_MARKS = ("uni0E48", "uni0E49", "uni0E4A", "uni0E4B")

# Font bytes (digest) → {glyph id: text}, for the fonts made by `certificate_font` only.
_GLYPH_TEXTS: dict[bytes, dict[int, str]] = {}


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def _text_of_glyph_name(name: str) -> str | None:
    """The text of a Thai glyph from its name: "uni0E49.small" → "้", "uni0E4D0E48" → "่"."""
    base = name.split(".")[0]
    if not base.startswith("uni0E") or (len(base) - 3) % 4:
        return None
    try:
        text = "".join(chr(int(base[i : i + 4], 16)) for i in range(3, len(base), 4))
    except ValueError:
        return None
    return text.replace(NIKHAHIT, "")


def _chain(backtrack: list[list[str]], target: int, glyph_map) -> ot.ChainContextSubst:
    """Substitute SARA AA by lookup `target` where the glyphs before it match `backtrack`."""
    subtable = ot.ChainContextSubst()
    subtable.Format = 3
    subtable.BacktrackGlyphCount = len(backtrack)
    subtable.BacktrackCoverage = [buildCoverage(glyphs, glyph_map) for glyphs in backtrack]
    subtable.InputGlyphCount = 1
    subtable.InputCoverage = [buildCoverage([SARA_AA], glyph_map)]
    subtable.LookAheadGlyphCount = 0
    subtable.LookAheadCoverage = []
    record = ot.SubstLookupRecord()
    record.SequenceIndex = 0
    record.LookupListIndex = target
    subtable.SubstCount = 1
    subtable.SubstLookupRecord = [record]
    return subtable


def _add_sara_am_glyph(font: TTFont) -> None:
    """A copy of SARA AA, drawn instead of it after NIKHAHIT (see the module's text)."""
    glyf, hmtx = font["glyf"], font["hmtx"]
    glyf[SARA_AA_IN_SARA_AM] = copy.deepcopy(glyf[SARA_AA])
    hmtx[SARA_AA_IN_SARA_AM] = hmtx[SARA_AA]
    order = font.getGlyphOrder()
    if SARA_AA_IN_SARA_AM not in order:
        font.setGlyphOrder([*order, SARA_AA_IN_SARA_AM])
    if "GDEF" in font and font["GDEF"].table.GlyphClassDef:
        classes = font["GDEF"].table.GlyphClassDef.classDefs
        classes[SARA_AA_IN_SARA_AM] = classes.get(SARA_AA, 1)

    glyph_map = font.getReverseGlyphMap(rebuild=True)
    names = font.getGlyphOrder()
    nikhahit_forms = [n for n in names if n.split(".")[0].startswith("uni0E4D")]
    tones = [n for n in names if n.split(".")[0] in TONE_MARKS]
    gsub = font["GSUB"].table
    lookups = gsub.LookupList.Lookup
    single = buildLookup([buildSingleSubstSubtable({SARA_AA: SARA_AA_IN_SARA_AM})])
    lookups.append(single)
    target = len(lookups) - 1
    chain = buildLookup(
        [
            _chain([nikhahit_forms], target, glyph_map),
            # Backtrack lists the nearest glyph first: a tone mark, then NIKHAHIT before it.
            _chain([tones, nikhahit_forms], target, glyph_map),
        ]
    )
    lookups.append(chain)
    gsub.LookupList.LookupCount = len(lookups)
    for record in gsub.FeatureList.FeatureRecord:
        if record.FeatureTag == "ccmp":
            record.Feature.LookupListIndex.append(len(lookups) - 1)
            record.Feature.LookupCount = len(record.Feature.LookupListIndex)


@functools.cache
def certificate_font(weight: int) -> bytes:
    """Sarabun at `weight` (400 or 700) as TrueType bytes, made for certificates (see the module)."""
    font = TTFont(fontpkg.path("Sarabun", weight))
    _add_sara_am_glyph(font)
    out = io.BytesIO()
    font.save(out)
    data = out.getvalue()
    texts = {}
    for glyph_id, name in enumerate(TTFont(io.BytesIO(data)).getGlyphOrder()):
        text = "\u0e33" if name == SARA_AA_IN_SARA_AM else _text_of_glyph_name(name)
        if text is not None:
            texts[glyph_id] = text
    _GLYPH_TEXTS[_digest(data)] = texts
    return data


class _GlyphTexts(dict):
    """WeasyPrint's glyph → text map of one font, where the font's own text of a glyph wins."""

    def __init__(self, texts: dict[int, str]):
        super().__init__()
        self.texts = texts

    def __setitem__(self, glyph_id, text):
        super().__setitem__(glyph_id, self.texts.get(glyph_id, text))


_weasyprint_font_init = weasyprint_fonts.Font.__init__


@functools.wraps(_weasyprint_font_init)
def _font_init(self, *args, **kwargs):
    _weasyprint_font_init(self, *args, **kwargs)
    texts = _GLYPH_TEXTS.get(_digest(self.file_content)) if _GLYPH_TEXTS else None
    if texts is not None:
        self.to_unicode = _GlyphTexts(texts)


weasyprint_fonts.Font.__init__ = _font_init
