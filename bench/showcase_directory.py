"""The public producer directory at 30,000 listed producers, against a plain Wagtail page.

Builds 30,000 listed producers in 77 provinces (45,000 products with star ratings, standards and
shared photos) on a throwaway PostgreSQL database, then requests directory pages through Django's
test client (in-process): uncached (the cached directory pages dropped before each request, as
any change to a listed producer does) and cached, for a few
filter sets. Prints milliseconds per request, the ratio against a plain Wagtail page, and the SQL
queries per request (the same at every filter: the listing runs a fixed number of queries).

    .venv/bin/python bench/showcase_directory.py [--producers 30000] [--requests 40]
"""

import argparse
import datetime as dt
import io
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import django_on_fresh_database

QUERIES = {
    "no filter, page 1": "/producers/",
    "no filter, page 700": "/producers/?page=700",
    "province + 5 stars": "/producers/?province=51&stars=5",
    "district + category": "/producers/?province=50&district=5015&category=household",
    "standard มผช. held": "/producers/?standard=community",
    "Thai words ผ้าไหมลำพูน": "/producers/?q=ผ้าไหมลำพูน",
}
NAMES = [
    "กลุ่มทอผ้าไหมยกดอก",
    "วิสาหกิจชุมชนน้ำพริก",
    "กลุ่มสบู่สมุนไพร",
    "กลุ่มไม้แกะสลัก",
    "กลุ่มแม่บ้านแปรรูปมะพร้าว",
    "วิสาหกิจชุมชนข้าวหอมมะลิ",
    "กลุ่มจักสานไม้ไผ่",
    "กลุ่มผ้าฝ้ายย้อมคราม",
]
PRODUCTS = ["ผ้าไหมยกดอก", "น้ำพริกเผา", "สบู่ขมิ้นชัน", "ช้างไม้สัก", "น้ำมันมะพร้าว", "ข้าวหอมมะลิ"]


def build(count: int):
    import geothai
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image
    from wagtail.models import Site

    from home.models import ContentPage, HomePage
    from producers.models import Producer, Product, ProductPhoto, ProductRating, ProductStandard

    home = HomePage.objects.get()
    Site.objects.filter(is_default_site=True).update(hostname="testserver")
    plain = home.add_child(
        instance=ContentPage(title="หน้าธรรมดา", slug="plain", body="<p>" + "ผ้าไหม " * 400 + "</p>")
    )
    plain.save_revision().publish()

    images = []
    for n in range(20):
        buffer = io.BytesIO()
        PILImage.new("RGB", (1280, 960), f"#{(n * 37) % 256:02x}4a{(n * 91) % 256:02x}").save(
            buffer, format="PNG"
        )
        images.append(
            Image.objects.create(title=f"ภาพ {n}", file=ImageFile(buffer, name=f"p{n}.png"))
        )

    random.seed(2569)
    subdistricts = [
        s.code
        for p in geothai.provinces()
        for d in geothai.districts(p.code)[:3]
        for s in geothai.subdistricts(d.code)[:2]
    ]
    subdistricts += ["510112", "501505"] * 200  # Lamphun and Hang Dong have many
    producers = []
    for n in range(count):
        producer = Producer(
            registration_number=f"B{n:06d}",
            name=f"{random.choice(NAMES)} {n:05d}",
            producer_type="community_group",
            category=random.choice(["food", "textile", "household", "herbal", "beverage"]),
            subdistrict_code=random.choice(subdistricts),
            public_listing=True,
            description="ผลิตภัณฑ์ชุมชนจากภูมิปัญญาท้องถิ่น",
        )
        producer.set_area_codes()
        producers.append(producer)
    producers = Producer.objects.bulk_create(producers, batch_size=5000)
    products = Product.objects.bulk_create(
        [
            Product(producer=p, name=random.choice(PRODUCTS), category=p.category)
            for p in producers
            for _ in range(1 + (p.pk % 2))
        ],
        batch_size=5000,
    )
    ProductRating.objects.bulk_create(
        [
            ProductRating(product=pr, year=year, stars=random.randint(1, 5))
            for pr in products
            for year in (2565, 2567)[: 1 + pr.pk % 2]
        ],
        batch_size=5000,
    )
    ProductStandard.objects.bulk_create(
        [
            ProductStandard(
                product=pr,
                kind=random.choice(["community", "fda", "gmp", "halal"]),
                expires_on=dt.date(2027 + pr.pk % 3 - 1, 6, 30),
            )
            for pr in products
            if pr.pk % 3
        ],
        batch_size=5000,
    )
    ProductPhoto.objects.bulk_create(
        [ProductPhoto(product=pr, image=images[pr.pk % 20], sort_order=0) for pr in products],
        batch_size=5000,
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # what autovacuum does after a bulk load; the plans depend on it
    return plain.url, len(products)


def timed(client, url: str, requests: int, cached: bool) -> float:
    from showcase.directory import forget_cached_pages

    times = []
    for _ in range(requests):
        if not cached:
            forget_cached_pages()  # what any change to a listed producer does
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times) * 1000


def queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from showcase.directory import forget_cached_pages

    forget_cached_pages()
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--producers", type=int, default=30_000)
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    django_on_fresh_database("otop_bench_showcase")
    from django.test import Client

    started = time.perf_counter()
    plain_url, product_count = build(args.producers)
    print(
        f"built {args.producers:,} listed producers, {product_count:,} products "
        f"in {time.perf_counter() - started:.0f} s"
    )
    client = Client()
    for url in (plain_url, *QUERIES.values()):  # templates, renditions, pythainlp's dictionary
        client.get(url)
        client.get(url)
    plain_ms = timed(client, plain_url, args.requests, cached=True)
    print(f"{'plain Wagtail page':28s} {plain_ms:7.1f} ms  {queries(client, plain_url):3d} queries")
    for label, url in QUERIES.items():
        cold = timed(client, url, args.requests, cached=False)
        warm = timed(client, url, args.requests, cached=True)
        print(
            f"{label:28s} {cold:7.1f} ms uncached ({cold / plain_ms:4.1f}× plain), "
            f"{warm:5.1f} ms cached ({warm / plain_ms:4.2f}× plain)  "
            f"{queries(client, url):3d} queries"
        )


if __name__ == "__main__":
    main()
