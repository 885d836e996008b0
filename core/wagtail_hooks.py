from django.urls import path
from wagtail import hooks

from core import views


@hooks.register("register_admin_urls")
def register_job_status_url():
    return [path("jobs/<slug:kind>/<int:pk>/status/", views.job_status, name="core_job_status")]
