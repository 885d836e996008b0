"""What the process keeps per generation of the course tree, and when the generation moves."""

import pytest
from wagtail.models import PageViewRestriction

from courses.tree import PerGeneration, tree_generation
from tests.factories.courses import make_course

pytestmark = pytest.mark.django_db


def test_a_request_of_an_older_generation_never_fills_the_newer_one():
    kept = PerGeneration()
    older = kept.of(1)
    newer = kept.of(2)
    older["/courses/packaging/"] = "worked out before the change"  # a slow request, finishing late
    assert "/courses/packaging/" not in kept.of(2)
    assert kept.of(2) is newer

    # A thread still on the older number gets a dict of its own, not the newer one.
    assert kept.of(1) is not newer and kept.of(1) == {}


def test_a_privacy_change_moves_the_generation_at_once_and_again_on_commit(
    django_capture_on_commit_callbacks,
):
    course = make_course(lessons=1)
    with django_capture_on_commit_callbacks(execute=True):
        before = tree_generation()
        restriction = PageViewRestriction.objects.create(
            page=course, restriction_type=PageViewRestriction.LOGIN
        )
        saved = tree_generation()
    committed = tree_generation()
    assert before < saved < committed

    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
        deleted = tree_generation()
    assert committed < deleted < tree_generation()


def test_publishing_a_lesson_moves_the_generation(django_capture_on_commit_callbacks):
    course = make_course(lessons=1)
    lesson = course.lessons().first()
    before = tree_generation()
    with django_capture_on_commit_callbacks(execute=True):
        lesson.save_revision().publish()
    assert tree_generation() > before


def test_a_lesson_page_reads_the_generation_from_the_cache_once(client, home_page, monkeypatch):
    from courses import tree
    from tests.factories.learning import enrolled

    course = make_course(lessons=2)
    enrolment = enrolled(course)
    client.force_login(enrolment.user)
    lesson = course.lessons().first()
    client.get(lesson.url)  # the process keeps the tree
    reads = []
    read = tree._read_generation
    monkeypatch.setattr(tree, "_read_generation", lambda: reads.append(1) or read())
    assert client.get(lesson.url).status_code == 200
    # Wagtail's privacy check and the page itself: one generation, asked for once.
    assert len(reads) == 1


def test_a_request_that_changes_the_tree_reads_the_new_generation_afterwards(rf):
    from courses.tree import TreeGenerationMiddleware, course_tree_changed

    seen = []

    def view(request):
        seen.append(tree_generation())
        seen.append(tree_generation())
        course_tree_changed()
        seen.append(tree_generation())
        return None

    TreeGenerationMiddleware(view)(rf.get("/"))
    assert seen[0] == seen[1] < seen[2]
