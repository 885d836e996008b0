"""Wagtail admin screens for the registry, scoped to the coordinator's provinces.

Scoping is one rule per viewset (`visible_objects`, see accounts.scoping), applied by every view,
not by menus: a coordinator of Lamphun opening any URL of a Chiang Mai producer gets a 404.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters import BooleanFilter, ChoiceFilter
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton

from accounts.forms import UserByContactField
from accounts.scoping import ScopedModelViewSet
from core.exports import SpreadsheetExportMixin
from core.thai_dates import local_date
from producers import services
from producers.models import (
    CoordinatorScope,
    Membership,
    Producer,
    ProducerChangeRequest,
    ProducerType,
    Product,
    ProductCategory,
    ProductRating,
)
from producers.panels import producer_panels
from producers.selectors import producer_with_details, producers_visible_to, province_codes_for
from producers.widgets import SubdistrictPicker, district_choices, province_choices


# ---------------------------------------------------------------- producers
class ProducerAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        codes = province_codes_for(self.for_user) if self.for_user else None
        self.province_codes = codes
        if "subdistrict_code" in self.fields:
            self.fields["subdistrict_code"].widget = SubdistrictPicker(province_codes=codes)
            self.fields["subdistrict_code"].label = _("Location")

    def clean_subdistrict_code(self):
        code = self.cleaned_data["subdistrict_code"]
        if self.province_codes is not None and code[:2] not in self.province_codes:
            raise ValidationError(_("This subdistrict is outside the provinces you coordinate."))
        return code


class ProducerFilterSet(WagtailFilterSet):
    province = ChoiceFilter(label=gettext_lazy("Province"), field_name="province_code", choices=[])
    district = ChoiceFilter(label=gettext_lazy("District"), field_name="district_code", choices=[])
    producer_type = ChoiceFilter(label=gettext_lazy("Type"), choices=ProducerType.choices)
    category = ChoiceFilter(label=gettext_lazy("Product category"), choices=ProductCategory.choices)
    status = ChoiceFilter(label=gettext_lazy("Status"), choices=Producer.Status.choices)
    stars = ChoiceFilter(
        label=gettext_lazy("Stars (any product, any year)"),
        choices=[(str(n), "★" * n) for n in range(5, 0, -1)],
        method="filter_stars",
    )

    public_listing = BooleanFilter(label=gettext_lazy("Listed by the owner (public directory)"))
    listing_hidden = BooleanFilter(label=gettext_lazy("Hidden by a coordinator"))

    class Meta:
        model = Producer
        fields = []

    def __init__(self, data=None, *args, request=None, **kwargs):
        super().__init__(data, *args, request=request, **kwargs)
        codes = province_codes_for(request.user) if request else None
        self.filters["province"].extra["choices"] = province_choices(codes)
        province = (data or {}).get("province") or (
            next(iter(codes)) if codes is not None and len(codes) == 1 else ""
        )
        if province and (codes is None or province in codes):
            self.filters["district"].extra["choices"] = district_choices(province)
        else:
            self.filters["district"].extra["choices"] = []
            self.filters["district"].extra["help_text"] = _("Choose a province first.")

    def filter_stars(self, queryset, name, value):
        rated = ProductRating.objects.filter(product__producer=OuterRef("pk"), stars=int(value))
        return queryset.filter(Exists(rated))


class YesNoFieldPanel(FieldPanel):
    """A read-only yes/no field shown in words ("ใช่" / "ไม่ใช่"), not Python's True and False."""

    def format_value_for_display(self, value):
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        return super().format_value_for_display(value)


class ProducerIndexView(SpreadsheetExportMixin, generic.IndexView):
    """The producer list; its downloads are written like every other (core.exports)."""


class ProducerInspectView(generic.InspectView):
    template_name = "producers/admin/producer_inspect.html"

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        return producer_with_details(obj.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["extra_panels"] = producer_panels(self.object, self.request)
        context["memberships"] = self.object.memberships.all()
        context["products"] = self.object.products.all()
        return context


class ProducerViewSet(ScopedModelViewSet):
    model = Producer
    icon = "group"
    menu_label = gettext_lazy("Producers")
    url_prefix = "producers/producers"
    add_to_admin_menu = False
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = ProducerIndexView
    inspect_view_class = ProducerInspectView
    filterset_class = ProducerFilterSet
    search_fields = ["name", "name_en", "registration_number"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        "name",
        "registration_number",
        Column("producer_type", label=gettext_lazy("Type"), accessor="get_producer_type_display"),
        Column("category", label=gettext_lazy("Category"), accessor="get_category_display"),
        Column(
            "province_code",
            label=gettext_lazy("Province"),
            accessor="province_name",
            sort_key="province_code",
        ),
        Column(
            "district_code",
            label=gettext_lazy("District"),
            accessor="district_name",
            sort_key="district_code",
        ),
        StatusTagColumn(
            "status",
            label=gettext_lazy("Status"),
            accessor="get_status_display",
            primary=lambda p: p.status == "active",
        ),
    ]
    list_export = [
        "registration_number",
        "name",
        "name_en",
        "producer_type",
        "category",
        "house_number",
        "village",
        "subdistrict_code",
        "district_code",
        "province_code",
        "phone",
        "registered_on",
        "status",
    ]
    ordering = ["name"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("registration_number"),
                    FieldPanel("name"),
                    FieldPanel("name_en"),
                    FieldRowPanel([FieldPanel("producer_type"), FieldPanel("category")]),
                    FieldRowPanel([FieldPanel("status"), FieldPanel("registered_on")]),
                ],
                heading=gettext_lazy("Producer"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("house_number"), FieldPanel("village")]),
                    FieldPanel("subdistrict_code"),
                    FieldPanel("phone"),
                ],
                heading=gettext_lazy("Address and contact"),
            ),
            MultiFieldPanel(
                [
                    YesNoFieldPanel("public_listing", read_only=True),
                    FieldPanel("listing_hidden"),
                    FieldPanel("description"),
                    FieldPanel("description_en"),
                    FieldRowPanel(
                        [
                            FieldPanel("public_phone", read_only=True),
                            FieldPanel("public_email", read_only=True),
                        ]
                    ),
                    FieldRowPanel(
                        [
                            FieldPanel("public_line_id", read_only=True),
                            FieldPanel("public_website", read_only=True),
                        ]
                    ),
                ],
                heading=gettext_lazy("Public directory"),
                help_text=gettext_lazy(
                    "Only the owner lists the producer and chooses the published contacts; a "
                    "coordinator can hide the listing and correct the description."
                ),
            ),
            InlinePanel(
                "products",
                heading=gettext_lazy("Products"),
                label=gettext_lazy("Product"),
                panels=[FieldPanel("name"), FieldPanel("category")],
                help_text=gettext_lazy("Standards and star ratings are edited on each product."),
            ),
        ],
        base_form_class=ProducerAdminForm,
    )

    def visible_objects(self, user):
        return producers_visible_to(user)


# ---------------------------------------------------------------- products
class ScopedProducerChoiceForm(WagtailAdminModelForm):
    """Limits the producer picker to the coordinator's provinces."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "producer" in self.fields and self.for_user is not None:
            self.fields["producer"].queryset = Producer.objects.in_provinces(
                province_codes_for(self.for_user)
            )


class ProductViewSet(ScopedModelViewSet):
    model = Product
    icon = "tag"
    menu_label = gettext_lazy("Products")
    url_prefix = "producers/products"
    add_to_admin_menu = False
    copy_view_enabled = False
    list_filter = ["category"]
    search_fields = ["name", "producer__name", "producer__registration_number"]
    search_backend_name = None
    list_display = [
        "name",
        "producer",
        Column("category", accessor="get_category_display", label=gettext_lazy("Category")),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("producer"),
            FieldPanel("name"),
            FieldPanel("category"),
            FieldPanel("description"),
            FieldPanel("description_en"),
            InlinePanel(
                "photos",
                heading=gettext_lazy("Photos"),
                label=gettext_lazy("Photo"),
                panels=[FieldPanel("image"), FieldPanel("caption")],
                help_text=gettext_lazy(
                    "Shown on the public product page when the producer is listed."
                ),
            ),
            InlinePanel(
                "standards",
                heading=gettext_lazy("Standards"),
                label=gettext_lazy("Standard"),
                panels=[
                    FieldPanel("kind"),
                    FieldPanel("certificate_number"),
                    FieldRowPanel([FieldPanel("issued_on"), FieldPanel("expires_on")]),
                ],
            ),
            InlinePanel(
                "ratings",
                heading=gettext_lazy("Star ratings"),
                label=gettext_lazy("Star rating"),
                panels=[FieldRowPanel([FieldPanel("year"), FieldPanel("stars")])],
            ),
        ],
        base_form_class=ScopedProducerChoiceForm,
    )

    def visible_objects(self, user):
        return Product.objects.filter(producer__in=producers_visible_to(user)).select_related(
            "producer"
        )


# ---------------------------------------------------------------- memberships
def can_place_trainee(coordinator, trainee) -> bool:
    """Where a trainee belongs is decided above this app (learning.placement, which knows training
    sessions too); it answers through the `can_place_trainee` hook. No answer means no."""
    checks = hooks.get_hooks("can_place_trainee")
    return bool(checks) and all(check(coordinator, trainee) for check in checks)


NOT_PLACEABLE = gettext_lazy(
    "No trainee you may add has this email or mobile number. A trainee of another province joins "
    "through their own coordinator."
)


class MembershipFilterSet(WagtailFilterSet):
    status = ChoiceFilter(label=gettext_lazy("Status"), choices=Membership.Status.choices)
    role = ChoiceFilter(label=gettext_lazy("Role"), choices=Membership.Role.choices)
    province = ChoiceFilter(
        label=gettext_lazy("Province"), field_name="producer__province_code", choices=[]
    )

    class Meta:
        model = Membership
        fields = []

    def __init__(self, data=None, *args, request=None, **kwargs):
        super().__init__(data, *args, request=request, **kwargs)
        codes = province_codes_for(request.user) if request else None
        self.filters["province"].extra["choices"] = province_choices(codes)


class MembershipIndexView(generic.IndexView):
    """Memberships with checkboxes: join requests are confirmed in bulk (producers.bulk_actions)."""

    template_name = "producers/admin/membership_index.html"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user", "producer")

    @cached_property
    def columns(self):
        return [BulkActionsCheckboxColumn("bulk_actions", obj_type="membership"), *super().columns]

    def _get_title_column(self, *args, **kwargs):
        return super()._get_title_column(
            *args, **kwargs, get_title_id=lambda instance: f"membership_{instance.pk}_title"
        )

    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        if instance.status == Membership.Status.REQUESTED:
            buttons.insert(
                0,
                ListingButton(
                    _("Confirm or reject"),
                    url=self.url_for_decision(instance),
                    icon_name="check",
                    attrs={"aria-label": _("Confirm or reject %(name)s") % {"name": instance.user}},
                    priority=5,
                ),
            )
        return buttons

    def url_for_decision(self, instance):
        from django.urls import reverse

        return reverse("producer_memberships:decide", args=[instance.pk])


class MembershipDecisionView(generic.InspectView):
    """Shows a membership request with Confirm / Reject buttons; POST decides."""

    template_name = "producers/admin/membership_decide.html"
    permission_required = "change"

    def get_page_title(self):
        return _("Membership request")

    def post(self, request, *args, **kwargs):
        membership = self.object
        if request.POST.get("decision") == "confirm":
            services.confirm_membership(membership, by=request.user)
            messages.success(
                request,
                _("%(user)s is now a confirmed member of %(producer)s.")
                % {"user": membership.user, "producer": membership.producer.name},
            )
        elif request.POST.get("decision") == "reject":
            services.reject_membership(membership, by=request.user)
            messages.warning(
                request, _("The request of %(user)s was rejected.") % {"user": membership.user}
            )
        return redirect(self.index_url_name)


class MembershipAdminForm(ScopedProducerChoiceForm):
    """A coordinator adds only trainees they may place (see learning.placement); any other account
    gets the same answer as an unknown contact, so the form does not tell who has an account."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "user" in self.fields:
            self.fields["user"] = UserByContactField(
                label=_("Trainee (email or mobile number)"),
                initial=self.instance.user if self.instance.user_id else None,
            )
            self.fields["user"].error_messages["unknown"] = NOT_PLACEABLE

    def clean_user(self):
        user = self.cleaned_data.get("user")
        unchanged = self.instance.pk and self.instance.user_id == getattr(user, "pk", None)
        if user is not None and not unchanged and self.for_user is not None:
            if not can_place_trainee(self.for_user, user):
                raise ValidationError(NOT_PLACEABLE, code="unknown")
        return user

    def save(self, commit=True):
        membership = super().save(commit=False)
        if not commit:
            return membership
        if membership.status == Membership.Status.CONFIRMED and membership.confirmed_at is None:
            return services.confirm_membership(membership, by=self.for_user)
        membership.save()
        return membership


class MembershipViewSet(ScopedModelViewSet):
    model = Membership
    icon = "user"
    menu_label = gettext_lazy("Memberships")
    url_prefix = "producers/memberships"
    add_to_admin_menu = False
    copy_view_enabled = False
    index_view_class = MembershipIndexView
    filterset_class = MembershipFilterSet
    search_fields = [
        "user__first_name",
        "user__last_name",
        "user__email",
        "producer__name",
        "producer__registration_number",
    ]
    search_backend_name = None
    list_display = [
        "user",
        Column("producer", label=gettext_lazy("Producer")),
        Column("role", accessor="get_role_display", label=gettext_lazy("Role")),
        StatusTagColumn(
            "status",
            accessor="get_status_display",
            label=gettext_lazy("Status"),
            primary=lambda m: m.status == "confirmed",
        ),
        Column(
            "requested_at",
            label=gettext_lazy("Requested on"),
            accessor=lambda m: local_date(m.requested_at, short=True),
            sort_key="requested_at",
        ),
    ]
    ordering = ["status", "-requested_at"]
    edit_handler = ObjectList(
        [
            FieldPanel("user"),
            FieldPanel("producer"),
            FieldPanel("role"),
            FieldPanel("status"),
        ],
        base_form_class=MembershipAdminForm,
    )

    def visible_objects(self, user):
        return Membership.objects.filter(producer__in=producers_visible_to(user))

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("decide/<str:pk>/", self.decide_view, name="decide"),
        ]

    @property
    def decide_view(self):
        return self.construct_view(MembershipDecisionView, **self.get_inspect_view_kwargs())

    def get_inspect_view_kwargs(self, **kwargs):
        return {
            "fields": ["user", "producer", "role", "status", "requested_at"],
            **self.get_common_view_kwargs(**kwargs),
        }


# ---------------------------------------------------------------- owners' change requests
class ChangeRequestDecisionView(generic.InspectView):
    """An owner's requested change beside the current values, with Confirm / Reject; POST decides."""

    template_name = "producers/admin/change_request_decide.html"
    permission_required = "change"

    def get_page_title(self):
        return _("Change to a producer")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_pending"] = self.object.status == ProducerChangeRequest.Status.PENDING
        return context

    def post(self, request, *args, **kwargs):
        change = self.object
        decision = request.POST.get("decision")
        if decision not in ("confirm", "reject"):
            messages.error(request, _("Choose Confirm or Reject."))
            return redirect(self.edit_url_name, change.pk)
        try:
            services.decide_producer_change(change, by=request.user, confirm=decision == "confirm")
        except ValidationError as error:
            messages.error(
                request,
                _("The change cannot be applied: %(problem)s")
                % {"problem": " ".join(error.messages)},
            )
            return redirect(self.edit_url_name, change.pk)
        if decision == "confirm":
            messages.success(
                request,
                _("The change to %(producer)s was applied.") % {"producer": change.producer.name},
            )
        else:
            messages.warning(
                request,
                _("The change to %(producer)s was rejected.") % {"producer": change.producer.name},
            )
        return redirect(self.index_url_name)


class ProducerChangeRequestViewSet(ScopedModelViewSet):
    model = ProducerChangeRequest
    icon = "edit"
    menu_label = gettext_lazy("Owners' change requests")
    url_prefix = "producers/change-requests"
    add_to_admin_menu = False
    copy_view_enabled = False
    edit_view_class = ChangeRequestDecisionView
    form_fields = ["status"]  # never edited as a form: the edit view is the decision view
    list_filter = ["status"]
    search_fields = ["producer__name", "producer__registration_number"]
    search_backend_name = None
    list_display = [
        "producer",
        Column("requested_by", label=gettext_lazy("Requested by")),
        Column(
            "requested_at",
            label=gettext_lazy("Requested on"),
            accessor=lambda c: local_date(c.requested_at, short=True),
            sort_key="requested_at",
        ),
        StatusTagColumn(
            "status",
            accessor="get_status_display",
            label=gettext_lazy("Status"),
            primary=lambda c: c.status == "pending",
        ),
    ]

    def visible_objects(self, user):
        return ProducerChangeRequest.objects.filter(
            producer__in=producers_visible_to(user)
        ).select_related("producer", "requested_by")


# ---------------------------------------------------------------- coordinator scopes
class CoordinatorScopeForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province_code"] = forms.ChoiceField(
            label=_("Province"), required=False, choices=[("", "—"), *province_choices()]
        )


class CoordinatorScopeViewSet(ModelViewSet):
    model = CoordinatorScope
    icon = "key"
    menu_label = gettext_lazy("Coordinator provinces")
    url_prefix = "producers/coordinator-scopes"
    add_to_admin_menu = False
    copy_view_enabled = False
    list_display = [
        "user",
        "province_code",
        # A plain "national" column prints Python's True/False in English.
        Column(
            "national",
            label=CoordinatorScope._meta.get_field("national").verbose_name,
            accessor=lambda scope: _("Yes") if scope.national else "",
        ),
    ]
    form_fields = ["user", "province_code", "national"]
    edit_handler = ObjectList(
        [FieldPanel("user"), FieldPanel("province_code"), FieldPanel("national")],
        base_form_class=CoordinatorScopeForm,
    )
