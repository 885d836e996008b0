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

# The public directory: producers whose owners agreed to be listed, with what buyers read, the
# contacts they chose to publish, and photos of their products (colour, label on the picture, caption).
SHOWCASE = {
    LAMPHUN_SILK: {
        "description": (
            "กลุ่มแม่บ้านทอผ้าบ้านหนองช้างคืน ทอผ้าไหมยกดอกด้วยกี่พื้นเมืองตามแบบที่สืบทอดกันมา"
            "ตั้งแต่สมัยเจ้าเมืองลำพูน ใช้ไหมไทยเส้นเล็กย้อมสีเอง สมาชิกทุกคนผ่านหลักสูตร "
            "SMART OTOP เรื่องมาตรฐานผลิตภัณฑ์ชุมชน และกำลังพัฒนาบรรจุภัณฑ์ใหม่สำหรับของฝาก"
        ),
        "description_en": (
            "Weavers of Ban Nong Chang Khuen make Lamphun brocade silk on traditional looms, "
            "with fine Thai silk they dye themselves."
        ),
        "contacts": {"public_phone": "053511234", "public_line_id": "@banklangsilk"},
        "products": {
            "ผ้าไหมยกดอกลำพูน ลายพิกุล": (
                "ผ้าไหมยกดอกทอมือ ลายดอกพิกุลทองบนพื้นสีม่วงเปลือกมังคุด หน้ากว้าง 1 เมตร "
                "ยาว 2 เมตร ทอด้วยไหมไทยพุ่งทอง ใช้เวลาทอผืนละประมาณหนึ่งเดือน "
                "เหมาะสำหรับตัดชุดไทยในงานพิธี ซักแห้งเท่านั้น",
                "Hand-woven brocade silk with golden Pikul flowers on mangosteen purple, "
                "1 × 2 m; about a month of weaving per piece. Dry clean only.",
                [
                    ("#6b2d5c", "ผ้าไหมยกดอก ลายพิกุล", "ผ้าไหมยกดอกลายพิกุลสีม่วงเปลือกมังคุด"),
                    ("#8a5a12", "ลายพิกุลทอง", "ลวดลายดอกพิกุลทองระยะใกล้"),
                ],
            ),
            "ผ้าพันคอไหมยกดอก": (
                "ผ้าพันคอไหมยกดอกลายเล็ก ขนาด 30 × 180 เซนติเมตร น้ำหนักเบา "
                "มีให้เลือกห้าสี บรรจุกล่องกระดาษสาพร้อมเป็นของฝาก",
                "A light brocade silk scarf, 30 × 180 cm, in five colours, boxed as a gift.",
                [("#2f5d62", "ผ้าพันคอไหม", "ผ้าพันคอไหมยกดอกสีเขียวหัวเป็ด")],
            ),
        },
    },
    "7605-00102": {
        "description": (
            "วิสาหกิจชุมชนแม่บุญ อำเภอท่ายาง ทำน้ำพริกจากกุ้งเสียบของชาวประมงบ้านแหลม"
            "และพริกแห้งจากไร่ในชุมชน ผลิตในโรงเรือนที่ได้เลข อย. ทุกขวด"
        ),
        "description_en": (
            "Chili pastes made in Tha Yang from smoked shrimp of Ban Laem fishers and the "
            "community's own dried chilies."
        ),
        "contacts": {"public_phone": "032461552", "public_email": "maeboon.thayang@example.com"},
        "products": {
            "น้ำพริกเผากุ้งเสียบ": (
                "น้ำพริกเผาผัดกับกุ้งเสียบรมควันแบบเพชรบุรี รสหวานเค็มเผ็ดกลมกล่อม "
                "ไม่ใส่สารกันบูด ขวดแก้ว 120 กรัม เก็บได้ 6 เดือน เปิดแล้วเก็บในตู้เย็น",
                "Roasted chili paste with Phetchaburi smoked shrimp, no preservatives, 120 g jar.",
                [("#9c2a1a", "น้ำพริกเผากุ้งเสียบ", "น้ำพริกเผากุ้งเสียบในขวดแก้ว 120 กรัม")],
            ),
            "น้ำพริกตาแดงสูตรโบราณ": (
                "น้ำพริกตาแดงตำมือจากพริกแห้งคั่ว หอมแดง และกะปิเคย รสจัดแบบเมืองเพชร ขวด 100 กรัม",
                "Hand-pounded red chili dip with roasted chilies, shallots and shrimp paste.",
                [("#b5461f", "น้ำพริกตาแดง", "น้ำพริกตาแดงสูตรโบราณ")],
            ),
        },
    },
    "5015-00210": {
        "description": (
            "โรงงานแกะสลักไม้สักของช่างบ้านถวาย อำเภอหางดง สืบทอดงานช่างล้านนามาสามรุ่น "
            "ใช้ไม้สักจากสวนป่าที่ปลูกถูกกฎหมาย รับสั่งทำตามแบบ"
        ),
        "description_en": "Third-generation Ban Tawai teak carvers; plantation teak, made to order.",
        "contacts": {
            "public_phone": "053433120",
            "public_website": "https://tawai-woodcarving.example.com",
        },
        "products": {
            "ช้างไม้สักแกะสลักลายล้านนา": (
                "ช้างไม้สักแกะสลักทั้งตัวจากไม้ท่อนเดียว ลายผ้าคลุมหลังแบบล้านนา "
                "สูง 30 เซนติเมตร ขัดเคลือบด้วยน้ำมันธรรมชาติ",
                "A teak elephant carved from one block, Lanna saddle cloth, 30 cm high.",
                [("#6e4a2a", "ช้างไม้สักแกะสลัก", "ช้างไม้สักแกะสลักลายล้านนา สูง 30 ซม.")],
            ),
            "กล่องไม้สักฉลุลาย": (
                "กล่องไม้สักฉลุลายดอกไม้ ฝาเลื่อน ขนาด 20 × 12 × 8 เซนติเมตร ใช้เก็บเครื่องประดับหรือเป็นของขวัญ",
                "A teak box with fretwork flowers and a sliding lid, 20 × 12 × 8 cm.",
                [("#7d5a3c", "กล่องไม้สักฉลุลาย", "กล่องไม้สักฉลุลายดอกไม้")],
            ),
        },
    },
    "8411-00045": {
        "description": (
            "กลุ่มแม่บ้านเกษตรกรท่าฉางแปรรูปมะพร้าวจากสวนของสมาชิก ทั้งน้ำมันมะพร้าวสกัดเย็น"
            "และงานแกะสลักกะลา ผลิตภัณฑ์อาหารได้รับเครื่องหมายฮาลาล"
        ),
        "description_en": "Cold-pressed coconut oil and carved shells from members' own groves.",
        "contacts": {"public_phone": "077389415", "public_line_id": "thachangcoconut"},
        "products": {
            "น้ำมันมะพร้าวสกัดเย็น": (
                "น้ำมันมะพร้าวบริสุทธิ์สกัดเย็นจากเนื้อมะพร้าวแก่สด ไม่ผ่านความร้อน ใส กลิ่นหอมอ่อน "
                "ใช้ปรุงอาหารหรือบำรุงผิว ขวด 250 มิลลิลิตร",
                "Virgin coconut oil, cold pressed from fresh mature coconut, 250 ml.",
                [("#4f7a3a", "น้ำมันมะพร้าวสกัดเย็น", "น้ำมันมะพร้าวสกัดเย็นขวด 250 มล.")],
            ),
        },
    },
    "7501-00056": {
        "description": (
            "วิสาหกิจชุมชนลาดใหญ่ขึ้นตาลมะพร้าวทุกเช้า เคี่ยวน้ำตาลในเตาฟืนแบบดั้งเดิม "
            "ไม่ผสมน้ำตาลทราย ได้ห้าดาวสองปีติดต่อกัน"
        ),
        "description_en": (
            "Pure coconut sugar boiled over wood fires in Lat Yai, with no cane sugar added; "
            "five stars two selections running."
        ),
        "contacts": {"public_phone": "034723301"},
        "products": {
            "น้ำตาลมะพร้าวแท้ 100%": (
                "น้ำตาลมะพร้าวแท้จากน้ำตาลสดที่เก็บในวันเดียว เคี่ยวด้วยเตาฟืนจนเป็นสีน้ำตาลทอง "
                "หอมกลิ่นควันอ่อน ๆ ไม่ผสมน้ำตาลทราย ถ้วยละ 500 กรัม",
                "Pure coconut sugar from same-day sap, wood-fire boiled, 500 g.",
                [
                    ("#a86b1d", "น้ำตาลมะพร้าวแท้", "น้ำตาลมะพร้าวแท้ในถ้วย 500 กรัม"),
                    ("#7a4a12", "เตาเคี่ยวฟืน", "เตาฟืนเคี่ยวน้ำตาลมะพร้าว"),
                ],
            ),
        },
    },
    "5501-00033": {
        "description": (
            "กลุ่มสบู่สมุนไพรบ้านไชยสถาน อำเภอเมืองน่าน ใช้ขมิ้นชันและน้ำผึ้งป่าจากชุมชน ทำสบู่แบบกวนเย็นทีละก้อน"
        ),
        "description_en": "Cold-process soaps with turmeric and wild honey from Chai Sathan, Nan.",
        "contacts": {"public_phone": "054710338"},
        "products": {
            "สบู่สมุนไพรขมิ้นชันผสมน้ำผึ้ง": (
                "สบู่ก้อนกวนเย็นผสมขมิ้นชันและน้ำผึ้งป่า ช่วยให้ผิวชุ่มชื้น ก้อนละ 100 กรัม ห่อด้วยกระดาษสาเมืองน่าน",
                "Cold-process turmeric and wild honey soap, 100 g, wrapped in Nan mulberry paper.",
                [("#c08a1e", "สบู่ขมิ้นชันน้ำผึ้ง", "สบู่สมุนไพรขมิ้นชันผสมน้ำผึ้ง")],
            ),
        },
    },
}

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


def _seed_showcase(producer: Producer, spec: dict) -> None:
    """Fill an opted-in demo producer's public page once (left alone when already written)."""
    from courses.demo_media import picture
    from producers.models import ProductPhoto

    if not producer.description:
        producer.description = spec["description"]
        producer.description_en = spec["description_en"]
        for field, value in spec["contacts"].items():
            setattr(producer, field, value)
        producer.public_listing = True
        producer.public_listing_at = dt.datetime(2026, 11, 1, 3, 0, tzinfo=dt.UTC)
        producer.save()
    for product in producer.products.all():
        found = spec["products"].get(product.name)
        if found is None:
            continue
        description, description_en, photos = found
        if not product.description:
            product.description, product.description_en = description, description_en
            product.save(update_fields=["description", "description_en"])
        if not product.photos.exists():
            for index, (colour, label, caption) in enumerate(photos):
                image = picture(caption, colour, label, f"product-{product.pk}-{index}")
                ProductPhoto.objects.create(
                    product=product, image=image, caption=caption, sort_order=index
                )


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

        if number in SHOWCASE:
            _seed_showcase(producer, SHOWCASE[number])

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
                "named_publicly": True,  # she chose to show her certificate on the public page
                "confirmed_at": dt.datetime(2026, 6, 1, 3, 0, tzinfo=dt.UTC),
                "confirmed_by": lamphun,
            },
        )
    out.write(
        f"Producers: {len(PRODUCERS)} demo producers, {len(SHOWCASE)} in the public directory "
        f"(/producers/); {LAMPHUN_SILK} has somjai as owner; {lamphun.email} coordinates Lamphun."
    )
