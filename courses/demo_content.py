"""Real Thai demo training content for the SMART OTOP learning platform, read from courses/demo_data/.

The texts are data files: `categories.json`, and one JSON file per course listed in `courses.json`
(in the order the catalogue shows them). ``courses/demo.py`` reads CATEGORIES and COURSES from here
and turns them into pages, lessons, quizzes, images and handouts. A lesson's body is a list of
``[block type, value]`` pairs; block types match courses/blocks.py.
"""

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "demo_data"


def _read(name: str):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


CATEGORIES = _read("categories.json")
COURSES = [_read(name) for name in _read("courses.json")]
