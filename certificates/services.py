"""Commands that change certificates: issue, render, revoke, reissue, sweep. Views, admin and tasks call these.

Issuing is idempotent through the partial unique constraint `one_active_certificate_per_enrolment`: a retried
or duplicated task finds the row that exists, it never inserts a second one.
"""

import hashlib
import logging
import secrets
import uuid
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import F
from django.utils import timezone

from certificates.models import (
    BulkReissue,
    Certificate,
    CertificateTemplate,
    CourseCertificate,
    body_errors,
)
from core.thai_dates import BE_OFFSET
from learning.models import Enrolment
from producers import selectors as producer_selectors
from producers.models import Membership

log = logging.getLogger(__name__)

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PENDING_GRACE = timedelta(minutes=5)  # a PENDING row older than this was left by a stopped worker


def new_code(today=None) -> str:
    """OTOP-2569-7KQ4-M2XD: the Buddhist Era year and 8 random Crockford base32 characters (40 bits)."""
    year = (today or timezone.localdate()).year + BE_OFFSET
    chars = "".join(secrets.choice(CROCKFORD) for _ in range(8))
    return f"OTOP-{year}-{chars[:4]}-{chars[4:]}"


def template_for_course(course_id: int) -> CertificateTemplate | None:
    """The course's own template, else the default one, else any."""
    link = CourseCertificate.objects.select_related("template").filter(course_id=course_id).first()
    if link:
        return link.template
    return (
        CertificateTemplate.objects.filter(is_default=True).first()
        or CertificateTemplate.objects.order_by("pk").first()
    )


def _producer_of(user) -> Membership | None:
    """The membership printed on the certificate: the trainee's home producer (learning.placement),
    so a certificate is seen by the coordinators of the province the trainee belongs to."""
    return producer_selectors.home_membership(user)


def _snapshot(enrolment: Enrolment) -> dict:
    user, course = enrolment.user, enrolment.course
    membership = _producer_of(user)
    template = template_for_course(course.pk)
    snapshot = {
        "holder_name": user.get_full_name() or user.get_username(),
        "holder_name_en": user.get_full_name_en(),
        "course_title": course.title,
        "course_title_en": getattr(course, "title_en", "") or "",
        "completed_on": timezone.localdate(enrolment.completed_at),
        "template": template,
        "template_version": template.version if template else 1,
        "producer": None,
        "producer_name": "",
        "producer_registration_number": "",
    }
    if membership:
        producer = membership.producer
        snapshot.update(
            producer=producer,
            producer_name=producer.name,
            producer_registration_number=producer.registration_number,
        )
    return snapshot


def _create(enrolment: Enrolment, version: int = 1) -> Certificate:
    """Insert a PENDING certificate with a fresh code (retrying the rare code collision)."""
    snapshot = _snapshot(enrolment)
    for attempt in range(5):
        code = new_code()
        if Certificate.objects.filter(code=code).exists() and attempt < 4:
            continue
        return Certificate.objects.create(
            enrolment=enrolment, code=code, version=version, **snapshot
        )
    raise RuntimeError("no free certificate code")  # pragma: no cover


def issue_certificate(enrolment_id: int) -> Certificate | None:
    """Issue the certificate of a completed enrolment and render its PDF; returns it.

    Returns the existing certificate when there is one (rendering it if a stopped worker left it PENDING),
    and None when the enrolment is not complete or its certificate was revoked (no automatic reissue).
    """
    enrolment = Enrolment.objects.select_related("user", "course").filter(pk=enrolment_id).first()
    if enrolment is None or not enrolment.is_completed:
        return None
    existing = Certificate.objects.filter(enrolment=enrolment).order_by("-version").first()
    if existing is None:
        try:
            with transaction.atomic():
                existing = _create(enrolment)
        except IntegrityError:
            # Another task inserted it a moment ago: it renders its own row.
            return Certificate.objects.active().filter(enrolment=enrolment).first()
    if existing.status == Certificate.Status.PENDING:
        render_certificate(existing.pk)
        existing.refresh_from_db()
    if existing.status not in Certificate.ACTIVE_STATUSES:
        return None
    return existing


def render_certificate(certificate_id: int, pdf: bytes | None = None) -> bool:
    """Render a PENDING certificate once, store it, and mark it VALID in one update.

    The file is stored under a new random name that nothing points to until the final update, so a worker
    killed mid-render leaves at most an unreferenced file, never a half-written one served as the PDF.
    Returns False when the certificate is not PENDING (already rendered by someone else).
    """
    cert = (
        Certificate.objects.select_related("template", "enrolment")
        .filter(pk=certificate_id, status=Certificate.Status.PENDING)
        .first()
    )
    if cert is None:
        return False
    if cert.template is None and (template := template_for_course(cert.enrolment.course_id)):
        # Issued before any template existed: use the one there is now.
        Certificate.objects.filter(pk=cert.pk).update(
            template=template, template_version=template.version
        )
        cert.template, cert.template_version = template, template.version
    if pdf is None:
        # Imported here: WeasyPrint and its fonts weigh ~40 MB in every process that never renders.
        from certificates import rendering

        try:
            pdf = rendering.render_pdf(
                cert.template, rendering.CertificateData.from_certificate(cert)
            )
        except TRANSIENT:
            raise  # the task retries these
        except Exception as error:  # a template that cannot render: retrying changes nothing
            mark_failed(cert.pk, error, cert.template)
            return False
    digest = hashlib.sha256(pdf).hexdigest()
    year = timezone.localdate().year
    name = default_storage.save(
        f"certificates/{year}/{cert.code}-{uuid.uuid4().hex[:12]}.pdf", ContentFile(pdf)
    )
    updated = Certificate.objects.filter(pk=cert.pk, status=Certificate.Status.PENDING).update(
        pdf=name, sha256=digest, status=Certificate.Status.VALID, issued_at=timezone.now()
    )
    if not updated:  # someone else finished first: keep theirs
        default_storage.delete(name)
    return bool(updated)


TRANSIENT = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


def mark_failed(certificate_id: int, error: Exception, template=None) -> None:
    """A PENDING certificate that cannot be rendered becomes FAILED with the reason, shown to
    coordinators; the sweep no longer retries it (a reissue after fixing the template does).

    The reason names the template's bad placeholder when that is the cause."""
    problems = body_errors(template.body) if template is not None else []
    reason = " ".join(" ".join(p.messages) for p in problems) or f"{type(error).__name__}: {error}"
    reason = reason[:1000]
    log.warning("certificate %s could not be rendered: %s", certificate_id, reason)
    Certificate.objects.filter(pk=certificate_id, status=Certificate.Status.PENDING).update(
        status=Certificate.Status.FAILED, failure_reason=reason
    )


class CertificateNotRevocable(Exception):
    """Only a valid certificate can be revoked (not a pending, failed, replaced or revoked one)."""


def check_revocable(cert: Certificate) -> None:
    """Raise CertificateNotRevocable unless `cert` is valid."""
    if not cert.is_valid:
        raise CertificateNotRevocable(cert.code)


def revoke(cert: Certificate, reason: str, by=None) -> Certificate:
    """Revoke a valid certificate with a reason shown on its verification page.

    Raises ValueError without a reason, CertificateNotRevocable if the certificate is not (or no
    longer: revoked or replaced meanwhile) valid.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("A reason is required to revoke a certificate.")
    revoked = Certificate.objects.filter(pk=cert.pk, status=Certificate.Status.VALID).update(
        status=Certificate.Status.REVOKED,
        revoked_at=timezone.now(),
        revoke_reason=reason,
        revoked_by=by,
    )
    cert.refresh_from_db()
    if not revoked:
        raise CertificateNotRevocable(cert.code)
    return cert


REISSUABLE = (Certificate.Status.VALID, Certificate.Status.REVOKED, Certificate.Status.FAILED)


def _replace(cert_id: int) -> Certificate | None:
    """Inside a transaction: mark the certificate REPLACED and insert its PENDING successor."""
    old = Certificate.objects.select_for_update().filter(pk=cert_id).first()
    if old is None or old.status not in REISSUABLE:
        return None
    old.status = Certificate.Status.REPLACED
    old.save(update_fields=["status"])
    enrolment = Enrolment.objects.select_related("user", "course").get(pk=old.enrolment_id)
    new = _create(enrolment, version=old.version + 1)
    old.replaced_by = new
    old.save(update_fields=["replaced_by"])
    return new


def reissue(cert: Certificate, by=None) -> Certificate | None:
    """A new version with a new code and a fresh snapshot and PDF; the old one becomes REPLACED."""
    with transaction.atomic():
        new = _replace(cert.pk)
    if new is not None:
        render_certificate(new.pk)
        new.refresh_from_db()
    return new


def start_bulk_reissue(course_id: int, reason: str, by=None) -> BulkReissue:
    from certificates import tasks

    bulk = BulkReissue.objects.create(
        course_id=course_id,
        reason=reason,
        owner=by,
        progress_total=Certificate.objects.valid().filter(enrolment__course_id=course_id).count(),
    )
    transaction.on_commit(lambda: tasks.run_bulk_reissue.delay(bulk.pk))
    return bulk


# Certificates a chunk task reissues: one WeasyPrint layout each, small enough to spread over workers.
BULK_CHUNK = 50


def run_bulk_reissue(bulk_id: int, batch_size: int = BULK_CHUNK) -> BulkReissue:
    """Split the reissue of every valid certificate of the course into chunk tasks, one per batch.

    The chunks go out as one Celery group, so every worker process takes some: adding workers divides
    the time. Each chunk adds to the same counters (one progress bar); the last one marks it done.
    """
    from celery import group

    from certificates import tasks

    bulk = BulkReissue.objects.get(pk=bulk_id)
    ids = list(
        Certificate.objects.valid()
        .filter(enrolment__course_id=bulk.course_id, created_at__lt=bulk.created_at)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not bulk.start(total=len(ids), failed=0):
        return bulk
    chunks = [ids[start : start + batch_size] for start in range(0, len(ids), batch_size)]
    if chunks:
        group(tasks.reissue_chunk.s(bulk_id, chunk) for chunk in chunks).apply_async()
    else:
        _finish_if_complete(bulk_id)
    bulk.refresh_from_db()
    return bulk


def reissue_chunk(bulk_id: int, cert_ids: list[int]) -> int:
    """Reissue some certificates of a bulk run, rendered in one batch; returns how many were rendered.

    Safe to run again (a retried task): a certificate this run already replaced is rendered if still
    PENDING and not counted twice; one replaced or revoked by someone else meanwhile leaves the total.
    """
    bulk = BulkReissue.objects.only("created_at").get(pk=bulk_id)
    to_render, left_out = [], 0
    for cert_id in cert_ids:
        with transaction.atomic():
            new = _replace(cert_id)
        if new is not None:
            to_render.append(new)
            continue
        successor = (
            Certificate.objects.filter(replaces__pk=cert_id, created_at__gte=bulk.created_at)
            .select_related("template")
            .first()
        )
        if successor is None:
            left_out += 1
        elif successor.status == Certificate.Status.PENDING:
            to_render.append(successor)
    done = _render_batch(to_render)
    BulkReissue.objects.filter(pk=bulk_id).update(
        progress_done=F("progress_done") + len(to_render),
        failed=F("failed") + len(to_render) - done,
        progress_total=F("progress_total") - left_out,
    )
    _finish_if_complete(bulk_id)
    return done


def _finish_if_complete(bulk_id: int) -> None:
    BulkReissue.objects.filter(
        pk=bulk_id, status=BulkReissue.Status.RUNNING, progress_total__lte=F("progress_done")
    ).update(status=BulkReissue.Status.DONE, finished_at=timezone.now())


def _render_batch(certs: list[Certificate]) -> int:
    """Render PENDING certificates that share templates in one WeasyPrint run per template."""
    by_template: dict[int | None, list[Certificate]] = {}
    for cert in certs:
        by_template.setdefault(cert.template_id, []).append(cert)
    rendered = 0
    from certificates import rendering

    for group in by_template.values():
        template = group[0].template
        try:
            pdfs = rendering.render_many(
                template, [rendering.CertificateData.from_certificate(c) for c in group]
            )
        except TRANSIENT:
            raise
        except Exception as error:
            for cert in group:
                mark_failed(cert.pk, error, template)
            continue
        for cert, pdf in zip(group, pdfs, strict=True):
            rendered += render_certificate(cert.pk, pdf=pdf)
    return rendered


def sweep() -> dict[str, int]:
    """Issue what a lost message or a stopped worker left undone; returns counts."""
    from certificates import tasks

    missing = list(
        Enrolment.objects.completed()
        .filter(certificates__isnull=True)
        .values_list("pk", flat=True)[:1000]
    )
    stale = list(
        Certificate.objects.filter(
            status=Certificate.Status.PENDING, created_at__lt=timezone.now() - PENDING_GRACE
        ).values_list("pk", flat=True)[:1000]
    )
    for enrolment_id in missing:
        tasks.issue_certificate.delay(enrolment_id)
    for cert_id in stale:
        tasks.render_certificate.delay(cert_id)
    return {"missing": len(missing), "stale": len(stale)}
