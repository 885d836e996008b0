"""Rows per second of the producer registry import, against a plain bulk_create of the same rows.

30,000 hand-typed rows (CSV in TIS-620, addresses written in several messy ways) are imported into
an empty registry on a throwaway PostgreSQL database: reading, checking every row, matching each
address with geothai, classifying new/update/unchanged, then writing in batches in one transaction.
The baseline is `Producer.objects.bulk_create` of the same 30,000 already-clean objects, so the
ratio is the cost of everything the import does beyond the insert. A second import of the same file
(every row unchanged) is timed too.

Then the peak Python memory (tracemalloc) of the preview, for 30,000 and 300,000 rows read from a
file on disk: what the upload request does (find the header, three sample values per column, count
rows up to the in-request limit) and the full check of every row that the preview task does. Rows
are streamed, so the peak should not grow with the file.

    .venv/bin/python bench/producers_import.py [--rows 30000] [--rounds 3] [--preview-rows 30000,300000]
"""

import argparse
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import django_on_fresh_database

ADDRESSES = [
    # (subdistrict, district, province) in the styles coordinators type them
    "ต.บ้านกลาง อ.เมือง จ.ลำพูน",
    "ตำบลบ้านกลาง อำเภอเมืองลำพูน จังหวัดลำพูน",
    "ต. เหมืองง่า  อ. เมืองลำพูน  จ. ลำพูน 51000",
    "ต.ท่ายาง อ.ท่ายาง จ.เพชรบุรี",
    "ตำบลบางแก้ว อำเภอบ้านแหลม จังหวัดเพชรบุรี",
    "ต.ไชยสถาน อ.เมือง จ.น่าน",
    "ต.ขุนคง อ.หางดง จ.เชียงใหม่",
    "ต.ดอนแก้ว อ.แม่ริม จ.เชียงใหม่ 50180",
    "ต.ท่าฉาง อ.ท่าฉาง จ.สุราษฎร์ธานี",
    "ต.ท่าทองใหม่ อ.กาญจนดิษฐ์ จ.สุราษฎร์ธานี",
    "ตำบลในเมือง อำเภอเมืองอุบลราชธานี จังหวัดอุบลราชธานี",
    "ต.ลาดใหญ่ อ.เมือง จ.สมุทรสงคราม",
    "ต.นาพู่ อ.เพ็ญ จ.อุดรธานี",
    "แขวงบางรัก เขตบางรัก กรุงเทพฯ 10500",
]
TYPES = ["กลุ่มผู้ผลิตชุมชน", "วิสาหกิจชุมชน", "ผู้ผลิตรายเดียว", "SMEs"]
CATEGORIES = ["อาหาร", "เครื่องดื่ม", "ผ้า เครื่องแต่งกาย", "ของใช้ ของตกแต่ง ของที่ระลึก", "สมุนไพรที่ไม่ใช่อาหาร"]


def address(n: int) -> str:
    """Half the lines carry the house number and moo too, as many offices type them: every such
    line is different, as in a real registry."""
    line = ADDRESSES[n % len(ADDRESSES)]
    return f"{n % 300 + 1} หมู่ {n % 15 + 1} {line}" if n % 2 else line


def registry_file(rows: int) -> bytes:
    lines = ["เลขทะเบียน,ชื่อผู้ผลิต,ประเภทผู้ผลิต,ประเภทผลิตภัณฑ์,บ้านเลขที่,หมู่,ที่อยู่,โทรศัพท์,วันที่ลงทะเบียน"]
    for n in range(rows):
        day, month, year = 1 + n % 28, 1 + n % 12, 2545 + n % 24
        lines.append(
            f"B{n:06d},กลุ่มผู้ผลิตชุมชนบ้านหนองบัว {n},{TYPES[n % 4]},{CATEGORIES[n % 5]},"
            f"{n % 300 + 1},หมู่ {n % 15 + 1},{address(n)},"
            f"08{n % 100_000_000:08d},{day:02d}/{month:02d}/{year}"
        )
    return ("\r\n".join(lines) + "\r\n").encode("cp874")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--preview-rows", default="30000,300000")
    args = parser.parse_args()
    django_on_fresh_database("bench_producers_import")

    from django.db import transaction

    from producers.imports import service
    from producers.models import Producer

    data = registry_file(args.rows)

    analysis = service.analyse(data, "registry.csv", keep_rows=True)
    assert not analysis.has_errors, analysis.errors[:1]
    clean = [(r.registration_number, r.values) for r in analysis.rows]
    del analysis

    def baseline_run() -> float:
        """The same rows, already clean, inserted with bulk_create in the same batches."""
        started = time.perf_counter()
        with transaction.atomic():
            objects = []
            for number, values in clean:
                producer = Producer(registration_number=number, **values)
                producer.set_area_codes()
                objects.append(producer)
            Producer.objects.bulk_create(objects, batch_size=service.BATCH)
        return time.perf_counter() - started

    def import_run() -> float:
        """Read, check and write the file end to end, as the import task does."""
        started = time.perf_counter()
        _analysis, counts = service.import_file(data, "registry.csv")
        assert counts["new"] == args.rows, counts
        return time.perf_counter() - started

    # Alternate the two on an emptied table and keep each one's best round (warm caches for both).
    baselines, imports = [], []
    for round_ in range(args.rounds):
        baselines.append(baseline_run())
        Producer.objects.all().delete()
        imports.append(import_run())
        if round_ < args.rounds - 1:
            Producer.objects.all().delete()
    baseline, first = min(baselines), min(imports)

    started = time.perf_counter()
    _analysis, again = service.import_file(data, "registry.csv")
    second = time.perf_counter() - started
    assert again["unchanged"] == args.rows
    Producer.objects.all().delete()

    rate = args.rows / first
    print(f"rows: {args.rows:,} ({len(data) / 1e6:.1f} MB CSV, TIS-620)")
    print(
        f"baseline bulk_create of clean rows: {baseline:6.2f} s  {args.rows / baseline:10,.0f} rows/s"
    )
    print(
        f"import, empty registry:             {first:6.2f} s  {rate:10,.0f} rows/s  ({first / baseline:.1f}x baseline)"
    )
    print(
        f"import again, every row unchanged:  {second:6.2f} s  {args.rows / second:10,.0f} rows/s  ({second / baseline:.1f}x baseline)"
    )
    print()
    for rows in (int(n) for n in args.preview_rows.split(",")):
        preview_memory(rows)


def preview_memory(rows: int) -> None:
    """Peak Python memory of the preview in the request and of the full check, file on disk."""
    from producers.imports import service
    from producers.imports.reader import count_rows

    with tempfile.NamedTemporaryFile(suffix=".csv") as handle:
        handle.write(registry_file(rows))
        handle.flush()
        size = handle.tell() / 1e6
        handle.seek(0)
        tracemalloc.start()
        table, layout = service.read_layout(handle, "registry.csv")
        count_rows(table, layout.header_line, service.TASK_THRESHOLD + 1)
        request_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.reset_peak()
        started = time.perf_counter()
        analysis = service.analyse(handle, "registry.csv")
        took = time.perf_counter() - started
        check_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert analysis.total == rows and not analysis.has_errors
    print(
        f"preview of {rows:>7,} rows ({size:5.1f} MB): in the request {request_peak / 1e6:5.1f} MB peak; "
        f"full check (task) {check_peak / 1e6:5.1f} MB peak, {took:5.1f} s under tracemalloc"
    )


if __name__ == "__main__":
    main()
