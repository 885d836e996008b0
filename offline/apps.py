from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfflineConfig(AppConfig):
    """The installable app: web app manifest, service worker, courses saved for offline reading."""

    name = "offline"
    verbose_name = _("Offline use")
