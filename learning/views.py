"""Trainee pages: course and lesson pages for the enrolled, enrol / complete / quiz commands, dashboard."""

import uuid
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail import hooks

from courses.models import CourseIndexPage, CoursePage, LessonPage
from courses.selectors import course_outline
from courses.tree import lets_in
from learning import lesson_html, outline, selectors, services
from learning import quiz_state as learning_quiz
from learning.forms import QuizForm
from learning.models import QuizAttempt


def _can_preview(user) -> bool:
    """Trainers and coordinators read every lesson without enrolling (nothing is recorded)."""
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def _link(path: str, next_url: str) -> str:
    return reverse(path) + "?" + urlencode({"next": next_url})


def course_context(request, course: CoursePage, context: dict) -> None:
    """The course page: the outline with one module open, and the trainee's enrolment and ticks."""
    # A preview's page is a draft: it must not become the course every trainee's snapshot holds.
    preview = getattr(request, "is_preview", False)
    snapshot = selectors.course_snapshot(course.path, None if preview else course)
    if snapshot is None:  # a preview of a course that is not live yet
        snapshot = selectors.CourseSnapshot(course, course_outline(course))
    enrolment, state = selectors.enrolment_and_progress(request.user, course.pk)
    last_lesson = snapshot.lessons.get(enrolment.last_lesson_id) if enrolment else None
    open_module = outline.open_module_id(
        snapshot,
        lesson_id=enrolment.last_lesson_id if enrolment else None,
        requested=request.GET.get("module"),
    )
    done = len(state.completed & snapshot.required)
    context.update(
        template_name="learning/course.html",
        outline=snapshot.outline,
        outline_html=outline.render_outline(
            snapshot,
            "course",
            state,
            open_module=open_module,
            locked=services.locked_lesson_ids(course, snapshot.order, state.completed)
            if enrolment
            else set(),
        ),
        enrolment=enrolment,
        progress=state,
        percent=selectors.percent(done, len(snapshot.required)),
        done_count=done,
        required_count=len(snapshot.required),
        last_lesson=last_lesson,
        first_lesson=snapshot.lessons[snapshot.order[0]] if snapshot.order else None,
        sign_up_url=_link("accounts:sign_up", request.path),
        sign_in_url=_link("accounts:login", request.path),
        # Hook `learning_course_enrolment(request, enrolment)`: HTML for the enrolment box.
        enrolment_extras=_extras("learning_course_enrolment", request, enrolment)
        if enrolment
        else [],
        next_courses=selectors.next_courses(request.user, limit=1)
        if enrolment and enrolment.is_completed
        else [],
    )


def lesson_context(request, lesson: LessonPage, context: dict) -> None:
    """A lesson for an enrolled trainee (recorded as started); others see the outline and enrol.

    Answers 404 when the lesson's course or module is not live (outside the admin preview). Changes
    nothing: Wagtail also calls it for the password form of a restricted course.
    """
    preview = getattr(request, "is_preview", False)
    snapshot = selectors.lesson_snapshot(lesson)
    if not preview and (snapshot is None or lesson.pk not in snapshot.position):
        raise Http404
    if snapshot is None:  # previewing a lesson of a course that is not live yet
        course = CoursePage.objects.get(path=selectors.course_path_of(lesson))
        snapshot = selectors.CourseSnapshot(course, course_outline(course))
    course = snapshot.course
    enrolment, state = selectors.enrolment_and_progress(request.user, course.pk)
    locked_ids: set[int] = set()
    if enrolment is not None:
        enrolment.course = course  # the cached page: no query
        locked_ids = services.locked_lesson_ids(course, snapshot.order, state.completed)
    previous, following = snapshot.neighbours(lesson.pk)
    context.update(
        course=course,
        outline=snapshot.outline,
        # Rendered when the template asks, so it shows the visit recorded when the page is served.
        outline_html=partial(
            outline.render_outline,
            snapshot,
            "lesson",
            state,
            current_lesson_id=lesson.pk,
            open_module=outline.open_module_id(snapshot, lesson_id=lesson.pk),
            locked=locked_ids,
        ),
        enrolment=enrolment,
        progress=state,
        previous_lesson=previous,
        next_lesson=following,
        locked=False,
    )
    if enrolment is None and not _can_preview(request.user):
        context.update(
            template_name="learning/lesson_closed.html",
            sign_up_url=_link("accounts:sign_up", course.url),
        )
        return
    # A copy saved for offline reading (X-Offline-Copy) is not an opening of the lesson, and leaves
    # out the quiz result: results never stay on the device.
    offline_copy = request.headers.get("X-Offline-Copy") == "1"
    if lesson.pk in locked_ids:
        context.update(
            template_name="learning/lesson_closed.html",
            locked=True,
            lesson_to_do=snapshot.lessons.get(
                services.lesson_to_do(snapshot.order, state.completed)
            ),
        )
        return
    # Recorded by `record_lesson_visit` when served; a copy saved for offline is no visit.
    context["opens_lesson"] = enrolment is not None and not offline_copy
    parts = lesson_html.lesson_parts(request, lesson, course, None if preview else snapshot)
    quiz = lesson.get_quiz() if parts.has_quiz else None
    quiz_state = (
        learning_quiz.quiz_state(enrolment, lesson, quiz, show_result=not offline_copy)
        if quiz
        else None
    )
    is_completed = lesson.pk in state.completed
    context.update(
        template_name="learning/lesson.html",
        lesson_parts=parts,
        quiz=quiz,
        quiz_state=quiz_state,
        # Read by offline.middleware: a page showing a result is never stored.
        latest_attempt=quiz_state.latest if quiz_state else None,
        quiz_form=getattr(request, "quiz_form", None)
        or (QuizForm(quiz, initial={"token": uuid.uuid4()}) if quiz else None),
        is_completed=is_completed,
        percent=selectors.percent(len(state.completed & snapshot.required), len(snapshot.required)),
        next_open=following is not None and following.pk not in locked_ids,
        next_closed_reason=_next_closed_reason(quiz_state, is_completed),
    )


def _next_closed_reason(quiz_state, is_completed: bool) -> str:
    """Why the next lesson of a sequential course is still closed, in the trainee's words."""
    if quiz_state is not None and not quiz_state.passed:
        return _("Pass the quiz first")
    if not is_completed:
        return _("Mark this lesson as complete first")
    return _("Finish the earlier lessons first")


def record_lesson_visit(request, lesson: LessonPage, context: dict) -> None:
    """The trainee opened the lesson: record it as started and as the place to continue from."""
    enrolment, state = context.get("enrolment"), context.get("progress")
    if not context.get("opens_lesson") or enrolment is None:
        return
    if lesson.pk not in state.started or enrolment.last_lesson_id != lesson.pk:
        services.start_lesson(enrolment, lesson)
        state.started.add(lesson.pk)


def _private_course() -> services.LearningError:
    return services.LearningError(
        _("This course is private: open its page and enter its password (or sign in) first.")
    )


def _lesson_and_enrolment(request, lesson_id: int):
    # Unpublished (or its course or module) while the phone was offline: a replay is told in JSON.
    lesson = LessonPage.objects.live().filter(pk=lesson_id).first()
    if lesson is None or not selectors.live_lesson_in_live_course(lesson):
        if _is_replay(request):
            raise services.LearningError(_("This lesson is no longer published."))
        raise Http404
    if not lets_in(request, lesson):
        raise _private_course()
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
    if not lets_in(request, course):  # its page asks for the password (or sign-in) first
        return _refuse(request, _private_course(), course.url)
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
        finished = services.complete_lesson(enrolment, lesson, read_offline=_is_replay(request))
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
        messages.success(
            request,
            _(
                "Congratulations! You have completed the course. Your certificate is on this page"
                " as soon as it is ready."
            ),
        )
        return redirect(enrolment.course.url)
    following = (
        enrolment.course.lessons()
        .filter(path__gt=lesson.path)
        .only("url_path", "title", "title_en")
        .first()
    )
    if following is None:  # the last lesson, with optional or unfinished ones left before it
        messages.success(
            request,
            _("“%(lesson)s” is complete. The course page shows what is left to do.")
            % {"lesson": lesson.display_title},
        )
        return redirect(enrolment.course.url)
    messages.success(
        request,
        format_html(
            _('“{lesson}” is complete. Next: <a href="{url}">{next}</a>'),
            lesson=lesson.display_title,
            url=following.url,
            next=following.display_title,
        ),
    )
    return redirect(following.url)


@login_required
@require_POST
def submit_quiz(request, lesson_id: int):
    try:
        lesson, enrolment = _lesson_and_enrolment(request, lesson_id)
    except services.LearningError as error:
        return _refuse(request, error, reverse("learning:dashboard"))
    quiz = lesson.get_quiz()
    if quiz is None:
        return _refuse(request, services.LearningError(_("This lesson has no quiz.")), lesson.url)
    form = QuizForm(quiz, request.POST)
    if not form.is_valid():
        return _quiz_form_refused(request, lesson, form)
    try:
        attempt, created = services.submit_quiz(
            enrolment, lesson, form.answers(), form.cleaned_data["token"]
        )
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
    if created and attempt.passed:
        messages.success(request, _quiz_message(attempt, created))
    # A failed attempt is told once, in the result box the page opens at.
    return redirect(lesson.url + "#quiz-result")


def _quiz_form_refused(request, lesson: LessonPage, form: QuizForm):
    """Answers that cannot be graded: nothing is kept and no attempt is spent.

    The lesson is shown again with the trainee's choices and a message at each question; a
    replayed submission gets the messages in JSON.
    """
    if "token" in form.errors:
        message = _("The form has expired. Reload the lesson and try again.")
        if _is_replay(request):
            return _replay_answer(False, message, lesson)
        messages.error(request, message)
        return redirect(lesson.url)
    if _is_replay(request):
        problems = [str(m) for errors in form.errors.values() for m in errors]
        return _replay_answer(False, " ".join(dict.fromkeys(problems)), lesson)
    request.quiz_form = form
    response = lesson.serve(request)
    response.status_code = 400
    return response


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


def _catalogue_url() -> str | None:
    catalogue = CourseIndexPage.objects.live().only("url_path").first()
    return catalogue.url if catalogue else None


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
        "next_courses": selectors.next_courses(request.user),
        "catalogue_url": _catalogue_url(),
        # Hook `learning_dashboard_panels(request)`: panels above the course lists.
        "panels": _extras("learning_dashboard_panels", request),
    }
    return TemplateResponse(request, "learning/dashboard.html", context)
