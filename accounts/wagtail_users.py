from wagtail.users.apps import WagtailUsersAppConfig


class UsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's users app, with the admin forms that know the phone and Thai name fields."""

    user_viewset = "accounts.viewsets.UserViewSet"
