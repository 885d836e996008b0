"""The eligibility engine: does a producer pass a round's checks, and on what evidence?

Computed on every read (nothing stored), so a revoked certificate, a newly confirmed member or an
expired standard is reflected at once. It is advice for the committee, never a decision.

`evaluate_many` walks producers in primary-key chunks with a fixed number of queries per chunk
(producers, products, standards, confirmed memberships, certificates), so 30,000 producers never
sit in memory together.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from certificates.models import Certificate
from core.thai_dates import local_date
from courses.models import CoursePage
from producers.models import Membership, Producer, Product, ProductCategory, ProductStandard
from selection.models import RoundRule, SelectionRound

CHUNK_SIZE = 500


@dataclass
class Evidence:
    """One fact a check relied on: a certificate, a standard, a member, a date."""

    kind: str  # "certificate" | "standard" | "member" | "date" | "status" | "product"
    text: str  # human-readable, in the active language
    data: dict = field(default_factory=dict)  # machine-readable (API, export)


@dataclass
class CheckResult:
    rule: RoundRule
    passed: bool
    summary: str
    evidence: list[Evidence] = field(default_factory=list)
    missing_course_ids: list[int] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.rule.kind

    @property
    def label(self) -> str:
        return self.rule.get_kind_display()


@dataclass
class Verdict:
    producer: Producer
    round: SelectionRound
    checks: list[CheckResult]

    @property
    def eligible(self) -> bool:
        return all(c.passed for c in self.checks)

    @property
    def failing(self) -> list[CheckResult]:
        return [c for c in self.checks if not c.passed]


@dataclass
class _RoundContext:
    round: SelectionRound
    rules: list[RoundRule]
    course_ids: set[int]
    course_titles: dict[int, str]


@dataclass
class _ProducerFacts:
    products: list[Product]
    members: list[Membership]  # confirmed only
    # user id -> course id -> certificates (valid and revoked)
    certificates: dict[int, dict[int, list[Certificate]]]


def _round_context(round: SelectionRound) -> _RoundContext:
    rules = list(round.rules.all())
    course_ids = {cid for rule in rules for cid in (rule.course_ids or [])}
    titles = dict(CoursePage.objects.filter(pk__in=course_ids).values_list("pk", "title"))
    return _RoundContext(round, rules, course_ids, titles)


def _facts_for(producers: list[Producer], ctx: _RoundContext) -> dict[int, _ProducerFacts]:
    from django.db.models import prefetch_related_objects

    prefetch_related_objects(
        producers,
        Prefetch("products", queryset=Product.objects.prefetch_related("standards")),
    )
    members = defaultdict(list)
    for m in (
        Membership.objects.confirmed()
        .filter(producer__in=[p.pk for p in producers])
        .select_related("user")
        .order_by("role", "user__first_name", "pk")
    ):
        members[m.producer_id].append(m)
    certificates: dict[int, dict[int, list[Certificate]]] = defaultdict(lambda: defaultdict(list))
    needs_certificates = any(
        r.kind in (RoundRule.Kind.COURSE_CERTIFICATES, RoundRule.Kind.NO_REVOKED_EVIDENCE)
        for r in ctx.rules
    )
    user_ids = {m.user_id for ms in members.values() for m in ms}
    if needs_certificates and user_ids and ctx.course_ids:
        for cert in (
            Certificate.objects.filter(
                status__in=[Certificate.Status.VALID, Certificate.Status.REVOKED],
                enrolment__user_id__in=user_ids,
                enrolment__course_id__in=ctx.course_ids,
            )
            .select_related("enrolment")
            .order_by("-issued_at", "-pk")
        ):
            certificates[cert.enrolment.user_id][cert.enrolment.course_id].append(cert)
    return {
        p.pk: _ProducerFacts(list(p.products.all()), members[p.pk], certificates) for p in producers
    }


def _iso(day) -> str:
    return day.isoformat() if day else ""


def _date(day) -> str:
    """A date for people: 1 มี.ค. 2569 in Thai (Buddhist Era), 1 Mar 2026 in English."""
    return local_date(day, short=True)


def _check_registered_before(rule, producer, facts, ctx) -> CheckResult:
    day = producer.registered_on
    passed = day is not None and day < rule.on_date
    if day is None:
        summary = _("No registration date is recorded.")
    elif passed:
        summary = _("Registered on %(day)s, before %(limit)s.") % {
            "day": _date(day),
            "limit": _date(rule.on_date),
        }
    else:
        summary = _("Registered on %(day)s, not before %(limit)s.") % {
            "day": _date(day),
            "limit": _date(rule.on_date),
        }
    evidence = [Evidence("date", summary, {"registered_on": _iso(day)})]
    return CheckResult(rule, passed, summary, evidence)


def _check_active(rule, producer, facts, ctx) -> CheckResult:
    passed = producer.status == Producer.Status.ACTIVE
    summary = _("Status: %(status)s.") % {"status": producer.get_status_display()}
    return CheckResult(
        rule, passed, summary, [Evidence("status", summary, {"status": producer.status})]
    )


def _check_categories(rule, producer, facts, ctx) -> CheckResult:
    wanted = set(rule.categories)
    matching = [p for p in facts.products if p.category in wanted]
    names = dict(ProductCategory.choices)
    evidence = [
        Evidence(
            "product",
            f"{p.name} ({names.get(p.category, p.category)})",
            {"product": p.name, "category": p.category},
        )
        for p in matching
    ]
    if matching:
        summary = ngettext(
            "%(n)d product in the chosen categories.",
            "%(n)d products in the chosen categories.",
            len(matching),
        ) % {"n": len(matching)}
    else:
        summary = _("No product in %(categories)s.") % {
            "categories": ", ".join(str(names.get(c, c)) for c in rule.categories)
        }
    return CheckResult(rule, bool(matching), summary, evidence)


def _check_standard(rule, producer, facts, ctx) -> CheckResult:
    wanted = set(rule.standard_kinds)
    held, expired = [], []
    for product in facts.products:
        for standard in product.standards.all():
            if standard.kind not in wanted:
                continue
            (held if standard.is_valid_on(rule.on_date) else expired).append((product, standard))

    def item(product, standard):
        text = _("%(standard)s for %(product)s, expires %(expires)s") % {
            "standard": str(standard),
            "product": product.name,
            "expires": _date(standard.expires_on) or _("never"),
        }
        data = {
            "product": product.name,
            "kind": standard.kind,
            "number": standard.certificate_number,
            "expires_on": _iso(standard.expires_on) or None,
        }
        return Evidence("standard", text, data)

    if held:
        summary = _("A standard valid on %(day)s is held.") % {"day": _date(rule.on_date)}
        evidence = [item(p, s) for p, s in held]
    elif expired:
        summary = _("The standard held expires before %(day)s.") % {"day": _date(rule.on_date)}
        evidence = [item(p, s) for p, s in expired]
    else:
        kinds = dict(ProductStandard.Kind.choices)
        summary = _("No %(standards)s is recorded.") % {
            "standards": _(" or ").join(str(kinds.get(k, k)) for k in rule.standard_kinds)
        }
        evidence = []
    return CheckResult(rule, bool(held), summary, evidence)


def _valid_cert(facts, user_id, course_id) -> Certificate | None:
    for cert in facts.certificates.get(user_id, {}).get(course_id, []):
        if cert.status == Certificate.Status.VALID:
            return cert
    return None


def _cert_evidence(member: Membership, cert: Certificate) -> Evidence:
    text = _("%(holder)s: certificate %(code)s (%(course)s)") % {
        "holder": member.user.get_full_name(),
        "code": cert.code,
        "course": cert.course_title,
    }
    data = {
        "code": cert.code,
        "holder": member.user.get_full_name(),
        "role": member.role,
        "course_id": cert.enrolment.course_id,
        "status": cert.status,
    }
    return Evidence("certificate", text, data)


def _check_courses(rule, producer, facts, ctx) -> CheckResult:
    course_ids = [cid for cid in rule.course_ids if cid]
    if rule.holder == RoundRule.Holder.OWNER:
        candidates = [m for m in facts.members if m.role == Membership.Role.OWNER]
        needed = 1
    else:
        candidates = list(facts.members)
        needed = rule.min_members or 1
    qualified, evidence = [], []
    missing_any: set[int] = set()
    for member in candidates:
        found = {cid: _valid_cert(facts, member.user_id, cid) for cid in course_ids}
        if all(found.values()):
            qualified.append(member)
            evidence.extend(_cert_evidence(member, cert) for cert in found.values())
        else:
            missing_any.update(cid for cid, cert in found.items() if cert is None)
    passed = len(qualified) >= needed
    titles = ", ".join(ctx.course_titles.get(cid, str(cid)) for cid in course_ids)
    if rule.holder == RoundRule.Holder.OWNER:
        if passed:
            summary = _("The owner holds a valid certificate of: %(courses)s.") % {
                "courses": titles
            }
        elif not candidates:
            summary = _("No confirmed owner is recorded.")
        else:
            summary = _("The owner does not yet hold a valid certificate of: %(courses)s.") % {
                "courses": titles
            }
    else:
        summary = ngettext(
            "%(have)d confirmed member holds valid certificates of: %(courses)s "
            "(at least %(need)d needed).",
            "%(have)d confirmed members hold valid certificates of: %(courses)s "
            "(at least %(need)d needed).",
            len(qualified),
        ) % {"have": len(qualified), "need": needed, "courses": titles}
    missing = [] if passed else [cid for cid in course_ids if cid in missing_any or not candidates]
    return CheckResult(rule, passed, summary, evidence, missing_course_ids=missing)


def _check_no_revoked(rule, producer, facts, ctx) -> CheckResult:
    evidence = []
    for member in facts.members:
        for certs in facts.certificates.get(member.user_id, {}).values():
            for cert in certs:
                if cert.status == Certificate.Status.REVOKED:
                    ev = _cert_evidence(member, cert)
                    ev.data["revoked_at"] = cert.revoked_at.isoformat() if cert.revoked_at else None
                    evidence.append(ev)
    if evidence:
        summary = ngettext(
            "%(n)d certificate of a member was revoked.",
            "%(n)d certificates of members were revoked.",
            len(evidence),
        ) % {"n": len(evidence)}
    else:
        summary = _("No certificate of a member has been revoked.")
    return CheckResult(rule, not evidence, summary, evidence)


CHECKS = {
    RoundRule.Kind.REGISTERED_BEFORE: _check_registered_before,
    RoundRule.Kind.ACTIVE_STATUS: _check_active,
    RoundRule.Kind.PRODUCT_IN_CATEGORIES: _check_categories,
    RoundRule.Kind.STANDARD_HELD: _check_standard,
    RoundRule.Kind.COURSE_CERTIFICATES: _check_courses,
    RoundRule.Kind.NO_REVOKED_EVIDENCE: _check_no_revoked,
}


def _verdicts(producers: list[Producer], ctx: _RoundContext) -> list[Verdict]:
    facts = _facts_for(producers, ctx)
    return [
        Verdict(p, ctx.round, [CHECKS[r.kind](r, p, facts[p.pk], ctx) for r in ctx.rules])
        for p in producers
    ]


def _chunks(
    producers: QuerySet[Producer] | Iterable[Producer], size: int
) -> Iterator[list[Producer]]:
    if isinstance(producers, QuerySet):
        last = 0
        base = producers.order_by("pk")
        while True:
            chunk = list(base.filter(pk__gt=last)[:size])
            if not chunk:
                return
            yield chunk
            last = chunk[-1].pk
    else:
        chunk = []
        for producer in producers:
            chunk.append(producer)
            if len(chunk) == size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk


def evaluate_many(
    producers: QuerySet[Producer] | Iterable[Producer],
    round: SelectionRound,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[Verdict]:
    """Verdicts for many producers, in primary-key order for a queryset.

    Five queries per chunk of `chunk_size` producers, whatever the number of members or certificates.
    """
    ctx = _round_context(round)
    for chunk in _chunks(producers, chunk_size):
        yield from _verdicts(chunk, ctx)


def evaluate(producer: Producer, round: SelectionRound) -> Verdict:
    """Every check of `round` for `producer`, each passed or failed with its evidence."""
    return _verdicts([producer], _round_context(round))[0]
