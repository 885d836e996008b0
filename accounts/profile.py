"""A signed-in person's own account: name, phone and email (a new one proven by a code), password."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.messages.views import SuccessMessageMixin
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import one_time_codes
from accounts.forms import CodeForm, ContactChangeForm, ProfileNameForm
from accounts.models import OneTimeCode
from accounts.views import CODE_NOT_SENT, CODES_TOO_MANY

PENDING_CONTACT = "pending_contact_change"
CHANGE = OneTimeCode.Purpose.CHANGE_CONTACT


@login_required
def profile(request):
    user = request.user
    name_form = ProfileNameForm(instance=user, prefix="name")
    contact_form = ContactChangeForm(user, prefix="contact")
    if request.method == "POST" and "save_name" in request.POST:
        name_form = ProfileNameForm(request.POST, instance=user, prefix="name")
        if name_form.is_valid():
            name_form.save()
            messages.success(request, _("Your name is saved."))
            return redirect("accounts:profile")
    elif request.method == "POST" and "change_contact" in request.POST:
        contact_form = ContactChangeForm(user, request.POST, prefix="contact")
        if contact_form.is_valid():
            field, value = contact_form.change
            try:
                one_time_codes.count_request(request, value)
                code = one_time_codes.issue(CHANGE, value)
            except one_time_codes.TooManyCodes:
                contact_form.add_error(None, CODES_TOO_MANY)
            except one_time_codes.NotDelivered:
                contact_form.add_error(None, CODE_NOT_SENT)
            else:
                request.session[PENDING_CONTACT] = {"code": code.pk, "field": field, "value": value}
                return redirect("accounts:confirm_contact")
    return render(
        request,
        "accounts/profile.html",
        {"name_form": name_form, "contact_form": contact_form},
    )


@login_required
def confirm_contact(request):
    """The code sent to the new phone or email; only then does it replace the old one."""
    pending = request.session.get(PENDING_CONTACT)
    if pending is None:
        return redirect("accounts:profile")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and form.redeem(pending["code"], CHANGE):
        del request.session[PENDING_CONTACT]
        user = request.user
        setattr(user, pending["field"], pending["value"])
        try:
            with transaction.atomic():
                user.save(update_fields=[pending["field"]])
        except IntegrityError:  # they hold it, so they may know: another account has it
            messages.error(
                request,
                _("Another account uses this mobile number or email. It was not changed."),
            )
        else:
            messages.success(request, _("Saved. Sign in with it from now on."))
        return redirect("accounts:profile")
    return render(
        request, "accounts/profile_confirm.html", {"form": form, "sent_to": pending["value"]}
    )


class PasswordChangeView(SuccessMessageMixin, auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")
    success_message = gettext_lazy("Your new password is saved.")
