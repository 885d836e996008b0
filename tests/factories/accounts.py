import factory
from django.contrib.auth.models import Group, Permission

from accounts.models import User

PASSWORD = "kaset-2569-strong"


def platform_group(name: str) -> Group:
    """A platform group as the data migration makes it (transactional tests flush it away)."""
    group, _created = Group.objects.get_or_create(name=name)
    if name in ("Trainers", "Coordinators"):  # also when other code remade the group bare
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    return group


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"trainee{n}@example.org")
    title = User.Title.MISS
    first_name = factory.Iterator(["สมใจ", "มาลี", "บุญมี", "ประไพ", "คำแก้ว"])
    last_name = factory.Iterator(["ใจดี", "ศรีสุข", "แก้วมณี", "ทองคำ", "บุญมา"])
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    groups = factory.PostGeneration(
        lambda user, create, extracted, **kw: _join(user, create, extracted)
    )


def _join(user, create, names, default=()):
    if create:
        user.groups.add(*(platform_group(name) for name in (names or default)))
        user.save()


class TraineeFactory(UserFactory):
    groups = factory.PostGeneration(
        lambda u, create, names, **kw: _join(u, create, names, ["Trainees"])
    )


class TrainerFactory(UserFactory):
    email = factory.Sequence(lambda n: f"trainer{n}@example.org")
    groups = factory.PostGeneration(
        lambda u, create, names, **kw: _join(u, create, names, ["Trainers"])
    )


class CoordinatorFactory(UserFactory):
    email = factory.Sequence(lambda n: f"coordinator{n}@example.org")
    groups = factory.PostGeneration(
        lambda u, create, names, **kw: _join(u, create, names, ["Coordinators"])
    )


def code_sent_to(target: str) -> str:
    """The six-digit code in the latest message to a phone (accounts.sms.outbox) or an email."""
    import re

    from django.core import mail

    from accounts import sms

    bodies = [m.body for m in sms.outbox if m.to == target] + [
        m.body for m in mail.outbox if target in m.to
    ]
    codes = [found.group() for body in bodies if (found := re.search(r"\b\d{6}\b", body))]
    assert codes, f"no code was sent to {target}"
    return codes[-1]


def restore_platform_groups(permissions: dict[str, list[tuple]]) -> None:
    """Give the platform groups the permissions the migrations gave them (after a flush)."""
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    for name, keys in permissions.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = Q(pk__in=[])
        for app_label, codename in keys:
            wanted |= Q(content_type__app_label=app_label, codename=codename)
        group.permissions.add(*Permission.objects.filter(wanted))
