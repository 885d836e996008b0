"""Every URL that takes an id or a code, walked as the people who must be refused.

The owner is a Lamphun trainee, member of a Lamphun producer, enrolled in a course with a quiz and
holding a certificate; a Lamphun coordinator owns a report download. The intruders: an anonymous
visitor, another trainee, a trainer of another course and a coordinator of another province.
"""

import pytest
from django.urls import reverse

from certificates import services as certificate_services
from courses.services import grant_course_to_trainer
from learning.models import Cohort, LessonProgress, QuizAttempt
from reports.models import ExportJob
from tests.factories.accounts import TraineeFactory, TrainerFactory
from tests.factories.courses import make_course
from tests.factories.learning import enrolled, open_and_complete
from tests.factories.producers import (
    MembershipFactory,
    ProducerFactory,
    ProductFactory,
    provincial_coordinator,
)

pytestmark = pytest.mark.django_db

REFUSED = {302, 401, 403, 404, 405}


@pytest.fixture
def world(home_page):
    course = make_course(lessons=2, modules=1, quiz_in_lesson=1)
    other_course = make_course(lessons=1)
    owner = TraineeFactory()
    producer = ProducerFactory()  # Lamphun (51)
    product = ProductFactory(producer=producer)
    membership = MembershipFactory(user=owner, producer=producer)
    enrolment = enrolled(course, owner)
    first, quiz_lesson = course.lessons()
    open_and_complete(enrolment, first)
    enrolment2 = enrolled(other_course, owner)
    open_and_complete(enrolment2, other_course.lessons().first())
    certificate = certificate_services.issue_certificate(enrolment2.pk)
    lamphun_coordinator = provincial_coordinator("51")
    job = ExportJob.objects.create(
        owner=lamphun_coordinator,
        report="completion",
        format="csv",
        expires_at="2099-01-01T00:00:00Z",
    )
    cohort = Cohort.objects.create(
        course=course,
        name="รุ่น 1",
        district_code="5101",
        starts_on="2026-12-01",
        ends_on="2026-12-02",
    )
    trainer_of_other = TrainerFactory()
    grant_course_to_trainer(other_course, trainer_of_other)
    return {
        "course": course,
        "producer": producer,
        "product": product,
        "membership": membership,
        "lamphun_coordinator": lamphun_coordinator,
        "certificate": certificate,
        "job": job,
        "cohort": cohort,
        "quiz_lesson": quiz_lesson,
        "first": first,
        "intruders": {
            "anonymous": None,
            "another trainee": TraineeFactory(),
            "trainer of another course": trainer_of_other,
            "coordinator of another province": provincial_coordinator("50"),
        },
    }


def _urls(world):
    """(method, url, roles that must be refused; None = all intruders)."""
    producer, course = world["producer"], world["course"]
    return [
        ("get", reverse("certificates:download", args=[world["certificate"].code]), None),
        ("get", reverse("otop_producers:edit", args=[producer.pk]), None),
        ("get", reverse("otop_producers:inspect", args=[producer.pk]), None),
        ("get", reverse("producers:edit_mine", args=[producer.pk]), None),
        ("post", reverse("producers:new_invite_code", args=[producer.pk]), None),
        ("get", reverse("otop_reports:download_detail", args=[world["job"].pk]), None),
        ("get", reverse("otop_reports:download_file", args=[world["job"].pk]), None),
        ("get", reverse("core_job_status", args=["report-export", world["job"].pk]), None),
        (
            "get",
            reverse("learning_admin:cohort_enrol", args=[world["cohort"].pk]),
            ["anonymous", "another trainee", "trainer of another course"],
        ),
        (
            "get",
            reverse("learning_admin:course_progress", args=[course.pk]),
            ["anonymous", "another trainee", "trainer of another course"],
        ),
        ("get", reverse("api:producer", args=[producer.pk]), None),
        ("get", reverse("api:producer-certificates", args=[producer.pk]), None),
    ]


def test_every_url_with_an_id_refuses_those_who_may_not_see_it(client, world):
    leaks = []
    for name, user in world["intruders"].items():
        client.logout()
        if user is not None:
            client.force_login(user)
        for method, url, roles in _urls(world):
            if roles is not None and name not in roles:
                continue
            response = getattr(client, method)(url)
            if response.status_code not in REFUSED or (
                response.status_code == 302 and response["Location"].startswith(url)
            ):
                leaks.append((name, method, url, response.status_code))
    assert leaks == []


def test_no_one_can_complete_or_answer_for_the_owner(client, world):
    before = (LessonProgress.objects.count(), QuizAttempt.objects.count())
    for user in world["intruders"].values():
        client.logout()
        if user is not None:
            client.force_login(user)
        client.post(reverse("learning:complete_lesson", args=[world["first"].pk]))
        client.post(
            reverse("learning:submit_quiz", args=[world["quiz_lesson"].pk]),
            {"token": "6f1e2d3c-4b5a-4968-8776-655443322110"},
        )
    assert (LessonProgress.objects.count(), QuizAttempt.objects.count()) == before


# Every view of every scoped admin viewset: (url name, object key in `world`).
SCOPED_VIEWS = [
    *[
        (f"otop_producers:{view}", "producer")
        for view in ("edit", "delete", "inspect", "history", "history_results", "usage")
    ],
    *[
        (f"producer_products:{view}", "product")
        for view in ("edit", "delete", "history", "history_results", "usage")
    ],
    *[
        (f"producer_memberships:{view}", "membership")
        for view in ("edit", "delete", "decide", "history", "history_results", "usage")
    ],
    *[
        (f"learning_cohort:{view}", "cohort")
        for view in ("edit", "delete", "copy", "history", "history_results", "usage")
    ],
    *[
        (f"certificates_certificate:{view}", "certificate")
        for view in ("edit", "delete", "inspect", "history", "history_results", "usage")
    ],
]


def test_every_view_of_a_scoped_viewset_refuses_intruders(client, world):
    leaks = []
    for name, user in world["intruders"].items():
        client.logout()
        if user is not None:
            client.force_login(user)
        for url_name, key in SCOPED_VIEWS:
            url = reverse(url_name, args=[world[key].pk])
            response = client.get(url)
            if response.status_code not in REFUSED or (
                response.status_code == 302 and response["Location"].startswith(url)
            ):
                leaks.append((name, url_name, response.status_code))
    assert leaks == []


def test_the_coordinator_of_the_province_opens_every_view_of_their_objects(client, world):
    client.force_login(world["lamphun_coordinator"])
    refused = []
    for url_name, key in SCOPED_VIEWS:
        if url_name.endswith((":delete", ":edit", ":copy", ":decide")):
            continue  # permission-dependent; what matters here is that scoping lets them in
        response = client.get(reverse(url_name, args=[world[key].pk]))
        if response.status_code != 200:
            refused.append((url_name, response.status_code))
    assert refused == []


def test_walking_certificate_ids_lists_no_other_province_codes(client, world):
    client.force_login(world["intruders"]["coordinator of another province"])
    code = world["certificate"].code
    for url_name in ("certificates_certificate:index", "certificates_certificate:index_results"):
        response = client.get(reverse(url_name))
        assert response.status_code == 200
        assert code not in response.content.decode()
