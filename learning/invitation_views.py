"""The page of a training-session invitation's link (/learning/invitations/<token>/).

Whoever opens it sees the same page whether or not the invited contact has an account: the session,
and "sign in" beside "create an account". Signed in with the invited contact, one button joins.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from accounts.forms import ALREADY_REGISTERED
from accounts.services import account_with_contact, create_account
from learning import invitations
from learning.forms import InvitationSignUpForm


@sensitive_post_parameters("password1", "password2")
def invitation(request, token: str):
    found = invitations.find(token)
    user = request.user
    if found is None or (found.accepted_at and found.accepted_by_id != user.pk):
        return TemplateResponse(request, "learning/invitation_invalid.html", status=404)
    course_url = found.cohort.course.get_url(request)
    if found.accepted_at:  # this person again (a double click, the link opened twice)
        return redirect(course_url)
    context = {"invitation": found, "contact": invitations.masked(found.contact)}
    if user.is_authenticated:
        context["holds"] = invitations.holds_contact(user, found)
        if request.method == "POST" and context["holds"]:
            return _join(request, found, user, course_url, context)
        return TemplateResponse(request, "learning/invitation.html", context)
    form = InvitationSignUpForm(found, request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = _create_account(form)
        if created is not None:
            login(request, created, backend="accounts.backends.EmailOrPhoneBackend")
            return _join(request, found, created, course_url, context)
        form.add_error(None, ALREADY_REGISTERED)
    context["form"] = form
    return TemplateResponse(request, "learning/invitation.html", context)


def _create_account(form: InvitationSignUpForm):
    """The invitee's new account, or None when their contact has one already (sign in instead)."""
    pending = form.pending_account()
    if account_with_contact(pending["phone"], pending["email"])[0] is not None:
        return None
    try:
        with transaction.atomic():
            return create_account(pending)
    except IntegrityError:  # the same contact signed up a moment ago (a double tap)
        return None


def _join(request, found, user, course_url, context):
    try:
        invitations.accept(found, user)
    except invitations.NotYours:
        context.update(holds=False, refused=True)
        return TemplateResponse(request, "learning/invitation.html", context, status=403)
    messages.success(
        request,
        _("You have joined the training session “%(session)s”.") % {"session": found.cohort.name},
    )
    return redirect(course_url)
