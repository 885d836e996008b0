from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from accounts.forms import SignInForm, SignUpForm
from accounts.services import add_to_group


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
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        add_to_group(user, "Trainees")
        login(request, user, backend="accounts.backends.EmailOrPhoneBackend")
        messages.success(
            request,
            _("Welcome, %(name)s. Your account is ready.") % {"name": user.get_short_name()},
        )
        return redirect(_safe_next(request))
    return render(request, "accounts/sign_up.html", {"form": form, "next": _safe_next(request)})


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True
