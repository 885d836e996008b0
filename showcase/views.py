"""The public directory: the listing with filters, a page per producer and per product."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_cookie

from showcase import selectors, structured_data
from showcase.directory import area_label, directory_page, photo_card
from showcase.forms import DirectoryFilterForm
from showcase.selectors import SHARE_RENDITION


def _page_links(request, page: dict) -> dict:
    """Previous/next addresses that keep the visitor's filters."""
    query = request.GET.copy()
    links = {}
    for name, number in (("previous", page["number"] - 1), ("next", page["number"] + 1)):
        if 1 <= number <= page["num_pages"]:
            query["page"] = number
            links[name] = "?" + query.urlencode()
    return links


@require_GET
@vary_on_cookie
def directory(request):
    form = DirectoryFilterForm(request.GET or None)
    filters = form.filters()
    page = directory_page(filters, request.GET.get("page"))
    return TemplateResponse(
        request,
        "showcase/directory.html",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "links": _page_links(request, page),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _share_image(products) -> str:
    """The address of a 1200×630 JPEG of the first product photo, for LINE and Facebook previews."""
    for product in products:
        photos = list(product.photos.all())
        if photos:
            return photos[0].image.get_rendition(SHARE_RENDITION).url
    return ""


@require_GET
@vary_on_cookie
def producer(request, pk: int):
    found = selectors.listed_producer(pk)
    if found is None:
        raise Http404(_("This producer is not in the public directory."))
    products = list(found.products.all())
    trained = selectors.training_counts([found.pk]).get(found.pk, {})
    page_url = request.path
    share_image = _share_image(products)
    return TemplateResponse(
        request,
        "showcase/producer.html",
        {
            "producer": found,
            "products": [
                {"product": p, "photo": photo_card(next(iter(p.photos.all()), None))}
                for p in products
            ],
            "members_trained": trained.get("members", 0),
            "courses": selectors.courses_completed(found),
            "certificates": selectors.named_certificates(found),
            "map_url": structured_data.map_url(found),
            "json_ld": structured_data.organization(request, found),
            "og": {
                "type": "website",
                "title": found.name,
                "description": found.description or area_label(found),
                "url": request.build_absolute_uri(page_url),
                "image": structured_data.absolute(request, share_image) if share_image else "",
            },
        },
    )


@require_GET
@vary_on_cookie
def product(request, pk: int, product_pk: int):
    found = selectors.listed_producer(pk)
    if found is None:
        raise Http404(_("This producer is not in the public directory."))
    item = next((p for p in found.products.all() if p.pk == product_pk), None)
    if item is None:
        raise Http404(_("This product is not in the public directory."))
    photos = list(item.photos.all())
    share_image = _share_image([item])
    page_url = request.path
    producer_url = reverse("showcase:producer", args=[found.pk])
    return TemplateResponse(
        request,
        "showcase/product.html",
        {
            "producer": found,
            "product": item,
            "photos": photos,
            "ratings": list(item.ratings.all()),
            "standards": list(item.standards.all()),
            "certificates": selectors.named_certificates(found),
            "json_ld": structured_data.product(
                request,
                item,
                producer_url,
                [photo.image.get_rendition("width-1200|format-jpeg").url for photo in photos],
            ),
            "og": {
                "type": "product",
                "title": f"{item.name} · {found.name}",
                "description": item.display_description() or found.name,
                "url": request.build_absolute_uri(page_url),
                "image": structured_data.absolute(request, share_image) if share_image else "",
            },
        },
    )
