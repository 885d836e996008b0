"""One base for admin viewsets whose objects are scoped to the user (a coordinator's provinces).

`ScopedModelViewSet.visible_objects(user)` is the single rule of a viewset: every view the viewset
builds (index and its results, add, edit, delete, inspect, copy, history and its results, usage, and
any custom view made with `construct_view`) lists only those objects, and answers 404 for any other
id. Views are wrapped in `construct_view`, so a view added later cannot forget the rule.

Wagtail 8's generic views fetch their object in different ways (`get_object()` with or without a
queryset argument, `get_object_or_404(self.model, …)` in inspect and copy), so the check is made on
the object each of them returns, and the listing filters its base queryset.
"""

from django.db.models import QuerySet
from django.http import Http404
from wagtail.admin.viewsets.model import ModelViewSet


class ScopedViewMixin:
    """Mixed into every view of a ScopedModelViewSet; `visible_objects` is given by the viewset."""

    visible_objects = None  # callable(user) -> QuerySet

    def _visible(self) -> QuerySet:
        return self.visible_objects(self.request.user)

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        visible = self._visible()
        if queryset.model is not visible.model:  # history lists log entries, usage lists references
            return queryset
        return queryset.filter(pk__in=visible.values("pk"))

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if obj is not None and not self._visible().filter(pk=obj.pk).exists():
            raise Http404
        return obj


class ScopedModelViewSet(ModelViewSet):
    """A ModelViewSet whose every view shows only `visible_objects(user)`."""

    def visible_objects(self, user) -> QuerySet:
        """The objects `user` may see in this viewset. Subclasses must say."""
        raise NotImplementedError(f"{type(self).__name__} must define visible_objects(user)")

    def construct_view(self, view_class, **kwargs):
        scoped = type(f"Scoped{view_class.__name__}", (ScopedViewMixin, view_class), {})
        return super().construct_view(scoped, visible_objects=self.visible_objects, **kwargs)
