"""The two image collections: course media that trainers use, and officials' signatures that they must not.

Wagtail's collection permissions pass down the collection tree, so the two are siblings under the root:
trainers hold permissions on "course media" only, coordinators on the root (both).
"""

from wagtail.models import Collection

COURSE_MEDIA = "สื่อการสอน"
SIGNATURES = "ลายมือชื่อผู้ลงนาม"


def collection_named(name: str) -> Collection:
    """The root's child collection of this name, created when missing (a fresh or migrated site)."""
    # Wagtail's migrations make the root; a database emptied by hand (or a test flush) may lack it.
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    found = root.get_children().filter(name=name).first()
    return found or root.add_child(name=name)
