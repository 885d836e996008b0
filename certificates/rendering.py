"""Turning certificates into PDF: HTML from a Django template, WeasyPrint 70, Sarabun, a segno QR code.

The PDF never fetches anything outside the site: images are inlined as data: URLs from storage and the
only files read are the Sarabun fonts and the site's own media/static files (`SiteOnlyFetcher`).
"""

import base64
import gc
import hashlib
import io
import logging
import mimetypes
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

import fontpkg
import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

logging.getLogger("weasyprint").setLevel(logging.WARNING)  # its INFO lines are per render step

from weasyprint import CSS, HTML, URLFetcher  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402
from weasyprint.urls import URLFetcherResponse  # noqa: E402

from certificates.pdf_fonts import certificate_font  # noqa: E402
from core.thai_dates import english_date, thai_date  # noqa: E402

FONT_REGULAR = fontpkg.path("Sarabun", 400)
FONT_BOLD = fontpkg.path("Sarabun", 700)


# Images every page of a template shows (signatures, background, logo) are held here and named by a
# short URL: as data: URLs they were parsed again, character by character, on every page of a batch.
ASSET_SCHEME = "otop-asset:"
_assets: dict[str, tuple[bytes, str]] = {}


def embedded(data: bytes, mime: str) -> str:
    """A URL for `data` that certificate rendering reads from memory (see `SiteOnlyFetcher`)."""
    url = f"{ASSET_SCHEME}{hashlib.blake2b(data, digest_size=16).hexdigest()}"
    _assets.setdefault(url, (data, mime))
    return url


class SiteOnlyFetcher(URLFetcher):
    """Serves data: URLs and local files under the fonts, media and static directories; refuses the rest."""

    def __init__(self, **kwargs):
        super().__init__(allowed_protocols={"file", "data"}, **kwargs)
        roots = [FONT_REGULAR.parent, Path(settings.MEDIA_ROOT), Path(settings.STATIC_ROOT)]
        for entry in getattr(settings, "STATICFILES_DIRS", []):
            roots.append(Path(entry[1] if isinstance(entry, tuple | list) else entry))
        self.roots = [r.resolve() for r in roots]

    def fetch(self, url, headers=None):
        if url.startswith(ASSET_SCHEME):
            if url not in _assets:
                raise ValueError(f"No certificate image {url}")
            data, mime = _assets[url]
            return URLFetcherResponse(url, data, {"Content-Type": mime})
        if url.startswith("file:"):
            path = Path(unquote(urlparse(url).path)).resolve()
            if not any(path.is_relative_to(root) for root in self.roots):
                raise ValueError(f"Certificate rendering may not read {url}")
        elif not url.startswith("data:"):
            raise ValueError(f"Certificate rendering fetches no URL outside the site: {url}")
        return super().fetch(url, headers)


def as_jpeg(data: bytes) -> bytes:
    """An image as a JPEG, transparency flattened onto white paper.

    WeasyPrint copies a JPEG into the PDF as it is; a PNG is decoded and compressed again in every PDF.
    """
    from PIL import Image

    with Image.open(io.BytesIO(data)) as picture:
        picture.load()
        if picture.mode in ("RGBA", "LA", "P"):
            picture = picture.convert("RGBA")
            paper = Image.new("RGB", picture.size, (255, 255, 255))
            paper.paste(picture, mask=picture.getchannel("A"))
            picture = paper
        elif picture.mode != "RGB":
            picture = picture.convert("RGB")
        out = io.BytesIO()
        picture.save(out, "JPEG", quality=90)
    return out.getvalue()


def image_url(image, max_width: int = 1400, jpeg: bool = False) -> str:
    """A Wagtail image (or None), read through the storage (local or S3), as an `embedded` URL.

    With `jpeg`, the image is embedded as a JPEG on white (signatures and backgrounds: see `as_jpeg`).
    """
    if image is None:
        return ""
    try:
        rendition = image.get_rendition(f"max-{max_width}x{max_width}")
        with rendition.file.open("rb") as fh:
            data = fh.read()
        name = rendition.file.name
        if jpeg:
            data, name = as_jpeg(data), "image.jpg"
    except Exception:  # a missing file leaves the space empty rather than failing the certificate
        return ""
    return embedded(data, mimetypes.guess_type(name)[0] or "image/png")


# Mask 4 (a checkerboard) reads well on print; a fixed mask skips scoring all eight for every page.
QR_MASK = 4


def qr_svg(url: str) -> str:
    """The QR code as a tiny PNG (one pixel a module), drawn unsmoothed at print size.

    An inline SVG path costs WeasyPrint more to parse and draw than the image, per page.
    """
    uri = segno.make(url, error="m", mask=QR_MASK).png_data_uri(scale=1, border=2)
    return f'<img class="qr" src="{uri}" alt="">'


def _font_data_url(weight: int) -> str:
    """Sarabun made for certificates (text that copies as typed: see certificates.pdf_fonts)."""
    return "data:font/ttf;base64," + base64.b64encode(certificate_font(weight)).decode()


_shared: dict = {}
# WeasyPrint's image cache holds every QR code too (one a certificate): start afresh past this size.
IMAGE_CACHE_ENTRIES = 2000


def shared_style() -> tuple[FontConfiguration, CSS, dict, CSS]:
    """The font configuration, the parsed stylesheet, the image cache and the browser defaults, made
    once per process.

    Fonts, @font-face rules and the CSS are the same for every certificate: building them for each
    render was a third of a single certificate's time.
    """
    if not _shared:
        font_config = FontConfiguration()
        css = (
            (Path(__file__).parent / "templates/certificates/pdf/certificate.css")
            .read_text(encoding="utf-8")
            .replace("{font_regular}", _font_data_url(400))
            .replace("{font_bold}", _font_data_url(700))
        )
        stylesheet = CSS(string=css, font_config=font_config, url_fetcher=SiteOnlyFetcher())
        user_agent = CSS(
            filename=str(Path(__file__).parent / "templates/certificates/pdf/user_agent.css")
        )
        _shared.update(
            font_config=font_config, stylesheet=stylesheet, images={}, user_agent=user_agent
        )
        _out_of_the_collectors_way()
    elif len(_shared["images"]) > IMAGE_CACHE_ENTRIES:
        # Start a new dict rather than clearing: documents rendered earlier keep reading theirs.
        _shared["images"] = {}
    return _shared["font_config"], _shared["stylesheet"], _shared["images"], _shared["user_agent"]


def _out_of_the_collectors_way() -> None:
    """Leave what the process holds now (Django, Wagtail, the fonts and stylesheets just built) out of
    the garbage collector's walks, once per process.

    A certificate allocates tens of thousands of objects, so the collector runs many times per page,
    and each full collection walked every object the process had loaded: a sixth of a batched
    certificate's time. Only what is alive after a collection is frozen, so nothing is leaked.
    """
    gc.collect()
    gc.freeze()


class _Placeholders(dict):
    def __missing__(self, key):
        return "{" + key + "}"


@dataclass
class CertificateData:
    """What a page shows; built from a Certificate snapshot or from sample data for a preview."""

    code: str
    holder_name: str
    holder_name_en: str
    course_title: str
    course_title_en: str
    completed_on: object
    producer_name: str = ""
    producer_registration_number: str = ""
    version: int = 1
    verify_url: str = ""
    province_code: str = ""  # the producer's province: whose officer signs (TemplateAssets)
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_certificate(cls, cert) -> "CertificateData":
        return cls(
            code=cert.code,
            holder_name=cert.holder_name,
            holder_name_en=cert.holder_name_en,
            course_title=cert.course_title,
            course_title_en=cert.course_title_en,
            completed_on=cert.completed_on,
            producer_name=cert.producer_name,
            producer_registration_number=cert.producer_registration_number,
            version=cert.version,
            verify_url=cert.get_absolute_verify_url(),
            province_code=cert.producer.province_code if cert.producer_id else "",
        )


def _body(template, data: CertificateData) -> str:
    producer_line = ""
    if data.producer_name:
        producer_line = f"สมาชิก{data.producer_name}"
        if data.producer_registration_number:
            producer_line += f" (ทะเบียนเลขที่ {data.producer_registration_number})"
    values = _Placeholders(
        name=data.holder_name,
        name_en=data.holder_name_en,
        course=data.course_title,
        course_en=data.course_title_en,
        date=thai_date(data.completed_on),
        date_en=english_date(data.completed_on),
        producer=data.producer_name,
        registration_number=data.producer_registration_number,
        producer_line=producer_line,
        code=data.code,
    )
    return " ".join(template.body.format_map(values).split())


class TemplateAssets:
    """What is the same on every page of one template (images, signatories), read once per batch.

    A signatory marked "signs for the province" gives way to the officer of the certificate
    producer's province, when that province has one (`signatories_for`).
    """

    def __init__(self, template):
        self.template = template
        self.background = image_url(template.background_image, jpeg=True) if template else ""
        self.logo = image_url(template.logo, 400) if template else ""
        rows = list(template.signatories.all()) if template and template.pk else []
        self.signatories = [self._signatory(s) | {"provincial": s.signs_for_province} for s in rows]
        self._officers: dict[str, dict | None] = {}

    @staticmethod
    def _signatory(person) -> dict:
        return {
            "name": person.name,
            "position": person.position,
            "image": image_url(person.signature, 500, jpeg=True),
        }

    def _officer(self, province_code: str) -> dict | None:
        if province_code not in self._officers:
            from certificates.models import ProvincialSignatory

            officer = (
                ProvincialSignatory.objects.select_related("signature")
                .filter(province_code=province_code)
                .first()
            )
            self._officers[province_code] = self._signatory(officer) if officer else None
        return self._officers[province_code]

    def signatories_for(self, province_code: str) -> list[dict]:
        """The signatories of a certificate whose producer is in `province_code` ("" for none)."""
        if not any(s["provincial"] for s in self.signatories):
            return self.signatories
        officer = self._officer(province_code) if province_code else None
        return [officer if s["provincial"] and officer else s for s in self.signatories]


def _page_context(template, data: CertificateData, assets: TemplateAssets) -> dict:
    return {
        "signatories": assets.signatories_for(data.province_code),
        "data": data,
        "body": _body(template, data),
        "date_th": thai_date(data.completed_on),
        "date_en": english_date(data.completed_on),
        "qr": qr_svg(data.verify_url),
    }


def render_html(
    template, pages: list[CertificateData], assets: TemplateAssets | None = None
) -> str:
    """One HTML document with one A4 landscape page per certificate."""
    if template is None:  # no template in the database yet: the built-in defaults
        from certificates.models import CertificateTemplate

        template = CertificateTemplate(name="default")
    assets = assets or TemplateAssets(template)
    with translation.override("th"):
        return render_to_string(
            "certificates/pdf/certificate.html",
            {
                "template": template,
                "layout": template.layout if template else "classic",
                "assets": assets,
                "pages": [_page_context(template, d, assets) for d in pages],
            },
        )


def render_pdf(template, data: CertificateData, assets: TemplateAssets | None = None) -> bytes:
    """The PDF of one certificate."""
    return _document(render_html(template, [data], assets)).write_pdf()


class CertificateHTML(HTML):
    """A certificate document: WeasyPrint with only the browser defaults certificate pages use
    (pdf/user_agent.css) instead of its full HTML5 stylesheet."""

    def __init__(self, *args, user_agent: CSS, **kwargs):
        super().__init__(*args, **kwargs)
        self._user_agent = user_agent

    def _ua_stylesheets(self, forms=False):
        return [self._user_agent]


def _document(html: str):
    font_config, stylesheet, images, user_agent = shared_style()
    return CertificateHTML(
        string=html, url_fetcher=SiteOnlyFetcher(), user_agent=user_agent
    ).render(font_config=font_config, stylesheets=[stylesheet], cache=images)


def render_many(
    template, pages: list[CertificateData], assets: TemplateAssets | None = None
) -> list[bytes]:
    """Many certificates in one WeasyPrint render, split into one PDF each (much faster in bulk)."""
    document = _document(render_html(template, pages, assets))
    # One layout for all, then each page written on its own (with only its own images).
    return [document.copy([page]).write_pdf() for page in document.pages]


def sample_data(template) -> CertificateData:
    """The preview's made-up holder, shown to coordinators designing a template."""
    import datetime

    return CertificateData(
        code="OTOP-2569-TEST-0000",
        holder_name="นางสาวสมใจ ใจดี",
        holder_name_en="Miss Somjai Jaidee",
        course_title="การพัฒนาบรรจุภัณฑ์และฉลากสินค้า OTOP",
        course_title_en="Packaging and Labels for OTOP Products",
        completed_on=datetime.date(2026, 11, 25),
        producer_name="กลุ่มทอผ้าไหมยกดอกบ้านกลาง",
        producer_registration_number="5101-00012",
        verify_url=settings.SITE_URL + "/certificates/verify/OTOP-2569-TEST-0000/",
    )


def stamped_revoked(pdf: bytes, reason: str, revoked_on) -> bytes:
    """The stored PDF with "เพิกถอนแล้ว / REVOKED", the date and the reason drawn across every page.

    The holder keeps a copy they can open, but it can never pass for a valid certificate.
    """
    import io

    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    with translation.override("th"):
        html = render_to_string(
            "certificates/pdf/revoked_stamp.html",
            {
                "width": float(box.width),
                "height": float(box.height),
                "reason": reason,
                "date_th": thai_date(revoked_on) if revoked_on else "",
                "date_en": english_date(revoked_on) if revoked_on else "",
                "font_bold": FONT_BOLD.as_uri(),
                "font_regular": FONT_REGULAR.as_uri(),
            },
        )
    stamp = PdfReader(
        io.BytesIO(HTML(string=html, url_fetcher=SiteOnlyFetcher()).write_pdf())
    ).pages[0]
    writer = PdfWriter(clone_from=reader)
    for page in writer.pages:
        page.merge_page(stamp)
    writer.add_metadata({"/Title": "เพิกถอนแล้ว / REVOKED"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
