"""The course tree: catalogue -> course -> module -> lesson, and course categories."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.pages import BilingualPageMixin
from courses.blocks import LessonBodyBlock
from courses.quiz import Quiz, quiz_from_block
from courses.search import segment, stream_text, subwords


class CourseCategory(index.Indexed, models.Model):
    """A subject area of the catalogue. `code` is stable: links and filters use it."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name (Thai)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("name_en")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("course category")
        verbose_name_plural = _("course categories")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name


class SegmentedSearchMixin(models.Model):
    """Keeps a word-segmented copy of the page's text for Thai full-text search.

    `search_text` holds the text's words; `search_subwords` every dictionary word inside them, so a
    word inside a longer word is found too. Whole words weigh more (PostgreSQL ranks with boosts).
    """

    search_text = models.TextField(editable=False, blank=True, default="")
    search_subwords = models.TextField(editable=False, blank=True, default="")

    segmented_search_fields = [
        index.SearchField("search_text", boost=2),
        index.SearchField("search_subwords", boost=0.5),
        # The admin's page search uses autocomplete: let it find words inside the text too.
        index.AutocompleteField("search_text"),
    ]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"search_text", "search_subwords"} & set(update_fields):
            self.refresh_search_text()
        return super().save(*args, **kwargs)

    def full_clean(self, *args, **kwargs):
        # save_revision() calls full_clean(): the revision then carries the segmented text too.
        self.refresh_search_text()
        return super().full_clean(*args, **kwargs)

    def text_for_search(self) -> str:
        raise NotImplementedError

    def refresh_search_text(self) -> None:
        text = self.text_for_search()
        self.search_text = segment(text)
        self.search_subwords = subwords(text)


# Apps above courses (learning) add the trainee's side to course and lesson pages through two hooks;
# courses never imports them.
# `fn(page, request, context)` updates the context in place, without side effects (Wagtail also builds
# the context for its password form); it may set context["template_name"] or raise Http404.
TRAINEE_CONTEXT_HOOK = "course_page_trainee_context"
# `fn(page, request, context)` once the page itself is served (not its password form, not a preview):
# where a visit is recorded.
TRAINEE_SERVED_HOOK = "course_page_trainee_served"


class TraineePageMixin:
    """Serves a course or lesson page through Wagtail's own path, with the trainee context added.

    `serve` is what Wagtail's `on_serve_page` wrappers call, so page privacy (password, sign-in,
    groups), other hooks and the admin preview apply to these pages as to any page.
    """

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        for fn in hooks.get_hooks(TRAINEE_CONTEXT_HOOK):
            fn(self, request, context)
        return context

    def _respond(self, request, *args, **kwargs):
        context = self.get_context(request, *args, **kwargs)
        template = context.pop("template_name", None) or self.get_template(request, *args, **kwargs)
        if not request.is_preview:
            for fn in hooks.get_hooks(TRAINEE_SERVED_HOOK):
                fn(self, request, context)
        return TemplateResponse(request, template, context)

    def serve(self, request, *args, **kwargs):
        request.is_preview = False
        return self._respond(request, *args, **kwargs)

    def serve_preview(self, request, mode_name):
        return self._respond(request)

    def get_view_restrictions(self):
        """The same restrictions as Wagtail finds, found once per change of the tree or of any
        page's privacy (`courses.tree.view_restrictions`): none costs no query."""
        from courses.tree import view_restrictions

        return view_restrictions(self)


class CourseIndexPage(BilingualPageMixin, Page):
    """The public catalogue of courses, with a category filter and search."""

    intro = RichTextField(_("introduction (Thai)"), blank=True, features=["bold", "italic", "link"])
    intro_en = RichTextField(
        _("introduction (English)"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = Page.content_panels + [
        FieldPanel("title_en"),
        FieldPanel("intro"),
        FieldPanel("intro_en"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("course catalogue")

    @property
    def display_intro(self):
        return self.localized(self.intro, self.intro_en)

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import catalogue_context

        context = super().get_context(request, *args, **kwargs)
        context.update(catalogue_context(self, request))
        return context


class CoursePage(TraineePageMixin, SegmentedSearchMixin, BilingualPageMixin, Page):
    """A course: modules of lessons, published through the "Course review" workflow."""

    class Level(models.TextChoices):
        BEGINNER = "beginner", _("Beginner")
        INTERMEDIATE = "intermediate", _("Intermediate")
        ADVANCED = "advanced", _("Advanced")

    summary = models.TextField(_("summary (Thai)"), max_length=1000)
    summary_en = models.TextField(_("summary (English)"), max_length=1000, blank=True)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    category = models.ForeignKey(
        CourseCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="courses",
    )
    level = models.CharField(_("level"), max_length=20, choices=Level, default=Level.BEGINNER)
    estimated_hours = models.DecimalField(
        _("estimated hours"),
        max_digits=4,
        decimal_places=1,
        default=1,
        validators=[MinValueValidator(0)],
        help_text=_("How long the whole course takes a trainee, in hours."),
    )
    is_sequential = models.BooleanField(
        _("lessons in order"),
        default=False,
        help_text=_("A lesson opens only after the trainee has completed the one before it."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("title_en"),
        FieldPanel("summary"),
        FieldPanel("summary_en"),
        FieldPanel("cover_image"),
        MultiFieldPanel(
            [
                FieldPanel("category"),
                FieldRowPanel([FieldPanel("level"), FieldPanel("estimated_hours")]),
                FieldPanel("is_sequential"),
            ],
            heading=_("About the course"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        *SegmentedSearchMixin.segmented_search_fields,
        index.SearchField("title_en", boost=2),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]
    admin_default_ordering = "ord"  # the explorer lists modules in course order

    class Meta:
        verbose_name = _("course")

    @property
    def display_summary(self) -> str:
        return self.localized(self.summary, self.summary_en)

    @property
    def hours(self) -> int | float:
        """Estimated hours for display: 3, or 1.5."""
        hours = float(self.estimated_hours or 0)
        return int(hours) if hours.is_integer() else hours

    def text_for_search(self) -> str:
        return " ".join([self.title, self.summary, self.title_en, self.summary_en])

    def lessons(self):
        """Live lessons of this course in tree (reading) order: one query of LessonPage rows."""
        return LessonPage.objects.live().descendant_of(self).order_by("path")

    def modules(self):
        return ModulePage.objects.live().child_of(self).order_by("path")

    def required_lesson_ids(self) -> frozenset[int]:
        """Ids of the lessons a trainee must complete (`courses.selectors.required_lessons`)."""
        from courses.selectors import required_lessons

        return frozenset(required_lessons(self).values_list("pk", flat=True))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if "outline" not in context:  # no trainee hook: the plain outline
            from courses.selectors import course_outline

            context["outline"] = course_outline(self)
        return context


class ModulePage(BilingualPageMixin, Page):
    """A part of a course that groups a few lessons."""

    summary = models.TextField(_("summary (Thai)"), blank=True, max_length=1000)
    summary_en = models.TextField(_("summary (English)"), blank=True, max_length=1000)

    content_panels = Page.content_panels + [
        FieldPanel("title_en"),
        FieldPanel("summary"),
        FieldPanel("summary_en"),
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]
    admin_default_ordering = "ord"  # and lessons in the order trainees read them

    class Meta:
        verbose_name = _("module")

    @property
    def display_summary(self) -> str:
        return self.localized(self.summary, self.summary_en)

    def lessons(self):
        """Live lessons of this module in order."""
        return LessonPage.objects.live().child_of(self).order_by("path")

    def get_course(self) -> CoursePage | None:
        return CoursePage.objects.ancestor_of(self).first()

    def serve(self, request, *args, **kwargs):
        # A module has no page of its own: its lessons are listed on the course page.
        from django.shortcuts import redirect

        course = self.get_course()
        return redirect(course.url if course else "/")


class LessonPage(TraineePageMixin, SegmentedSearchMixin, BilingualPageMixin, Page):
    """One lesson: text, pictures, video, handouts and at most one quiz."""

    summary = models.TextField(_("summary (Thai)"), blank=True, max_length=1000)
    summary_en = models.TextField(_("summary (English)"), blank=True, max_length=1000)
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    is_required = models.BooleanField(
        _("required for completion"),
        default=True,
        help_text=_(
            "Lessons are required by default: the course is complete when every required "
            "lesson is. Untick for optional extra reading."
        ),
    )
    body = StreamField(LessonBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("title_en"),
        FieldPanel("summary"),
        FieldPanel("summary_en"),
        FieldRowPanel([FieldPanel("estimated_minutes"), FieldPanel("is_required")]),
        FieldPanel(
            "body",
            help_text=_(
                "Press + to add the lesson's content, one block at a time: text, a picture, a "
                "video, a handout to download, a highlighted note, a checklist, or a quiz "
                "(trainees complete a lesson with a quiz by passing it)."
            ),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        *SegmentedSearchMixin.segmented_search_fields,
        index.SearchField("title_en", boost=2),
    ]
    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")

    @property
    def display_summary(self) -> str:
        return self.localized(self.summary, self.summary_en)

    def text_for_search(self) -> str:
        return " ".join(
            [self.title, self.title_en, self.summary, self.summary_en, stream_text(self.body)]
        )

    def get_quiz(self) -> Quiz | None:
        """The lesson's quiz (at most one), read from this object's body (works on a revision)."""
        for child in self.body:
            if child.block_type == "quiz":
                return quiz_from_block(child)
        return None

    def get_course(self) -> CoursePage | None:
        return CoursePage.objects.ancestor_of(self).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if "course" in context:  # filled by the trainee hook
            return context
        course = self.get_course()
        context["course"] = course
        if course is not None:
            lessons = list(course.lessons().only("id", "path", "title", "title_en", "url_path"))
            for item in lessons:
                item.href = item.get_url(request)
            index = next((i for i, item in enumerate(lessons) if item.pk == self.pk), None)
            if index is not None:
                context["previous_lesson"] = lessons[index - 1] if index > 0 else None
                context["next_lesson"] = lessons[index + 1] if index + 1 < len(lessons) else None
        return context
