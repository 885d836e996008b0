"""The public verification record of a certificate: the very JSON of the verification page
(`/certificates/verify/<code>/?format=json`), built by the certificates app, so both always agree."""

from certificates.models import Certificate
from certificates.open_badges import credential

# For the OpenAPI schema: an Open Badges 3.0 credential with the platform's "otop" block.
CREDENTIAL_SCHEMA = {
    "type": "object",
    "properties": {
        "id": {"type": "string", "format": "uri"},
        "type": {"type": "array", "items": {"type": "string"}},
        "name": {"type": "string"},
        "validFrom": {"type": ["string", "null"]},
        "credentialSubject": {"type": "object"},
        "credentialStatus": {"type": "object"},
        "otop": {"type": "object"},
    },
    "required": ["id", "type", "credentialStatus", "otop"],
}


def verification_record(cert: Certificate) -> dict:
    return credential(cert)
