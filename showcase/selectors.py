"""Queries of the public directory: which producers are listed, filtered and searched, and what
their public pages show.

Only producers whose owner opted in (and that no coordinator hid) are ever returned, and members
appear by name only when they chose it. Every function here runs a fixed number of queries,
however many producers, products or photos there are.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from wagtail.images import get_image_model

from certificates.models import Certificate
from courses.search import segment_query
from producers.addresses import areas_named
from producers.models import (
    Membership,
    Producer,
    Product,
    ProductPhoto,
    ProductRating,
    ProductStandard,
)

# Renditions the public pages use (listing cards, product pages, link previews).
CARD_RENDITIONS = ("fill-320x240|format-webp", "fill-640x480|format-webp", "fill-640x480")
SHARE_RENDITION = "fill-1200x630|format-jpeg"
MAX_QUERY_TERMS = 6


@dataclass(frozen=True)
class DirectoryFilters:
    """What a visitor asked the directory for; every field is already validated."""

    q: str = ""
    province: str = ""
    district: str = ""
    category: str = ""
    stars: int | None = None
    standard: str = ""

    def key(self) -> str:
        return "|".join(
            str(v)
            for v in (
                self.q,
                self.province,
                self.district,
                self.category,
                self.stars,
                self.standard,
            )
        )

    def is_empty(self) -> bool:
        return not (self.q or self.is_narrowed)

    @property
    def is_narrowed(self) -> bool:
        """Any filter besides the words searched for."""
        return any((self.province, self.district, self.category, self.stars, self.standard))


def latest_ratings() -> QuerySet[ProductRating]:
    """Each product's rating of its most recent selection year (older years do not count)."""
    newer = ProductRating.objects.filter(product=OuterRef("product"), year__gt=OuterRef("year"))
    return ProductRating.objects.filter(~Exists(newer))


def current_standards(day: dt.date | None = None) -> QuerySet[ProductStandard]:
    day = day or timezone.localdate()
    return ProductStandard.objects.filter(Q(expires_on__isnull=True) | Q(expires_on__gte=day))


def _term_condition(term: str) -> Q:
    # Thai has no case: a plain LIKE is enough and cheaper than UPPER(...) LIKE UPPER(...).
    lookup = "icontains" if re.search("[A-Za-z]", term) else "contains"

    def having(*fields: str) -> Q:
        condition = Q()
        for name in fields:
            condition |= Q(**{f"{name}__{lookup}": term})
        return condition

    # One scan of the products (a hashed subplan), not one probe per producer.
    products = Product.objects.filter(having("name", "description", "description_en"))
    condition = having("name", "name_en", "description", "description_en") | Q(
        pk__in=products.values("producer_id")
    )
    provinces, districts = areas_named(term)
    if provinces:
        condition |= Q(province_code__in=provinces)
    if districts:
        condition |= Q(district_code__in=districts)
    return condition


def query_terms(query: str) -> list[str]:
    """The visitor's words, segmented like course search (Thai has no spaces between words)."""
    return [t for t in segment_query(query).split() if t][:MAX_QUERY_TERMS]


def listed_producers(filters: DirectoryFilters = DirectoryFilters()) -> QuerySet[Producer]:
    """Listed producers matching the filters, by name. Every word of the query must match."""
    producers = Producer.objects.listed()
    if filters.province:
        producers = producers.filter(province_code=filters.province)
    if filters.district:
        producers = producers.filter(district_code=filters.district)
    if filters.category:
        producers = producers.filter(
            Q(category=filters.category)
            | Q(Exists(Product.objects.filter(producer=OuterRef("pk"), category=filters.category)))
        )
    if filters.stars:
        producers = producers.filter(
            Exists(
                latest_ratings().filter(product__producer=OuterRef("pk"), stars__gte=filters.stars)
            )
        )
    if filters.standard:
        producers = producers.filter(
            Exists(
                current_standards().filter(product__producer=OuterRef("pk"), kind=filters.standard)
            )
        )
    for term in query_terms(filters.q):
        producers = producers.filter(_term_condition(term))
    return producers.order_by("name", "pk")


def _photos_prefetch(renditions) -> Prefetch:
    """Photos with their images and those renditions (all of them when `renditions` is empty)."""
    images = get_image_model().objects.prefetch_renditions(*renditions)
    return Prefetch(
        "photos",
        queryset=ProductPhoto.objects.order_by("sort_order", "pk").prefetch_related(
            Prefetch("image", queryset=images)
        ),
    )


def products_prefetch(renditions=CARD_RENDITIONS) -> Prefetch:
    """Products with their ratings, standards and photos (and the photos' renditions)."""
    return Prefetch(
        "products",
        queryset=Product.objects.order_by("name", "pk").prefetch_related(
            Prefetch("ratings", queryset=ProductRating.objects.order_by("-year")),
            Prefetch("standards", queryset=ProductStandard.objects.order_by("kind", "-expires_on")),
            _photos_prefetch(renditions),
        ),
    )


def training_counts(producer_ids) -> dict[int, dict]:
    """{producer id: {"members": holders of valid certificates, "completions": certificates}}."""
    rows = (
        Certificate.objects.valid()
        .filter(producer_id__in=list(producer_ids))
        .values("producer_id")
        .annotate(
            members=Count("enrolment__user", distinct=True),
            completions=Count("pk"),
        )
    )
    return {row["producer_id"]: row for row in rows}


def listed_producer(pk: int) -> Producer | None:
    """One listed producer with everything its public page shows, or None (not listed: 404).

    Every rendition of its photos is prefetched: a page uses several sizes of a few photos.
    """
    return (
        Producer.objects.listed()
        .prefetch_related(products_prefetch(renditions=()))
        .filter(pk=pk)
        .first()
    )


def courses_completed(producer: Producer) -> list[dict]:
    """Per course: how many of the producer's members completed it (counts only, no names)."""
    return list(
        Certificate.objects.valid()
        .filter(producer=producer)
        .values("enrolment__course_id", "course_title", "course_title_en")
        .annotate(members=Count("enrolment__user", distinct=True))
        .order_by("-members", "course_title")
    )


def named_certificates(producer: Producer) -> list[Certificate]:
    """Valid certificates of members who chose to be named on the producer's public page."""
    named = Membership.objects.confirmed().filter(
        producer=producer, named_publicly=True, user=OuterRef("enrolment__user")
    )
    return list(
        Certificate.objects.valid()
        .filter(producer=producer)
        .filter(Exists(named))
        .order_by("holder_name", "-completed_on")
        .only(
            "code",
            "holder_name",
            "holder_name_en",
            "course_title",
            "course_title_en",
            "completed_on",
        )
    )
