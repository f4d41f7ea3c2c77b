"""Writes for kwesties: raise, comment, escalate, hand back, resolve, close, mark overdue.

Each is atomic, locks the kwestie row, and leaves a KwestieEvent with its
author. Acting on a level you do not hold, or on a level that changed under
you (two people escalating at once), is refused with a clear message and
changes nothing.
"""

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, OrgRole, Team, TeamRole, User
from casework.access import families_writable_by
from casework.models import Family, Partner
from core.concurrency import check_history_version
from privacy.models import Action, Channel
from privacy.services import access_log_record

from .access import holds_level
from .models import LEVEL_ORDER, EventKind, Kwestie, KwestieEvent, Level, Status
from .notices import kwestie_done_notify, kwestie_moved_notify
from .selectors import kwestie_get_for_user, kwestie_state_events


def _owner_for(*, kwestie: Kwestie, level: str, actor: User) -> User:
    """Who owns the kwestie at a level: the raiser, the teamleider, or a board member."""
    if level == Level.GEZINSMANAGER:
        return kwestie.raised_by
    if level in (Level.TEAM, Level.TEAMLEIDER):
        lead = Membership.objects.active().filter(team_id=kwestie.team_id, role=TeamRole.TEAMLEIDER).first()
        if lead is None:
            raise ValidationError(_("Dit team heeft geen teamleider om de kwestie aan te geven."))
        return lead.user
    if actor.org_role == OrgRole.BESTUUR:
        return actor
    board = User.objects.filter(org_role=OrgRole.BESTUUR, is_active=True).order_by("id").first()
    if board is None:
        raise ValidationError(_("Er is geen bestuurder om de kwestie aan te geven."))
    return board


def _locked(kwestie: Kwestie) -> Kwestie:
    return Kwestie.objects.select_for_update().get(pk=kwestie.pk)


def _require_holder(
    *, actor: User, kwestie: Kwestie, expected_level: str | None, base_version: int | None = None
) -> None:
    # A step from a page showing a state that no longer holds: refused, naming who moved it and when.
    check_history_version(history=kwestie_state_events(kwestie=kwestie), base_version=base_version, actor=actor)
    if expected_level is not None and kwestie.level != expected_level:
        raise ValidationError(
            _("Deze kwestie is intussen al naar %(level)s gegaan; bekijk de geschiedenis en probeer het opnieuw.")
            % {"level": kwestie.get_level_display()}
        )
    if kwestie.is_done:
        raise ValidationError(_("Deze kwestie is al afgerond."))
    if not holds_level(user=actor, kwestie=kwestie):
        raise PermissionDenied(_("Alleen wie de kwestie op dit niveau heeft, kan dit doen."))


def _event(kwestie: Kwestie, kind: str, actor: User | None, text: str = "", **levels: str) -> KwestieEvent:
    return KwestieEvent.objects.create(kwestie=kwestie, kind=kind, author=actor, text=text, **levels)


@transaction.atomic
def kwestie_raise(
    *,
    actor: User,
    title: str,
    blocks: str,
    kind: str,
    team: Team | None = None,
    partner_name: str = "",
    partner: Partner | None = None,
    families: Iterable[Family] = (),
    channel: str = Channel.WEB,
) -> Kwestie:
    """A worker raises a kwestie, as soon as possible; it blames nobody."""
    teams = list(Membership.objects.active().filter(user=actor).values_list("team_id", flat=True))
    families = list(families)
    writable = set(families_writable_by(user=actor).values_list("pk", flat=True))
    if any(f.pk not in writable for f in families):
        raise ValidationError({"families": _("Kies gezinnen waarvan u de gezinsmanager bent.")})
    team_id: int | None
    if team is not None:
        team_id = team.pk
    elif families:
        team_id = families[0].team_id  # the team that carries these families takes it up
    else:
        team_id = next(iter(teams), None)
    if team_id is None or team_id not in set(teams):
        raise PermissionDenied(_("Alleen teamleden brengen een kwestie in."))
    if not title.strip():
        raise ValidationError({"title": _("Geef de kwestie een titel.")})
    if not blocks.strip():
        raise ValidationError({"blocks": _("Schrijf wat de kwestie blokkeert, voor welke kinderen.")})
    if any(f.team_id != team_id for f in families):
        raise ValidationError({"families": _("Kies gezinnen van één team.")})
    now = timezone.now()
    kwestie = Kwestie(
        title=title.strip(),
        blocks=blocks.strip(),
        kind=kind,
        partner_name=partner_name.strip() or (partner.name if partner is not None else ""),
        partner=partner,
        team_id=team_id,
        raised_by=actor,
        owner=actor,
        level=Level.GEZINSMANAGER,
        level_since=now,
    )
    kwestie.full_clean(exclude=["families"])
    kwestie.save()
    kwestie.families.set(families)
    _event(kwestie, EventKind.RAISED, actor, to_level=Level.GEZINSMANAGER)
    for family in families:
        access_log_record(
            user=actor, family_id=family.pk, action=Action.CREATE, what="kwestie ingebracht", channel=channel
        )
    return kwestie


@transaction.atomic
def kwestie_escalate(
    *,
    actor: User,
    kwestie: Kwestie,
    reason: str,
    expected_level: str | None = None,
    base_version: int | None = None,
) -> Kwestie:
    """One level up, with a reason, by whoever holds the current level."""
    kwestie = _locked(kwestie)
    _require_holder(actor=actor, kwestie=kwestie, expected_level=expected_level, base_version=base_version)
    if not reason.strip():
        raise ValidationError({"reason": _("Schrijf waarom de kwestie omhoog moet.")})
    index = LEVEL_ORDER.index(kwestie.level)
    if index == len(LEVEL_ORDER) - 1:
        raise ValidationError(_("Hoger dan extern kan een kwestie niet."))
    to_level = LEVEL_ORDER[index + 1]
    _event(kwestie, EventKind.ESCALATED, actor, reason.strip(), from_level=kwestie.level, to_level=to_level)
    kwestie.owner = _owner_for(kwestie=kwestie, level=to_level, actor=actor)
    kwestie.level = to_level
    kwestie.level_since = timezone.now()
    kwestie.overdue_since = None
    if LEVEL_ORDER.index(to_level) > LEVEL_ORDER.index(kwestie.highest_level):
        kwestie.highest_level = to_level
    kwestie.save()
    kwestie_moved_notify(kwestie=kwestie, actor=actor, escalated=True)
    return kwestie


@transaction.atomic
def kwestie_hand_back(
    *,
    actor: User,
    kwestie: Kwestie,
    decision: str,
    expected_level: str | None = None,
    base_version: int | None = None,
) -> Kwestie:
    """One level down, with the decision taken at this level."""
    kwestie = _locked(kwestie)
    _require_holder(actor=actor, kwestie=kwestie, expected_level=expected_level, base_version=base_version)
    if not decision.strip():
        raise ValidationError({"decision": _("Schrijf wat er op dit niveau is besloten.")})
    index = LEVEL_ORDER.index(kwestie.level)
    if index == 0:
        raise ValidationError(_("Lager dan de gezinsmanager kan een kwestie niet."))
    to_level = LEVEL_ORDER[index - 1]
    _event(kwestie, EventKind.HANDED_BACK, actor, decision.strip(), from_level=kwestie.level, to_level=to_level)
    kwestie.owner = _owner_for(kwestie=kwestie, level=to_level, actor=actor)
    kwestie.level = to_level
    kwestie.level_since = timezone.now()
    kwestie.overdue_since = None
    kwestie.save()
    kwestie_moved_notify(kwestie=kwestie, actor=actor, escalated=False)
    return kwestie


@transaction.atomic
def kwestie_take_up(*, actor: User, kwestie: Kwestie, base_version: int | None = None) -> Kwestie:
    kwestie = _locked(kwestie)
    _require_holder(actor=actor, kwestie=kwestie, expected_level=None, base_version=base_version)
    if kwestie.status == Status.OPEN:
        kwestie.status = Status.IN_PROGRESS
        kwestie.save(update_fields=["status"])
        _event(kwestie, EventKind.STATUS, actor, str(Status.IN_PROGRESS.label))
    return kwestie


@transaction.atomic
def kwestie_comment(*, actor: User, kwestie: Kwestie, text: str) -> KwestieEvent:
    kwestie_get_for_user(user=actor, kwestie_id=kwestie.pk)  # anyone along the path may comment
    if not text.strip():
        raise ValidationError({"text": _("Schrijf een opmerking.")})
    return _event(kwestie, EventKind.COMMENT, actor, text.strip())


@transaction.atomic
def kwestie_resolve(
    *,
    actor: User,
    kwestie: Kwestie,
    resolution: str,
    expected_level: str | None = None,
    base_version: int | None = None,
) -> Kwestie:
    """Only the level that holds it resolves it, saying what changed and for whom."""
    kwestie = _locked(kwestie)
    _require_holder(actor=actor, kwestie=kwestie, expected_level=expected_level, base_version=base_version)
    if not resolution.strip():
        raise ValidationError({"resolution": _("Schrijf wat er is veranderd, en voor wie.")})
    kwestie.status = Status.SOLVED
    kwestie.resolution = resolution.strip()
    kwestie.overdue_since = None
    kwestie.save()
    _event(kwestie, EventKind.SOLVED, actor, resolution.strip())
    kwestie_done_notify(kwestie=kwestie, actor=actor)
    return kwestie


@transaction.atomic
def kwestie_close(
    *,
    actor: User,
    kwestie: Kwestie,
    reason: str,
    expected_level: str | None = None,
    base_version: int | None = None,
) -> Kwestie:
    """Close without a solution; the reason is required and stays in the history."""
    kwestie = _locked(kwestie)
    _require_holder(actor=actor, kwestie=kwestie, expected_level=expected_level, base_version=base_version)
    if not reason.strip():
        raise ValidationError({"reason": _("Schrijf waarom de kwestie zonder oplossing sluit.")})
    kwestie.status = Status.CLOSED
    kwestie.closed_reason = reason.strip()
    kwestie.overdue_since = None
    kwestie.save()
    _event(kwestie, EventKind.CLOSED, actor, reason.strip())
    kwestie_done_notify(kwestie=kwestie, actor=actor)
    return kwestie


def kwestie_deadline(*, kwestie: Kwestie) -> dt.datetime | None:
    days = settings.KWESTIE_LEVEL_DAYS.get(kwestie.level)
    return kwestie.level_since + dt.timedelta(days=days) if days else None


@transaction.atomic
def kwesties_mark_overdue(*, now: dt.datetime | None = None) -> list[Kwestie]:
    """Mark open kwesties past their level's time as overdue, once per stay on a level.

    Idempotent: a kwestie already marked is not marked again, so a retried or
    doubled periodic run notifies nobody twice. Escalating stays a human decision.
    """
    now = now or timezone.now()
    marked = []
    candidates = (
        Kwestie.objects.select_for_update(skip_locked=True)
        .filter(status__in=[Status.OPEN, Status.IN_PROGRESS], overdue_since__isnull=True)
        .filter(level__in=list(settings.KWESTIE_LEVEL_DAYS))
    )
    for kwestie in candidates:
        deadline = kwestie_deadline(kwestie=kwestie)
        if deadline and deadline < now:
            kwestie.overdue_since = now
            kwestie.save(update_fields=["overdue_since"])
            _event(kwestie, EventKind.OVERDUE, None, f"{kwestie.get_level_display()}: termijn verstreken")
            marked.append(kwestie)
    return marked
