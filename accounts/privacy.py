"""A trainee's rights under the PDPA: download their own data, and erase their account.

accounts sits at the bottom of the dependency chain, so the other apps add what they hold through
two Wagtail hooks:

- `personal_data_export(user) -> dict`: a named section of the download, e.g. {"enrolments": [...]}.
- `personal_data_erase(user) -> None`: erase or anonymise what the app holds about the user, inside
  the erasure's transaction. Issued certificates keep the name as issued (their own snapshot).
"""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.hashers import make_password
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail import hooks

from accounts.models import User

ERASED_NAME = "ผู้ใช้ที่ลบบัญชีแล้ว"


def export_personal_data(user: User) -> dict:
    data = {
        "account": {
            "email": user.email,
            "phone": user.phone,
            "title": user.thai_title,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "first_name_en": user.first_name_en,
            "last_name_en": user.last_name_en,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "privacy_consent_at": user.privacy_consent_at,
            "privacy_consent_version": user.privacy_consent_version,
        },
        "exported_at": timezone.now(),
    }
    for fn in hooks.get_hooks("personal_data_export"):
        data.update(fn(user) or {})
    return data


def erase_account(user: User) -> None:
    """Erase a trainee's personal data and close the account; what must stay is anonymised."""
    with transaction.atomic():
        for fn in hooks.get_hooks("personal_data_erase"):
            fn(user)
        user.email = f"erased-{user.pk}@invalid"
        user.phone = None
        user.title = User.Title.OTHER
        user.title_other = ""
        user.first_name = ERASED_NAME
        user.last_name = ""
        user.first_name_en = user.last_name_en = ""
        user.is_active = False
        user.password = make_password(None)
        user.save()
        user.groups.clear()


@login_required
def my_data(request):
    return render(request, "accounts/my_data.html")


@login_required
def download_my_data(request):
    body = json.dumps(
        export_personal_data(request.user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-data-smart-otop.json"'
    return response


@login_required
@require_POST
def delete_my_account(request):
    if not request.user.check_password(request.POST.get("password", "")):
        messages.error(request, _("The password is not right. Your account was not deleted."))
        return redirect("accounts:my_data")
    if request.user.is_staff or request.user.is_superuser:
        messages.error(request, _("Staff accounts are closed by an administrator."))
        return redirect("accounts:my_data")
    user = request.user
    erase_account(user)
    logout(request)
    messages.success(request, _("Your account and personal data were deleted."))
    return redirect("/")
