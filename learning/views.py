"""Trainee pages: course and lesson pages for the enrolled, enrol / complete / quiz commands, dashboard."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail import hooks

from courses.models import CoursePage, LessonPage
from learning import selectors, services
from learning.models import QuizAttempt


def _can_preview(user) -> bool:
    """Trainers and coordinators read every lesson without enrolling (nothing is recorded)."""
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def _neighbours(order: list[int], lesson_id: int, lessons: dict[int, LessonPage]):
    index = order.index(lesson_id) if lesson_id in order else -1
    previous = lessons[order[index - 1]] if index > 0 else None
    following = lessons[order[index + 1]] if 0 <= index < len(order) - 1 else None
    return previous, following


def serve_course(request, course: CoursePage):
    """The course page, with the trainee's enrolment, progress and ticks when signed in."""
    enrolment = services.enrolment_for(request.user, course.pk)
    state = selectors.progress_state(enrolment)
    context = course.get_context(request)
    outline = context["outline"]
    order = [lesson.pk for module in outline.modules for lesson in module.lessons]
    required = [
        item.pk for module in outline.modules for item in module.lessons if item.is_required
    ]
    done = len(state.completed & set(required))
    context.update(
        enrolment=enrolment,
        progress=state,
        percent=selectors.percent(done, len(required)),
        done_count=done,
        required_count=len(required),
        first_lesson=outline.modules[0].lessons[0] if order else None,
        sign_up_url=reverse("accounts:sign_up") + "?" + urlencode({"next": request.path}),
        sign_in_url=reverse("accounts:login") + "?" + urlencode({"next": request.path}),
        # Hook `learning_course_enrolment(request, enrolment)`: HTML for the enrolment box.
        enrolment_extras=_extras("learning_course_enrolment", request, enrolment)
        if enrolment
        else [],
    )
    return TemplateResponse(request, "learning/course.html", context)


def serve_lesson(request, lesson: LessonPage):
    """A lesson for an enrolled trainee: records it as started; others see the outline and enrol."""
    course, outline = selectors.course_snapshot(selectors.course_path_of(lesson))
    enrolment = services.enrolment_for(request.user, course.pk)
    if enrolment is not None:
        enrolment.course = course  # the cached page: no query
    lessons = {item.pk: item for module in outline.modules for item in module.lessons}
    order = list(lessons)
    state = selectors.progress_state(enrolment)
    previous, following = _neighbours(order, lesson.pk, lessons)
    context = {
        "page": lesson,
        "self": lesson,
        "course": course,
        "outline": outline,
        "enrolment": enrolment,
        "progress": state,
        "previous_lesson": previous,
        "next_lesson": following,
        "locked": False,
    }
    if enrolment is None and not _can_preview(request.user):
        context["sign_up_url"] = reverse("accounts:sign_up") + "?" + urlencode({"next": course.url})
        return TemplateResponse(request, "learning/lesson_closed.html", context)
    # A copy saved for offline reading (X-Offline-Copy) is not an opening of the lesson, and leaves
    # out the quiz result: results never stay on the device.
    offline_copy = request.headers.get("X-Offline-Copy") == "1"
    if enrolment is not None:
        try:
            services.check_unlocked(enrolment, lesson, state.completed, order)
        except ValidationError:
            context["locked"] = True
            return TemplateResponse(request, "learning/lesson_closed.html", context)
        opened = lesson.pk not in state.started or enrolment.last_lesson_id != lesson.pk
        if opened and not offline_copy:
            services.start_lesson(enrolment, lesson)
            state.started.add(lesson.pk)
    quiz = lesson.get_quiz()
    attempts = []
    if quiz is not None and enrolment is not None:
        attempts = list(
            QuizAttempt.objects.filter(enrolment=enrolment, lesson=lesson).order_by("number")
        )
    latest = attempts[-1] if attempts and not offline_copy else None
    passed = any(a.passed for a in attempts)
    context.update(
        quiz=quiz,
        attempts=attempts,
        latest_attempt=latest,
        quiz_passed=passed,
        # Every explanation is shown once the quiz is passed or no attempt is left.
        quiz_finished=passed
        or bool(quiz and quiz.max_attempts and len(attempts) >= quiz.max_attempts),
        attempts_left=(
            None if not quiz or not quiz.max_attempts else max(0, quiz.max_attempts - len(attempts))
        ),
        quiz_token=uuid.uuid4(),
        is_completed=lesson.pk in state.completed,
        percent=selectors.percent(
            len(state.completed & {pk for pk, item in lessons.items() if item.is_required}),
            sum(1 for item in lessons.values() if item.is_required),
        ),
    )
    return TemplateResponse(request, "learning/lesson.html", context)


def _lesson_and_enrolment(request, lesson_id: int):
    if _is_replay(request) and not LessonPage.objects.live().filter(pk=lesson_id).exists():
        # Unpublished while the phone was offline: the trainee is told, not shown a 404 page.
        raise services.LearningError(_("This lesson is no longer published."))
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    enrolment = selectors.enrolment_for_lesson(request.user, lesson)
    if enrolment is None:
        raise services.LearningError(_("You are not enrolled in the course of this lesson."))
    return lesson, enrolment


def _is_replay(request) -> bool:
    """A submission the phone kept while offline and sends now: it is answered in JSON."""
    return request.headers.get("X-Offline-Replay") == "1"


def _replay_answer(accepted: bool, message: str, lesson=None, **extra) -> JsonResponse:
    """What a replayed submission gets: accepted or refused (409), with the message to show."""
    body = {
        "accepted": accepted,
        "message": str(message),
        "lesson": {"title": lesson.display_title, "url": lesson.url} if lesson else None,
        **extra,
    }
    return JsonResponse(body, status=200 if accepted else 409)


def _refuse(request, error: ValidationError, fallback: str, lesson=None):
    if _is_replay(request):
        return _replay_answer(False, " ".join(error.messages), lesson)
    for message in error.messages:
        messages.error(request, message)
    return redirect(fallback)


@login_required
@require_POST
def enrol(request, course_id: int):
    course = get_object_or_404(CoursePage, pk=course_id)
    try:
        enrolment, created = services.enrol(request.user, course)
    except services.LearningError as error:
        return _refuse(request, error, "/")
    if created:
        messages.success(request, _("You are enrolled. Start with the first lesson."))
    return redirect(course.url)


@login_required
@require_POST
def complete_lesson(request, lesson_id: int):
    try:
        lesson, enrolment = _lesson_and_enrolment(request, lesson_id)
    except services.LearningError as error:
        return _refuse(request, error, reverse("learning:dashboard"))
    try:
        finished = services.complete_lesson(enrolment, lesson)
    except services.LearningError as error:
        return _refuse(request, error, lesson.url, lesson)
    if _is_replay(request):
        return _replay_answer(
            True,
            _("Congratulations! You have completed the course.")
            if finished
            else _("Lesson marked as complete."),
            lesson,
            outcome="course_completed" if finished else "completed",
        )
    if finished:
        messages.success(request, _("Congratulations! You have completed the course."))
        return redirect(enrolment.course.url)
    following = enrolment.course.lessons().filter(path__gt=lesson.path).only("url_path").first()
    return redirect(following.url if following else enrolment.course.url)


@login_required
@require_POST
def submit_quiz(request, lesson_id: int):
    try:
        lesson, enrolment = _lesson_and_enrolment(request, lesson_id)
        token = uuid.UUID(request.POST.get("token", ""))
    except services.LearningError as error:
        return _refuse(request, error, reverse("learning:dashboard"))
    except ValueError:
        expired = _("The form has expired. Reload the lesson and try again.")
        if _is_replay(request):
            return _replay_answer(False, expired, lesson)
        messages.error(request, expired)
        return redirect(lesson.url)
    quiz = lesson.get_quiz()
    answers = {}
    if quiz is not None:
        for question in quiz.questions:
            chosen = request.POST.getlist(f"q-{question.id}")
            if chosen:
                answers[question.id] = chosen
        unknown = [
            key for key in request.POST if key.startswith("q-") and quiz.question(key[2:]) is None
        ]
        if unknown:
            answers.update({key[2:]: request.POST.getlist(key) for key in unknown})
    try:
        attempt, created = services.submit_quiz(enrolment, lesson, answers, token)
    except ValidationError as error:
        return _refuse(request, error, lesson.url, lesson)
    if _is_replay(request):
        return _replay_answer(
            True,
            _quiz_message(attempt, created),
            lesson,
            score=attempt.score,
            passed=attempt.passed,
            outcome="graded" if created else "duplicate",
        )
    if created and attempt.passed and enrolment.is_completed:
        messages.success(
            request, _("You passed the quiz and completed the course. Congratulations!")
        )
        return redirect(enrolment.course.url)
    if created:
        if attempt.passed:
            messages.success(request, _("You passed with %(score)s%%.") % {"score": attempt.score})
        else:
            messages.warning(
                request,
                _("You scored %(score)s%%. Read the lesson again and try once more.")
                % {"score": attempt.score},
            )
    return redirect(lesson.url + "#quiz-result")


def _quiz_message(attempt: QuizAttempt, created: bool) -> str:
    if not created:
        return _("These answers had already arrived; they count once (attempt %(number)s).") % {
            "number": attempt.number
        }
    if attempt.passed:
        return _("You passed with %(score)s%%.") % {"score": attempt.score}
    return _("You scored %(score)s%%. Read the lesson again and try once more.") % {
        "score": attempt.score
    }


def _extras(hook_name: str, request, *args) -> list:
    """HTML that later apps add to trainee pages through Wagtail hooks (learning imports none of them).

    A hook function returns a list of safe HTML fragments (format_html / render_to_string).
    """
    fragments = []
    for fn in hooks.get_hooks(hook_name):
        fragments.extend(fn(request, *args) or [])
    return fragments


@login_required
def dashboard(request):
    enrolments = selectors.dashboard_enrolments(request.user)
    for enrolment in enrolments:
        enrolment.extras = []
    # Hook `learning_dashboard_enrolments(request, enrolments)`: append HTML to enrolment.extras
    # (for example a certificate link), in a fixed number of queries for all enrolments.
    for fn in hooks.get_hooks("learning_dashboard_enrolments"):
        fn(request, enrolments)
    context = {
        "in_progress": [e for e in enrolments if not e.is_completed],
        "completed": [e for e in enrolments if e.is_completed],
        # Hook `learning_dashboard_panels(request)`: panels above the course lists.
        "panels": _extras("learning_dashboard_panels", request),
    }
    return TemplateResponse(request, "learning/dashboard.html", context)
