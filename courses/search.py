"""Thai-aware search: Thai has no spaces between words, so text is segmented before indexing.

The same segmentation is applied to the query, so a word inside a Thai sentence is found by the
database search backend on SQLite and PostgreSQL alike.
"""

import re
from html import unescape

from django.utils.html import strip_tags

from core.text import ascii_digits

THAI = re.compile(r"[\u0e00-\u0e7f]")
SPACES = re.compile(r"\s+")


def segment(text: str) -> str:
    """Plain text with Thai words separated by single spaces (HTML tags removed)."""
    text = SPACES.sub(" ", unescape(strip_tags(text or ""))).strip()
    if not THAI.search(text):
        return text
    from pythainlp.tokenize import word_tokenize

    words = word_tokenize(text, engine="newmm", keep_whitespace=False)
    return " ".join(word.strip() for word in words if word.strip())


# What a query may keep: Latin letters (with accents), ASCII digits, and Thai consonants, vowels,
# tone and other marks. Anything else (quotes, brackets, *, NUL, ...) is query syntax to the
# database's full-text search, not words, and would make it fail.
_NOT_A_WORD_CHARACTER = re.compile(r"[^0-9A-Za-z\u00c0-\u024f\u0e01-\u0e3a\u0e40-\u0e4e]+")


def segment_query(query: str) -> str:
    """A visitor's query, reduced to words and segmented like the indexed text."""
    words = _NOT_A_WORD_CHARACTER.sub(" ", ascii_digits(query or "")[:400])
    return segment(words)[:200]


# Keys of a block's value whose text must not be found (a quiz's answers and their explanations).
_UNSEARCHED_KEYS = ("is_correct", "kind", "explanation")


def stream_text(stream_value) -> str:
    """The readable text of a lesson body, for the search index."""
    parts: list[str] = []
    for child in stream_value or []:
        _collect_text(child.value, parts)
    return " ".join(parts)


def _collect_text(value, parts: list[str]) -> None:
    """Append the strings inside a block value (texts, rich texts, structs and lists) to `parts`."""
    if isinstance(value, str):
        parts.append(value)
    elif hasattr(value, "source"):  # RichText
        parts.append(value.source)
    elif isinstance(value, dict):  # StructValue
        for key, item in value.items():
            if key not in _UNSEARCHED_KEYS:
                _collect_text(item, parts)
    elif isinstance(value, list | tuple) or hasattr(value, "bound_blocks"):  # ListValue
        for item in value:
            _collect_text(item, parts)
