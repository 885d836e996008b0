"""What every page of the site shares: a Thai title with an English one for visitors who switch."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class BilingualPageMixin(models.Model):
    """A page written in Thai with an English title and body for visitors who switch language."""

    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)

    class Meta:
        abstract = True

    def localized(self, thai_value, english_value):
        return english_value if get_language() == "en" and english_value else thai_value

    @property
    def display_title(self) -> str:
        return self.localized(self.title, self.title_en)
