from django import template
from django.utils.crypto import salted_hmac

register = template.Library()


@register.simple_tag(takes_context=True)
def offline_account(context) -> str:
    """An opaque key of the signed-in account ("" when signed out) for the page's offline script.

    When it changes (sign-out, another account), the phone deletes the pages it kept. It is an HMAC,
    so the page never carries the account's id.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    return salted_hmac("offline.account", str(user.pk)).hexdigest()[:20]
