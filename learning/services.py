"""Commands that change a trainee's learning state. Views, admin, tasks and the API all call these.

Every write is idempotent: a double click, a refresh or a retried request changes nothing twice.
Uniqueness is kept by database constraints, not by checking first.
"""

import uuid
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from courses.models import CoursePage, LessonPage
from learning import grading
from learning.models import Enrolment, LessonProgress, QuizAttempt
from learning.signals import enrolment_completed


class LearningError(ValidationError):
    """A request a trainee may not make now; its message is shown to them."""


def enrol(user: User, course: CoursePage, cohort=None) -> tuple[Enrolment, bool]:
    """Enrol a trainee in a published course. Returns (enrolment, created); a repeat returns the first."""
    if not user.is_authenticated:
        raise PermissionDenied
    if not CoursePage.objects.live().filter(pk=course.pk).exists():
        raise LearningError(_("This course is not open for enrolment."))
    defaults = {"cohort": cohort} if cohort else {}
    return Enrolment.objects.get_or_create(user=user, course_id=course.pk, defaults=defaults)


def enrol_in_cohort(user: User, cohort) -> Enrolment:
    """Enrol a trainee through a training session; an enrolment without a session joins this one."""
    enrolment, created = enrol(user, cohort.course, cohort=cohort)
    if not created and enrolment.cohort_id is None:
        Enrolment.objects.filter(pk=enrolment.pk).update(cohort=cohort)
        enrolment.cohort = cohort
    return enrolment


def enrolment_for(user: User, course_id: int) -> Enrolment | None:
    if not user.is_authenticated:
        return None
    return Enrolment.objects.filter(user=user, course_id=course_id).first()


def lesson_in_course(lesson: LessonPage, enrolment: Enrolment) -> None:
    if not lesson.path.startswith(enrolment.course.path) or not lesson.live:
        raise LearningError(_("This lesson is not part of your course."))


def start_lesson(enrolment: Enrolment, lesson: LessonPage) -> LessonProgress:
    """Record that the trainee opened a lesson; remember it for "continue where I left off"."""
    progress, _created = LessonProgress.objects.get_or_create(enrolment=enrolment, lesson=lesson)
    if enrolment.last_lesson_id != lesson.pk:
        now = timezone.now()
        Enrolment.objects.filter(pk=enrolment.pk).update(last_lesson=lesson, last_activity_at=now)
        enrolment.last_lesson_id, enrolment.last_activity_at = lesson.pk, now
    return progress


def locked_lesson_ids(course: CoursePage, order: list[int], completed_ids: set[int]) -> set[int]:
    """The lessons still closed to the trainee: in a sequential course, every lesson after the
    first one not completed (a lesson opens only when every lesson before it is complete)."""
    if not course.is_sequential:
        return set()
    for index, lesson_id in enumerate(order):
        if lesson_id not in completed_ids:
            return set(order[index + 1 :])
    return set()


def lesson_to_do(order: list[int], completed_ids: set[int]) -> int | None:
    """The id of the first lesson in reading order that is not completed (None when all are)."""
    return next((lesson_id for lesson_id in order if lesson_id not in completed_ids), None)


def check_unlocked(
    enrolment: Enrolment, lesson: LessonPage, completed_ids: set[int], order: list[int]
) -> None:
    """In a sequential course a lesson opens only when every lesson before it is complete."""
    if lesson.pk in locked_lesson_ids(enrolment.course, order, completed_ids):
        raise LearningError(_("Finish the lessons before this one first."))


def _lock(enrolment: Enrolment) -> Enrolment:
    """Serialise the completion steps of one enrolment (two lessons completed at once still complete it)."""
    return Enrolment.objects.select_for_update().select_related("course").get(pk=enrolment.pk)


def _complete(enrolment: Enrolment, lesson: LessonPage) -> bool:
    """Mark a lesson complete inside the caller's transaction; complete the enrolment when it was the last.

    Returns True when this call completed the enrolment.
    """
    now = timezone.now()
    progress, created = LessonProgress.objects.get_or_create(
        enrolment=enrolment, lesson=lesson, defaults={"completed_at": now}
    )
    if not created and progress.completed_at is None:
        LessonProgress.objects.filter(pk=progress.pk, completed_at__isnull=True).update(
            completed_at=now
        )
    Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=now)
    if enrolment.is_completed:
        return False
    required = enrolment.course.required_lesson_ids()
    done = LessonProgress.objects.filter(
        enrolment=enrolment, lesson_id__in=required, completed_at__isnull=False
    ).count()
    if done < len(required):
        return False
    Enrolment.objects.filter(pk=enrolment.pk, status=Enrolment.Status.ACTIVE).update(
        status=Enrolment.Status.COMPLETED, completed_at=now
    )
    enrolment.status, enrolment.completed_at = Enrolment.Status.COMPLETED, now
    transaction.on_commit(
        partial(enrolment_completed.send, sender=Enrolment, enrolment_id=enrolment.pk)
    )
    return True


def complete_lesson(enrolment: Enrolment, lesson: LessonPage, read_offline: bool = False) -> bool:
    """The trainee marks a lesson without a quiz as done. Returns True if the course is now complete.

    Only a lesson the trainee has opened (start_lesson, when its page is shown) can be marked done:
    a POST for a lesson never opened raises LearningError and records nothing. `read_offline` is a
    completion the phone kept while offline and sends now: the trainee read the copy the server
    handed out for offline reading, so the lesson counts as opened then (the sequence rule still holds).
    """
    lesson_in_course(lesson, enrolment)
    if lesson.get_quiz() is not None:
        raise LearningError(_("This lesson is completed by passing its quiz."))
    with transaction.atomic():
        locked = _lock(enrolment)
        _check_sequence(locked, lesson)
        if read_offline:
            start_lesson(locked, lesson)
        elif not LessonProgress.objects.filter(enrolment=enrolment, lesson=lesson).exists():
            raise LearningError(_("Open the lesson and read it before marking it as done."))
        return _complete(locked, lesson)


def _check_sequence(enrolment: Enrolment, lesson: LessonPage) -> None:
    if not enrolment.course.is_sequential:
        return
    order = list(enrolment.course.lessons().values_list("pk", flat=True))
    completed = set(
        LessonProgress.objects.filter(enrolment=enrolment, completed_at__isnull=False).values_list(
            "lesson_id", flat=True
        )
    )
    check_unlocked(enrolment, lesson, completed, order)


def submit_quiz(
    enrolment: Enrolment, lesson: LessonPage, answers: dict[str, list[str]], token: uuid.UUID
) -> tuple[QuizAttempt, bool]:
    """Grade a quiz attempt on the server and keep it. Returns (attempt, created).

    The same token twice (a double click, a retried request) returns the first attempt. Raises
    LearningError for a lesson without a quiz, answers that are not the quiz's options, or no
    attempts left.
    """
    lesson_in_course(lesson, enrolment)
    existing = QuizAttempt.objects.filter(token=token, enrolment=enrolment).first()
    if existing:
        return existing, False
    quiz = lesson.get_quiz()
    if quiz is None:
        raise LearningError(_("This lesson has no quiz."))
    cleaned = grading.clean_answers(quiz, answers)
    result = grading.grade(quiz, cleaned)
    try:
        with transaction.atomic():
            locked = _lock(enrolment)
            # A twin request that held the lock first may have kept this very submission.
            twin = QuizAttempt.objects.filter(token=token, enrolment=enrolment).first()
            if twin:
                return twin, False
            _check_sequence(locked, lesson)
            attempts = QuizAttempt.objects.filter(enrolment=locked, lesson=lesson)
            if attempts.filter(passed=True).exists():
                raise LearningError(_("You have already passed this quiz."))
            used = attempts.count()
            if quiz.max_attempts and used >= quiz.max_attempts:
                raise LearningError(
                    _("You have used all %(count)s attempts of this quiz.")
                    % {"count": quiz.max_attempts}
                )
            attempt = QuizAttempt.objects.create(
                enrolment=locked,
                lesson=lesson,
                revision_id=lesson.live_revision_id,
                number=used + 1,
                token=token,
                answers=cleaned,
                results=result.results,
                correct_count=result.correct_count,
                question_count=result.question_count,
                score=result.score,
                passed=result.passed,
            )
            if result.passed:
                _complete(locked, lesson)
    except IntegrityError:
        # The same token arrived twice at once: the other request kept its attempt.
        attempt = QuizAttempt.objects.filter(token=token, enrolment=enrolment).first()
        if attempt is None:  # a token already used for another course's quiz: a tampered form
            raise LearningError(
                _("The form has expired. Reload the lesson and try again.")
            ) from None
        return attempt, False
    enrolment.status, enrolment.completed_at = locked.status, locked.completed_at
    return attempt, True
