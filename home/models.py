from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from core.pages import BilingualPageMixin


class HomePage(BilingualPageMixin, Page):
    """The site's front page: what SMART OTOP training is, and the way into the catalogue."""

    hero_heading = models.CharField(_("heading (Thai)"), max_length=200)
    hero_heading_en = models.CharField(_("heading (English)"), max_length=200, blank=True)
    intro = RichTextField(_("introduction (Thai)"), features=["bold", "italic", "link", "ul"])
    intro_en = RichTextField(
        _("introduction (English)"), blank=True, features=["bold", "italic", "link", "ul"]
    )

    content_panels = Page.content_panels + [
        FieldPanel("title_en"),
        MultiFieldPanel(
            [FieldPanel("hero_heading"), FieldPanel("hero_heading_en")], heading=_("Heading")
        ),
        FieldPanel("intro"),
        FieldPanel("intro_en"),
    ]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Find a descendant by its url_path in one step instead of one lookup per tree level.

        Wagtail's default walks the tree (two queries a level: five levels deep for a lesson).
        Pages that route further themselves (RoutablePageMixin) still get the default walk.
        """
        if path_components:
            url_path = self.url_path + "/".join(path_components) + "/"
            page = Page.objects.live().filter(url_path=url_path).first()
            if page is not None:
                page = page.specific
                if getattr(page.route, "__func__", None) is Page.route:
                    return RouteResult(page)
        return super().route(request, path_components)

    @property
    def display_heading(self):
        return self.localized(self.hero_heading, self.hero_heading_en)

    @property
    def display_intro(self):
        return self.localized(self.intro, self.intro_en)


class ContentPage(BilingualPageMixin, Page):
    """A plain page: about the programme, questions and answers, the privacy notice."""

    body = RichTextField(_("body (Thai)"))
    body_en = RichTextField(_("body (English)"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("title_en"),
        FieldPanel("body"),
        FieldPanel("body_en"),
    ]
    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]

    class Meta:
        verbose_name = _("content page")

    @property
    def display_body(self):
        return self.localized(self.body, self.body_en)


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details shown in the footer of every page."""

    organisation = models.CharField(_("organisation"), max_length=200, default="โครงการ SMART OTOP")
    organisation_en = models.CharField(
        _("organisation (English)"),
        max_length=200,
        blank=True,
        default="SMART OTOP programme",
        help_text=_("Shown in the footer of English pages. Left empty, they name none."),
    )
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("privacy notice page"),
    )

    panels = [
        FieldPanel("organisation"),
        FieldPanel("organisation_en"),
        FieldPanel("contact_phone"),
        FieldPanel("contact_email"),
        FieldPanel("privacy_page"),
    ]

    class Meta:
        verbose_name = _("site settings")

    CACHE_KEY = "home:site-settings:{}"

    @property
    def display_organisation(self) -> str:
        """The organisation in the page's language (English pages show no Thai name)."""
        from django.utils.translation import get_language

        return self.organisation_en if get_language() == "en" else self.organisation

    @classmethod
    def cached_for_site(cls, site) -> "SiteSettings":
        """The settings of a site from the cache (every page footer shows them)."""
        from django.core.cache import cache

        key = cls.CACHE_KEY.format(site.pk)
        found = cache.get(key)
        if found is None:
            found = cls.for_site(site)
            cache.set(key, found, 300)
        return found

    def save(self, *args, **kwargs):
        from django.core.cache import cache

        super().save(*args, **kwargs)
        cache.delete(self.CACHE_KEY.format(self.site_id))
