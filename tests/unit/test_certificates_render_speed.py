"""Certificates are laid out with a short browser stylesheet (certificates/pdf/user_agent.css) instead of
WeasyPrint's full HTML5 one: every box must land where the full stylesheet puts it."""

import pytest
from weasyprint import HTML

from certificates import rendering
from certificates.models import CertificateTemplate
from tests.factories.certificates import CertificateTemplateFactory, SignatoryFactory

pytestmark = pytest.mark.django_db


def _boxes(document) -> list[tuple]:
    """Every box of the first page: its kind, element, position and size (rounded to 0.01 px)."""
    found = []

    def walk(box):
        found.append(
            (
                type(box).__name__,
                getattr(box, "element_tag", None),
                round(box.position_x, 2),
                round(box.position_y, 2),
                round(box.width, 2),
                round(box.height, 2),
                getattr(box, "text", None),
            )
        )
        for child in getattr(box, "children", ()):
            walk(child)

    walk(document.pages[0]._page_box)
    return found


@pytest.mark.parametrize("layout", list(CertificateTemplate.Layout))
def test_the_short_browser_stylesheet_lays_a_certificate_out_as_the_full_one(home_page, layout):
    template = CertificateTemplateFactory(layout=layout, show_english=True)
    SignatoryFactory(template=template)
    SignatoryFactory(template=template, name="นางวิไลวรรณ ศรีสุข", position="พัฒนาการจังหวัด")
    html = rendering.render_html(template, [rendering.sample_data(template)])
    font_config, stylesheet, images, user_agent = rendering.shared_style()
    options = {"font_config": font_config, "stylesheets": [stylesheet], "cache": images}
    fetcher = rendering.SiteOnlyFetcher()
    short = rendering.CertificateHTML(
        string=html, url_fetcher=fetcher, user_agent=user_agent
    ).render(**options)
    full = HTML(string=html, url_fetcher=fetcher).render(**options)
    short_boxes, full_boxes = _boxes(short), _boxes(full)
    assert len(short_boxes) > 30  # the whole page was walked, text included
    assert short_boxes == full_boxes


def test_what_the_process_holds_is_frozen_out_of_the_collector_once(monkeypatch):
    """Freezing again after each render would keep that render's objects forever."""
    frozen = []
    monkeypatch.setattr(rendering, "_shared", {})
    monkeypatch.setattr(rendering.gc, "freeze", lambda: frozen.append(True))
    rendering.shared_style()
    rendering.render_pdf(None, rendering.sample_data(None))
    rendering.shared_style()
    assert frozen == [True]
