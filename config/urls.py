from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.cache import never_cache
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap as PageSitemap
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.documents import urls as wagtaildocs_urls

from certificates.views import my_certificates
from config.health import healthz
from courses import review_views
from showcase.sitemaps import ProducerSitemap, ProductSitemap

SITEMAPS = {"pages": PageSitemap, "producers": ProducerSitemap, "products": ProductSitemap}

urlpatterns = [
    path("healthz/", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("django-admin/", admin.site.urls),
    # Wagtail's approve / request-changes action, plus a message naming the course (see the view).
    path(
        "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        never_cache(review_views.workflow_action),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/certificates/", my_certificates, name="my_certificates"),
    path("accounts/", include("accounts.urls")),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    # The public directory (showcase) and the producers' own pages share /producers/.
    path("producers/", include("showcase.urls")),
    path("producers/", include("producers.urls")),
    path("learning/", include("learning.urls")),
    path("certificates/", include("certificates.urls")),
    path("api/v1/", include("api.urls")),
    path("", include("offline.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves every path not matched above; keep it last.
urlpatterns += [path("", include(wagtail_urls))]
