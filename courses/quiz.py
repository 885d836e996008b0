"""The quiz contract other apps (learning) rely on: plain frozen values read from a lesson's body.

Ids are the Wagtail block ids: the StreamField child id for the quiz, the ListBlock item ids for
questions and choices. Wagtail keeps them in the stored JSON and the admin form sends them back,
so they survive edits, revisions and publishing (a question keeps its id while its text changes).
"""

from __future__ import annotations

from dataclasses import dataclass

SINGLE, MULTIPLE, TRUE_FALSE = "single", "multiple", "true_false"
KINDS = (SINGLE, MULTIPLE, TRUE_FALSE)


@dataclass(frozen=True)
class Choice:
    id: str
    text: str
    is_correct: bool


@dataclass(frozen=True)
class Question:
    id: str
    kind: str  # "single" | "multiple" | "true_false"
    text: str
    choices: tuple[Choice, ...]
    explanation: str  # HTML (rich text source): render with |richtext
    review_heading: str = ""  # a heading of the lesson to read again after a wrong answer

    def correct_ids(self) -> frozenset[str]:
        return frozenset(choice.id for choice in self.choices if choice.is_correct)


@dataclass(frozen=True)
class Quiz:
    block_id: str
    title: str
    pass_mark: int  # percent, 1..100
    max_attempts: int  # 0 = unlimited
    questions: tuple[Question, ...]

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    @property
    def required_correct(self) -> int:
        """How many right answers pass: the fewest whose score reaches the pass mark."""
        return -(-self.pass_mark * len(self.questions) // 100)


def quiz_from_block(bound_block) -> Quiz:
    """Build a Quiz from the StreamField child (a StreamValue.StreamChild) of a `quiz` block."""
    value = bound_block.value
    questions = []
    for question_item in value["questions"].bound_blocks:
        question = question_item.value
        choices = tuple(
            Choice(id=item.id, text=item.value["text"], is_correct=bool(item.value["is_correct"]))
            for item in question["choices"].bound_blocks
        )
        explanation = question["explanation"]
        questions.append(
            Question(
                id=question_item.id,
                kind=question["kind"],
                text=question["text"],
                choices=choices,
                explanation=getattr(explanation, "source", explanation or "") or "",
                review_heading=(question.get("review_heading") or "").strip(),
            )
        )
    return Quiz(
        block_id=bound_block.id,
        title=value["title"],
        pass_mark=int(value["pass_mark"]),
        max_attempts=int(value["max_attempts"]),
        questions=tuple(questions),
    )
