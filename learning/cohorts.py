"""Enrolling a training session's trainees in one step, from existing accounts or a spreadsheet.

Every line is checked first; if any line is wrong nothing is imported and each error names its
line. Who is enrolled at once follows learning.placement: unplaced trainees or those whose home is
in the coordinator's provinces, never coordinators or staff. Every other contact, whether nobody
has it or an account out of the coordinator's reach holds it, gets an invitation
(learning.invitations) and the same answer: "invitation sent" with the contact masked. Nobody's
password is made or shown here: the invitee chooses their own.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.phone import looks_like_phone, normalize_thai_mobile
from learning import invitations, placement, services
from learning.invitations import Sending
from learning.models import Cohort
from producers.imports.reader import FileError, data_rows, find_layout, open_table

HEADERS = {
    "title": "title",
    "คำนำหน้า": "title",
    "คำนำหน้าชื่อ": "title",
    "first_name": "first_name",
    "ชื่อ": "first_name",
    "last_name": "last_name",
    "นามสกุล": "last_name",
    "phone": "phone",
    "mobile": "phone",
    "เบอร์โทรศัพท์": "phone",
    "เบอร์โทรศัพท์มือถือ": "phone",
    "โทรศัพท์": "phone",
    "email": "email",
    "อีเมล": "email",
}
TITLES = {
    "นาย": "mr",
    "นาง": "mrs",
    "นางสาว": "miss",
    "mr": "mr",
    "mrs": "mrs",
    "miss": "miss",
    "ms": "miss",
}


@dataclass
class InvitationSent:
    contact: str  # masked
    sending: Sending

    @property
    def label(self) -> str:
        return invitations.sending_label(self.sending)


@dataclass
class CohortResult:
    enrolled: int = 0
    invitations: list[InvitationSent] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, message)


@dataclass
class Invitee:
    contact: str  # a ten-digit phone or a lower-case email
    names: dict = field(default_factory=dict)


def _header_key(text: str) -> str:
    return HEADERS.get(text.strip().lower(), HEADERS.get(text.strip(), ""))


def _read_rows(upload) -> list[tuple[int, dict]]:
    """(line number, {column: value}) of a CSV (UTF-8, TIS-620 or UTF-16) or XLSX file.

    The producer import's reader is used: any bytes give rows or a ValidationError with a message.
    """
    try:
        table = open_table(upload, upload.name)
        layout = find_layout(table, lambda cells: sum(1 for c in cells if _header_key(c)))
        header = [_header_key(h) for h in layout.headers]
        if "first_name" not in header or "last_name" not in header:
            raise ValidationError(
                _(
                    "The first line must name the columns: title, first_name, last_name, phone, email (or ชื่อ, นามสกุล, เบอร์โทรศัพท์, อีเมล)."
                )
            )
        return [
            (line, {key: str(value) for key, value in zip(header, cells, strict=False) if key})
            for line, cells in data_rows(table, layout.header_line)
        ]
    except FileError as error:
        raise ValidationError(str(error)) from error


def _contact(identifier: str) -> str:
    """A typed phone or email, normalised; raises ValidationError when it is neither."""
    if looks_like_phone(identifier):
        return normalize_thai_mobile(identifier)
    email = identifier.strip().lower()
    validate_email(email)
    return email


def _account_with(phone: str | None, email: str | None) -> User | None:
    return (User.objects.filter(phone=phone).first() if phone else None) or (
        User.objects.filter(email__iexact=email).first() if email else None
    )


def _names(row: dict) -> dict:
    title = TITLES.get((row.get("title") or "").strip().lower())
    return {
        "first_name": (row.get("first_name") or "").strip(),
        "last_name": (row.get("last_name") or "").strip(),
        "title": title or (User.Title.OTHER if (row.get("title") or "").strip() else ""),
        "title_other": "" if title else (row.get("title") or "").strip(),
    }


def enrol_cohort(
    cohort: Cohort, identifiers: str = "", upload=None, *, by: User | None = None
) -> CohortResult:
    """Enrol existing trainees (one email or phone per line) and/or the trainees of a spreadsheet;
    invite every other contact.

    `by` is the coordinator enrolling; an account they may not place (learning.placement.can_place)
    is invited like a contact nobody has. Without `by` only coordinators and staff are invited
    rather than enrolled. The invitations' messages go out once the enrolments are saved; a message
    that could not go is reported on its row (the invitation stays and can be re-sent).
    """

    def placeable(user: User) -> bool:
        if by is not None:
            return placement.can_place(by, user)
        return user.is_active and not placement.is_never_a_trainee(user)

    result = CohortResult()
    seen: set[str] = set()
    enrol, invite = _people_from_identifiers(identifiers, placeable, seen, result)
    if upload is not None:
        more_enrol, more_invite = _people_from_upload(upload, placeable, seen, result)
        enrol += more_enrol
        invite += more_invite
    if result.errors:
        return result
    with transaction.atomic():
        for user in {user.pk: user for user in enrol}.values():
            services.enrol_in_cohort(user, cohort)
            result.enrolled += 1
        made = [invitations.invite(cohort, i.contact, i.names, by) for i in invite]
    for invitation in made:
        sending = invitations.send(invitation)
        result.invitations.append(InvitationSent(invitations.masked(invitation.contact), sending))
    return result


def _sort(user: User | None, invitee: Invitee, placeable, enrol: list, invite: list) -> None:
    if user is not None and placeable(user):
        enrol.append(user)
    else:  # nobody's contact, or an account out of reach: the same invitation
        invite.append(invitee)


def _once(keys, seen: set[str]) -> None:
    for key in keys:
        if key and key in seen:
            raise ValidationError(_("This trainee appears twice in the file."))
        if key:
            seen.add(key)


def _people_from_identifiers(identifiers: str, placeable, seen: set[str], result: CohortResult):
    """(accounts to enrol, contacts to invite) named one per line; a line that is neither a Thai
    mobile number nor an email is an error."""
    enrol, invite = [], []
    for number, line in enumerate((identifiers or "").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            contact = _contact(line)
            _once([contact], seen)
        except ValidationError as error:
            result.errors.append((number, " ".join(error.messages)))
            continue
        phone, email = (None, contact) if "@" in contact else (contact, None)
        _sort(_account_with(phone, email), Invitee(contact), placeable, enrol, invite)
    return enrol, invite


def _people_from_upload(upload, placeable, seen: set[str], result: CohortResult):
    """(accounts to enrol, contacts to invite) of a spreadsheet; each bad row is an error.

    A row with a phone is invited at its phone, else at its email, whoever holds either.
    """
    try:
        rows = _read_rows(upload)
    except ValidationError as error:
        result.errors.append((1, " ".join(error.messages)))
        return [], []
    enrol, invite = [], []
    for number, row in rows:
        try:
            phone = normalize_thai_mobile(row["phone"]) if row.get("phone") else None
            email = (row.get("email") or "").strip().lower() or None
            if email:
                validate_email(email)
            if not phone and not email:
                raise ValidationError(_("A phone number or an email is needed."))
            _once([phone, email], seen)
        except ValidationError as error:
            result.errors.append((number, " ".join(error.messages)))
            continue
        invitee = Invitee(phone or email, _names(row))
        _sort(_account_with(phone, email), invitee, placeable, enrol, invite)
    return enrol, invite
