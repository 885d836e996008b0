"""Pictures and handouts for the demo courses, generated locally (no downloads).

Covers and lesson pictures are drawn with Pillow (Thai shaped by libraqm, Sarabun font); handouts are
HTML rendered to PDF by WeasyPrint with Sarabun embedded. Each is stored once, found again by title.
"""

from __future__ import annotations

import html
import io

import fontpkg
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.documents.models import Document
from wagtail.images.models import Image

from core.collections import COURSE_MEDIA, collection_named


def _font(size: int, weight: int = 700):
    return ImageFont.truetype(str(fontpkg.path("Sarabun", weight)), size)


PICTURE_SIZE = (1280, 720)


def _picture_png(colour: str, label: str, size=PICTURE_SIZE) -> bytes:
    picture = PILImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(picture)
    width, height = size
    # A soft band and rings give the flat colour some depth without stock photos.
    draw.rectangle([0, int(height * 0.72), width, height], fill=_shade(colour, 0.82))
    for i, radius in enumerate((height * 0.55, height * 0.42, height * 0.3)):
        cx, cy = width * 0.82, height * 0.28
        draw.ellipse(
            [cx - radius, cy - radius, cx + radius, cy + radius],
            outline=_shade(colour, 1.18 + i * 0.08),
            width=10,
        )
    font_size = 150 if len(label) <= 8 else 110 if len(label) <= 14 else 80
    font = _font(font_size)
    box = draw.textbbox((0, 0), label, font=font)
    text_w, text_h = box[2] - box[0], box[3] - box[1]
    x = max(40, (width - text_w) // 2 - box[0])
    y = (height - text_h) // 2 - box[1] - int(height * 0.06)
    draw.text((x, y), label, font=font, fill="#ffffff")
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _shade(colour: str, factor: float) -> str:
    colour = colour.lstrip("#")
    r, g, b = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    clamp = lambda v: max(0, min(255, int(v * factor)))  # noqa: E731
    return f"#{clamp(r):02x}{clamp(g):02x}{clamp(b):02x}"


def picture(title: str, colour: str, label: str, slug: str) -> Image:
    """A generated picture stored as a Wagtail image titled `title` (reused if it exists)."""
    image = Image.objects.filter(title=title).first()
    if image is None:
        png = _picture_png(colour, label)
        image = Image(
            title=title,
            file=ImageFile(io.BytesIO(png), name=f"{slug}.png"),
            collection=collection_named(COURSE_MEDIA),
        )
        image.save()
    return image


HANDOUT_CSS = """
@font-face { font-family: "Sarabun"; src: url("{regular}"); font-weight: 400; }
@font-face { font-family: "Sarabun"; src: url("{bold}"); font-weight: 700; }
@page { size: A4; margin: 2cm; @bottom-center { content: counter(page); font-family: "Sarabun"; } }
body { font-family: "Sarabun"; font-size: 14pt; line-height: 1.6; color: #1f2328; }
h1 { color: #8a3b12; font-size: 20pt; } h2 { font-size: 16pt; }
table { border-collapse: collapse; width: 100%; } td, th { border: 1px solid #999; padding: 4pt 6pt; }
"""


def handout_pdf(title: str, body_html: str) -> bytes:
    from weasyprint import HTML

    css = HANDOUT_CSS.replace("{regular}", fontpkg.path("Sarabun", 400).as_uri()).replace(
        "{bold}", fontpkg.path("Sarabun", 700).as_uri()
    )
    document = (
        f'<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><title>{html.escape(title)}'
        f"</title><style>{css}</style></head><body>{body_html}"
        '<p style="color:#57606a;font-size:10pt">โครงการ SMART OTOP</p></body></html>'
    )
    return HTML(string=document).write_pdf()


def handout(title: str, filename: str, body_html: str) -> Document:
    """A PDF handout stored as a Wagtail document titled `title` (reused if it exists)."""
    document = Document.objects.filter(title=title).first()
    if document is None:
        pdf = handout_pdf(title, body_html)
        document = Document(
            title=title, file_size=len(pdf), collection=collection_named(COURSE_MEDIA)
        )
        document.file.save(filename, ContentFile(pdf), save=False)
        document.save()
    return document
