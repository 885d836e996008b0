"""The JSON API (/api/v1/). Coordinators see only their provinces: anything outside is 404."""

from django.db.models import Count, F, Prefetch, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from api import serializers
from api.exceptions import api_exception_handler, not_found_response
from api.filters import ProducerFilter
from api.permissions import IsCoordinator
from api.throttling import AnonThrottle, UserThrottle
from api.verification import CREDENTIAL_SCHEMA, verification_record
from certificates.models import Certificate
from certificates.selectors import by_code
from learning.models import Enrolment
from learning.placement import enrolments_visible_to
from producers.models import Product
from producers.selectors import producers_visible_to
from selection.selectors import rounds_with_rules
from selection.services import evaluate

ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {"type": "object"},
            },
            "required": ["code", "message"],
        }
    },
}
ERRORS = {
    401: OpenApiResponse(ERROR_SCHEMA, description="Not signed in / no token"),
    403: OpenApiResponse(ERROR_SCHEMA, description="Not a coordinator"),
    404: OpenApiResponse(ERROR_SCHEMA, description="Not found (or outside your provinces)"),
    429: OpenApiResponse(ERROR_SCHEMA, description="Too many requests"),
}


class ApiMixin:
    throttle_classes = [AnonThrottle, UserThrottle]
    permission_classes = [IsCoordinator]

    def get_exception_handler(self):
        return api_exception_handler


class ProducerList(ApiMixin, generics.ListAPIView):
    """Producers in your provinces, filtered by province, district, type, category or status."""

    serializer_class = serializers.ProducerSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = ProducerFilter

    def get_queryset(self):
        return producers_visible_to(self.request.user).order_by("name", "pk")

    @extend_schema(
        responses={
            200: serializers.ProducerSerializer(many=True),
            400: OpenApiResponse(ERROR_SCHEMA, description="A filter value is not valid"),
            **ERRORS,
        }
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class ProducerDetail(ApiMixin, generics.RetrieveAPIView):
    serializer_class = serializers.ProducerDetailSerializer

    def get_queryset(self):
        return producers_visible_to(self.request.user).prefetch_related(
            Prefetch("products", queryset=Product.objects.prefetch_related("standards"))
        )

    @extend_schema(responses={200: serializers.ProducerDetailSerializer, **ERRORS})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class ProducerCertificates(ApiMixin, generics.ListAPIView):
    """Certificates (valid, revoked or replaced) issued under this producer (as printed on them)."""

    serializer_class = serializers.MemberCertificateSerializer

    def get_queryset(self):
        producer = get_object_or_404(producers_visible_to(self.request.user), pk=self.kwargs["pk"])
        return (
            Certificate.objects.exclude(status=Certificate.Status.PENDING)
            .filter(producer=producer)
            .select_related("enrolment")
            .order_by("-issued_at", "-pk")
        )

    @extend_schema(responses={200: serializers.MemberCertificateSerializer(many=True), **ERRORS})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class ProducerEligibility(ApiMixin, APIView):
    """Every check of the round for this producer, with its evidence. Advice, not a decision."""

    @extend_schema(responses={200: serializers.VerdictSerializer, **ERRORS})
    def get(self, request, pk: int, round_id: int):
        producer = get_object_or_404(producers_visible_to(request.user), pk=pk)
        round = get_object_or_404(rounds_with_rules(), pk=round_id)
        return Response(serializers.VerdictSerializer(evaluate(producer, round)).data)


class RoundList(ApiMixin, generics.ListAPIView):
    serializer_class = serializers.RoundSerializer

    def get_queryset(self):
        return rounds_with_rules().order_by("-year", "pk")

    @extend_schema(responses={200: serializers.RoundSerializer(many=True), **ERRORS})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class RoundDetail(ApiMixin, generics.RetrieveAPIView):
    serializer_class = serializers.RoundSerializer

    def get_queryset(self):
        return rounds_with_rules()

    @extend_schema(responses={200: serializers.RoundSerializer, **ERRORS})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class CompletionCounts(ApiMixin, generics.ListAPIView):
    """Per course: trainees enrolled and completed (for a provincial coordinator: the trainees
    whose home is in their provinces, as in the reports)."""

    serializer_class = serializers.CourseCompletionSerializer

    def get_queryset(self):
        enrolments = enrolments_visible_to(self.request.user, Enrolment.objects.all())
        return (
            enrolments.values("course_id")
            .annotate(
                title=F("course__title"),
                enrolled=Count("pk"),
                completed=Count("pk", filter=Q(status=Enrolment.Status.COMPLETED)),
            )
            .order_by("title", "course_id")
        )

    @extend_schema(responses={200: serializers.CourseCompletionSerializer(many=True), **ERRORS})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class CertificateVerification(ApiMixin, APIView):
    """Public: a certificate's verification record by its code (as printed under the QR code)."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        auth=[],
        responses={
            200: OpenApiResponse(CREDENTIAL_SCHEMA, description="The verification record"),
            404: ERRORS[404],
            429: ERRORS[429],
        },
    )
    def get(self, request, code: str):
        cert = by_code(code)
        if cert is None:
            return get_object_or_404(Certificate.objects.none())
        return Response(verification_record(cert))


def unknown_path(request, *args, **kwargs):
    response = not_found_response()
    return JsonResponse(response.data, status=response.status_code)
