"""Public pages: join a producer (by registration number or invite code), my producer, geo JSON."""

import geothai
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from core.rate_limits import hit
from producers import selectors, services
from producers.forms import (
    InviteCodeForm,
    JoinRequestForm,
    NamedPubliclyForm,
    NationalIdForm,
    OwnerProducerForm,
    PublicListingForm,
)
from producers.models import (
    Membership,
    Producer,
    ProducerChangeRequest,
    TraineeIdentity,
    area_name,
)

JOIN_SEARCH_PAGE_SIZE = 20


def _int(value) -> int | None:
    return int(value) if value and value.isascii() and value.isdigit() else None


_REQUEST_SENT = gettext_lazy(
    "Your request to join %(name)s was sent. A coordinator of the province will confirm it."
)


def _ask_to_join(request, forms) -> bool:
    """By registration number. True when done (the page is shown again afresh)."""
    forms["join"] = form = JoinRequestForm(request.POST, prefix="join")
    if not form.is_valid():
        return False
    membership = services.request_membership(request.user, form.producer)
    if membership.status == Membership.Status.CONFIRMED:
        messages.info(
            request,
            _("You are already a member of %(name)s.") % {"name": membership.producer.name},
        )
    else:
        messages.success(request, _REQUEST_SENT % {"name": membership.producer.name})
    return True


def _ask_to_join_listed(request, forms) -> bool:
    """A producer picked from the search results (listed in the public directory)."""
    producer = Producer.objects.listed().filter(pk=_int(request.POST.get("producer"))).first()
    if producer is None:
        messages.error(request, _("This producer cannot be found. Search again."))
    else:
        services.request_membership(request.user, producer)
        messages.success(request, _REQUEST_SENT % {"name": producer.name})
    return True


def _join_with_invite(request, forms) -> bool:
    forms["invite"] = form = InviteCodeForm(request.POST, prefix="invite")
    if not form.is_valid():
        return False
    try:
        membership = services.join_with_invite_code(request.user, form.cleaned_data["code"])
    except ValidationError as exc:
        form.add_error("code", exc)
        return False
    messages.success(
        request, _("You are now a member of %(name)s.") % {"name": membership.producer.name}
    )
    return True


def _record_identity(request, forms) -> bool:
    forms["identity"] = form = NationalIdForm(request.POST, prefix="identity")
    # Limited, so the form cannot be used to test whose ID is recorded.
    if hit("national-id", str(request.user.pk), settings.NATIONAL_ID_TRIES_PER_DAY, 86400):
        form.add_error(None, _("Too many tries with a national ID today. Try again tomorrow."))
        return False
    if not form.is_valid():
        return False
    try:
        services.record_national_id(request.user, form.cleaned_data["national_id"])
    except ValidationError as exc:
        form.add_error("national_id", exc)
        return False
    messages.success(
        request, _("Your national ID was recorded (only its last four digits are shown).")
    )
    return True


_JOIN_ACTIONS = {
    "request": _ask_to_join,
    "request_listed": _ask_to_join_listed,
    "invite": _join_with_invite,
    "identity": _record_identity,
}


@login_required
def join(request):
    """Ask to join a producer by its registration number, or join at once with an invite code."""
    forms = {
        "join": JoinRequestForm(prefix="join"),
        "invite": InviteCodeForm(prefix="invite"),
        "identity": NationalIdForm(prefix="identity"),
    }
    if request.method == "POST":
        handle = _JOIN_ACTIONS.get(request.POST.get("action"))
        if handle is not None and handle(request, forms):
            return redirect("producers:join")
    query = (request.GET.get("q") or "").strip()[:100]
    results = Paginator(selectors.search_producers_to_join(query), JOIN_SEARCH_PAGE_SIZE)
    return render(
        request,
        "producers/join.html",
        {
            "query": query,
            "results": results.get_page(request.GET.get("page")) if query else None,
            "join_form": forms["join"],
            "invite_form": forms["invite"],
            "identity_form": forms["identity"],
            "identity": TraineeIdentity.objects.filter(user=request.user).first(),
            "memberships": selectors.memberships_of(request.user),
        },
    )


@login_required
def my_producers(request):
    """The producers the trainee belongs to; owners also see members and the invite code."""
    producers = list(selectors.confirmed_producers_for(request.user).prefetch_related("products"))
    owned = set(selectors.owned_producers_for(request.user).values_list("pk", flat=True))
    mine = {m.producer_id: m for m in Membership.objects.confirmed().filter(user=request.user)}
    cards = []
    for producer in producers:
        members = (
            producer.memberships.select_related("user").order_by("status", "role")
            if producer.pk in owned
            else []
        )
        cards.append(
            {
                "producer": producer,
                "is_owner": producer.pk in owned,
                "members": members,
                "membership": mine.get(producer.pk),
            }
        )
    pending = (
        Membership.objects.filter(user=request.user, status=Membership.Status.REQUESTED)
        .select_related("producer")
        .order_by("-requested_at")
    )
    return render(request, "producers/mine.html", {"cards": cards, "pending": pending})


@login_required
@require_POST
def cancel_join_request(request, pk):
    """Withdraw one's own pending request (a coordinator no longer sees it)."""
    if services.cancel_join_request(request.user, pk):
        messages.success(request, _("Your request was withdrawn."))
    else:
        messages.error(request, _("There is no such pending request."))
    return redirect("producers:mine")


@login_required
@require_POST
def new_invite_code(request, pk):
    producer = get_object_or_404(selectors.confirmed_producers_for(request.user), pk=pk)
    try:
        code = services.generate_invite_code(producer, by=request.user)
    except PermissionDenied:
        messages.error(request, _("Only the owner can make an invite code."))
    else:
        messages.success(
            request, _("New invite code: %(code)s. The old code no longer works.") % {"code": code}
        )
    return redirect("producers:mine")


@login_required
def edit_my_producer(request, pk):
    """Contact fields change at once; the name and address wait for the province's coordinator."""
    producer = get_object_or_404(selectors.owned_producers_for(request.user), pk=pk)
    pending = producer.change_requests.filter(status=ProducerChangeRequest.Status.PENDING).first()
    # The form validates a copy (a ModelForm writes the typed values onto its instance), and shows
    # what is pending, so saving the phone again does not withdraw the requested address.
    form = OwnerProducerForm(
        request.POST or None,
        instance=Producer.objects.get(pk=producer.pk),
        initial=pending.changes if pending else None,
    )
    if request.method == "POST" and form.is_valid():
        change = services.update_producer_as_owner(producer, request.user, form.cleaned_data)
        messages.success(request, _("The producer's contact details were saved."))
        if change is not None:
            messages.info(
                request,
                _(
                    "The new name or address was sent to the coordinator of %(province)s. "
                    "It shows here once they confirm it."
                )
                % {"province": producer.province_name},
            )
        return redirect("producers:mine")
    return render(
        request,
        "producers/edit_mine.html",
        {"form": form, "producer": producer, "pending": pending},
    )


@login_required
def public_listing(request, pk):
    """The owner opts in to (or out of) the public directory and picks the contacts to publish."""
    producer = get_object_or_404(selectors.owned_producers_for(request.user), pk=pk)
    form = PublicListingForm(request.POST if request.method == "POST" else None, instance=producer)
    if request.method == "POST" and form.is_valid():
        services.update_public_listing(producer, request.user, form.cleaned_data)
        if producer.public_listing:
            messages.success(
                request, _("%(name)s is now in the public directory.") % {"name": producer.name}
            )
        else:
            messages.success(
                request,
                _("%(name)s is not shown in the public directory.") % {"name": producer.name},
            )
        return redirect("producers:mine")
    return render(request, "producers/public_listing.html", {"form": form, "producer": producer})


@login_required
@require_POST
def named_publicly(request, pk):
    """A member chooses whether their name and certificates appear on the producer's public page."""
    producer = get_object_or_404(selectors.confirmed_producers_for(request.user), pk=pk)
    form = NamedPubliclyForm(request.POST)
    form.is_valid()  # a missing box means "no"; nothing else can be wrong
    named = bool(form.cleaned_data.get("named_publicly"))
    services.set_named_publicly(request.user, producer, named)
    if named:
        messages.success(request, _("Your name and certificates are shown on the public page."))
    else:
        messages.success(request, _("Your name is not shown on the public page."))
    return redirect("producers:mine")


@require_GET
@cache_control(max_age=86400, public=True)
def geo_districts(request):
    province = request.GET.get("province", "")
    return JsonResponse(
        {
            "results": [
                {"code": d.code, "name": area_name(d)} for d in geothai.districts(province)
            ],
            "credit": "GeoThai (CC BY 4.0)",
        }
    )


@require_GET
@cache_control(max_age=86400, public=True)
def geo_subdistricts(request):
    district = request.GET.get("district", "")
    return JsonResponse(
        {
            "results": [
                {"code": s.code, "name": area_name(s), "postal_codes": list(s.postal_codes)}
                for s in geothai.subdistricts(district)
            ],
            "credit": "GeoThai (CC BY 4.0)",
        }
    )
