"""What a trainee is shown of a lesson's quiz: attempts left, their last answers, which explanations.

The rules live here once; the view passes the result to the template, which only displays it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from courses.quiz import Question, Quiz
from learning.models import Enrolment, QuizAttempt

TOP_OF_LESSON = "lesson-top"


def heading_anchor(block_id: str) -> str:
    """The HTML id of a lesson heading block (the lesson template gives each heading one)."""
    return f"part-{block_id}"


@dataclass
class AnswerShown:
    """One question of the trainee's last attempt, as they answered it."""

    question: Question
    chosen: frozenset[str]
    correct: bool
    show_explanation: bool
    show_right_answers: bool
    review_anchor: str  # where to read again (a heading id, else the top of the lesson)
    review_title: str


@dataclass
class QuizState:
    quiz: Quiz
    attempts: list[QuizAttempt] = field(default_factory=list)
    latest: QuizAttempt | None = None
    answers: list[AnswerShown] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return any(a.passed for a in self.attempts)

    @property
    def attempts_left(self) -> int | None:
        """None for a quiz with unlimited attempts."""
        if not self.quiz.max_attempts:
            return None
        return max(0, self.quiz.max_attempts - len(self.attempts))

    @property
    def finished(self) -> bool:
        """Passed, or no attempt left: every explanation (and right answer) may then be shown."""
        return self.passed or self.attempts_left == 0

    @property
    def can_submit(self) -> bool:
        return not self.finished

    @property
    def show_attempts_left(self) -> bool:
        return self.attempts_left is not None and not self.passed

    @property
    def required_correct(self) -> int:
        return self.quiz.required_correct


def _anchors(lesson) -> dict[str, str]:
    """Heading text (as typed, case-folded) -> its anchor, for the lesson's heading blocks."""
    return {
        str(block.value).strip().casefold(): heading_anchor(block.id)
        for block in lesson.body
        if block.block_type == "heading"
    }


def quiz_state(
    enrolment: Enrolment | None, lesson, quiz: Quiz, show_result: bool = True
) -> QuizState:
    """The trainee's attempts at the lesson's quiz (one query) and what to show of the last one.

    `show_result` False leaves the last result out (a copy saved for offline reading).
    """
    state = QuizState(quiz)
    if enrolment is None:
        return state
    state.attempts = list(
        QuizAttempt.objects.filter(enrolment=enrolment, lesson=lesson).order_by("number")
    )
    if not state.attempts or not show_result:
        return state
    state.latest = state.attempts[-1]
    anchors = _anchors(lesson)
    given = state.latest.answers or {}
    results = state.latest.results or {}
    for question in quiz.questions:
        correct = bool(results.get(question.id))
        anchor = (
            anchors.get(question.review_heading.casefold()) if question.review_heading else None
        )
        state.answers.append(
            AnswerShown(
                question=question,
                chosen=frozenset(given.get(question.id, ())),
                correct=correct,
                # The explanation of a wrong answer would give the answer away while attempts remain.
                show_explanation=bool(question.explanation) and (correct or state.finished),
                show_right_answers=state.finished,
                review_anchor=anchor or TOP_OF_LESSON,
                review_title=question.review_heading if anchor else "",
            )
        )
    return state
