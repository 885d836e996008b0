from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class ThaiFirstLocaleMiddleware:
    """Thai unless the visitor chose English with the language switch (a cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language; the programme's audience is
    Thai first, so only an explicit choice changes the language.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class PreviewFramingMiddleware:
    """Let the Wagtail admin frame its own live preview, and nothing else frame any page.

    Wagtail renders a preview by running a made-up request for the page's public URL through the
    middleware, so the public site's `frame-ancestors 'none'` would blank the admin's preview panel.
    Only that made-up request (`request.is_preview`, set by Wagtail) may be framed, by this origin.
    Listed after CSPMiddleware and XFrameOptionsMiddleware so it sees the response first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "is_preview", False):
            response._csp_replace = {"frame-ancestors": ["'self'"]}
            response.headers["X-Frame-Options"] = "SAMEORIGIN"
        return response
