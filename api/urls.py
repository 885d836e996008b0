from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularJSONAPIView

from api import directory, views

app_name = "api"

endpoints = [
    path("certificates/<str:code>/", views.CertificateVerification.as_view(), name="certificate"),
    path("producers/", views.ProducerList.as_view(), name="producers"),
    path("producers/<int:pk>/", views.ProducerDetail.as_view(), name="producer"),
    path(
        "producers/<int:pk>/certificates/",
        views.ProducerCertificates.as_view(),
        name="producer-certificates",
    ),
    path(
        "producers/<int:pk>/eligibility/<int:round_id>/",
        views.ProducerEligibility.as_view(),
        name="producer-eligibility",
    ),
    path("directory/producers/", directory.DirectoryList.as_view(), name="directory"),
    path(
        "directory/producers/<int:pk>/",
        directory.DirectoryDetail.as_view(),
        name="directory-producer",
    ),
    path("rounds/", views.RoundList.as_view(), name="rounds"),
    path("rounds/<int:pk>/", views.RoundDetail.as_view(), name="round"),
    path("completion/", views.CompletionCounts.as_view(), name="completion"),
]

# The schema describes this API only (not Wagtail's internal admin API).
schema_view = SpectacularJSONAPIView.as_view(
    patterns=[path("api/v1/", include((endpoints, "api")))],
    custom_settings={"TITLE": "SMART OTOP Learning API"},
)

urlpatterns = [
    path("openapi.json", schema_view, name="schema"),
    *endpoints,
    # Anything else under /api/v1/ (e.g. a negative id) is a JSON 404, never an HTML page.
    re_path(r"^.*$", views.unknown_path),
]
