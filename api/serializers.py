"""What the API shows. Nothing personal beyond the role's need: no phone, email or national ID."""

from rest_framework import serializers

from certificates.models import Certificate
from producers.models import Producer, Product, ProductStandard
from selection.models import RoundRule, SelectionRound


class StandardSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProductStandard
        fields = ["kind", "certificate_number", "issued_on", "expires_on"]


class ProductSerializer(serializers.ModelSerializer):
    standards = StandardSerializer(many=True, read_only=True)

    class Meta:
        model = Product
        fields = ["name", "category", "standards"]


class ProducerSerializer(serializers.ModelSerializer):
    province_name = serializers.CharField(read_only=True)
    district_name = serializers.CharField(read_only=True)

    class Meta:
        model = Producer
        fields = [
            "id",
            "registration_number",
            "name",
            "name_en",
            "producer_type",
            "category",
            "status",
            "province_code",
            "province_name",
            "district_code",
            "district_name",
            "subdistrict_code",
            "registered_on",
        ]


class ProducerDetailSerializer(ProducerSerializer):
    products = ProductSerializer(many=True, read_only=True)
    address = serializers.SerializerMethodField()

    class Meta(ProducerSerializer.Meta):
        fields = [*ProducerSerializer.Meta.fields, "address", "products"]

    def get_address(self, producer) -> str:
        return producer.address_line()


class MemberCertificateSerializer(serializers.ModelSerializer):
    course_id = serializers.IntegerField(source="enrolment.course_id", read_only=True)
    verify_url = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = [
            "code",
            "status",
            "version",
            "holder_name",
            "course_id",
            "course_title",
            "completed_on",
            "issued_at",
            "revoked_at",
            "verify_url",
        ]

    def get_verify_url(self, cert) -> str:
        return cert.get_absolute_verify_url()


class RuleSerializer(serializers.ModelSerializer):
    label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = RoundRule
        fields = [
            "kind",
            "label",
            "on_date",
            "categories",
            "standard_kinds",
            "course_ids",
            "holder",
            "min_members",
        ]


class RoundSerializer(serializers.ModelSerializer):
    rules = RuleSerializer(many=True, read_only=True)

    class Meta:
        model = SelectionRound
        fields = ["id", "name", "year", "opens_on", "closes_on", "rules"]


class EvidenceSerializer(serializers.Serializer):
    kind = serializers.CharField()
    text = serializers.CharField()
    data = serializers.DictField()


class CheckSerializer(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()
    passed = serializers.BooleanField()
    summary = serializers.CharField()
    evidence = EvidenceSerializer(many=True)
    missing_course_ids = serializers.ListField(child=serializers.IntegerField())


class VerdictSerializer(serializers.Serializer):
    producer = serializers.IntegerField(source="producer.pk")
    round = serializers.IntegerField(source="round.pk")
    eligible = serializers.BooleanField()
    advice = serializers.SerializerMethodField()
    checks = CheckSerializer(many=True)

    def get_advice(self, verdict) -> str:
        from django.utils.translation import gettext

        return gettext("Advice for the selection committee, not a decision.")


class CourseCompletionSerializer(serializers.Serializer):
    course_id = serializers.IntegerField()
    title = serializers.CharField()
    enrolled = serializers.IntegerField()
    completed = serializers.IntegerField()
