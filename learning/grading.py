"""Grading a quiz on the server. Pure functions over `courses.quiz.Quiz`; no database."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from courses.quiz import Quiz


@dataclass(frozen=True)
class Grade:
    correct_count: int
    question_count: int
    score: int  # percent, rounded down
    passed: bool
    results: dict[str, bool]  # question id -> answered correctly


def clean_answers(quiz: Quiz, raw: dict[str, list[str]]) -> dict[str, list[str]]:
    """Keep the answers as {question id: sorted choice ids}; refuse any id that is not in the quiz.

    Raises ValidationError when a question is unknown, a choice is not one of its question's
    options, or a single-answer question got more than one choice.
    """
    cleaned: dict[str, list[str]] = {}
    for question_id, choice_ids in raw.items():
        question = quiz.question(question_id)
        if question is None:
            raise ValidationError(
                _("The answers do not belong to this quiz. Reload the lesson and try again.")
            )
        options = {choice.id for choice in question.choices}
        chosen = sorted(set(choice_ids))
        if not set(chosen) <= options:
            raise ValidationError(
                _(
                    "An answer is not one of the question's options. Reload the lesson and try again."
                )
            )
        if question.kind != "multiple" and len(chosen) > 1:
            raise ValidationError(
                _("Choose only one answer for “%(question)s”.") % {"question": question.text}
            )
        cleaned[question_id] = chosen
    return cleaned


def grade(quiz: Quiz, answers: dict[str, list[str]]) -> Grade:
    """All-or-nothing per question: a multiple-choice question is right only with exactly the right set."""
    results = {
        question.id: frozenset(answers.get(question.id, ())) == question.correct_ids()
        for question in quiz.questions
    }
    correct = sum(results.values())
    total = len(quiz.questions)
    score = (correct * 100) // total if total else 0
    return Grade(correct, total, score, bool(total) and correct >= quiz.required_correct, results)
