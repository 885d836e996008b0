"""The course tree's generation, and what course and lesson pages keep in the process until it moves.

Every trainee reads the same tree: its outline, its lessons' rendered parts (learning.selectors) and
which privacy rules cover each page (here) are worked out once per change of the tree, not per
request. The generation is a number in the shared cache, so every process sees a change at once.
"""

from __future__ import annotations

import time
from contextvars import ContextVar

from django.core.cache import cache
from django.db import transaction
from django.db.models import QuerySet
from wagtail.models import Page, PageViewRestriction

from core.checks import default_cache_is_shared

TREE_GENERATION_KEY = "courses:tree-generation"


# The generation as this request read it (`TreeGenerationMiddleware`); None outside a request.
_this_request: ContextVar[dict | None] = ContextVar("course_tree_generation", default=None)


def tree_generation() -> int:
    """A number that changes whenever the course tree or any page's privacy changes.

    It starts from the clock, so a cleared or restarted cache never brings back an old number (and
    with it what a process kept from before). A request reads it from the cache once: Wagtail's
    privacy check and the page it lets through then agree on one generation.
    """
    held = _this_request.get()
    if held is None:
        return _read_generation()
    if "generation" not in held:
        held["generation"] = _read_generation()
    return held["generation"]


def _read_generation() -> int:
    return cache.get_or_set(TREE_GENERATION_KEY, time.time_ns, None)


class TreeGenerationMiddleware:
    """Holds the course tree's generation for the length of a request (see `tree_generation`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _this_request.set({})
        try:
            return self.get_response(request)
        finally:
            _this_request.reset(token)


def course_tree_changed(*args, **kwargs) -> None:
    """Move the generation: a course, module or lesson was published, unpublished, moved or
    deleted, or a page's privacy changed (a signal receiver, so it takes any arguments).

    Moved at once and again when the transaction commits: a request that read the new number
    before the change was committed may have kept what it found then; the second move drops it.
    """
    _move_generation()
    transaction.on_commit(_move_generation)


def _move_generation() -> None:
    try:
        cache.incr(TREE_GENERATION_KEY)
    except ValueError:
        cache.set(TREE_GENERATION_KEY, time.time_ns(), None)
    held = _this_request.get()
    if held is not None:  # the request that made the change reads the new number from now on
        held.clear()


class PerGeneration:
    """What the process keeps for one generation of the tree: a new dict each time the generation moves.

    The dict is replaced, never cleared, and handed only to callers of its own generation, so a
    request that read the generation just before it moved fills a dict nobody reads any more (what
    it worked out may predate the change), and threads never mix two generations.
    """

    def __init__(self):
        self._current: tuple[int | None, dict] = (None, {})

    def of(self, generation: int) -> dict:
        current = self._current  # one read and one write of a tuple: safe between threads
        if current[0] != generation:
            current = self._current = (generation, {})
        return current[1]


# Ids of the view restrictions covering a page, by page path.
_restrictions = PerGeneration()


def view_restrictions(page: Page) -> QuerySet[PageViewRestriction]:
    """Wagtail's view restrictions on `page`, its ancestors and the pages they are aliases of.

    Wagtail's privacy check asks for them on every request: two queries and a model for each
    ancestor, to find (almost always) none. Which restrictions cover a path is worked out once per
    generation; the restrictions themselves are read as they are now (none: no query), and Wagtail
    still checks them against each request. A restriction saved or deleted anywhere, or a page
    moved, moves the generation (`courses.signals`).

    Only with a cache every process shares: with each process's own memory, a restriction made in
    another process (another web worker, `manage.py shell`) would not move this one's generation,
    so privacy is then looked up as Wagtail does, on every request.
    """
    if not default_cache_is_shared():
        return Page.get_view_restrictions(page)
    kept = _restrictions.of(tree_generation())
    ids = kept.get(page.path)
    if ids is None:
        ids = kept[page.path] = list(Page.get_view_restrictions(page).values_list("pk", flat=True))
    return PageViewRestriction.objects.filter(pk__in=ids)


def lets_in(request, page: Page) -> bool:
    """Whether the page's privacy (a password, signing in, groups: on it or above it) lets this
    request in, as Wagtail checks it when the page itself is served.

    For what reaches a course's content without serving its pages: enrolling, completing, quiz
    answers, the offline package.
    """
    return all(restriction.accept_request(request) for restriction in page.get_view_restrictions())
