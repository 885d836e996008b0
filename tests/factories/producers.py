"""Factories for the producer registry, for this app's tests and for other apps'."""

import datetime as dt

import factory
from django.contrib.auth.models import Permission

from producers.models import (
    CoordinatorScope,
    Membership,
    Producer,
    ProducerType,
    Product,
    ProductCategory,
    ProductPhoto,
    ProductRating,
    ProductStandard,
)
from tests.factories.accounts import CoordinatorFactory, TraineeFactory, platform_group

LAMPHUN_BAN_KLANG = "510112"  # ต.บ้านกลาง อ.เมืองลำพูน จ.ลำพูน
CHIANG_MAI_KHUN_KHONG = "501505"  # ต.ขุนคง อ.หางดง จ.เชียงใหม่
PHETCHABURI_THA_YANG = "760501"  # ต.ท่ายาง อ.ท่ายาง จ.เพชรบุรี


def national_id(first_twelve: str) -> str:
    """A valid 13-digit Thai national ID made from 12 digits plus their check digit."""
    total = sum(int(d) * (13 - i) for i, d in enumerate(first_twelve))
    return first_twelve + str((11 - total % 11) % 10)


def grant_coordinator_permissions() -> None:
    """The producers permissions the data migration gives Coordinators (transactional tests flush them)."""
    group = platform_group("Coordinators")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="producers"))


class ProducerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Producer
        django_get_or_create = ("registration_number",)

    registration_number = factory.Sequence(lambda n: f"5101-{n:05d}")
    name = factory.Iterator(
        [
            "กลุ่มทอผ้าไหมยกดอกบ้านกลาง",
            "กลุ่มลำไยอบแห้งเหมืองง่า",
            "วิสาหกิจชุมชนน้ำพริกแม่บุญ",
            "กลุ่มสบู่สมุนไพรบ้านไชยสถาน",
        ]
    )
    name_en = ""
    producer_type = ProducerType.COMMUNITY_GROUP
    category = ProductCategory.TEXTILE
    house_number = factory.Sequence(lambda n: str(n + 1))
    village = "หมู่ 3"
    subdistrict_code = LAMPHUN_BAN_KLANG
    phone = "053511234"
    registered_on = dt.date(2017, 1, 15)
    status = Producer.Status.ACTIVE


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    producer = factory.SubFactory(ProducerFactory)
    name = factory.Iterator(["ผ้าไหมยกดอกลายพิกุล", "น้ำพริกเผา", "สบู่สมุนไพรขมิ้นชัน"])
    category = ProductCategory.TEXTILE


class ProductStandardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductStandard

    product = factory.SubFactory(ProductFactory)
    kind = ProductStandard.Kind.COMMUNITY
    certificate_number = factory.Sequence(lambda n: f"มผช. {n + 1}/2566")
    issued_on = dt.date(2023, 6, 1)
    expires_on = dt.date(2026, 5, 31)


class ProductRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductRating

    product = factory.SubFactory(ProductFactory)
    year = 2567
    stars = 4


class MembershipFactory(factory.django.DjangoModelFactory):
    """A confirmed member by default (what certificates and eligibility count)."""

    class Meta:
        model = Membership

    user = factory.SubFactory(TraineeFactory)
    producer = factory.SubFactory(ProducerFactory)
    role = Membership.Role.MEMBER
    status = Membership.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(lambda: dt.datetime(2026, 6, 1, 3, 0, tzinfo=dt.UTC))


class RequestedMembershipFactory(MembershipFactory):
    status = Membership.Status.REQUESTED
    confirmed_at = None


class CoordinatorScopeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoordinatorScope

    user = factory.SubFactory(CoordinatorFactory)
    province_code = "51"
    national = False


def provincial_coordinator(*province_codes: str, **user_fields):
    """A coordinator (with the producers permissions) who sees only these provinces."""
    grant_coordinator_permissions()
    user = CoordinatorFactory(**user_fields)
    for code in province_codes:
        CoordinatorScope.objects.create(user=user, province_code=code)
    return user


def national_coordinator(**user_fields):
    grant_coordinator_permissions()
    user = CoordinatorFactory(**user_fields)
    CoordinatorScope.objects.create(user=user, national=True)
    return user


def product_image(title: str = "ผ้าไหมยกดอก", colour: str = "#6b2d5c"):
    """A small generated PNG stored as a Wagtail image (no files from outside)."""
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    buffer = io.BytesIO()
    PILImage.new("RGB", (800, 600), colour).save(buffer, format="PNG")
    return Image.objects.create(
        title=title, file=ImageFile(io.BytesIO(buffer.getvalue()), name="product.png")
    )


class ProductPhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductPhoto

    product = factory.SubFactory(ProductFactory)
    image = factory.LazyFunction(product_image)
    caption = "ผ้าไหมยกดอกลายพิกุลสีม่วง"


def listed_producer(**fields):
    """A producer whose owner agreed to the public directory."""
    import datetime as _dt

    return ProducerFactory(
        public_listing=True,
        public_listing_at=_dt.datetime(2026, 11, 1, 3, 0, tzinfo=_dt.UTC),
        **fields,
    )
