"""The public directory in the API: listed producers and their products, read-only, no token.

The same rules as the web pages (showcase): only producers whose owner opted in, members named
only when they chose it, the same filters and Thai search, a fixed number of queries per page.
"""

from django.db.models import prefetch_related_objects
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from api.exceptions import api_exception_handler
from api.throttling import AnonThrottle
from producers.models import Producer, Product, ProductCategory, ProductStandard
from showcase import selectors, structured_data
from showcase.directory import best_rating, cover_photo
from showcase.forms import DirectoryFilterForm
from showcase.selectors import CARD_RENDITIONS

# ------------------------------------------------------------------ serializers


class PublicStandardSerializer(serializers.ModelSerializer):
    label = serializers.CharField(source="get_kind_display", read_only=True)
    is_current = serializers.BooleanField(read_only=True)

    class Meta:
        model = ProductStandard
        fields = ["kind", "label", "certificate_number", "issued_on", "expires_on", "is_current"]


class PublicRatingSerializer(serializers.Serializer):
    year = serializers.IntegerField(help_text="Selection year (Buddhist Era)")
    stars = serializers.IntegerField(min_value=1, max_value=5)


class PublicPhotoSerializer(serializers.Serializer):
    caption = serializers.CharField(source="alt_text")
    webp = serializers.SerializerMethodField(help_text="WebP, at most 1600 px")
    jpeg = serializers.SerializerMethodField(help_text="JPEG, at most 1600 px")

    def _url(self, photo, spec: str) -> str:
        return self.context["request"].build_absolute_uri(photo.image.get_rendition(spec).url)

    def get_webp(self, photo) -> str:
        return self._url(photo, "max-1600x1600|format-webp")

    def get_jpeg(self, photo) -> str:
        return self._url(photo, "max-1600x1600")


class PublicProductSerializer(serializers.ModelSerializer):
    ratings = PublicRatingSerializer(many=True, read_only=True)
    standards = PublicStandardSerializer(many=True, read_only=True)
    photos = PublicPhotoSerializer(many=True, read_only=True)
    url = serializers.SerializerMethodField(help_text="The public web page")

    class Meta:
        model = Product
        fields = [
            "id",
            "name",
            "category",
            "description",
            "description_en",
            "ratings",
            "standards",
            "photos",
            "url",
        ]

    def get_url(self, product) -> str:
        path = reverse("showcase:product", args=[product.producer_id, product.pk])
        return self.context["request"].build_absolute_uri(path)


class DirectoryProducerSerializer(serializers.ModelSerializer):
    province_name = serializers.CharField(read_only=True)
    district_name = serializers.CharField(read_only=True)
    stars = serializers.SerializerMethodField(
        help_text="The best latest-year rating among its products (0: none)"
    )
    standards = serializers.SerializerMethodField(help_text="Standards currently held")
    members_trained = serializers.SerializerMethodField()
    photo = serializers.SerializerMethodField(help_text="A 640×480 JPEG of a product, or null")
    url = serializers.SerializerMethodField(help_text="The public web page")

    class Meta:
        model = Producer
        fields = [
            "id",
            "registration_number",
            "name",
            "name_en",
            "category",
            "province_code",
            "province_name",
            "district_code",
            "district_name",
            "stars",
            "standards",
            "members_trained",
            "photo",
            "url",
        ]

    def get_stars(self, producer) -> int:
        rating = best_rating(producer)
        return rating.stars if rating else 0

    def get_standards(self, producer) -> list[str]:
        return sorted(
            {s.kind for p in producer.products.all() for s in p.standards.all() if s.is_current}
        )

    def get_members_trained(self, producer) -> int:
        return self.context["trained"].get(producer.pk, {}).get("members", 0)

    def get_photo(self, producer) -> str | None:
        photo = cover_photo(producer)
        if photo is None:
            return None
        rendition = photo.image.get_rendition("fill-640x480")
        return self.context["request"].build_absolute_uri(rendition.url)

    def get_url(self, producer) -> str:
        path = reverse("showcase:producer", args=[producer.pk])
        return self.context["request"].build_absolute_uri(path)


class CourseCountSerializer(serializers.Serializer):
    course_id = serializers.IntegerField(source="enrolment__course_id")
    title = serializers.CharField(source="course_title")
    members = serializers.IntegerField(help_text="Members who completed it (a count, no names)")


class NamedCertificateSerializer(serializers.Serializer):
    holder_name = serializers.CharField()
    course_title = serializers.CharField()
    completed_on = serializers.DateField()
    verify_url = serializers.SerializerMethodField()

    def get_verify_url(self, cert) -> str:
        return self.context["request"].build_absolute_uri(cert.get_verify_url())


class DirectoryProducerDetailSerializer(DirectoryProducerSerializer):
    subdistrict_name = serializers.CharField(read_only=True)
    postal_code = serializers.SerializerMethodField()
    map_url = serializers.SerializerMethodField(help_text="An OpenStreetMap search of the area")
    completions = serializers.SerializerMethodField()
    courses = serializers.SerializerMethodField()
    named_certificates = serializers.SerializerMethodField(
        help_text="Only members who chose to be named"
    )
    products = PublicProductSerializer(many=True, read_only=True)

    class Meta(DirectoryProducerSerializer.Meta):
        fields = [
            *DirectoryProducerSerializer.Meta.fields,
            "producer_type",
            "description",
            "description_en",
            "subdistrict_code",
            "subdistrict_name",
            "postal_code",
            "map_url",
            "public_phone",
            "public_email",
            "public_line_id",
            "public_website",
            "completions",
            "courses",
            "named_certificates",
            "products",
        ]

    def get_postal_code(self, producer) -> str:
        found = producer.address
        return found.subdistrict.postal_codes[0] if found else ""

    def get_map_url(self, producer) -> str:
        return structured_data.map_url(producer)

    def get_completions(self, producer) -> int:
        return self.context["trained"].get(producer.pk, {}).get("completions", 0)

    def get_courses(self, producer) -> list[dict]:
        return CourseCountSerializer(selectors.courses_completed(producer), many=True).data

    def get_named_certificates(self, producer) -> list[dict]:
        return NamedCertificateSerializer(
            selectors.named_certificates(producer), many=True, context=self.context
        ).data


# ------------------------------------------------------------------ views

FILTER_PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Words, Thai or English (segmented)"),
    OpenApiParameter("province", OpenApiTypes.STR, description="DOPA province code, e.g. 51"),
    OpenApiParameter(
        "district", OpenApiTypes.STR, description="DOPA district code (with its province)"
    ),
    OpenApiParameter("category", OpenApiTypes.STR, enum=list(ProductCategory.values)),
    OpenApiParameter(
        "stars", OpenApiTypes.INT, enum=[3, 4, 5], description="At least this many stars"
    ),
    OpenApiParameter("standard", OpenApiTypes.STR, enum=list(ProductStandard.Kind.values)),
]
PUBLIC_ERRORS = {
    404: OpenApiResponse(description="Not in the public directory"),
    429: OpenApiResponse(description="Too many requests"),
}


class PublicMixin:
    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [AnonThrottle]

    def get_exception_handler(self):
        return api_exception_handler


class DirectoryList(PublicMixin, generics.ListAPIView):
    """Public: producers listed in the directory, by name, with the directory's filters."""

    serializer_class = DirectoryProducerSerializer

    def get_queryset(self):
        form = DirectoryFilterForm(self.request.query_params)
        filters = form.filters()
        if form.errors:
            raise ValidationError(form.errors)
        return selectors.listed_producers(filters)

    @extend_schema(
        auth=[],
        parameters=FILTER_PARAMETERS,
        responses={
            200: DirectoryProducerSerializer(many=True),
            400: OpenApiResponse(description="A filter value is not valid"),
            **PUBLIC_ERRORS,
        },
    )
    def get(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        prefetch_related_objects(page, selectors.products_prefetch(CARD_RENDITIONS))
        context = {
            **self.get_serializer_context(),
            "trained": selectors.training_counts(p.pk for p in page),
        }
        data = DirectoryProducerSerializer(page, many=True, context=context).data
        return self.get_paginated_response(data)


class DirectoryDetail(PublicMixin, APIView):
    """Public: one listed producer with its products, photos, stars, standards and training."""

    @extend_schema(auth=[], responses={200: DirectoryProducerDetailSerializer, **PUBLIC_ERRORS})
    def get(self, request, pk: int):
        producer = selectors.listed_producer(pk)
        if producer is None:
            raise NotFound
        context = {
            "request": request,
            "trained": selectors.training_counts([producer.pk]),
        }
        return Response(DirectoryProducerDetailSerializer(producer, context=context).data)
