"""Certificate rendering: N certificates laid out in one WeasyPrint document (each page then written as
its own PDF) against one render per certificate.

Both paths render the same N certificates (different Thai names, the same template with two signature
images and a QR code each) in the same run. No database is needed.

    .venv/bin/python bench/certificates_render.py [--n 500]

Prints the seconds of each path, the ratio (target at least 4x) and the projected time for the 26,600
SMART OTOP trainees with 2 worker processes on this machine.
"""

import argparse
import base64
import datetime
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRAINEES = 26_600
WORKERS = 2

GIVEN = ["สมใจ", "มาลี", "บุญมี", "ประไพ", "คำแก้ว", "สำราญ", "น้ำฝน", "ทองใบ", "จันทร์เพ็ญ", "ศรีนวล"]
FAMILY = ["ใจดี", "ศรีสุข", "แก้วมณี", "ทองคำ", "บุญมา", "ช่ำชอง", "รักษ์ไทย", "สุขสำราญ"]


def setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def signature_data_url(seed: int) -> str:
    import math

    from PIL import Image, ImageDraw

    canvas = Image.new("RGBA", (600, 180), (255, 255, 255, 0))
    draw = ImageDraw.Draw(canvas)
    points = [(40 + x * 5.2, 95 + 45 * math.sin(x / 7.0 * seed)) for x in range(100)]
    draw.line(points, fill=(20, 40, 120, 255), width=5)
    buffer = io.BytesIO()
    canvas.save(buffer, "PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def certificates(n: int):
    from certificates import rendering
    from certificates.services import new_code

    out = []
    for i in range(n):
        code = new_code()
        out.append(
            rendering.CertificateData(
                code=code,
                holder_name=f"นางสาว{GIVEN[i % len(GIVEN)]} {FAMILY[i // len(GIVEN) % len(FAMILY)]}",
                holder_name_en="Miss Somjai Jaidee",
                course_title="มาตรฐานผลิตภัณฑ์ชุมชน (มผช.) และการยื่นขอการรับรอง",
                course_title_en="Thai Community Product Standard (TCPS)",
                completed_on=datetime.date(2026, 11, 25),
                producer_name="กลุ่มทอผ้าไหมยกดอกบ้านกลาง",
                producer_registration_number=f"5101-{i:05d}",
                verify_url=f"https://otop.example/certificates/verify/{code}/",
            )
        )
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=500)
    args = parser.parse_args()
    setup()
    from certificates import rendering
    from certificates.models import CertificateTemplate, Signatory

    template = CertificateTemplate(name="bench", is_default=True)
    assets = rendering.TemplateAssets(template)
    assets.signatories = [
        {"name": s[0], "position": s[1], "image": signature_data_url(k + 1)}
        for k, s in enumerate(
            [("นายสมศักดิ์ รักษ์ชุมชน", "ผู้อำนวยการกอง"), ("นางวิไลวรรณ ศรีสุข", "พัฒนาการจังหวัด")]
        )
    ]
    del Signatory
    data = certificates(args.n)
    rendering.render_pdf(template, data[0], assets)  # warm up fonts and caches

    start = time.perf_counter()
    singles = [rendering.render_pdf(template, d, assets) for d in data]
    one_each = time.perf_counter() - start

    start = time.perf_counter()
    batched = rendering.render_many(template, data, assets)
    one_document = time.perf_counter() - start

    assert len(batched) == len(singles) == args.n
    per_cert = one_document / args.n
    print(f"N = {args.n} certificates (A4 landscape, Sarabun, QR, 2 signature images)")
    print(
        f"one render per certificate: {one_each:7.2f} s  ({one_each / args.n * 1000:6.1f} ms each)"
    )
    print(f"one layout, page by page:  {one_document:7.2f} s  ({per_cert * 1000:6.1f} ms each)")
    print(f"ratio (one each / batched): {one_each / one_document:5.2f}x  (target >= 4x)")
    print(
        f"average PDF size: single {sum(map(len, singles)) / args.n / 1024:.1f} KB, "
        f"batched {sum(map(len, batched)) / args.n / 1024:.1f} KB"
    )
    for label, seconds in (("one each", one_each / args.n), ("batched", per_cert)):
        total = TRAINEES * seconds / WORKERS
        print(
            f"projected {TRAINEES:,} certificates, {WORKERS} worker processes, {label}: "
            f"{total / 60:6.1f} min"
        )


if __name__ == "__main__":
    main()
