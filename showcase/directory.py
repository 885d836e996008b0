"""The directory's pages of producer cards, cached per filter, page and language.

A card is plain data (names, codes, stars, photo addresses), so a cached page needs no query at
all; the cache is dropped (by a version number) whenever a producer, product or membership
changes, and expires after CACHE_SECONDS in any case (bulk imports send no signals).
"""

from __future__ import annotations

import hashlib

import geothai
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.urls import reverse
from django.utils.translation import get_language

from producers.models import Producer, ProductCategory, ProductStandard, area_name
from showcase import selectors
from showcase.selectors import CARD_RENDITIONS, DirectoryFilters

PAGE_SIZE = 20
CACHE_SECONDS = 600
VERSION_KEY = "showcase:version"


def cache_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, None)
    return version


def forget_cached_pages() -> None:
    """Every cached directory page becomes stale (called when listed data changes)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def best_rating(producer: Producer):
    """The highest latest-year rating among the producer's products (prefetched), or None."""
    latest = [p.latest_rating for p in producer.products.all()]
    latest = [r for r in latest if r is not None]
    return max(latest, key=lambda r: (r.stars, r.year)) if latest else None


def cover_photo(producer: Producer):
    """The first photo of the best-rated product that has one."""
    products = sorted(
        producer.products.all(),
        key=lambda p: -(p.latest_rating.stars if p.latest_rating else 0),
    )
    for product in products:
        photos = list(product.photos.all())
        if photos:
            return photos[0]
    return None


def photo_card(photo, specs=CARD_RENDITIONS) -> dict | None:
    if photo is None:
        return None
    small, large, fallback = (photo.image.get_renditions(*specs)[spec] for spec in specs)
    return {
        "webp_srcset": f"{small.url} {small.width}w, {large.url} {large.width}w",
        "src": fallback.url,
        "width": small.width,
        "height": small.height,
        "alt": photo.alt_text,
    }


def area_label(producer: Producer) -> str:
    district = area_name(geothai.district(producer.district_code))
    province = area_name(geothai.province(producer.province_code))
    return ", ".join(part for part in (district, province) if part)


def card(producer: Producer, trained: dict | None) -> dict:
    rating = best_rating(producer)
    kinds = sorted(
        {s.kind for p in producer.products.all() for s in p.standards.all() if s.is_current}
    )
    products = list(producer.products.all())
    return {
        "id": producer.pk,
        "url": reverse("showcase:producer", args=[producer.pk]),
        "name": producer.display_name(),
        "area": area_label(producer),
        "category": ProductCategory(producer.category).label,
        "stars": rating.stars if rating else 0,
        "stars_year": rating.year if rating else None,
        "standards": [str(ProductStandard.Kind(kind).label) for kind in kinds],
        "products": [p.name for p in products[:3]],
        "more_products": max(0, len(products) - 3),
        "members_trained": (trained or {}).get("members", 0),
        "photo": photo_card(cover_photo(producer)),
    }


def directory_page(filters: DirectoryFilters, page_number) -> dict:
    """One page of cards for these filters: from the cache, or in a fixed number of queries."""
    language = get_language() or "th"
    digest = hashlib.sha256(f"{filters.key()}|{page_number}".encode()).hexdigest()[:32]
    key = f"showcase:directory:{cache_version()}:{language}:{digest}"
    page = cache.get(key)
    if page is not None:
        return page
    paginator = Paginator(selectors.listed_producers(filters), PAGE_SIZE)
    current = paginator.get_page(page_number)
    producers = list(current.object_list)
    prefetch_related_objects(producers, selectors.products_prefetch())
    trained = selectors.training_counts(p.pk for p in producers)
    page = {
        "cards": [card(p, trained.get(p.pk)) for p in producers],
        "count": paginator.count,
        "number": current.number,
        "num_pages": paginator.num_pages,
    }
    cache.set(key, page, CACHE_SECONDS)
    return page
