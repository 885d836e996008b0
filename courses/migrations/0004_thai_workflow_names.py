"""Workflow and task names are shown to trainers and coordinators as they are stored: store them in Thai.

"Awaiting Coordinator approval" and "Submit to Course review" were built from the English names that
courses.services and Wagtail's own default-workflow migration had stored.
"""

from django.db import migrations

WORKFLOW_NAMES = {
    "Course review": "ตรวจหลักสูตร",
    "Moderators approval": "อนุมัติโดยผู้ดูแลเนื้อหา",
}
TASK_NAMES = {
    "Coordinator approval": "อนุมัติโดยผู้ประสานงาน",
    "Moderators approval": "อนุมัติโดยผู้ดูแลเนื้อหา",
}


def _rename(apps, names: dict[str, str]) -> None:
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    for model, mapping in ((Workflow, names["workflows"]), (Task, names["tasks"])):
        for old, new in mapping.items():
            # A name already taken (run twice, or made by hand) is left alone rather than duplicated.
            if not model.objects.filter(name=new).exists():
                model.objects.filter(name=old).update(name=new)


def to_thai(apps, schema_editor):
    _rename(apps, {"workflows": WORKFLOW_NAMES, "tasks": TASK_NAMES})


def to_english(apps, schema_editor):
    _rename(
        apps,
        {
            "workflows": {th: en for en, th in WORKFLOW_NAMES.items()},
            "tasks": {th: en for en, th in TASK_NAMES.items()},
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0003_block_labels"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(to_thai, to_english)]
