"""StreamField blocks of a lesson body. Block names match the demo data (courses/demo_data/*.json)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from courses.quiz import MULTIPLE, SINGLE, TRUE_FALSE

INLINE_FEATURES = ["bold", "italic", "link"]
PARAGRAPH_FEATURES = ["h3", "h4", "bold", "italic", "link", "ol", "ul", "document-link"]


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt = blocks.CharBlock(
        label=_("alternative text"),
        max_length=255,
        help_text=_("What the picture shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "courses/blocks/image.html"


class VideoBlock(blocks.StructBlock):
    """A video: either an uploaded file (a Wagtail document) with a poster image, or an embed URL."""

    file = DocumentChooserBlock(
        label=_("video file"), required=False, help_text=_("An MP4 or WebM file.")
    )
    poster = ImageChooserBlock(label=_("poster image"), required=False)
    embed = EmbedBlock(
        label=_("embed URL"), required=False, help_text=_("For example a YouTube address.")
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=255)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "courses/blocks/video.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("file")) == bool(value.get("embed")):
            raise StructBlockValidationError(
                non_block_errors=[
                    ValidationError(_("Choose a video file or give an embed URL, not both."))
                ]
            )
        return value


class HandoutBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("link text"), required=False, help_text=_("Defaults to the document's title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Handout")
        template = "courses/blocks/handout.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("kind"), choices=[("tip", _("Tip")), ("warning", _("Warning"))], default="tip"
    )
    text = blocks.RichTextBlock(label=_("text"), features=INLINE_FEATURES)

    class Meta:
        icon = "help"
        label = _("Callout")
        template = "courses/blocks/callout.html"


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("checklist heading"), required=False, max_length=255)
    items = blocks.ListBlock(blocks.CharBlock(label=_("item")), label=_("items"), min_num=1)

    class Meta:
        icon = "tasks"
        label = _("Checklist")
        template = "courses/blocks/checklist.html"


class AnswerChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("answer"), max_length=500)
    is_correct = blocks.BooleanBlock(label=_("correct"), required=False)

    class Meta:
        icon = "radio-full"
        label = _("Choice")


class QuestionBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("kind"),
        choices=[
            (SINGLE, _("One correct answer")),
            (MULTIPLE, _("Several correct answers")),
            (TRUE_FALSE, _("True or false")),
        ],
        default=SINGLE,
        help_text=_('For "true or false", give exactly two choices, for example ถูก and ผิด.'),
    )
    text = blocks.TextBlock(label=_("question"))
    choices = blocks.ListBlock(AnswerChoiceBlock(), label=_("choices"))
    explanation = blocks.RichTextBlock(
        label=_("explanation"),
        required=False,
        features=INLINE_FEATURES,
        help_text=_("Shown to the trainee after they submit their answers."),
    )
    review_heading = blocks.CharBlock(
        label=_("part to read again"),
        required=False,
        max_length=255,
        help_text=_(
            "A heading of this lesson, written as it is: a trainee who gets this question wrong "
            "is linked to that part. Left empty, or not found, the link goes to the top of the lesson."
        ),
    )

    class Meta:
        icon = "help"
        label = _("Question")

    def clean(self, value):
        value = super().clean(value)
        message = question_problem(value["kind"], [c["is_correct"] for c in value["choices"]])
        if message:
            raise StructBlockValidationError(block_errors={"choices": ValidationError(message)})
        return value


def question_problem(kind: str, correct_flags: list[bool]) -> str | None:
    """Why a question with these choices cannot be graded, or None when it can."""
    correct = sum(1 for flag in correct_flags if flag)
    if kind == TRUE_FALSE and len(correct_flags) != 2:
        return _("A true-or-false question has exactly two choices.")
    if len(correct_flags) < 2:
        return _("Give at least two choices.")
    if kind in (SINGLE, TRUE_FALSE) and correct != 1:
        return _("Mark exactly one choice as correct.")
    if kind == MULTIPLE and correct < 1:
        return _("Mark at least one choice as correct.")
    return None


class QuizBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("quiz title"), max_length=255)
    pass_mark = blocks.IntegerBlock(
        label=_("pass mark (%)"), min_value=1, max_value=100, default=70
    )
    max_attempts = blocks.IntegerBlock(
        label=_("maximum attempts"),
        min_value=0,
        default=3,
        help_text=_("0 means unlimited."),
    )
    questions = blocks.ListBlock(QuestionBlock(), label=_("questions"), min_num=1)

    class Meta:
        icon = "form"
        label = _("Quiz")
        # Read-only preview: never shows which answer is correct, nor the explanations.
        template = "courses/blocks/quiz.html"


class LessonBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=255,
        form_classname="title",
        template="courses/blocks/heading.html",
    )
    paragraph = blocks.RichTextBlock(label=_("Text"), features=PARAGRAPH_FEATURES)
    image = ImageBlock()
    video = VideoBlock()
    handout = HandoutBlock()
    callout = CalloutBlock()
    checklist = ChecklistBlock()
    quiz = QuizBlock()

    class Meta:
        block_counts = {"quiz": {"max_num": 1}}
