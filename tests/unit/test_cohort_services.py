"""The rules a training session's enrolment uses, each in its service."""

import pytest

from accounts.models import User
from accounts.services import TRAINEES, create_trainee_account
from learning import services
from tests.factories.accounts import PASSWORD, TraineeFactory
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


def test_a_new_trainee_account_gets_an_initial_password_and_the_trainees_group(db):
    user = User(email="new@example.org", first_name="ใหม่", last_name="ใจดี", title="miss")

    password = create_trainee_account(user)

    user.refresh_from_db()
    assert len(password) == 10 and password != PASSWORD
    assert user.check_password(password)
    assert user.groups.filter(name=TRAINEES).exists()
    assert not set(password) & set("0o1li")
