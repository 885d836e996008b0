"""Eligibility shown on the producer's admin page and on the trainee's dashboard."""

from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.admin.ui.components import Component

from courses.models import CoursePage
from producers.selectors import confirmed_producers_for
from selection.selectors import current_rounds
from selection.services import evaluate, evaluate_many


class EligibilityPanel(Component):
    """The producer's verdict for each current round, with every check and its evidence."""

    template_name = "selection/admin/eligibility_panel.html"
    order = 200

    def __init__(self, producer, rounds):
        self.producer = producer
        self.rounds = rounds

    def get_context_data(self, parent_context=None):
        return {
            "producer": self.producer,
            "verdicts": [evaluate(self.producer, r) for r in self.rounds],
            "rounds_url": reverse("selectionround:index"),
        }


def producer_admin_panel(producer, request):
    if not request.user.has_perm("selection.view_selectionround"):
        return None
    rounds = current_rounds()
    return EligibilityPanel(producer, rounds) if rounds else None


def dashboard_panels(request) -> list[str]:
    """For each producer the trainee belongs to: what is still missing for the current rounds."""
    if not request.user.is_authenticated:
        return []
    producers = list(confirmed_producers_for(request.user))
    rounds = current_rounds()
    if not producers or not rounds:
        return []
    items = []
    course_ids = set()
    for round in rounds:
        for verdict in evaluate_many(producers, round):
            missing = [cid for c in verdict.failing for cid in c.missing_course_ids]
            course_ids.update(missing)
            items.append((verdict, missing))
    courses = {c.pk: c for c in CoursePage.objects.live().filter(pk__in=course_ids).specific()}
    rows = [
        {
            "verdict": verdict,
            "courses": [courses[cid] for cid in dict.fromkeys(missing) if cid in courses],
        }
        for verdict, missing in items
    ]
    return [render_to_string("selection/panels/dashboard.html", {"rows": rows}, request=request)]
