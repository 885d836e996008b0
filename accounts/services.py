from django.contrib.auth.models import Group

from accounts.models import User

TRAINEES, TRAINERS, COORDINATORS = "Trainees", "Trainers", "Coordinators"


def add_to_group(user: User, group_name: str) -> None:
    """Put a user into one of the platform's groups (made by a data migration; remade if missing)."""
    group, _created = Group.objects.get_or_create(name=group_name)
    user.groups.add(group)


def is_coordinator(user: User) -> bool:
    return user.is_superuser or user.groups.filter(name=COORDINATORS).exists()


def is_trainer(user: User) -> bool:
    return user.groups.filter(name=TRAINERS).exists()
