"""“Did you mean …?”: the nearest word of the site's own published course and lesson text."""

from __future__ import annotations

import difflib

from django.core.cache import cache

from courses.search import query_words

VOCABULARY_CACHE_KEY = "courses:search-vocabulary"
# How alike a typed word and a known word must be (difflib's ratio) to be offered: one wrong letter
# in a long Thai word passes, a different word does not.
CLOSENESS = 0.8
SHORTEST_WORD = 3


def search_vocabulary() -> tuple[str, ...]:
    """Words of live, public courses and lessons as the search index holds them, sorted (cached)."""
    vocabulary = cache.get(VOCABULARY_CACHE_KEY)
    if vocabulary is None:
        from courses.models import CoursePage, LessonPage

        words: set[str] = set()
        for model in (CoursePage, LessonPage):
            for text in model.objects.live().public().values_list("search_text", flat=True):
                words.update(
                    w for w in query_words(text).lower().split() if len(w) >= SHORTEST_WORD
                )
        vocabulary = tuple(sorted(words))
        cache.set(VOCABULARY_CACHE_KEY, vocabulary, timeout=None)
    return vocabulary


def forget_search_vocabulary(**kwargs) -> None:
    """Drop the cached vocabulary (after a course or lesson is published, unpublished or moved)."""
    cache.delete(VOCABULARY_CACHE_KEY)


def did_you_mean(query: str) -> str | None:
    """The query with each unknown word replaced by the nearest known one; None if none is near."""
    from pythainlp.util import normalize

    vocabulary = search_vocabulary()
    known = set(vocabulary)
    suggestion, changed = [], False
    for word in query_words(normalize(query or "")).lower().split():
        near = None
        if word not in known and len(word) >= SHORTEST_WORD:
            near = next(
                iter(difflib.get_close_matches(word, vocabulary, n=1, cutoff=CLOSENESS)), None
            )
        suggestion.append(near or word)
        changed = changed or near is not None
    return " ".join(suggestion) if changed else None
