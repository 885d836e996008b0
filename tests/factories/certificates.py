"""Factories for certificates: templates, and completed enrolments that have a certificate."""

import factory

from certificates import services
from certificates.models import CertificateTemplate, Signatory
from tests.factories.accounts import TraineeFactory
from tests.factories.courses import make_course
from tests.factories.learning import enrolled, open_and_complete


class CertificateTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CertificateTemplate

    name = factory.Sequence(lambda n: f"เกียรติบัตรหลักสูตร OTOP แบบที่ {n + 1}")
    is_default = True


class SignatoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signatory

    template = factory.SubFactory(CertificateTemplateFactory)
    name = "นายสมศักดิ์ รักษ์ชุมชน"
    position = "พัฒนาการจังหวัดลำพูน"


def complete(enrolment) -> None:
    """Finish every lesson of the enrolment's course (the signal fires when the caller's transaction commits)."""
    for lesson in enrolment.course.lessons():
        open_and_complete(enrolment, lesson)
    enrolment.refresh_from_db()


def completed_enrolment(user=None, course=None, lessons: int = 2):
    enrolment = enrolled(
        course or make_course(lessons=lessons, modules=1), user or TraineeFactory()
    )
    complete(enrolment)
    return enrolment


def issued(user=None, course=None):
    """A VALID certificate for a new completed enrolment (rendered in-process)."""
    enrolment = completed_enrolment(user, course)
    return services.issue_certificate(enrolment.pk)
