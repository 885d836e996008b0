"""Small real pictures and handouts for lesson bodies (Pillow PNG, bytes of a given size)."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection


def _root_collection() -> None:
    """Wagtail's root collection (made by a migration; gone after a transactional test's flush)."""
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


def make_image(title: str = "ผ้าทอมือลายดอกพิกุล", size=(1280, 720), colour="#8a3b12") -> Image:
    _root_collection()
    out = io.BytesIO()
    PILImage.new("RGB", size, colour).save(out, format="PNG")
    image = Image(title=title, file=ImageFile(io.BytesIO(out.getvalue()), name="picture.png"))
    image.save()
    return image


def make_document(title: str = "แบบตรวจฉลากสินค้า", size: int = 20_000, name="handout.pdf"):
    _root_collection()
    payload = b"%PDF-1.4\n" + b"0" * max(0, size - 9)
    document = Document(title=title, file_size=len(payload))
    document.file.save(name, ContentFile(payload), save=False)
    document.save()
    return document


def media_body(image: Image, document: Document, text="<p>ผ้าไหมทอมือของกลุ่มบ้านกลาง</p>"):
    """A lesson body with a paragraph, a picture and a handout."""
    return [
        ("heading", "ตัวอย่างผลิตภัณฑ์"),
        ("paragraph", text),
        ("image", {"image": image, "alt": "ผ้าไหมสีน้ำตาล", "caption": "ลายดอกพิกุล"}),
        ("handout", {"document": document, "title": "แบบตรวจฉลาก"}),
    ]
