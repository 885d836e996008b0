from django.db import migrations

INTRO = (
    "<p>SMART OTOP คือหลักสูตรออนไลน์สำหรับสมาชิกกลุ่มผู้ผลิต ผู้ประกอบการ OTOP ทั่วประเทศ "
    "เรียนเรื่องการพัฒนาผลิตภัณฑ์ มาตรฐานผลิตภัณฑ์ชุมชน (มผช.) บรรจุภัณฑ์ และการขายออนไลน์ "
    "ได้จากโทรศัพท์มือถือ ทุกที่ ทุกเวลา เรียนจบแล้วรับใบประกาศนียบัตรที่ใช้ประกอบการคัดสรร "
    "สุดยอดหนึ่งตำบล หนึ่งผลิตภัณฑ์ไทยได้</p>"
)
INTRO_EN = (
    "<p>SMART OTOP is the online training of the One Tambon One Product programme for members of "
    "producer groups across Thailand: product development, the community product standard (TCPS), "
    "packaging and selling online, on your phone, at your own pace. Finish a course and receive a "
    "certificate that counts in the OTOP Product Champion selection.</p>"
)


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("home", "HomePage")
    Locale = apps.get_model("wagtailcore", "Locale")

    # Replace the plain page that wagtailcore's own migration put at the top of the tree.
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    content_type, _created = ContentType.objects.get_or_create(model="homepage", app_label="home")
    home = HomePage.objects.create(
        title="หน้าแรก",
        draft_title="หน้าแรก",
        title_en="Home",
        slug="home",
        content_type=content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=Locale.objects.order_by("pk").first(),
        hero_heading="เรียนรู้ พัฒนาผลิตภัณฑ์ OTOP ให้ได้มาตรฐาน",
        hero_heading_en="Learn to make OTOP products that meet the standard",
        intro=INTRO,
        intro_en=INTRO_EN,
    )
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True,
        site_name="SMART OTOP Learning",
    )


def remove_homepage(apps, schema_editor):
    apps.get_model("home", "HomePage").objects.filter(slug="home", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [("home", "0001_initial")]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
