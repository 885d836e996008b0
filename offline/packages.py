"""What saving a course for offline reading downloads: its pages, pictures and handouts, with sizes.

The phone fetches every URL of a package into its own cache. Pictures and handouts are found in the
lesson bodies as the site renders them (so the same phone-size renditions the lesson page shows),
and the size of each is known before the trainee taps "save".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.http import Http404
from django.utils.translation import get_language
from wagtail.documents import get_document_model

from courses.models import CoursePage, LessonPage
from courses.tree import tree_generation
from learning.selectors import course_snapshot

# Handouts above this size stay online only (a saved course must not eat a prepaid data plan).
HANDOUT_MAX_BYTES = settings.OFFLINE_HANDOUT_MAX_BYTES
# A lesson page is its body plus the site's header, outline and footer (measured: 9-12 KB).
PAGE_CHROME_BYTES = 12_000
# Size assumed for a picture whose file the storage cannot measure (remote storage).
UNKNOWN_MEDIA_BYTES = 80_000
# The widest picture a 360 px phone at 2x needs; larger srcset candidates are not saved.
PHONE_PIXELS = 720

_DOCUMENT_URL = re.compile(r"^/documents/(?P<id>\d+)/")


@dataclass(frozen=True)
class PackageItem:
    url: str
    kind: str  # "page", "image", "handout" or "video"
    bytes: int
    title: str = ""


@dataclass
class CoursePackage:
    course_id: int
    title: str
    url: str
    items: list[PackageItem] = field(default_factory=list)
    skipped: list[PackageItem] = field(default_factory=list)

    @property
    def total_bytes(self) -> int:
        return sum(item.bytes for item in self.items)

    @property
    def lesson_count(self) -> int:
        return sum(1 for item in self.items if item.kind == "page") - 1  # minus the course page

    def as_json(self) -> dict:
        def rows(items):
            return [
                {"url": i.url, "kind": i.kind, "bytes": i.bytes, "title": i.title} for i in items
            ]

        return {
            "course": {"id": self.course_id, "title": self.title, "url": self.url},
            "bytes": self.total_bytes,
            "lessons": self.lesson_count,
            "handout_limit": HANDOUT_MAX_BYTES,
            "items": rows(self.items),
            "skipped": rows(self.skipped),
        }


class _MediaLinks(HTMLParser):
    """Collects picture, video and document addresses from rendered lesson HTML."""

    def __init__(self):
        super().__init__()
        self.images: list[str] = []
        self.videos: list[str] = []
        self.links: list[str] = []
        self._in_video = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "video":
            self._in_video += 1
            if attrs.get("poster"):
                self.images.append(attrs["poster"])
            if attrs.get("src"):
                self.videos.append(attrs["src"])
        elif tag == "source" and self._in_video:
            if attrs.get("src"):
                self.videos.append(attrs["src"])
        elif tag in ("img", "source"):
            chosen = _phone_candidate(attrs.get("srcset") or "") or attrs.get("src")
            if chosen:
                self.images.append(chosen)
        elif tag == "a" and attrs.get("href") and not self._in_video:
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "video" and self._in_video:
            self._in_video -= 1


def _phone_candidate(srcset: str) -> str | None:
    """The srcset candidate a phone picks: the smallest at least PHONE_PIXELS wide, else the widest."""
    candidates = []
    for part in srcset.split(","):
        bits = part.strip().split()
        if len(bits) == 2 and bits[1].endswith("w") and bits[1][:-1].isdigit():
            candidates.append((int(bits[1][:-1]), bits[0]))
    if not candidates:
        return None
    wide_enough = sorted(c for c in candidates if c[0] >= PHONE_PIXELS)
    return (wide_enough[0] if wide_enough else max(candidates))[1]


def _media_bytes(url: str) -> int:
    path = urlsplit(url).path
    if not path.startswith(settings.MEDIA_URL):
        return UNKNOWN_MEDIA_BYTES
    try:
        return default_storage.size(unquote(path[len(settings.MEDIA_URL) :]))
    except (OSError, NotImplementedError, ValueError):
        return UNKNOWN_MEDIA_BYTES


def _lesson_html(lesson: LessonPage) -> str:
    """The lesson body as the site renders it, without the quiz and without embedded players."""
    parts = []
    for block in lesson.body:
        if block.block_type == "quiz":
            continue
        if block.block_type == "video" and block.value.get("embed"):
            continue  # a YouTube or Vimeo player always needs the connection
        parts.append(str(block.render()))
    return "".join(parts)


def build_course_package(course: CoursePage) -> CoursePackage:
    """Every URL a trainee needs to read `course` offline, with sizes; big handouts are skipped."""
    snapshot = course_snapshot(course.path)
    if snapshot is None:  # not live (or not a course): nothing to save
        raise Http404
    course, outline = snapshot.course, snapshot.outline
    package = CoursePackage(course.pk, course.display_title, course.get_url())
    package.items.append(PackageItem(package.url, "page", PAGE_CHROME_BYTES, package.title))
    bodies = {lesson.pk: lesson for lesson in LessonPage.objects.live().descendant_of(course)}
    documents = _Documents()
    for module in outline.modules:
        for item in module.lessons:
            lesson = bodies.get(item.pk)
            if lesson is not None:
                _add_lesson(package, item, lesson, documents)
    _add_documents(package, documents)
    return package


@dataclass
class _Documents:
    """The pictures already listed, and the documents the lessons link to (by id: first URL)."""

    images: set[str] = field(default_factory=set)
    urls: dict[int, str] = field(default_factory=dict)
    videos: set[int] = field(default_factory=set)


def _add_lesson(package: CoursePackage, item, lesson: LessonPage, documents: _Documents) -> None:
    """A lesson's page and pictures; the documents it links to are noted for _add_documents."""
    html = _lesson_html(lesson)
    title = item.display_title
    package.items.append(
        PackageItem(item.href, "page", PAGE_CHROME_BYTES + len(html.encode()), title)
    )
    links = _MediaLinks()
    links.feed(html)
    for url in links.images:
        if url not in documents.images:
            documents.images.add(url)
            package.items.append(PackageItem(url, "image", _media_bytes(url), title))
    for url in links.videos + links.links:
        match = _DOCUMENT_URL.match(urlsplit(url).path)
        if match:
            documents.urls.setdefault(int(match["id"]), url)
            if url in links.videos:
                documents.videos.add(int(match["id"]))


def _add_documents(package: CoursePackage, documents: _Documents) -> None:
    """Handouts up to HANDOUT_MAX_BYTES are saved; bigger ones and videos are listed as skipped."""
    for document in get_document_model().objects.filter(pk__in=documents.urls):
        size = document.file_size or 0
        item = PackageItem(
            documents.urls[document.pk],
            "video" if document.pk in documents.videos else "handout",
            size,
            document.title,
        )
        if item.kind == "handout" and size <= HANDOUT_MAX_BYTES:
            package.items.append(item)
        else:
            package.skipped.append(item)


def course_package(course: CoursePage) -> CoursePackage:
    """The package of a course, cached until any course page is published, moved or deleted."""
    generation = tree_generation()
    key = f"offline:package:{generation}:{get_language()}:{course.path}"
    package = cache.get(key)
    if package is None:
        package = build_course_package(course)
        cache.set(key, package, 3600)
    return package
