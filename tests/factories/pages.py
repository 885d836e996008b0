from wagtail.models import Locale, Page, Site

from home.models import HomePage


def ensure_home_site() -> HomePage:
    """The home page and default Site; transactional tests flush what the migrations created."""
    home = HomePage.objects.first()
    if home is None:
        Locale.objects.get_or_create(language_code="th")
        root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
        home = root.add_child(
            instance=HomePage(
                title="หน้าแรก",
                slug="home",
                hero_heading="เรียนรู้ พัฒนาผลิตภัณฑ์ OTOP",
                intro="<p>หลักสูตรออนไลน์สำหรับผู้ผลิต OTOP</p>",
            )
        )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "OTOP"},
    )
    return home
