"""Certificate rendering: one render per certificate, many laid out in one WeasyPrint document (each page
then written as its own PDF), and the batched path spread over 1 and 2 worker processes.

Every path renders the same certificates (different Thai names, the same template with two signature
images and a QR code each) in the same run; the order of the two single-process paths alternates from
round to round. No database is needed.

    .venv/bin/python bench/certificates_render.py [--n 300] [--rounds 2]

Prints ms a certificate of each path, wall clock and CPU time (goals: 60 one at a time, 30 batched), the speed-up from 1 to 2
processes (goal >= 1.8x) and the projected time for the 26,600 SMART OTOP trainees on 2, 4 and 8
worker machines of 2 cores (2 processes each) like this one.
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


SIGNATORIES = [("นายสมศักดิ์ รักษ์ชุมชน", "ผู้อำนวยการกอง"), ("นางวิไลวรรณ ศรีสุข", "พัฒนาการจังหวัด")]
CHUNK = 50


def bench_assets():
    from certificates import rendering
    from certificates.models import CertificateTemplate

    template = CertificateTemplate(name="bench", is_default=True)
    assets = rendering.TemplateAssets(template)
    # As the site embeds them: signature renditions turned into JPEG on white.
    assets.signatories = [
        {
            "name": name,
            "position": position,
            "provincial": False,
            "image": rendering.embedded(
                rendering.as_jpeg(base64.b64decode(signature_data_url(k + 1).split(",", 1)[1])),
                "image/jpeg",
            ),
        }
        for k, (name, position) in enumerate(SIGNATORIES)
    ]
    return template, assets


_worker_state = {}


def _worker_start():
    setup()
    from certificates import rendering

    template, assets = bench_assets()
    _worker_state.update(template=template, assets=assets)
    rendering.render_many(template, certificates(2), assets)  # fonts, styles, caches


def _worker_chunk(chunk):
    from certificates import rendering

    return len(rendering.render_many(_worker_state["template"], chunk, _worker_state["assets"]))


def _worker_ready(_):
    time.sleep(0.5)  # one per process: every process has started before the clock runs
    return os.getpid()


def in_processes(data, processes: int) -> float:
    """Seconds to render `data` in chunks of CHUNK spread over `processes` processes."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    with context.Pool(processes, initializer=_worker_start) as pool:
        pool.map(_worker_ready, range(processes), chunksize=1)
        chunks = [data[i : i + CHUNK] for i in range(0, len(data), CHUNK)]
        start = time.perf_counter()
        rendered = sum(pool.imap_unordered(_worker_chunk, chunks))
        seconds = time.perf_counter() - start
    assert rendered == len(data)
    return seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    setup()
    from certificates import rendering

    template, assets = bench_assets()
    data = certificates(args.n)
    rendering.render_pdf(template, data[0], assets)  # warm up fonts and caches
    rendering.render_many(template, data[:2], assets)

    def one_each():
        return [rendering.render_pdf(template, d, assets) for d in data]

    def batched():
        return [
            pdf
            for i in range(0, len(data), CHUNK)
            for pdf in rendering.render_many(template, data[i : i + CHUNK], assets)
        ]

    timings = {"one at a time": [], "batched": []}
    cpu = {"one at a time": [], "batched": []}
    sizes = {}
    for round_number in range(args.rounds):
        paths = [("one at a time", one_each), ("batched", batched)]
        for name, path in paths if round_number % 2 == 0 else paths[::-1]:
            start, start_cpu = time.perf_counter(), time.process_time()
            pdfs = path()
            timings[name].append(time.perf_counter() - start)
            cpu[name].append(time.process_time() - start_cpu)
            assert len(pdfs) == args.n
            sizes[name] = sum(map(len, pdfs)) / args.n / 1024
    single = min(timings["one at a time"]) / args.n
    batch = min(timings["batched"]) / args.n
    single_cpu = min(cpu["one at a time"]) / args.n
    batch_cpu = min(cpu["batched"]) / args.n
    one_process = in_processes(data, 1)
    two_processes = in_processes(data, 2)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"N = {args.n} certificates (A4 landscape, Sarabun, QR, 2 signature images); load {load}")
    print(
        "ms a certificate: wall clock, and CPU time of this process (what other load cannot inflate)"
    )
    print(f"one at a time : {single * 1000:6.1f} ms, CPU {single_cpu * 1000:6.1f} ms  (goal <= 60)")
    print(
        f"batched ({CHUNK}) : {batch * 1000:6.1f} ms, CPU {batch_cpu * 1000:6.1f} ms  (goal <= 30)"
    )
    print(f"ratio         : {single / batch:5.2f}x")
    print(
        f"PDF size      : {sizes['one at a time']:.1f} KB single, {sizes['batched']:.1f} KB batched"
    )
    print(
        f"1 process     : {one_process:6.2f} s ({one_process / args.n * 1000:.1f} ms a certificate)"
    )
    print(
        f"2 processes   : {two_processes:6.2f} s ({two_processes / args.n * 1000:.1f} ms a "
        f"certificate); speed-up {one_process / two_processes:.2f}x (goal >= 1.8x)"
    )
    per_machine = two_processes / args.n  # seconds a certificate on one 2-core machine
    for machines in (2, 4, 8):
        total = TRAINEES * per_machine / machines
        print(
            f"projected {TRAINEES:,} certificates on {machines} worker machines of 2 cores "
            f"(2 processes each): {total / 60:5.1f} min"
        )


if __name__ == "__main__":
    main()
