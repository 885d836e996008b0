"""Demo pages: about the programme, questions and answers, and the privacy notice (PDPA)."""

from wagtail.models import Site

from home.models import ContentPage, HomePage, SiteSettings

PAGES = [
    {
        "slug": "about",
        "title": "เกี่ยวกับโครงการ",
        "title_en": "About the programme",
        "body": (
            "<p>โครงการหนึ่งตำบล หนึ่งผลิตภัณฑ์ (OTOP) ส่งเสริมให้ชุมชนนำภูมิปัญญาท้องถิ่นมาสร้างสินค้า"
            "ที่มีคุณภาพและขายได้ หลักสูตร SMART OTOP ช่วยให้สมาชิกกลุ่มผู้ผลิตทุกคนเรียนรู้ได้เอง"
            "จากโทรศัพท์มือถือ โดยไม่ต้องเดินทางเข้าอบรมในตัวจังหวัดทุกครั้ง</p>"
            "<p>ผู้ผลิตที่ลงทะเบียนเข้าร่วมการคัดสรรมีมากกว่า 27,000 ราย มีผู้เข้าอบรม SMART OTOP แล้ว "
            "26,600 คน และมีผลิตภัณฑ์ที่ได้ระดับห้าดาว 573 ผลิตภัณฑ์ ใบประกาศนียบัตรจากหลักสูตรนี้"
            "ใช้เป็นหลักฐานประกอบการพิจารณาคุณสมบัติของผู้ผลิตในการคัดสรรสุดยอดหนึ่งตำบล "
            "หนึ่งผลิตภัณฑ์ไทย</p>"
        ),
        "body_en": (
            "<p>The One Tambon One Product (OTOP) programme helps communities turn local wisdom into "
            "quality products that sell. SMART OTOP lets every member of a producer group learn on "
            "their own phone, without travelling to the provincial town for each workshop.</p>"
            "<p>More than 27,000 producers registered for the selection; 26,600 people have taken "
            "SMART OTOP training, and 573 products are rated five stars. Certificates from these "
            "courses are evidence when a producer is judged for the OTOP Product Champion selection.</p>"
        ),
    },
    {
        "slug": "faq",
        "title": "คำถามที่พบบ่อย",
        "title_en": "Questions and answers",
        "body": (
            "<h3>ต้องเสียค่าใช้จ่ายหรือไม่</h3><p>ไม่เสียค่าใช้จ่าย ทุกหลักสูตรเรียนได้ฟรี</p>"
            "<h3>ไม่มีอีเมล สมัครได้หรือไม่</h3><p>ได้ ใช้เบอร์โทรศัพท์มือถือสมัครและเข้าสู่ระบบได้</p>"
            "<h3>เรียนไม่จบในครั้งเดียวได้หรือไม่</h3><p>ได้ ระบบจำบทเรียนที่เรียนแล้ว "
            "กดปุ่ม “เรียนต่อ” เพื่อกลับไปยังบทที่ค้างไว้</p>"
            "<h3>ใบประกาศนียบัตรตรวจสอบได้อย่างไร</h3><p>สแกนคิวอาร์โค้ดบนใบประกาศนียบัตร "
            "หรือกรอกเลขที่ใบประกาศนียบัตรในหน้าตรวจสอบ</p>"
        ),
        "body_en": (
            "<h3>Does it cost anything?</h3><p>No. Every course is free.</p>"
            "<h3>I have no email address. Can I sign up?</h3><p>Yes, with your mobile number.</p>"
            "<h3>Can I stop in the middle of a course?</h3><p>Yes. Your progress is kept; press "
            "“Continue” to go back to where you stopped.</p>"
            "<h3>How is a certificate checked?</h3><p>Scan its QR code, or type its number on the "
            "verification page.</p>"
        ),
    },
    {
        "slug": "privacy",
        "title": "ประกาศความเป็นส่วนตัว",
        "title_en": "Privacy notice",
        "body": (
            "<p>ประกาศนี้อธิบายการเก็บ ใช้ และเปิดเผยข้อมูลส่วนบุคคลของผู้เรียนตามพระราชบัญญัติคุ้มครอง"
            "ข้อมูลส่วนบุคคล พ.ศ. 2562 (PDPA) ฉบับ 2026-11</p>"
            "<h3>ข้อมูลที่เก็บ</h3><ul><li>ชื่อ นามสกุล คำนำหน้า อีเมล และเบอร์โทรศัพท์มือถือ</li>"
            "<li>กลุ่มผู้ผลิตที่เป็นสมาชิก</li><li>ความก้าวหน้าในการเรียน คะแนนแบบทดสอบ "
            "และใบประกาศนียบัตร</li><li>เลขประจำตัวประชาชน เฉพาะเมื่อท่านให้ความยินยอม "
            "โดยเก็บเพียงค่าที่เข้ารหัสทางเดียวและเลขสี่หลักท้าย</li></ul>"
            "<h3>วัตถุประสงค์</h3><p>เพื่อจัดการเรียนการสอน ออกใบประกาศนียบัตร "
            "และใช้ประกอบการพิจารณาคุณสมบัติผู้ผลิตในการคัดสรรผลิตภัณฑ์ OTOP</p>"
            "<h3>ทำเนียบผู้ผลิตสาธารณะ</h3><p>ข้อมูลของกลุ่มผู้ผลิตจะแสดงในทำเนียบผู้ผลิตที่ผ่านการอบรม "
            "(/producers/) เฉพาะเมื่อเจ้าของกลุ่มเลือกเปิดเผยจากหน้า “ผู้ผลิตของฉัน” เท่านั้น "
            "และปิดได้ทุกเมื่อ ทำเนียบแสดงชื่อกลุ่ม ตำบล อำเภอ จังหวัด ผลิตภัณฑ์ ระดับดาว มาตรฐาน "
            "ช่องทางติดต่อที่เจ้าของกลุ่มเลือกเผยแพร่ และจำนวนสมาชิกที่ผ่านการอบรมเป็นตัวเลขรวม "
            "ไม่แสดงชื่อหรือข้อมูลส่วนบุคคลของสมาชิก เว้นแต่สมาชิกผู้นั้นเลือกแสดงชื่อและใบประกาศนียบัตร"
            "ของตนเอง ผู้ประสานงานจังหวัดซ่อนรายการได้หากมีข้อร้องเรียน</p>"
            "<h3>สิทธิของท่าน</h3><p>ท่านขอดาวน์โหลดข้อมูลของตนเอง ขอแก้ไข หรือขอลบบัญชีได้ "
            "ใบประกาศนียบัตรที่ออกแล้วยังตรวจสอบได้ด้วยชื่อที่ปรากฏในวันที่ออก</p>"
        ),
        "body_en": (
            "<p>This notice explains how trainees' personal data is collected, used and disclosed "
            "under the Personal Data Protection Act B.E. 2562 (PDPA), version 2026-11.</p>"
            "<h3>What we keep</h3><ul><li>Name, title, email and mobile number</li>"
            "<li>The producer groups you belong to</li><li>Your progress, quiz scores and "
            "certificates</li><li>Your national ID, only with your consent, kept as a one-way hash "
            "and its last four digits</li></ul>"
            "<h3>Why</h3><p>To run the training, issue certificates, and inform the OTOP product "
            "selection about producers' eligibility.</p>"
            "<h3>The public directory</h3><p>A producer appears in the public directory of trained "
            "producers (/producers/) only when its owner turns this on from “My producer”, and "
            "can turn it off at any time. The directory shows the producer's name, subdistrict, "
            "district and province, products, stars, standards, the contacts the owner chose to "
            "publish, and how many members were trained, as numbers only. No member's name or "
            "personal data is shown unless that member chooses to show their own name and "
            "certificates. Coordinators can hide a listing after a complaint.</p>"
            "<h3>Your rights</h3><p>You may download your data, correct it, or ask for your account "
            "to be deleted. Certificates already issued stay verifiable with the name as issued.</p>"
        ),
    },
]


def seed(out) -> None:
    home = HomePage.objects.get()
    pages = {}
    for spec in PAGES:
        page = ContentPage.objects.child_of(home).filter(slug=spec["slug"]).first()
        if page is None:
            page = home.add_child(instance=ContentPage(show_in_menus=True, **spec))
            page.save_revision().publish()
        pages[spec["slug"]] = page
    site = Site.objects.get(is_default_site=True)
    site_settings = SiteSettings.for_site(site)
    site_settings.contact_phone = site_settings.contact_phone or "0 2141 6000"
    site_settings.privacy_page = pages["privacy"]
    site_settings.save()
    out.write(f"Pages: {', '.join(p.url_path for p in pages.values())}")
