"""Thai-aware search: Thai has no spaces between words, so text is segmented before indexing.

The same segmentation is applied to the query, so a word inside a Thai sentence is found by the
database search backend on SQLite and PostgreSQL alike.
"""

import re
import threading
from functools import lru_cache
from html import unescape

from django.utils.html import strip_tags

from core.text import ascii_digits

THAI = re.compile(r"[\u0e00-\u0e7f]")
THAI_RUNS = re.compile(r"[\u0e01-\u0e3a\u0e40-\u0e4e]+")
SPACES = re.compile(r"\s+")
# Abbreviations of Thai standards and agencies that OTOP lessons cite, written without their dots
# (มผช. is indexed as มผช, not as ม + ผช).
ABBREVIATIONS = ["มผช", "มอก", "สมอ", "อย", "สสว", "ธกส", "พช"]
# The shortest dictionary word kept inside a longer word: one-letter words would match almost all.
SHORTEST_SUBWORD = 2


@lru_cache(maxsize=1)
def thai_dictionary():
    """PyThaiNLP's Thai word list plus ABBREVIATIONS, as a trie (built once, about a second)."""
    from pythainlp.corpus import thai_words
    from pythainlp.util import Trie

    return Trie([*thai_words(), *ABBREVIATIONS])


def segment(text: str) -> str:
    """Plain text with Thai words separated by single spaces (HTML tags removed)."""
    text = SPACES.sub(" ", unescape(strip_tags(text or ""))).strip()
    if not THAI.search(text):
        return text
    from pythainlp.tokenize import word_tokenize

    words = word_tokenize(
        text, engine="newmm", keep_whitespace=False, custom_dict=thai_dictionary()
    )
    return " ".join(word.strip() for word in words if word.strip())


def subwords(text: str) -> str:
    """Every dictionary word that lies inside the Thai words of `text`, space-separated, once each.

    Indexed beside `segment(text)`, it lets "ราคา" find a lesson that only says "ราคาขายปลีก".
    A sub-word starts and ends on Thai character cluster boundaries, so "รา" + "คา" are the only cuts
    of "ราคา" and no word is found across a vowel and its consonant.
    """
    from pythainlp.tokenize.tcc import tcc_pos

    trie = thai_dictionary()
    found: dict[str, None] = {}
    for run in THAI_RUNS.findall(unescape(strip_tags(text or ""))):
        boundaries = tcc_pos(run) | {0}
        for start in sorted(boundaries):
            for word in trie.prefixes(run[start:]):
                if len(word) >= SHORTEST_SUBWORD and start + len(word) in boundaries:
                    found[word] = None
    return " ".join(found)


def warm_up() -> None:
    """Load the dictionary and the word breaker, so the first search after start is not slow."""
    segment("ทดสอบการตัดคำ")


def warm_up_in_background() -> threading.Thread:
    """`warm_up()` in a daemon thread: the process starts serving without waiting for it."""
    thread = threading.Thread(target=warm_up, name="thai-search-warm-up", daemon=True)
    thread.start()
    return thread


def is_warm() -> bool:
    return thai_dictionary.cache_info().currsize == 1


# What a query may keep: Latin letters (with accents), ASCII digits, and Thai consonants, vowels,
# tone and other marks. Anything else (quotes, brackets, *, NUL, ...) is query syntax to the
# database's full-text search, not words, and would make it fail.
_NOT_A_WORD_CHARACTER = re.compile(r"[^0-9A-Za-z\u00c0-\u024f\u0e01-\u0e3a\u0e40-\u0e4e]+")


def query_words(query: str) -> str:
    """A visitor's query reduced to words (letters, digits, Thai marks) separated by spaces."""
    return _NOT_A_WORD_CHARACTER.sub(" ", ascii_digits(query or "")[:400]).strip()


def segment_query(query: str) -> str:
    """A visitor's query, reduced to words and segmented like the indexed text."""
    return segment(query_words(query))[:200]


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
