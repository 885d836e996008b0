"""Sitemap sections for the public directory (the Wagtail pages have their own)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from producers.models import Product
from showcase.selectors import listed_producers


class ProducerSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return listed_producers().only("pk", "updated_at")

    def location(self, item):
        return reverse("showcase:producer", args=[item.pk])

    def lastmod(self, item):
        return item.updated_at


class ProductSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return (
            Product.objects.filter(producer__in=listed_producers().values("pk"))
            .select_related("producer")
            .only("pk", "producer__id", "producer__updated_at")
            .order_by("producer__name", "pk")
        )

    def location(self, item):
        return reverse("showcase:product", args=[item.producer_id, item.pk])

    def lastmod(self, item):
        return item.producer.updated_at
