"""Refuse, at the edge, requests that carry a NUL character.

No form, query or address on this site ever means a NUL, and PostgreSQL refuses NUL in text, so a
NUL that reached a query would end in a server error. Such a request is answered 400 with a plain
message, before any view or database sees it; the JSON API gets it as its other errors, `{"detail": …}`.
"""

from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _

NUL = "\x00"
API_PREFIX = "/api/"


def _has_nul(querydict) -> bool:
    return any(
        NUL in key or any(NUL in value for value in values) for key, values in querydict.lists()
    )


class RefuseNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.carries_nul(request):
            message = _(
                "The request contains a character that is not allowed (NUL). Check what you typed."
            )
            if request.path_info.startswith(API_PREFIX):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    @staticmethod
    def carries_nul(request) -> bool:
        if NUL in request.path_info or _has_nul(request.GET):
            return True
        if request.method in ("POST", "PUT", "PATCH"):
            if _has_nul(request.POST):
                return True
            return any(NUL in (upload.name or "") for upload in request.FILES.values())
        return False
