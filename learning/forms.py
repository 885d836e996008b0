from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from accounts.forms import SignUpForm
from accounts.models import User
from learning.models import Cohort
from producers.widgets import district_choices, province_choices

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


def district_options(province_codes=None):
    """Districts grouped by province, for a plain select that works without JavaScript."""
    return [("", "---------")] + [
        (province_name, district_choices(code))
        for code, province_name in province_choices(province_codes)
    ]


class CohortForm(WagtailAdminModelForm):
    district_code = forms.ChoiceField(label=_("District"), choices=district_options)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from accounts.services import TRAINERS
        from producers.selectors import province_codes_for

        if self.for_user is not None:
            codes = province_codes_for(self.for_user)
            self.fields["district_code"].choices = district_options(codes)
        self.fields["trainer"].queryset = User.objects.filter(
            groups__name=TRAINERS, is_active=True
        ).order_by("first_name")

    class Meta:
        model = Cohort
        fields = ["course", "name", "district_code", "starts_on", "ends_on", "trainer"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("starts_on")
            and cleaned.get("ends_on")
            and cleaned["ends_on"] < cleaned["starts_on"]
        ):
            self.add_error("ends_on", _("The session cannot end before it starts."))
        return cleaned


class CohortEnrolForm(forms.Form):
    identifiers = forms.CharField(
        label=_("Trainees' phones or emails"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One email or mobile number per line. Trainees you may enrol are enrolled at once; "
            "every other contact gets an invitation by SMS or email."
        ),
    )
    upload = forms.FileField(
        label=_("Or a spreadsheet of trainees (CSV or XLSX)"),
        required=False,
        validators=[FileExtensionValidator(["csv", "xlsx"])],
        help_text=_(
            "Columns: title, first_name, last_name, phone, email (Thai headings work too). At most 2 MB."
        ),
    )

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return upload

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("identifiers", "").strip()
            and not cleaned.get("upload")
            and not self.errors
        ):
            raise forms.ValidationError(_("List trainees' phones or emails, or choose a file."))
        return cleaned


class QuizForm(forms.Form):
    """A trainee's answers to a lesson's quiz: one field per question (`q-<question id>`).

    Every question must be answered (a blank "choose every right answer" question would otherwise
    be graded wrong and spend an attempt); a choice that is not the question's, or a question that
    is not the quiz's, is refused.
    """

    token = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("The form has expired. Reload the lesson and try again."),
            "invalid": _("The form has expired. Reload the lesson and try again."),
        },
    )

    def __init__(self, quiz, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.quiz = quiz
        not_an_option = _(
            "An answer is not one of the question's options. Reload the lesson and try again."
        )
        for question in quiz.questions:
            field_class, widget, required = (
                (
                    forms.MultipleChoiceField,
                    forms.CheckboxSelectMultiple,
                    _("Tick at least one answer: every right answer counts."),
                )
                if question.kind == "multiple"
                else (forms.ChoiceField, forms.RadioSelect, _("Choose one answer."))
            )
            field = field_class(
                label=question.text,
                choices=[(choice.id, choice.text) for choice in question.choices],
                widget=widget,
                error_messages={"required": required, "invalid_choice": not_an_option},
            )
            self.fields[self.field_name(question.id)] = field

    @staticmethod
    def field_name(question_id: str) -> str:
        return f"q-{question_id}"

    def question_fields(self):
        """(question, bound field) in quiz order, for the template."""
        return [(q, self[self.field_name(q.id)]) for q in self.quiz.questions]

    def clean(self):
        cleaned = super().clean()
        unknown = [key for key in self.data if key.startswith("q-") and key not in self.fields]
        if unknown:
            raise forms.ValidationError(
                _("The answers do not belong to this quiz. Reload the lesson and try again.")
            )
        return cleaned

    def answers(self) -> dict[str, list[str]]:
        """{question id: [choice ids]} of a valid form, as `services.submit_quiz` takes them."""
        answers = {}
        for question in self.quiz.questions:
            value = self.cleaned_data[self.field_name(question.id)]
            answers[question.id] = list(value) if isinstance(value, list) else [value]
        return answers


class InvitationSignUpForm(SignUpForm):
    """Sign-up from a training-session invitation: the contact is the invitation's (its link proves
    the person holds it, so no code is sent) and the names start as the coordinator's row gave them."""

    def __init__(self, invitation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = ("title", "title_other", "first_name", "last_name")
        self.initial.update({f: getattr(invitation, f) for f in names if getattr(invitation, f)})
        self.invitation = invitation
        del self.fields["phone"], self.fields["email"]

    def clean(self):
        contact = self.invitation.contact
        self.cleaned_data["email"] = contact if "@" in contact else None
        self.cleaned_data["phone"] = None if "@" in contact else contact
        return super().clean()
