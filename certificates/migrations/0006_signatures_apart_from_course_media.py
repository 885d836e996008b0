"""Officials' signature images live in a collection trainers cannot see.

Before: every image sat in the root collection, where trainers could choose (and so publish) a signature.
After: "course media" and "signatures" are sibling collections; trainers' image and document permissions
move from the root to course media, existing signature images move to signatures, all others to course
media. Coordinators keep their permissions on the root, so they see both.
"""

from django.db import migrations

COURSE_MEDIA = "สื่อการสอน"
SIGNATURES = "ลายมือชื่อผู้ลงนาม"
STEP = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's MP_Node path alphabet


def _child(Collection, root, name):
    existing = Collection.objects.filter(depth=root.depth + 1, path__startswith=root.path, name=name)
    if existing.exists():
        return existing.first()
    last = (
        Collection.objects.filter(depth=root.depth + 1, path__startswith=root.path)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    number = int(last[-STEP:], 36) + 1 if last else 1
    step = ""
    while number:
        number, digit = divmod(number, 36)
        step = ALPHABET[digit] + step
    child = Collection.objects.create(
        name=name, depth=root.depth + 1, path=root.path + step.rjust(STEP, "0"), numchild=0
    )
    Collection.objects.filter(pk=root.pk).update(numchild=root.numchild + 1)
    root.numchild += 1
    return child


def forwards(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Image = apps.get_model("wagtailimages", "Image")
    Document = apps.get_model("wagtaildocs", "Document")
    Signatory = apps.get_model("certificates", "Signatory")
    CertificateTemplate = apps.get_model("certificates", "CertificateTemplate")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    media = _child(Collection, root, COURSE_MEDIA)
    signatures = _child(Collection, root, SIGNATURES)

    official = set(Signatory.objects.exclude(signature=None).values_list("signature_id", flat=True))
    Image.objects.filter(collection=root, pk__in=official).update(collection=signatures)
    Image.objects.filter(collection=root).exclude(
        pk__in=CertificateTemplate.objects.exclude(background_image=None).values("background_image")
    ).exclude(pk__in=CertificateTemplate.objects.exclude(logo=None).values("logo")).update(
        collection=media
    )
    Document.objects.filter(collection=root).update(collection=media)
    for grant in GroupCollectionPermission.objects.filter(collection=root, group__name="Trainers"):
        GroupCollectionPermission.objects.get_or_create(
            group=grant.group, collection=media, permission=grant.permission
        )
        grant.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0005_record_failed_renders"),
        ("courses", "0002_categories_and_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
