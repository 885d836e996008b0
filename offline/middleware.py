"""Tells the service worker which trainee pages it may keep on the phone, and which it must not.

The worker keeps a page only when its response says so (`X-Offline-Keep`), so admin, API, account
and any other page are never stored. A lesson page that shows a quiz result is `no-store`: results
and explanations never stay on the device.
"""

from __future__ import annotations

from urllib.parse import quote

from courses.models import CoursePage, LessonPage


class OfflineCachePolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method != "GET" or response.status_code != 200:
            return response
        context = getattr(response, "context_data", None) or {}
        match = getattr(request, "resolver_match", None)
        page = context.get("page")
        if context.get("latest_attempt") is not None:
            response["Cache-Control"] = "private, no-store"
        elif isinstance(page, LessonPage) and context.get("enrolment") and "quiz" in context:
            course = context.get("course")
            response["X-Offline-Keep"] = "lesson"
            response["X-Offline-Course"] = str(course.pk) if course else ""
            response["X-Offline-Title"] = quote(page.display_title)
        elif isinstance(page, CoursePage) and context.get("enrolment"):
            response["X-Offline-Keep"] = "course"
            response["X-Offline-Course"] = str(page.pk)
            response["X-Offline-Title"] = quote(page.display_title)
        elif match is not None and match.view_name == "learning:dashboard":
            response["X-Offline-Keep"] = "dashboard"
        return response
