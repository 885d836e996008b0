from django.apps import apps
from django.urls import NoReverseMatch, reverse


def navigation(request):
    """Links every page's header needs: the course catalogue and the trainee's dashboard."""
    catalogue = None
    try:
        CourseIndexPage = apps.get_model("courses", "CourseIndexPage")
    except LookupError:
        CourseIndexPage = None
    if CourseIndexPage is not None:
        catalogue = CourseIndexPage.objects.live().only("url_path").first()
    try:
        dashboard_url = reverse("learning:dashboard")
    except NoReverseMatch:
        dashboard_url = None
    return {
        "catalogue_url": catalogue.get_url(request) if catalogue else None,
        "dashboard_url": dashboard_url,
    }
