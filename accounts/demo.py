"""Demo users: one trainee, one trainer, one coordinator (and an administrator)."""

from accounts.models import User
from accounts.services import COORDINATORS, TRAINEES, TRAINERS

DEMO_PASSWORD = "otop-demo-2569"

DEMO_USERS = [
    {
        "email": "somjai@demo.otop.test",
        "phone": "0812345678",
        "group": TRAINEES,
        "title": User.Title.MISS,
        "first_name": "สมใจ",
        "last_name": "ใจดี",
        "first_name_en": "Somjai",
        "last_name_en": "Jaidee",
    },
    {
        "email": "trainer@demo.otop.test",
        "phone": "0891112222",
        "group": TRAINERS,
        "title": User.Title.MR,
        "first_name": "ประเสริฐ",
        "last_name": "ศรีสุข",
        "first_name_en": "Prasert",
        "last_name_en": "Srisuk",
    },
    {
        "email": "coordinator@demo.otop.test",
        "phone": "0623334444",
        "group": COORDINATORS,
        "title": User.Title.MRS,
        "first_name": "วันเพ็ญ",
        "last_name": "คำแก้ว",
        "first_name_en": "Wanpen",
        "last_name_en": "Khamkaew",
    },
]


def seed(out) -> None:
    from django.contrib.auth.models import Group

    for spec in DEMO_USERS:
        spec = dict(spec)
        group = spec.pop("group")
        user, created = User.objects.get_or_create(email=spec["email"], defaults=spec)
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(Group.objects.get(name=group))
    admin, created = User.objects.get_or_create(
        email="admin@demo.otop.test",
        defaults={
            "first_name": "ผู้ดูแล",
            "last_name": "ระบบ",
            "is_staff": True,
            "is_superuser": True,
        },
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    out.write(f"Accounts: {len(DEMO_USERS)} demo users and {admin.email}.")
