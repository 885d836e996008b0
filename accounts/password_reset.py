"""Forgotten passwords. An email address gets Django's one-time link; a mobile number gets a
one-time SMS code, typed together with the new password. Unknown contacts get the same answer."""

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.shortcuts import redirect, render
from django.views.decorators.debug import sensitive_post_parameters

from accounts import one_time_codes
from accounts.forms import CodeForm, ContactForm
from accounts.models import OneTimeCode
from accounts.views import CODE_NOT_SENT, CODES_TOO_MANY

PENDING_RESET = "pending_password_reset"
RESET = OneTimeCode.Purpose.PASSWORD_RESET


def request_reset(request):
    """Step 1: the email or mobile number of the account."""
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        phone, email = form.cleaned_data["phone"], form.cleaned_data["email"]
        if email:
            link_form = PasswordResetForm({"email": email})
            link_form.is_valid()
            link_form.save(
                request=request,
                use_https=request.is_secure(),
                email_template_name="accounts/password_reset_email.txt",
                subject_template_name="accounts/password_reset_subject.txt",
            )
            return redirect("accounts:password_reset_done")
        try:
            one_time_codes.count_request(request, phone)
            owner = get_user_model().objects.filter(phone=phone, is_active=True).first()
            # A code row either way, so that typing codes behaves alike; only an owner receives it.
            code = one_time_codes.issue(RESET, phone, send=owner is not None)
        except one_time_codes.TooManyCodes:
            form.add_error(None, CODES_TOO_MANY)
        except one_time_codes.NotDelivered:
            form.add_error(None, CODE_NOT_SENT)
        else:
            request.session[PENDING_RESET] = {"code": code.pk, "phone": phone}
            return redirect("accounts:password_reset_code")
    return render(request, "accounts/password_reset.html", {"form": form})


@sensitive_post_parameters("new_password1", "new_password2")
def reset_with_code(request):
    """Step 2 for a mobile number: the SMS code and the new password."""
    pending = request.session.get(PENDING_RESET)
    if pending is None:
        return redirect("accounts:password_reset")
    user = get_user_model().objects.filter(phone=pending["phone"], is_active=True).first()
    code_form = CodeForm(request.POST or None)
    password_form = SetPasswordForm(user, request.POST or None)
    if (
        request.method == "POST"
        and code_form.is_valid()
        and password_form.is_valid()
        and code_form.redeem(pending["code"], RESET)
    ):
        if user is not None:  # without an owner no code was sent, so none can match
            password_form.save()
        del request.session[PENDING_RESET]
        return redirect("accounts:password_reset_complete")
    return render(
        request,
        "accounts/password_reset_code.html",
        {"code_form": code_form, "form": password_form, "phone": pending["phone"]},
    )
