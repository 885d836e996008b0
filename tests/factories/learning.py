from learning import services
from tests.factories.accounts import TraineeFactory


def enrolled(course, user=None):
    """A trainee (new unless given) enrolled in `course`; returns the enrolment."""
    enrolment, _created = services.enrol(user or TraineeFactory(), course)
    return enrolment


def open_and_complete(enrolment, lesson) -> bool:
    """The trainee opens a lesson without a quiz and marks it done (what the lesson page does)."""
    services.start_lesson(enrolment, lesson)
    return services.complete_lesson(enrolment, lesson)


def correct_answers(quiz) -> dict[str, list[str]]:
    return {q.id: sorted(q.correct_ids()) for q in quiz.questions}


def wrong_answers(quiz) -> dict[str, list[str]]:
    return {q.id: [next(c.id for c in q.choices if not c.is_correct)] for q in quiz.questions}
