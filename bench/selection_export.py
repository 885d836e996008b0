"""Export a selection round for 3,000 and 30,000 producers: time, queries and peak Python memory.

    .venv/bin/python bench/selection_export.py

Prints the ratios 30,000 / 3,000. Linear time and queries with flat peak memory mean the engine
works in fixed-size chunks (the export never holds every producer at once).
"""

import datetime as dt
import time
import tracemalloc

from _setup import django_on_fresh_database

django_on_fresh_database("otop_bench_selection")

from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import User  # noqa: E402
from producers.models import Membership, Producer, Product, ProductStandard  # noqa: E402
from selection import exports  # noqa: E402
from selection.models import RoundRule, SelectionRound  # noqa: E402

SUBDISTRICTS = ["510112", "501505", "760501", "550104"]


def add_producers(start: int, count: int) -> None:
    producers = [
        Producer(
            registration_number=f"B-{n:06d}",
            name=f"กลุ่มวิสาหกิจชุมชนทดสอบสมรรถนะ {n}",
            producer_type="community_group",
            category="food",
            subdistrict_code=SUBDISTRICTS[n % 4],
            registered_on=dt.date(2015 + n % 10, 1, 1),
        )
        for n in range(start, start + count)
    ]
    for p in producers:
        p.set_area_codes()
    Producer.objects.bulk_create(producers, batch_size=2000)
    saved = list(
        Producer.objects.filter(registration_number__in=[p.registration_number for p in producers])
    )
    products = Product.objects.bulk_create(
        [Product(producer=p, name="น้ำพริกเผา", category="food") for p in saved], batch_size=2000
    )
    ProductStandard.objects.bulk_create(
        [
            ProductStandard(product=pr, kind="community", expires_on=dt.date(2026 + i % 2, 6, 1))
            for i, pr in enumerate(products)
        ],
        batch_size=2000,
    )
    users = User.objects.bulk_create(
        [User(email=f"b{p.pk}@bench.test", first_name="สมใจ", last_name="ใจดี") for p in saved],
        batch_size=2000,
    )
    Membership.objects.bulk_create(
        [
            Membership(user=u, producer=p, role="owner", status="confirmed")
            for u, p in zip(users, saved, strict=True)
        ],
        batch_size=2000,
    )


def measure(round) -> tuple[float, int, int, int]:
    reset_queries()
    tracemalloc.start()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as ctx:
        lines = sum(
            chunk.count(b"\n") for chunk in exports.csv_chunks(Producer.objects.all(), round)
        )
    seconds = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, len(ctx.captured_queries), peak, lines


round = SelectionRound.objects.create(
    name="bench", year=2569, opens_on=dt.date(2026, 1, 1), closes_on=dt.date(2026, 12, 31)
)
for order, rule in enumerate(
    [
        RoundRule(kind="registered_before", on_date=dt.date(2021, 1, 1)),
        RoundRule(kind="active_status"),
        RoundRule(kind="standard_held", standard_kinds=["community"], on_date=dt.date(2026, 9, 30)),
        RoundRule(kind="no_revoked_evidence"),
    ]
):
    rule.round, rule.sort_order = round, order
    rule.save()

add_producers(0, 3_000)
small = measure(round)
add_producers(3_000, 27_000)
large = measure(round)
for label, (seconds, queries, peak, lines) in (("3,000", small), ("30,000", large)):
    print(
        f"{label:>7} producers: {seconds:6.2f} s, {queries:4d} queries, peak {peak / 1e6:6.1f} MB, {lines} lines"
    )
print(
    f"ratios 30,000/3,000: time {large[0] / small[0]:.1f}x, queries {large[1] / small[1]:.1f}x, "
    f"peak memory {large[2] / small[2]:.2f}x (10x producers)"
)
