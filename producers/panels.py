"""An extension point for the producer's admin page.

Other apps add sections (members' certificates, selection eligibility, …) to the producer's page in
the Wagtail admin with the hook below. A hook function takes (producer, request) and returns a
`wagtail.admin.ui.components.Component` (or None to show nothing):

    # certificates/wagtail_hooks.py
    from wagtail import hooks
    from producers.panels import PRODUCER_PANELS_HOOK

    @hooks.register(PRODUCER_PANELS_HOOK)
    def eligibility_panel(producer, request):
        return EligibilityPanel(producer)   # a Component with a template_name

Panels are shown in `order` (an attribute of the component, default 100) after the built-in
sections (members, products and standards).
"""

from wagtail import hooks

PRODUCER_PANELS_HOOK = "register_producer_admin_panels"


def producer_panels(producer, request) -> list:
    panels = [fn(producer, request) for fn in hooks.get_hooks(PRODUCER_PANELS_HOOK)]
    return sorted((p for p in panels if p is not None), key=lambda p: getattr(p, "order", 100))
