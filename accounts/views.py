from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from accounts.forms import ALREADY_REGISTERED, SignInForm, SignUpForm
from accounts.services import add_to_group, tell_owner_of_sign_up_attempt
from core.rate_limits import hit_from_client


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


@sensitive_post_parameters("password1", "password2")
def sign_up(request):
    """A trainee creates an account; on success they are signed in and returned to `next`."""
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
        try:
            with transaction.atomic():
                user = form.save()
                add_to_group(user, "Trainees")
        except IntegrityError:  # the same email or phone signed up a moment ago (a double tap)
            form.add_error(None, ALREADY_REGISTERED)
            return render(
                request, "accounts/sign_up.html", {"form": form, "next": _safe_next(request)}
            )
        login(request, user, backend="accounts.backends.EmailOrPhoneBackend")
        messages.success(
            request,
            _("Welcome, %(name)s. Your account is ready.") % {"name": user.get_short_name()},
        )
        return redirect(_safe_next(request))
    if form.existing_account is not None:
        tell_owner_of_sign_up_attempt(form.existing_account)
    return render(request, "accounts/sign_up.html", {"form": form, "next": _safe_next(request)})


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True
