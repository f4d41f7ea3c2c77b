"""Reads of the privacy register: whose requests a user handles, their terms, and the figures."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from accounts.models import Membership, TeamRole, User
from accounts.selectors import user_leads_team
from casework.models import Family

from .models import (
    FileDestruction,
    FileDestructionEvent,
    FileTombstone,
    PrivacyRequest,
    PrivacyRequestKind,
    PrivacyRequestStatus,
)


def can_handle(*, user: User, family: Family) -> bool:
    """The privacy officer, or the teamleider of the family's team."""
    if not user.is_active:
        return False
    return user.is_security_officer or user_leads_team(user=user, team_id=family.team_id)


def requests_for_user(*, user: User) -> QuerySet[PrivacyRequest]:
    """The officer: every request; a teamleider: those about the teams they lead; anyone else: none."""
    qs = PrivacyRequest.objects.select_related("family", "handled_by")
    if not user.is_active:
        return qs.none()
    if user.is_security_officer:
        return qs
    led = Membership.objects.active().filter(user=user, role=TeamRole.TEAMLEIDER).values("team_id")
    return qs.filter(family__team_id__in=led)


def may_see_register(*, user: User) -> bool:
    return user.is_active and (
        user.is_security_officer or Membership.objects.active().filter(user=user, role=TeamRole.TEAMLEIDER).exists()
    )


def request_get_for_user(*, user: User, request_id: int) -> PrivacyRequest:
    found = requests_for_user(user=user).filter(pk=request_id).first()
    if found is None:
        raise Http404("Verzoek niet gevonden")
    return found


def family_for_handler(*, user: User, reference: str) -> Family | None:
    """The family with this dossier number whose requests the user handles (None: unknown, or not theirs)."""
    family = (
        Family.objects.filter(reference__iexact=reference.strip(), destroyed_at__isnull=True)
        .select_related("team")
        .first()
    )
    if family is None:
        return None
    return family if can_handle(user=user, family=family) else None


@dataclass(frozen=True)
class TermState:
    days_left: int
    signal: str  # "", "bijna" or "verstreken"


def term_state(*, request: PrivacyRequest, today: dt.date) -> TermState:
    days = (request.due_on - today).days
    if request.status != PrivacyRequestStatus.OPEN:
        return TermState(days_left=days, signal="")
    if days < 0:
        return TermState(days_left=days, signal="verstreken")
    if days <= settings.PRIVACY_REQUESTS["WARN_DAYS"]:
        return TermState(days_left=days, signal="bijna")
    return TermState(days_left=days, signal="")


@dataclass
class KindFigures:
    label: str
    received: int = 0
    open: int = 0
    overdue: int = 0
    in_term: int = 0
    late: int = 0


@dataclass
class RegisterFigures:
    since: dt.date
    kinds: list[KindFigures] = field(default_factory=list)

    @property
    def total(self) -> KindFigures:
        total = KindFigures(label="totaal")
        for k in self.kinds:
            total.received += k.received
            total.open += k.open
            total.overdue += k.overdue
            total.in_term += k.in_term
            total.late += k.late
        return total


def register_figures(*, requests: QuerySet[PrivacyRequest], today: dt.date, since: dt.date) -> RegisterFigures:
    """Per kind: received since `since` and decided within or after the term; open and past the term, whenever
    received (a request open for over a year is the one to see). One query; a withdrawn request is not decided.
    """
    rows = requests.filter(Q(received_on__gte=since) | Q(status=PrivacyRequestStatus.OPEN)).values_list(
        "kind", "status", "received_on", "due_on", "decided_on"
    )
    counts: Counter[tuple[str, str]] = Counter()
    for kind, status, received_on, due_on, decided_on in rows:
        if received_on >= since:
            counts[(kind, "received")] += 1
        if status == PrivacyRequestStatus.OPEN:
            counts[(kind, "open")] += 1
            if due_on < today:
                counts[(kind, "overdue")] += 1
        elif status != PrivacyRequestStatus.INGETROKKEN and decided_on is not None and received_on >= since:
            counts[(kind, "in_term" if decided_on <= due_on else "late")] += 1
    figures = RegisterFigures(since=since)
    for kind, label in PrivacyRequestKind.choices:
        figures.kinds.append(
            KindFigures(
                label=str(label),
                received=counts[(kind, "received")],
                open=counts[(kind, "open")],
                overdue=counts[(kind, "overdue")],
                in_term=counts[(kind, "in_term")],
                late=counts[(kind, "late")],
            )
        )
    return figures


def destructions_for_user(*, user: User) -> QuerySet[FileDestruction]:
    """The officer: every proposal; a teamleider: those about the teams they lead (the second person)."""
    qs = FileDestruction.objects.select_related("family__team", "request")
    if not user.is_active:
        return qs.none()
    if user.is_security_officer:
        return qs
    led = Membership.objects.active().filter(user=user, role=TeamRole.TEAMLEIDER).values("team_id")
    return qs.filter(family__team_id__in=led)


def destruction_events_prefetch(queryset: QuerySet[FileDestruction]) -> QuerySet[FileDestruction]:
    """Each proposal with its steps and who took them (one query for all of them)."""
    steps = FileDestructionEvent.objects.select_related("by").order_by("at", "id")
    return queryset.prefetch_related(Prefetch("events", queryset=steps))


def destruction_get_for_user(*, user: User, destruction_id: int) -> FileDestruction:
    """One proposal the user may decide on, with its steps; "not yours" is "not found"."""
    found = destruction_events_prefetch(destructions_for_user(user=user)).filter(pk=destruction_id).first()
    if found is None:
        raise Http404("Voorstel niet gevonden")
    return found


def tombstones_for_user(*, user: User) -> QuerySet[FileTombstone]:
    """What stays of destroyed files: the officer sees all, a teamleider those of the teams they lead."""
    qs = FileTombstone.objects.select_related("approved_by", "second_by", "destruction")
    if user.is_security_officer:
        return qs
    return qs.filter(destruction__in=destructions_for_user(user=user).values("pk"))
