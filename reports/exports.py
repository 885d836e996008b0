"""The columns of the report downloads, and the completion report's records; core.exports writes them.

Completion rows come from `completion_tuples()` read in chunks by a server-side cursor: memory stays
flat whatever the size, and no row triggers a query of its own. Each row becomes one tuple in the
order of `completion_columns()` with plain dictionary lookups (labels and areas worked out once).
Thai downloads carry Thai headings and Buddhist Era dates (in CSV); English downloads carry English
headings and ISO dates. XLSX dates are real dates in either language.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import geothai
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.exports import DATE, NUMBER, TEXT, Column
from learning.models import Enrolment
from learning.selectors import percent

# Rows fetched from the server-side cursor at a time. Each fetch is a list of tuples (Thai names,
# dates) held while the next one is read, so this sets the export's own memory: 2000 rows added about
# 9 MB to the process, 500 about 3 MB, at no measurable cost in time (bench/reports_export.py).
CHUNK_ROWS = 500

# (key, heading, kind) in the order of the tuples completion_records() yields.
COMPLETION_COLUMNS = [
    ("trainee", _("Trainee"), TEXT),
    ("producer", _("Producer"), TEXT),
    ("registration_number", _("Registration number"), TEXT),
    ("province", _("Province"), TEXT),
    ("district", _("District"), TEXT),
    ("course", _("Course"), TEXT),
    ("cohort", _("Training session"), TEXT),
    ("enrolled", _("Enrolled on"), DATE),
    ("last_activity", _("Last activity"), DATE),
    ("done", _("Lessons done"), NUMBER),
    ("required", _("Lessons required"), NUMBER),
    ("percent", _("Percent complete"), NUMBER),
    ("best_score", _("Best quiz score"), NUMBER),
    ("completed", _("Completed on"), DATE),
    ("status", _("Status"), TEXT),
    ("certificate_code", _("Certificate number"), TEXT),
    ("certificate_status", _("Certificate status"), TEXT),
]
CONTACT_COLUMNS = [("phone", _("Contact phone"), TEXT), ("email", _("Email"), TEXT)]
COMPLETION_KEYS = [key for key, _heading, _kind in COMPLETION_COLUMNS + CONTACT_COLUMNS]


def completion_columns(include_contacts: bool = False) -> list[Column]:
    specs = COMPLETION_COLUMNS + (CONTACT_COLUMNS if include_contacts else [])
    return [Column.at(index, heading, kind) for index, (_key, heading, kind) in enumerate(specs)]


SUMMARY_COUNTS = [
    ("enrolled", _("Enrolled")),
    ("started", _("Started")),
    ("completed", _("Completed")),
    ("rate", _("Completion rate (%)")),
    ("certified", _("Certificates issued")),
]
SUMMARY_KEYS = ["label"] + [key for key, _heading in SUMMARY_COUNTS]


def summary_columns(by_heading: str) -> list[Column]:
    """Columns of the summary's rows (dicts), the first headed by what the rows are grouped by."""
    counts = [Column.at(key, heading, NUMBER) for key, heading in SUMMARY_COUNTS]
    return [Column.at("label", by_heading), *counts]


CERTIFICATE_STATUS = {
    "pending": _("being issued"),
    "valid": _("valid"),
    "revoked": _("revoked"),
    "replaced": _("replaced"),
}


def certificate_status_labels() -> dict:
    from reports.selectors import certificate_model

    certificate = certificate_model()
    return dict(certificate.Status.choices) if certificate else CERTIFICATE_STATUS


@lru_cache(maxsize=2048)
def area_label(code: str | None, english: bool) -> str:
    if not code:
        return ""
    area = geothai.province(code) if len(code) == 2 else geothai.district(code)
    if area is None:
        return code
    return area.name_en if english else area.name_th


def completion_records(rows: Iterable[tuple], english: bool) -> Iterator[tuple]:
    """Turn `completion_tuples()` rows into records in the order of `completion_columns()`.

    Records are typed (dates, ints, text); contact details are kept when the rows carry them.
    """
    status_labels = {value: str(label) for value, label in Enrolment.Status.choices}
    certificate_labels = {key: str(label) for key, label in certificate_status_labels().items()}
    certificate_labels[None] = ""
    for row in rows:
        # The order of reports.selectors.COMPLETION_FIELDS (+ CONTACT_FIELDS).
        (
            _pk, title, title_other, first, last, first_en, last_en,
            producer, registration_number, province, district, course, course_en, cohort,
            enrolled, last_activity, done, required, best_score, completed, status,
            certificate_code, certificate_status, *contacts,
        ) = row  # fmt: skip
        if english and (first_en or last_en):
            first, last, names, gap = first_en, last_en, User.ENGLISH_TITLES, " "
        else:
            names, gap = User.THAI_TITLES, ""
        prefix = title_other if title == "other" else names.get(title, "")
        yield (
            f"{prefix}{gap}{first} {last}".strip(),
            producer or "",
            registration_number or "",
            area_label(province, english),
            area_label(district, english),
            (course_en or course) if english else course,
            cohort or "",
            enrolled,
            last_activity,
            done,
            required,
            percent(done, required),
            best_score,
            completed,
            status_labels.get(status, status),
            certificate_code or "",
            certificate_labels.get(certificate_status, ""),
            *(value or "" for value in contacts),
        )
