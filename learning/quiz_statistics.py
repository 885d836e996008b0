"""Quiz statistics for trainers (what Moodle's quiz statistics report gives), read-only selectors.

A constant number of queries per course, whatever the number of trainees: the course's lessons
(one query), one streamed pass over the course's quiz attempts, one grouped count of where trainees
stop. Nothing here runs a query per trainee or per attempt.

Definitions (the page states them too):
- first-attempt share: of the attempts numbered 1 graded on a question, the share graded right;
- most chosen wrong answer: over all attempts graded on a question, the wrong choice picked most
  often and the share of those attempts that picked it;
- attempts needed to pass: the median attempt number of the passing attempt, among trainees who
  passed; "not passed yet": trainees who tried the quiz and have no passing attempt;
- where trainees stop: enrolments still in progress, grouped by the last lesson they opened.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from courses.models import CoursePage
from courses.quiz import Question
from learning.models import Enrolment, QuizAttempt


@dataclass
class QuestionStats:
    question: Question
    first_attempts: int = 0  # attempts numbered 1 graded on this question
    first_right: int = 0
    answered: int = 0  # all attempts graded on this question (a blank answer counts as wrong)
    wrong_choices: Counter = field(default_factory=Counter)  # choice id -> times picked

    @property
    def first_right_percent(self) -> int | None:
        return _percent(self.first_right, self.first_attempts)

    @property
    def top_wrong(self) -> tuple[str, int] | None:
        """(choice text, percent of attempts that picked it) of the most chosen wrong choice."""
        if not self.wrong_choices:
            return None
        texts = {choice.id: choice.text for choice in self.question.choices}
        # Most picked first; ties go to the choice listed first in the question.
        order = {choice.id: i for i, choice in enumerate(self.question.choices)}
        choice_id, count = min(
            self.wrong_choices.items(), key=lambda item: (-item[1], order.get(item[0], 0))
        )
        return texts[choice_id], _percent(count, self.answered)


@dataclass
class LessonQuizStats:
    lesson: object  # LessonPage
    title: str
    questions: list[QuestionStats]
    tried: int = 0  # trainees with at least one attempt
    passing_numbers: list[int] = field(default_factory=list)  # one per trainee who passed

    @property
    def passed(self) -> int:
        return len(self.passing_numbers)

    @property
    def median_attempts_to_pass(self) -> float | None:
        return statistics.median(self.passing_numbers) if self.passing_numbers else None

    @property
    def not_passed_percent(self) -> int | None:
        return _percent(self.tried - self.passed, self.tried)


@dataclass(frozen=True)
class StopRow:
    lesson: object | None  # LessonPage, or None for "has not opened a lesson yet"
    count: int
    percent: int


def _percent(part: int, whole: int) -> int | None:
    return None if whole == 0 else round(part * 100 / whole)


def quiz_statistics(course: CoursePage, enrolments: QuerySet[Enrolment]) -> list[LessonQuizStats]:
    """Per quiz lesson of `course` (in course order) and per question, over `enrolments` only.

    Two queries: the lessons, and one streamed pass over the attempts.
    """
    stats: dict[int, LessonQuizStats] = {}
    for lesson in course.lessons():
        quiz = lesson.get_quiz()
        if quiz is not None:
            questions = [QuestionStats(question=q) for q in quiz.questions]
            stats[lesson.pk] = LessonQuizStats(lesson, quiz.title, questions)
    if not stats:
        return []
    by_id = {
        lesson_id: {q.question.id: q for q in lesson_stats.questions}
        for lesson_id, lesson_stats in stats.items()
    }
    wrong_ids = {
        lesson_id: {
            q.question.id: {c.id for c in q.question.choices if not c.is_correct}
            for q in lesson_stats.questions
        }
        for lesson_id, lesson_stats in stats.items()
    }
    tried: dict[int, set[int]] = {lesson_id: set() for lesson_id in stats}
    rows = (
        QuizAttempt.objects.filter(enrolment__in=enrolments, lesson_id__in=list(stats))
        .order_by()
        .values_list("lesson_id", "enrolment_id", "number", "passed", "answers", "results")
        .iterator(chunk_size=2000)
    )
    for lesson_id, enrolment_id, number, passed, answers, results in rows:
        lesson_stats = stats[lesson_id]
        tried[lesson_id].add(enrolment_id)
        if passed:
            lesson_stats.passing_numbers.append(number)
        questions = by_id[lesson_id]
        answers = answers or {}
        for question_id, right in (results or {}).items():
            question_stats = questions.get(question_id)
            if question_stats is None:  # a question since removed from the quiz
                continue
            question_stats.answered += 1
            if number == 1:
                question_stats.first_attempts += 1
                question_stats.first_right += bool(right)
            wrong = wrong_ids[lesson_id][question_id]
            chosen = answers.get(question_id) or ()
            question_stats.wrong_choices.update(c for c in chosen if c in wrong)
    for lesson_id, lesson_stats in stats.items():
        lesson_stats.tried = len(tried[lesson_id])
    return list(stats.values())


def where_trainees_stop(course: CoursePage, enrolments: QuerySet[Enrolment]) -> list[StopRow]:
    """Enrolments still in progress, counted by the last lesson they opened, in course order.

    Two queries: the lessons and one grouped count. The first row (lesson None) counts those who
    have not opened a lesson yet; a lesson no longer live is left out of the table.
    """
    counts = dict(
        enrolments.filter(status=Enrolment.Status.ACTIVE)
        .order_by()
        .values_list("last_lesson_id")
        .annotate(n=Count("pk"))
        .values_list("last_lesson_id", "n")
    )
    total = sum(counts.values())
    lessons = [None, *course.lessons()]
    return [
        StopRow(
            lesson=lesson,
            count=counts.get(lesson.pk if lesson else None, 0),
            percent=_percent(counts.get(lesson.pk if lesson else None, 0), total) or 0,
        )
        for lesson in lessons
    ]
