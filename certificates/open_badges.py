"""A certificate as JSON whose fields map onto Open Badges 3.0 (an OpenBadgeCredential, unsigned)."""

from django.conf import settings

from certificates.models import Certificate
from core.thai_dates import thai_date

CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
ISSUER_NAME = "SMART OTOP Learning"


def _iso(value):
    return value.isoformat() if value else None


def credential(cert: Certificate) -> dict:
    verify_url = cert.get_absolute_verify_url()
    status = {
        "id": verify_url + "#status",
        "type": "OtopCertificateStatus",
        "status": cert.status,
    }
    if cert.status == Certificate.Status.REVOKED:
        status.update(revokedAt=_iso(cert.revoked_at), reason=cert.revoke_reason)
    if cert.replaced_by_id:
        status["replacedBy"] = cert.replaced_by.get_absolute_verify_url()
    data = {
        "@context": CONTEXT,
        "id": verify_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": cert.course_title,
        "issuer": {"id": settings.SITE_URL + "/", "type": ["Profile"], "name": ISSUER_NAME},
        "validFrom": _iso(cert.issued_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": cert.holder_name,
            "nameEn": cert.holder_name_en,
            "activityEndDate": cert.completed_on.isoformat(),
            "achievement": {
                "id": settings.SITE_URL + (cert.enrolment.course.get_url() or "/"),
                "type": ["Achievement"],
                "name": cert.course_title,
                "nameEn": cert.course_title_en,
                "criteria": {
                    "narrative": "Completed every required lesson and quiz of the course."
                },
            },
        },
        "credentialStatus": status,
        "otop": {
            "code": cert.code,
            "version": cert.version,
            "status": cert.status,
            "completedOn": cert.completed_on.isoformat(),
            "completedOnThai": thai_date(cert.completed_on),
            "producer": {
                "name": cert.producer_name,
                "registrationNumber": cert.producer_registration_number,
            }
            if cert.producer_name
            else None,
            "pdfSha256": cert.sha256 or None,
        },
    }
    if cert.status == Certificate.Status.REVOKED:
        data["validUntil"] = _iso(cert.revoked_at)
    return data
