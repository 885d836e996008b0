"""The public verification record of a certificate.

The certificates app's own JSON builder is used when it exists, so the API and the verification
page (`/certificates/verify/<code>/?format=json`) always say the same thing.
"""

from certificates.models import Certificate


def _fallback_record(cert: Certificate) -> dict:
    return {
        "code": cert.code,
        "status": cert.status,
        "valid": cert.status == Certificate.Status.VALID,
        "holder_name": cert.holder_name,
        "holder_name_en": cert.holder_name_en,
        "course_title": cert.course_title,
        "course_title_en": cert.course_title_en,
        "completed_on": cert.completed_on.isoformat(),
        "producer_name": cert.producer_name,
        "producer_registration_number": cert.producer_registration_number,
        "issued_at": cert.issued_at.isoformat() if cert.issued_at else None,
        "revoked_at": cert.revoked_at.isoformat() if cert.revoked_at else None,
        "replaced_by": cert.replaced_by.code if cert.replaced_by_id else None,
        "verify_url": cert.get_absolute_verify_url(),
    }


def verification_record(cert: Certificate) -> dict:
    try:
        from certificates.verification import verification_json  # the verify page's builder
    except ImportError:
        return _fallback_record(cert)
    return verification_json(cert)
