"""Public verification of a certificate, and the holder's download."""

import re
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.services import is_coordinator
from certificates import rendering, selectors
from certificates.models import Certificate
from certificates.open_badges import credential
from core.rate_limits import hit_from_client
from core.text import strip_control


def _rate_limited(request) -> bool:
    """A per-address counter per minute in the shared cache, so codes cannot be enumerated."""
    return hit_from_client(request, "certificates-verify", settings.CERTIFICATES_VERIFY_PER_MINUTE)


def _too_many() -> HttpResponse:
    response = HttpResponse(
        _("Too many checks from your address. Wait a minute and try again."), status=429
    )
    response["Retry-After"] = "60"
    return response


def _wants_json(request) -> bool:
    return request.GET.get("format") == "json" or "application/json" in request.headers.get(
        "Accept", ""
    )


CODE_SHAPE = re.compile(r"^[A-Z0-9-]{4,32}$")


def verify_form(request):
    """A box to type a certificate number (or paste the address of its QR code)."""
    typed = strip_control(request.GET.get("code", "")).strip()
    if not typed:
        return TemplateResponse(request, "certificates/verify_form.html", {})
    code = selectors.normalise_code(
        typed.rstrip("/").rsplit("/", 1)[-1]
    )  # the QR address works too
    if CODE_SHAPE.match(code):
        return redirect("certificates:verify", code=code)
    error = _("This is not a certificate number. It looks like OTOP-2569-7KQ4-M2XD.")
    return TemplateResponse(
        request, "certificates/verify_form.html", {"error": error, "typed": typed}, status=400
    )


def verify(request, code: str):
    if _rate_limited(request):
        return _too_many()
    cert = selectors.by_code(code)
    if cert is None:
        return _not_found(request, code)
    if _wants_json(request):
        return JsonResponse(
            credential(cert), json_dumps_params={"ensure_ascii": False, "indent": 2}
        )
    return TemplateResponse(
        request, "certificates/verify.html", {"cert": cert, "Status": Certificate.Status}
    )


def _not_found(request, code: str):
    """No certificate has this number: say so, where the number is printed, and let them retry."""
    typed = strip_control(code)[:64]
    if _wants_json(request):
        message = _("No certificate has the number %(code)s.") % {"code": typed}
        return JsonResponse({"found": False, "detail": message}, status=404)
    return TemplateResponse(
        request,
        "certificates/verify_unknown.html",
        {"typed": typed},
        status=404,
    )


def download(request, code: str):
    """The stored PDF (never a new render), for its holder and for coordinators; 404 for anyone else."""
    cert = selectors.by_code(code)
    user = request.user
    if cert is None or not cert.pdf or not user.is_authenticated:
        raise Http404
    is_holder = cert.enrolment.user_id == user.pk
    if not is_holder and not (
        is_coordinator(user) and selectors.visible_to(user).filter(pk=cert.pk).exists()
    ):
        raise Http404
    if cert.status == Certificate.Status.REVOKED:
        # Never the clean file: a copy stamped "revoked" across every page, with the date and reason.
        with cert.pdf.open("rb") as fh:
            stamped = rendering.stamped_revoked(
                fh.read(),
                cert.revoke_reason,
                timezone.localdate(cert.revoked_at) if cert.revoked_at else None,
            )
        response = HttpResponse(stamped, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{cert.code}-revoked.pdf"'
        return response
    return FileResponse(
        cert.pdf.open("rb"),
        as_attachment=True,
        filename=f"{cert.code}.pdf",
        content_type="application/pdf",
    )


LINE_SHARE = "https://social-plugins.line.me/lineit/share?"


@login_required
def my_certificates(request):
    """The signed-in person's certificates: download, verify page, and links to share it."""
    certificates = list(selectors.held_by(request.user))
    for cert in certificates:
        cert.verify_address = cert.get_absolute_verify_url()
        cert.line_share_url = LINE_SHARE + urlencode({"url": cert.verify_address})
    return TemplateResponse(request, "certificates/mine.html", {"certificates": certificates})
