"""Keep the catalogue configured, its cached URL fresh and the course tree's generation moving."""

from django.db.models.signals import post_delete, post_migrate, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from courses.services import configure_catalogue, forget_catalogue_url
from courses.spelling import forget_search_vocabulary
from courses.tree import course_tree_changed


def catalogue_saved(sender, instance, created, raw=False, **kwargs):
    forget_catalogue_url()
    if created and not raw:
        configure_catalogue(instance)


def connect() -> None:
    # A flush (transactional tests) ends with post_migrate: the cached link may point nowhere.
    post_migrate.connect(forget_catalogue_url, dispatch_uid="courses-forget-after-migrate")
    post_save.connect(
        catalogue_saved, sender=CourseIndexPage, dispatch_uid="courses-catalogue-saved"
    )
    for signal in (page_published, page_unpublished, post_page_move, post_delete):
        signal.connect(
            forget_catalogue_url,
            sender=CourseIndexPage,
            dispatch_uid=f"courses-forget-{id(signal)}",
        )
    # "Did you mean" offers words of published pages only: rebuild its word list when that changes.
    for model in (CoursePage, LessonPage):
        for signal in (page_published, page_unpublished, post_page_move, post_delete):
            signal.connect(
                forget_search_vocabulary,
                sender=model,
                dispatch_uid=f"courses-vocabulary-{model.__name__}-{id(signal)}",
            )
    # What the process keeps of the course tree (outlines, lesson parts, which privacy rules cover a
    # page: courses.tree) is kept until the tree or any page's privacy changes.
    for model in (CoursePage, ModulePage, LessonPage):
        for signal in (page_published, page_unpublished, post_delete):
            signal.connect(
                course_tree_changed,
                sender=model,
                dispatch_uid=f"courses-tree-{model.__name__}-{id(signal)}",
            )
    post_page_move.connect(course_tree_changed, dispatch_uid="courses-tree-move")
    for signal in (post_save, post_delete):
        signal.connect(
            course_tree_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"courses-tree-privacy-{id(signal)}",
        )
