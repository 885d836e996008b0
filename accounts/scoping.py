from django.http import Http404


class VisibleObjectsOnlyMixin:
    """For admin object views: an object outside what the user may see does not exist for them (404).

    Subclasses give `visible_objects(user)`, the queryset of what that user may see (for example the
    certificates or training sessions of a coordinator's provinces).
    """

    def visible_objects(self, user):
        raise NotImplementedError

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not self.visible_objects(self.request.user).filter(pk=obj.pk).exists():
            raise Http404
        return obj
