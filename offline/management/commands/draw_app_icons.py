"""Draws the installed app's icons (offline/static/offline/icons/) in the site's colours.

    python manage.py draw_app_icons

"any" icons are a rounded square; the maskable one fills its square and keeps the mark inside the
centre 80 % circle that Android's masks never cut.
"""

from pathlib import Path

import fontpkg
from django.core.management.base import BaseCommand
from PIL import Image, ImageDraw, ImageFont

ICONS = Path(__file__).resolve().parents[2] / "static" / "offline" / "icons"
BRAND = "#8a3b12"  # --brand
SOFT = "#f6f3ee"  # --soft
ACCENT = "#f2c14e"  # the gold thread of the mark


def _font(size: int):
    return ImageFont.truetype(str(fontpkg.path("Sarabun", 700)), size)


def _mark(draw: ImageDraw.ImageDraw, size: int, scale: float) -> None:
    """The word OTOP over "เรียนรู้" with a gold underline, centred, `scale` of the square's width."""
    width = size * scale
    top_font = _font(int(width * 0.34))
    thai_font = _font(int(width * 0.22))
    centre = size / 2
    draw.text((centre, centre - width * 0.12), "OTOP", font=top_font, fill="#ffffff", anchor="ms")
    line_y = centre + width * 0.0
    draw.rounded_rectangle(
        [
            centre - width * 0.32,
            line_y - width * 0.025,
            centre + width * 0.32,
            line_y + width * 0.025,
        ],
        radius=width * 0.02,
        fill=ACCENT,
    )
    draw.text((centre, centre + width * 0.3), "เรียนรู้", font=thai_font, fill=SOFT, anchor="ms")


def draw_icon(size: int, maskable: bool) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0) if not maskable else BRAND)
    draw = ImageDraw.Draw(image)
    if not maskable:
        draw.rounded_rectangle([0, 0, size - 1, size - 1], radius=size * 0.18, fill=BRAND)
    _mark(draw, size, 0.62 if maskable else 0.8)
    return image


class Command(BaseCommand):
    help = "Draw the app icons (192, 512, maskable 512, Apple touch 180) as PNG."

    def handle(self, *args, **options):
        ICONS.mkdir(parents=True, exist_ok=True)
        targets = {
            "icon-192.png": (192, False),
            "icon-512.png": (512, False),
            "maskable-512.png": (512, True),
            "apple-touch-icon.png": (180, True),
        }
        for name, (size, maskable) in targets.items():
            image = draw_icon(size, maskable)
            if maskable:
                image = image.convert("RGB")
            image.save(ICONS / name, optimize=True)
            self.stdout.write(f"{name}: {(ICONS / name).stat().st_size} bytes")
