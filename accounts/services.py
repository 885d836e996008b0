from django.contrib.auth.models import Group

from accounts.models import User

TRAINEES, TRAINERS, COORDINATORS = "Trainees", "Trainers", "Coordinators"


def add_to_group(user: User, group_name: str) -> None:
    """Put a user into one of the platform's groups (created by a data migration)."""
    user.groups.add(Group.objects.get(name=group_name))


def is_coordinator(user: User) -> bool:
    return user.is_superuser or user.groups.filter(name=COORDINATORS).exists()


def is_trainer(user: User) -> bool:
    return user.groups.filter(name=TRAINERS).exists()
