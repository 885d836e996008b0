"""Demo certificates: a default template with two signatories, the provincial officers who sign for
Lamphun and Chiang Mai, and certificates for finished demo courses."""

import io
import math

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

from certificates import services
from certificates.models import CertificateTemplate, ProvincialSignatory, Signatory
from core.collections import SIGNATURES, collection_named
from learning.models import Enrolment

TEMPLATE_NAME = "เกียรติบัตรมาตรฐาน SMART OTOP"
# (name, position, signature stroke, signs for the province)
SIGNATORIES = [
    ("นายสมศักดิ์ รักษ์ชุมชน", "ผู้อำนวยการกองส่งเสริมภูมิปัญญาท้องถิ่น", 1.0, False),
    # Signs where the producer's province has no officer of its own.
    ("นางสาวพรทิพย์ มั่นคง", "ผู้อำนวยการสำนักเสริมสร้างความเข้มแข็งชุมชน", 1.7, True),
]
# (province code, name, position, signature stroke)
PROVINCIAL_OFFICERS = [
    ("51", "นางวิไลวรรณ ศรีสุข", "พัฒนาการจังหวัดลำพูน", 2.3),
    ("50", "นายประเสริฐ วงศ์ล้านนา", "พัฒนาการจังหวัดเชียงใหม่", 2.9),
]


def _signature_image(title: str, seed: float):
    """A hand-drawn-looking stroke, so the demo PDF shows where signatures go."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    canvas = PILImage.new("RGBA", (600, 180), (255, 255, 255, 0))
    draw = ImageDraw.Draw(canvas)
    points = [
        (40 + x * 5.2, 95 + 45 * math.sin(x / 7.0 * seed) * math.cos(x / 19.0) - x * 0.25)
        for x in range(100)
    ]
    draw.line(points, fill=(20, 40, 120, 255), width=5, joint="curve")
    draw.line([(90, 140), (520, 125)], fill=(20, 40, 120, 255), width=3)
    buffer = io.BytesIO()
    canvas.save(buffer, "PNG")
    return Image.objects.create(
        title=title,
        file=ImageFile(buffer, name=f"signature-{int(seed * 10)}.png"),
        collection=collection_named(SIGNATURES),
    )


def seed(out) -> None:
    template = CertificateTemplate.objects.filter(name=TEMPLATE_NAME).first()
    if template is None:
        template = CertificateTemplate(name=TEMPLATE_NAME, is_default=True)
        template.save()
        for order, (name, position, seed_value, provincial) in enumerate(SIGNATORIES):
            Signatory.objects.create(
                template=template,
                sort_order=order,
                name=name,
                position=position,
                signature=_signature_image(f"ลายมือชื่อ {name}", seed_value),
                signs_for_province=provincial,
            )
    for province_code, name, position, seed_value in PROVINCIAL_OFFICERS:
        ProvincialSignatory.objects.get_or_create(
            province_code=province_code,
            defaults={
                "name": name,
                "position": position,
                "signature": _signature_image(f"ลายมือชื่อ {name}", seed_value),
            },
        )
    # Completed demo enrolments: issue what is missing and render what is still PENDING (idempotent).
    # On a first run there are none yet: learning.demo completes them, and each completion issues
    # its certificate on commit.
    for enrolment_id in Enrolment.objects.completed().values_list("pk", flat=True):
        services.issue_certificate(enrolment_id)
    out.write(f"Certificates: template “{template.name}”.")
