from django.core.cache import cache
from django.urls import NoReverseMatch, reverse

from courses.models import CourseIndexPage
from courses.services import CATALOGUE_URL_CACHE_KEY

CATALOGUE_URL_SECONDS = 300


def navigation(request):
    """Links every page's header needs: the course catalogue and the trainee's dashboard."""
    # Runs on every page: the catalogue URL is cached, and dropped when the catalogue is
    # saved, published, unpublished, moved or deleted (courses.signals).
    catalogue_url = cache.get(CATALOGUE_URL_CACHE_KEY)
    if catalogue_url is None:
        catalogue = CourseIndexPage.objects.live().only("id", "url_path").first()
        catalogue_url = (catalogue.get_url(request) if catalogue else None) or ""
        cache.set(CATALOGUE_URL_CACHE_KEY, catalogue_url, CATALOGUE_URL_SECONDS)
    try:
        dashboard_url = reverse("learning:dashboard")
    except NoReverseMatch:
        dashboard_url = None
    return {
        "catalogue_url": catalogue_url or None,
        "dashboard_url": dashboard_url,
    }


def site_settings(request):
    """The footer's organisation, contacts and privacy page, cached (see SiteSettings)."""
    from wagtail.models import Site

    from home.models import SiteSettings

    site = Site.find_for_request(request)
    return {"site_settings": SiteSettings.cached_for_site(site) if site else None}
