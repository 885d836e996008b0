"""Enrolling a training session's trainees in one step, from existing accounts or a spreadsheet.

Every line is checked first; if any line is wrong nothing is imported and each error names its
line. New accounts get an initial password shown once to the coordinator (to print and hand out).
Who may be enrolled follows learning.placement: unplaced trainees or those whose home is in the
coordinator's provinces, never coordinators or staff.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from accounts.models import User
from accounts.phone import looks_like_phone, normalize_thai_mobile
from accounts.services import create_trainee_account
from learning import placement, services
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
class NewAccount:
    user: User
    password: str


@dataclass
class CohortResult:
    enrolled: int = 0
    new_accounts: list[NewAccount] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, message)


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


# A row is refused with one message whether its contact belongs to an account the coordinator may
# not enrol or no account has it and the names for a new one are missing: the spreadsheet must not
# tell which phones and emails have accounts elsewhere.
ROW_REFUSED = _lazy(
    "Not enrolled: no trainee you may enrol has this phone or email, and a new account needs a "
    "given name and a family name. Check the row; if the trainee studies with another coordinator, "
    "ask them to join the session through that coordinator."
)


def _find_existing(identifier: str) -> User | None:
    if looks_like_phone(identifier):
        return User.objects.filter(phone=normalize_thai_mobile(identifier)).first()
    return User.objects.filter(email__iexact=identifier).first()


def _user_from_row(row: dict, seen: set[str]) -> tuple[User | None, User | None]:
    """(existing user, unsaved new user) for a spreadsheet row; raises ValidationError with the reason."""
    phone = normalize_thai_mobile(row["phone"]) if row.get("phone") else None
    email = (row.get("email") or "").strip().lower() or None
    if email:
        validate_email(email)
    if not phone and not email:
        raise ValidationError(_("A phone number or an email is needed."))
    for key in (phone, email):
        if key and key in seen:
            raise ValidationError(_("This trainee appears twice in the file."))
        if key:
            seen.add(key)
    existing = (User.objects.filter(phone=phone).first() if phone else None) or (
        User.objects.filter(email__iexact=email).first() if email else None
    )
    if existing:
        return existing, None
    if not row.get("first_name") or not row.get("last_name"):
        raise ValidationError(ROW_REFUSED)
    title = TITLES.get((row.get("title") or "").strip().lower())
    user = User(
        email=email,
        phone=phone,
        first_name=row["first_name"],
        last_name=row["last_name"],
        title=title or User.Title.OTHER,
        title_other="" if title else (row.get("title") or "คุณ"),
    )
    return None, user


def enrol_cohort(
    cohort: Cohort, identifiers: str = "", upload=None, *, by: User | None = None
) -> CohortResult:
    """Enrol existing users (one email or phone per line) and/or the trainees of a spreadsheet.

    `by` is the coordinator enrolling; accounts they may not place (learning.placement.can_place)
    are refused with the same message as an unknown contact. Without `by` (management commands,
    the national import) only coordinators and staff are refused.
    """

    def placeable(user: User) -> bool:
        if by is not None:
            return placement.can_place(by, user)
        return user.is_active and not placement.is_never_a_trainee(user)

    result = CohortResult()
    existing = _users_from_identifiers(identifiers, placeable, result)
    new_users: list[User] = []
    if upload is not None:
        found, new_users = _users_from_upload(upload, placeable, result)
        existing += found
    if result.errors:
        return result
    with transaction.atomic():
        for user in new_users:
            result.new_accounts.append(NewAccount(user, create_trainee_account(user)))
        for user in existing + new_users:
            services.enrol_in_cohort(user, cohort)
            result.enrolled += 1
    return result


def _users_from_identifiers(identifiers: str, placeable, result: CohortResult) -> list[User]:
    """The accounts named one per line (email or phone); each line that names none is an error."""
    users = []
    for number, line in enumerate((identifiers or "").splitlines(), start=1):
        identifier = line.strip()
        if not identifier:
            continue
        try:
            user = _find_existing(identifier)
        except ValidationError as error:
            result.errors.append((number, " ".join(error.messages)))
            continue
        if user is None or not placeable(user):
            # The same answer for both: the form must not tell which contacts have accounts.
            result.errors.append(
                (
                    number,
                    _("No trainee you may enrol has the email or phone “%(value)s”.")
                    % {"value": identifier},
                )
            )
        else:
            users.append(user)
    return users


def _users_from_upload(upload, placeable, result: CohortResult) -> tuple[list[User], list[User]]:
    """(existing accounts, unsaved new accounts) of a spreadsheet; each bad row is an error."""
    try:
        rows = _read_rows(upload)
    except ValidationError as error:
        result.errors.append((1, " ".join(error.messages)))
        return [], []
    existing, new_users = [], []
    seen: set[str] = set()
    for number, row in rows:
        try:
            found, new = _user_from_row(row, seen)
        except ValidationError as error:
            result.errors.append((number, " ".join(error.messages)))
            continue
        if found and not placeable(found):
            result.errors.append((number, ROW_REFUSED))
        elif found:
            existing.append(found)
        else:
            new_users.append(new)
    return existing, new_users
