from django.db import migrations

from accounts.permissions import grant

CATEGORIES = [
    ("product-development", "การพัฒนาผลิตภัณฑ์", "Product development"),
    ("quality-standards", "มาตรฐานและคุณภาพ", "Quality standards"),
    ("packaging-design", "บรรจุภัณฑ์และการออกแบบ", "Packaging and design"),
    ("marketing-ecommerce", "การตลาดและการค้าออนไลน์", "Marketing and e-commerce"),
    ("finance-business", "การเงินและการบริหารธุรกิจ", "Finance and business"),
]

CATEGORY_PERMISSIONS = [
    "add_coursecategory",
    "change_coursecategory",
    "delete_coursecategory",
    "view_coursecategory",
]
# Trainers and coordinators upload pictures, videos and handouts into the root collection.
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]


def forwards(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Migration state apps are stubs without `models_module`, which create_permissions() needs;
    # the stub's models are all it reads.
    for app_label in ("courses", "wagtailimages", "wagtaildocs"):
        config = apps.get_app_config(app_label)
        if getattr(config, "models_module", None) is None:
            config.models_module = True
    CourseCategory = apps.get_model("courses", "CourseCategory")
    for order, (code, name, name_en) in enumerate(CATEGORIES):
        CourseCategory.objects.get_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "sort_order": order}
        )
    grant(apps, "Coordinators", "courses", CATEGORY_PERMISSIONS)
    grant(apps, "Trainers", "courses", ["view_coursecategory"])

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for app_label in ("wagtailimages", "wagtaildocs"):
        create_permissions(apps.get_app_config(app_label), apps=apps, verbosity=0)
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    for group_name in ("Trainers", "Coordinators"):
        group, _created = Group.objects.get_or_create(name=group_name)
        for app_label, codename in COLLECTION_PERMISSIONS:
            permission = Permission.objects.get(
                content_type__app_label=app_label, codename=codename
            )
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
        ("accounts", "0002_platform_groups"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
