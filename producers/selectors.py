"""Queries other apps use: whose producers a user may see, and which producers a trainee belongs to.

Scoping rule: a superuser or a coordinator with a national scope sees every province
(`province_codes_for` returns None); a coordinator with province scopes sees those provinces; anyone
else (including a coordinator with no scope recorded yet) sees none.
"""

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet

from accounts.models import User
from accounts.services import COORDINATORS
from core.text import strip_control
from producers.addresses import areas_named
from producers.models import CoordinatorScope, Membership, Producer, Product


def province_codes_for(user: User) -> frozenset[str] | None:
    """The province codes whose producers `user` may see and change; None means all provinces."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return None
    cached = getattr(user, "_producer_province_codes", False)
    if cached is not False:
        return cached
    codes: frozenset[str] | None = frozenset()
    if user.groups.filter(name=COORDINATORS).exists():
        scopes = list(
            CoordinatorScope.objects.filter(user=user).values_list("national", "province_code")
        )
        if any(national for national, _code in scopes):
            codes = None
        else:
            codes = frozenset(code for _national, code in scopes if code)
    user._producer_province_codes = codes  # once per request: list views call this per row
    return codes


def producers_visible_to(user: User) -> QuerySet[Producer]:
    """The producers `user` may see as a coordinator (none for trainees)."""
    return Producer.objects.in_provinces(province_codes_for(user))


def can_manage_producer(user: User, producer: Producer) -> bool:
    codes = province_codes_for(user)
    return codes is None or producer.province_code in codes


def confirmed_producers_for(user: User) -> QuerySet[Producer]:
    """The producers `user` is a confirmed member (or owner) of. Requested links do not count."""
    return Producer.objects.filter(
        memberships__user=user, memberships__status=Membership.Status.CONFIRMED
    ).distinct()


def owned_producers_for(user: User) -> QuerySet[Producer]:
    return Producer.objects.filter(
        memberships__user=user,
        memberships__status=Membership.Status.CONFIRMED,
        memberships__role=Membership.Role.OWNER,
    ).distinct()


# A trainee's home producer: their earliest confirmed membership (confirmation time, then id).
HOME_MEMBERSHIP_ORDER = (F("confirmed_at").asc(nulls_last=True), "pk")


def home_membership(user: User) -> Membership | None:
    """The confirmed membership that places the trainee (the one printed on their certificates)."""
    return (
        Membership.objects.confirmed()
        .filter(user=user)
        .select_related("producer")
        .order_by(*HOME_MEMBERSHIP_ORDER)
        .first()
    )


def home_producer_values(field: str, user_ref=None) -> QuerySet:
    """One field of the home producer of the user `user_ref` points at, for a correlated Subquery."""
    return (
        Membership.objects.confirmed()
        .filter(user=user_ref if user_ref is not None else OuterRef("user_id"))
        .order_by(*HOME_MEMBERSHIP_ORDER)
        .values(f"producer__{field}")[:1]
    )


def memberships_of(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("producer").order_by("-requested_at")


def producer_with_details(producer_id: int) -> Producer:
    """One producer with its members, products, standards and ratings in a handful of queries."""
    return (
        Producer.objects.annotate(
            confirmed_members=Count("memberships", filter=Q(memberships__status="confirmed"))
        )
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("user").order_by("status", "role"),
            ),
            Prefetch(
                "products",
                queryset=Product.objects.prefetch_related("standards", "ratings").order_by("name"),
            ),
        )
        .get(pk=producer_id)
    )


def search_producers_to_join(query: str) -> QuerySet[Producer]:
    """Producers of the public directory whose name or province matches `query`, by name; what a
    trainee may see anyway. Unlisted producers are found by their registration number only."""
    term = strip_control(query or "").strip()
    if not term:
        return Producer.objects.none()
    provinces, _districts = areas_named(term)
    return (
        Producer.objects.listed()
        .filter(
            Q(name__icontains=term) | Q(name_en__icontains=term) | Q(province_code__in=provinces)
        )
        .order_by("name", "pk")
    )
