from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = _("Learning")

    def ready(self):
        from django.db.models.signals import post_delete
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from courses.models import CoursePage, LessonPage, ModulePage
        from learning import placement  # noqa: F401  (registers the can_place_trainee hook)
        from learning.selectors import forget_course_outlines

        def course_tree_changed(sender, **kwargs):
            forget_course_outlines()

        for model in (CoursePage, ModulePage, LessonPage):
            for signal in (page_published, page_unpublished, post_delete):
                signal.connect(
                    course_tree_changed, sender=model, dispatch_uid=f"outline-{signal}-{model}"
                )
        post_page_move.connect(course_tree_changed, dispatch_uid="outline-move")
