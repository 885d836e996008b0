import django_filters

from producers.models import Producer, ProducerType, ProductCategory


class ProducerFilter(django_filters.FilterSet):
    province = django_filters.CharFilter(field_name="province_code")
    district = django_filters.CharFilter(field_name="district_code")
    type = django_filters.ChoiceFilter(field_name="producer_type", choices=ProducerType.choices)
    category = django_filters.ChoiceFilter(choices=ProductCategory.choices)
    status = django_filters.ChoiceFilter(choices=Producer.Status.choices)

    class Meta:
        model = Producer
        fields = ["province", "district", "type", "category", "status"]
