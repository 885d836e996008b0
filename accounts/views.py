from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.debug import sensitive_post_parameters

from accounts import one_time_codes
from accounts.forms import ALREADY_REGISTERED, CodeForm, SignInForm, SignUpForm
from accounts.models import OneTimeCode
from accounts.services import create_account, start_sign_up
from core.rate_limits import hit_from_client


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


PENDING_SIGN_UP = "pending_sign_up"

CODES_TOO_MANY = _lazy(
    "Too many codes were asked for this mobile number or email, or from your address. "
    "Wait an hour and try again."
)
CODE_NOT_SENT = _lazy(
    "We could not send the code just now (the message service did not answer). "
    "Nothing was saved; please try again in a few minutes."
)


@sensitive_post_parameters("password1", "password2")
def sign_up(request):
    """Step 1: the trainee's details; a code goes to their phone (or email). The answer is the
    same whether or not that phone or email has an account already (see services.start_sign_up)."""
    if request.user.is_authenticated:
        return redirect(_safe_next(request))
    if request.method == "POST" and hit_from_client(
        request, "sign-up", settings.SIGN_UPS_PER_ADDRESS_PER_HOUR, period=3600
    ):
        response = render(
            request,
            "accounts/sign_up.html",
            {"form": SignUpForm(), "next": _safe_next(request), "too_many": True},
            status=429,
        )
        response["Retry-After"] = "3600"
        return response
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        pending = form.pending_account()
        try:
            code = start_sign_up(request, pending)
        except one_time_codes.TooManyCodes:
            form.add_error(None, CODES_TOO_MANY)
        except one_time_codes.NotDelivered:
            form.add_error(None, CODE_NOT_SENT)
        else:
            request.session[PENDING_SIGN_UP] = {
                "account": pending,
                "code": code.pk,
                "sent_to": form.data.get("phone") or pending["email"],
                "next": _safe_next(request),
            }
            return redirect("accounts:sign_up_code")
    return render(request, "accounts/sign_up.html", {"form": form, "next": _safe_next(request)})


def sign_up_code(request):
    """Step 2: the code from the message; only now is the account created and signed in."""
    pending = request.session.get(PENDING_SIGN_UP)
    if pending is None:
        return redirect("accounts:sign_up")
    form = CodeForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and form.redeem(pending["code"], OneTimeCode.Purpose.SIGN_UP)
    ):
        del request.session[PENDING_SIGN_UP]
        try:
            user = create_account(pending["account"])
        except IntegrityError:  # the same contact signed up a moment ago (a double tap)
            form.add_error(None, ALREADY_REGISTERED)
            return render(request, "accounts/sign_up_code.html", {"form": form, "done": True})
        login(request, user, backend="accounts.backends.EmailOrPhoneBackend")
        messages.success(
            request,
            _("Welcome, %(name)s. Your account is ready.") % {"name": user.get_short_name()},
        )
        return redirect(pending["next"])
    return render(
        request, "accounts/sign_up_code.html", {"form": form, "sent_to": pending["sent_to"]}
    )


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True
