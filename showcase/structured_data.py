"""schema.org data (JSON-LD) and Open Graph fields for the public pages.

Only what the public page itself shows goes in: no member's personal data, no house number.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.utils.translation import gettext as _

from producers.models import Producer, Product, ProductStandard, area_name

OSM_SEARCH = "https://www.openstreetmap.org/search"


def absolute(request, url: str) -> str:
    """A full address for search engines and link previews (media on S3 is already absolute)."""
    return url if url.startswith(("http://", "https://")) else request.build_absolute_uri(url)


def map_url(producer: Producer) -> str:
    """An OpenStreetMap search for the producer's subdistrict, district and province (a link only)."""
    found = producer.address
    if found is None:
        return ""
    names = (found.subdistrict.name_th, found.district.name_th, found.province.name_th)
    return f"{OSM_SEARCH}?{urlencode({'query': ' '.join(names)})}"


def postal_address(producer: Producer) -> dict:
    found = producer.address
    if found is None:
        return {}
    return {
        "@type": "PostalAddress",
        "addressLocality": f"{area_name(found.subdistrict)}, {area_name(found.district)}",
        "addressRegion": area_name(found.province),
        "postalCode": found.subdistrict.postal_codes[0],
        "addressCountry": "TH",
    }


def organization(request, producer: Producer) -> dict:
    page_url = request.path
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": absolute(request, page_url) + "#organization",
        "name": producer.name,
        "url": absolute(request, page_url),
        "address": postal_address(producer),
        "identifier": producer.registration_number,
    }
    if producer.name_en:
        data["alternateName"] = producer.name_en
    if producer.description:
        data["description"] = producer.description
    if producer.public_phone:
        data["telephone"] = producer.public_phone
    if producer.public_email:
        data["email"] = producer.public_email
    if producer.public_website:
        data["sameAs"] = [producer.public_website]
    return data


def awards(product: Product) -> list[str]:
    return [
        _("OTOP Product Champion %(stars)s stars, %(year)s") % {"stars": r.stars, "year": r.year}
        for r in product.ratings.all()
    ]


def product(request, product: Product, producer_url: str, images: list[str]) -> dict:
    page_url = request.path
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "url": absolute(request, page_url),
        "category": str(product.get_category_display()),
        "manufacturer": {
            "@type": "Organization",
            "@id": absolute(request, producer_url) + "#organization",
            "name": product.producer.name,
            "url": absolute(request, producer_url),
        },
    }
    description = product.display_description()
    if description:
        data["description"] = description
    if images:
        data["image"] = [absolute(request, url) for url in images]
    found = awards(product)
    if found:
        data["award"] = found
    standards = [
        {
            "@type": "Certification",
            "name": str(ProductStandard.Kind(s.kind).label),
            **(
                {"certificationIdentification": s.certificate_number}
                if s.certificate_number
                else {}
            ),
            **({"expires": s.expires_on.isoformat()} if s.expires_on else {}),
        }
        for s in product.standards.all()
        if s.is_current
    ]
    if standards:
        data["hasCertification"] = standards
    return data
