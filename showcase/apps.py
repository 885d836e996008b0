from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShowcaseConfig(AppConfig):
    """The public directory of trained producers and their star products.

    It sits above certificates: it reads the registry (producers), the training record (learning)
    and certificates, and changes none of them.
    """

    name = "showcase"
    verbose_name = _("Producer showcase")

    def ready(self):
        from showcase import signals  # noqa: F401
