import factory
from django.contrib.auth.models import Group, Permission

from accounts.models import User

PASSWORD = "kaset-2569-strong"


def platform_group(name: str) -> Group:
    """A platform group as the data migration makes it (transactional tests flush it away)."""
    group, created = Group.objects.get_or_create(name=name)
    if created and name in ("Trainers", "Coordinators"):
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

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*(platform_group(name) for name in extracted))
        if create:
            self.save()


class TraineeFactory(UserFactory):
    groups = ["Trainees"]


class TrainerFactory(UserFactory):
    email = factory.Sequence(lambda n: f"trainer{n}@example.org")
    groups = ["Trainers"]


class CoordinatorFactory(UserFactory):
    email = factory.Sequence(lambda n: f"coordinator{n}@example.org")
    groups = ["Coordinators"]
