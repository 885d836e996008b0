"""The rules a training session's enrolment uses, each in its service."""

import pytest

from learning import services
from tests.factories.accounts import TraineeFactory
from tests.factories.courses import make_course
from tests.factories.reports import cohort

pytestmark = pytest.mark.django_db


def test_a_trainee_enrolled_alone_joins_the_session_that_enrols_them(home_page):
    course = make_course(lessons=1, modules=1)
    trainee = TraineeFactory()
    alone, _created = services.enrol(trainee, course)
    session = cohort(course)

    enrolment = services.enrol_in_cohort(trainee, session)

    alone.refresh_from_db()
    assert enrolment.pk == alone.pk and alone.cohort_id == session.pk


def test_a_trainee_of_another_session_stays_in_it(home_page):
    course = make_course(lessons=1, modules=1)
    trainee = TraineeFactory()
    first = cohort(course, name="รุ่น 1")
    services.enrol_in_cohort(trainee, first)

    enrolment = services.enrol_in_cohort(trainee, cohort(course, name="รุ่น 2"))

    enrolment.refresh_from_db()
    assert enrolment.cohort_id == first.pk
