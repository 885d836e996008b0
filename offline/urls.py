from django.urls import path

from offline import views

app_name = "offline"

# Included at the site root: the worker must be served from "/" to control every page.
urlpatterns = [
    path("sw.js", views.service_worker, name="service_worker"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("manifest.webmanifest", views.web_app_manifest, name="manifest"),
    path("offline/", views.offline_page, name="page"),
    path("offline/courses/<int:course_id>/package/", views.package, name="package"),
]
