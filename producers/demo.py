"""Demo registry: ten producers in real subdistricts, with products, standards and star ratings.

Idempotent: rows are found by registration number / natural keys, so a second run changes nothing.
"""

import datetime as dt

from django.contrib.auth.models import Group

from accounts.models import User
from accounts.services import COORDINATORS
from producers.models import (
    CoordinatorScope,
    Membership,
    Producer,
    Product,
    ProductRating,
    ProductStandard,
)

DEMO_PASSWORD = "otop-demo-2569"
LAMPHUN_SILK = "5101-00017"

# (registration number, Thai name, English name, type, category, house no., village, subdistrict,
#  phone, registered, [(product, category, [(standard kind, number, issued, expires)], {year: stars})])
PRODUCERS = [
    (
        LAMPHUN_SILK,
        "กลุ่มทอผ้าไหมยกดอกบ้านกลาง",
        "Ban Klang Brocade Silk Weaving Group",
        "community_group",
        "textile",
        "45",
        "หมู่ 3 บ้านหนองช้างคืน",
        "510112",
        "053511234",
        dt.date(2017, 1, 15),
        [
            (
                "ผ้าไหมยกดอกลำพูน ลายพิกุล",
                "textile",
                [("community", "มผช. 17/2565", dt.date(2022, 6, 1), dt.date(2027, 5, 31))],
                {2565: 4, 2567: 5},
            ),
            ("ผ้าพันคอไหมยกดอก", "textile", [], {2567: 4}),
        ],
    ),
    (
        "7605-00102",
        "วิสาหกิจชุมชนน้ำพริกแม่บุญ ท่ายาง",
        "Mae Boon Chili Paste Community Enterprise",
        "community_enterprise",
        "food",
        "88/1",
        "หมู่ 5",
        "760501",
        "032461552",
        dt.date(2019, 3, 4),
        [
            (
                "น้ำพริกเผากุ้งเสียบ",
                "food",
                [
                    ("fda", "76-2-00562-2-0014", dt.date(2020, 2, 10), None),
                    ("community", "มผช. 1022/2566", dt.date(2023, 8, 1), dt.date(2026, 7, 31)),
                ],
                {2566: 5},
            ),
            (
                "น้ำพริกตาแดงสูตรโบราณ",
                "food",
                [("fda", "76-2-00562-2-0021", dt.date(2021, 5, 3), None)],
                {2566: 3},
            ),
        ],
    ),
    (
        "5501-00033",
        "กลุ่มสบู่สมุนไพรบ้านไชยสถาน",
        "Chai Sathan Herbal Soap Group",
        "community_group",
        "herbal",
        "12",
        "หมู่ 2 บ้านไชยสถาน",
        "550104",
        "054710338",
        dt.date(2018, 7, 20),
        [
            (
                "สบู่สมุนไพรขมิ้นชันผสมน้ำผึ้ง",
                "herbal",
                [("community", "มผช. 471/2564", dt.date(2021, 9, 15), dt.date(2024, 9, 14))],
                {2564: 4},
            )
        ],
    ),
    (
        "5015-00210",
        "บริษัท ถวายไม้แกะสลัก จำกัด",
        "Tawai Woodcarving Co., Ltd.",
        "sme",
        "household",
        "199",
        "หมู่ 2 บ้านถวาย",
        "501505",
        "053433120",
        dt.date(2011, 11, 1),
        [
            ("ช้างไม้สักแกะสลักลายล้านนา", "household", [], {2565: 5, 2567: 5}),
            ("กล่องไม้สักฉลุลาย", "household", [], {2567: 4}),
        ],
    ),
    (
        "8411-00045",
        "กลุ่มแม่บ้านเกษตรกรผลิตภัณฑ์มะพร้าวท่าฉาง",
        "Tha Chang Coconut Products Housewives Group",
        "community_group",
        "food",
        "7",
        "หมู่ 4",
        "841101",
        "077389415",
        dt.date(2016, 5, 9),
        [
            (
                "น้ำมันมะพร้าวสกัดเย็น",
                "food",
                [
                    ("fda", "84-1-03558-2-0003", dt.date(2019, 1, 8), None),
                    ("halal", "ฮ.ล. 0123/2566", dt.date(2023, 4, 1), dt.date(2026, 3, 31)),
                ],
                {2566: 4},
            ),
            ("กะลามะพร้าวแกะสลัก", "household", [], {}),
        ],
    ),
    (
        "7607-00019",
        "วิสาหกิจชุมชนข้าวแช่ตาลโตนดบางแก้ว",
        "Bang Kaeo Palm Sugar Community Enterprise",
        "community_enterprise",
        "food",
        "21",
        "หมู่ 1",
        "760704",
        "032481220",
        dt.date(2020, 10, 12),
        [
            (
                "น้ำตาลโตนดแท้",
                "food",
                [("gmp", "GMP 76-0045", dt.date(2022, 1, 10), dt.date(2025, 1, 9))],
                {2567: 3},
            )
        ],
    ),
    (
        "5101-00108",
        "กลุ่มลำไยอบแห้งเหมืองง่า",
        "Mueang Nga Dried Longan Group",
        "community_group",
        "food",
        "3/2",
        "หมู่ 6 บ้านเหมืองง่า",
        "510102",
        "053530871",
        dt.date(2015, 8, 3),
        [
            (
                "ลำไยอบแห้งสีทอง",
                "food",
                [("fda", "51-2-00318-2-0007", dt.date(2018, 6, 1), None)],
                {2565: 4},
            )
        ],
    ),
    (
        "3401-00277",
        "นางประไพ ทองคำ (ผ้าฝ้ายย้อมคราม)",
        "Prapai Thongkham Indigo Cotton",
        "single_owner",
        "textile",
        "54",
        "ชุมชนวัดแจ้ง",
        "340101",
        "0819674412",
        dt.date(2021, 2, 1),
        [("เสื้อผ้าฝ้ายย้อมครามธรรมชาติ", "textile", [], {2567: 3})],
    ),
    (
        "7501-00056",
        "วิสาหกิจชุมชนน้ำตาลมะพร้าวลาดใหญ่",
        "Lat Yai Coconut Sugar Community Enterprise",
        "community_enterprise",
        "food",
        "9",
        "หมู่ 8",
        "750103",
        "034723301",
        dt.date(2014, 4, 22),
        [
            (
                "น้ำตาลมะพร้าวแท้ 100%",
                "food",
                [
                    ("community", "มผช. 122/2566", dt.date(2023, 3, 1), dt.date(2026, 2, 28)),
                    ("fda", "75-2-00141-2-0002", dt.date(2017, 3, 1), None),
                ],
                {2565: 5, 2567: 5},
            )
        ],
    ),
    (
        "4119-00084",
        "กลุ่มเครื่องดื่มสมุนไพรบ้านนาพู่",
        "Na Phu Herbal Drink Group",
        "community_group",
        "beverage",
        "101",
        "หมู่ 7",
        "411903",
        "042279108",
        dt.date(2022, 6, 30),
        [
            (
                "น้ำกระเจี๊ยบพร้อมดื่ม",
                "beverage",
                [("fda", "41-1-01990-2-0011", dt.date(2023, 1, 20), None)],
                {},
            )
        ],
    ),
]

COORDINATOR_PROVINCES = {"coordinator@demo.otop.test": None, "lamphun@demo.otop.test": ["51"]}


def _lamphun_coordinator() -> User:
    user, created = User.objects.get_or_create(
        email="lamphun@demo.otop.test",
        defaults={
            "phone": "0655556666",
            "title": User.Title.MR,
            "first_name": "ธนากร",
            "last_name": "อินทรวงศ์",
            "first_name_en": "Thanakorn",
            "last_name_en": "Intharawong",
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    user.groups.add(Group.objects.get(name=COORDINATORS))
    return user


def seed(out) -> None:
    for (
        number,
        name,
        name_en,
        ptype,
        category,
        house,
        village,
        code,
        phone,
        registered,
        products,
    ) in PRODUCERS:
        producer, _created = Producer.objects.get_or_create(
            registration_number=number,
            defaults={
                "name": name,
                "name_en": name_en,
                "producer_type": ptype,
                "category": category,
                "house_number": house,
                "village": village,
                "subdistrict_code": code,
                "phone": phone,
                "registered_on": registered,
            },
        )
        for product_name, product_category, standards, ratings in products:
            product, _created = Product.objects.get_or_create(
                producer=producer, name=product_name, defaults={"category": product_category}
            )
            for kind, cert, issued, expires in standards:
                ProductStandard.objects.get_or_create(
                    product=product,
                    kind=kind,
                    certificate_number=cert,
                    defaults={"issued_on": issued, "expires_on": expires},
                )
            for year, stars in ratings.items():
                ProductRating.objects.get_or_create(
                    product=product, year=year, defaults={"stars": stars}
                )

    somjai = User.objects.filter(email="somjai@demo.otop.test").first()
    coordinator = User.objects.filter(email="coordinator@demo.otop.test").first()
    lamphun = _lamphun_coordinator()
    if coordinator:
        CoordinatorScope.objects.get_or_create(user=coordinator, province_code="", national=True)
    CoordinatorScope.objects.get_or_create(user=lamphun, province_code="51")
    if somjai:
        silk = Producer.objects.get(registration_number=LAMPHUN_SILK)
        Membership.objects.get_or_create(
            user=somjai,
            producer=silk,
            defaults={
                "role": Membership.Role.OWNER,
                "status": Membership.Status.CONFIRMED,
                "confirmed_at": dt.datetime(2026, 6, 1, 3, 0, tzinfo=dt.UTC),
                "confirmed_by": lamphun,
            },
        )
    out.write(
        f"Producers: {len(PRODUCERS)} demo producers; {LAMPHUN_SILK} has somjai as owner; "
        f"{lamphun.email} coordinates Lamphun."
    )
