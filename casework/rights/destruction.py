"""Destroying a file: proposed (past its date, or on request), agreed by two people, carried out once.

Never a silent delete. The daily task proposes each closed file past its "bewaren tot"; the
privacy officer and a second person (another privacy officer, or the family's teamleider) each
agree, and the second agreement carries it out in the same transaction: every text of the file
blanked (casework.rights.scrub), documents and drafts removed, a tombstone left. Either may refuse
with a reason (a pending court case); the file is then proposed again after `review_on`.

The file's history tables are append-only and the app's database role may not UPDATE them
(core.db_roles). The one way through is the SECURITY DEFINER function of migration 0017, which
only runs for a destruction that two different people agreed to, one of them as privacy officer,
and marks it carried out so that it runs once.
"""

import datetime as dt
import json
import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Min
from django.db.models.functions import TruncYear
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.selectors import user_leads_team
from casework.documents.models import private_storage
from casework.drafts.models import KeptPost
from casework.extensions import DESTROY
from casework.models import Family, Phase
from casework.retention import LONG_CODE, family_retention, file_classes
from casework.services.checks import lock_family, log_change
from core.concurrency import check_base_version, mark_saved
from core.dates import add_months
from privacy.models import Action, Channel, RetentionClass

from .models import (
    OPEN_DESTRUCTION,
    DestructionStatus,
    DestructionStep,
    FileDestruction,
    FileDestructionEvent,
    FileTombstone,
    PrivacyRequest,
)
from .scrub import Plan, Step, destruction_plan, year_only_fields

EXECUTE_FUNCTION = "casework_file_destruction_execute"
logger = logging.getLogger(__name__)


def may_agree(*, user: User, destruction: FileDestruction) -> bool:
    """The privacy officer, or the family's teamleider as the second person."""
    if not user.is_active:
        return False
    return user.is_security_officer or user_leads_team(user=user, team_id=destruction.family.team_id)


def _proposable(*, today: dt.date) -> list[Family]:
    """Closed, not destroyed, nothing open or refused-until-later about it, closed long enough to be past a class."""
    shortest = RetentionClass.objects.filter(active=True).aggregate(m=Min("years"))["m"]
    if shortest is None:
        return []
    waiting = FileDestruction.objects.filter(status__in=OPEN_DESTRUCTION).values("family_id")
    refused = FileDestruction.objects.filter(status=DestructionStatus.AFGEWEZEN, review_on__gt=today)
    return list(
        Family.objects.filter(
            phase=Phase.AFGESLOTEN,
            destroyed_at__isnull=True,
            closed_on__lt=add_months(today, -12 * shortest),
        )
        .exclude(pk__in=waiting)
        .exclude(pk__in=refused.values("family_id"))
        .order_by("closed_on", "pk")
    )


def destruction_proposals_create(*, today: dt.date | None = None) -> int:
    """The daily list: a proposal for each closed file whose "bewaren tot" has passed. Returns how many."""
    today = today or timezone.localdate()
    made = 0
    for candidate in _proposable(today=today):
        retention = family_retention(family=candidate)
        if retention.until is None or retention.until >= today:
            continue
        with transaction.atomic():
            family = lock_family(family=candidate)
            if FileDestruction.objects.filter(family=family, status__in=OPEN_DESTRUCTION).exists():
                continue
            destruction = FileDestruction.objects.create(
                family=family,
                proposed_on=today,
                kept_until=retention.until,
                retention_label=str(retention.retention_class)[:200],
            )
            FileDestructionEvent.objects.create(destruction=destruction, step=DestructionStep.VOORGESTELD)
        made += 1
    return made


def destruction_for_request(*, actor: User, request: PrivacyRequest, family: Family) -> FileDestruction:
    """A granted request to destroy goes through the same two agreements as a proposal past its date."""
    open_one = FileDestruction.objects.filter(family=family, status__in=OPEN_DESTRUCTION).first()
    if open_one is not None:
        if open_one.request_id is None:
            open_one.request = request
            open_one.save(update_fields=["request"])
        return open_one
    retention = family_retention(family=family)
    destruction = FileDestruction.objects.create(
        family=family,
        request=request,
        proposed_on=timezone.localdate(),
        kept_until=retention.until,
        retention_label=str(retention.retention_class or "")[:200],
    )
    FileDestructionEvent.objects.create(
        destruction=destruction, step=DestructionStep.VOORGESTELD, by=actor, note=_("op verzoek")
    )
    return destruction


def destruction_request_grounds(*, family: Family, today: dt.date) -> str:
    """Why a request to destroy cannot be granted now ("" when it can): the help must have ended, and a file
    with an OTS or guardianship only a minimum period after (PRIVACY_REQUESTS["DESTRUCTION_LONG_MONTHS"])."""
    if family.destroyed_at is not None:
        return _("Dit dossier is al vernietigd.")
    if not family.is_closed or family.closed_on is None:
        return _("Het dossier kan pas worden vernietigd als de hulp is afgesloten.")
    months = settings.PRIVACY_REQUESTS["DESTRUCTION_LONG_MONTHS"]
    if any(c.code == LONG_CODE for c in file_classes(family=family)):
        earliest = add_months(family.closed_on, months)
        if today < earliest:
            return _(
                "Dit dossier had een ondertoezichtstelling of voogdij: vernietigen op verzoek kan vanaf %(d)s."
            ) % {"d": f"{earliest:%d-%m-%Y}"}
    return ""


def _locked(*, actor: User, destruction: FileDestruction, base_version: int | None) -> tuple[Family, FileDestruction]:
    family = lock_family(family=Family(pk=destruction.family_id))
    locked = FileDestruction.objects.select_for_update().select_related("family").get(pk=destruction.pk)
    if not may_agree(user=actor, destruction=locked):
        raise PermissionDenied(_("Alleen de privacy officer of de teamleider van dit gezin beslist over vernietiging."))
    check_base_version(locked, base_version=base_version, fields=["status"], actor=actor)
    if not locked.is_open:
        raise ValidationError({"status": _("Over dit voorstel is al beslist.")})
    return family, locked


@transaction.atomic
def destruction_agree(
    *, actor: User, destruction: FileDestruction, note: str = "", base_version: int | None = None
) -> FileDestruction:
    """One agreement; the second, by someone else, carries the destruction out. One of the two is the
    privacy officer: a teamleider who agrees first waits for the officer, never for a second teamleider."""
    family, destruction = _locked(actor=actor, destruction=destruction, base_version=base_version)
    earlier = list(destruction.events.filter(step=DestructionStep.AKKOORD))
    if any(e.by_id == actor.pk for e in earlier):
        raise ValidationError({"note": _("U gaf al akkoord; een tweede persoon moet akkoord geven.")})
    if earlier and not actor.is_security_officer and not earlier[0].as_officer:
        raise ValidationError({"note": _("Het tweede akkoord komt van de privacy officer.")})
    FileDestructionEvent.objects.create(
        destruction=destruction,
        step=DestructionStep.AKKOORD,
        by=actor,
        as_officer=actor.is_security_officer,
        note=note.strip(),
    )
    if not earlier:
        destruction.status = DestructionStatus.EEN_AKKOORD
        mark_saved(destruction, actor=actor)
        destruction.save()
        log_change(actor=actor, family=family, action=Action.CHANGE, what="vernietiging: akkoord", channel=Channel.WEB)
        return destruction
    _execute(actor=actor, family=family, destruction=destruction, first=earlier[0].by)
    return FileDestruction.objects.get(pk=destruction.pk)


@transaction.atomic
def destruction_refuse(
    *,
    actor: User,
    destruction: FileDestruction,
    reason: str,
    review_on: dt.date | None = None,
    base_version: int | None = None,
) -> FileDestruction:
    """Not now, with the reason (a pending court case, an important interest of someone else)."""
    family, destruction = _locked(actor=actor, destruction=destruction, base_version=base_version)
    if not reason.strip():
        raise ValidationError({"reason": _("Schrijf waarom het dossier (nog) niet wordt vernietigd.")})
    today = timezone.localdate()
    review_on = review_on or add_months(today, 12)
    if review_on <= today:
        raise ValidationError({"review_on": _("De datum om opnieuw te bekijken ligt na vandaag.")})
    destruction.status, destruction.refusal_reason, destruction.review_on = (
        DestructionStatus.AFGEWEZEN,
        reason.strip(),
        review_on,
    )
    mark_saved(destruction, actor=actor)
    destruction.save()
    FileDestructionEvent.objects.create(
        destruction=destruction,
        step=DestructionStep.AFGEWEZEN,
        by=actor,
        as_officer=actor.is_security_officer,
        note=reason.strip(),
    )
    log_change(actor=actor, family=family, action=Action.CHANGE, what="vernietiging: afgewezen", channel=Channel.WEB)
    return destruction


def _execute(*, actor: User, family: Family, destruction: FileDestruction, first: User) -> None:
    retention = family_retention(family=family)
    team_name = family.team.name
    plan = destruction_plan(family=family)
    _apply(plan, destruction=destruction)
    for hook in DESTROY:
        hook(family=family, kwestie_ids=plan.alone_kwesties)
    now = timezone.now()
    Family.objects.filter(pk=family.pk).update(destroyed_at=now)
    if connection.vendor != "postgresql":  # there the definer function marked it, and a trigger keeps it so
        FileDestruction.objects.filter(pk=destruction.pk).update(status=DestructionStatus.VERNIETIGD)
    FileTombstone.objects.create(
        destruction=destruction,
        reference=family.reference,
        team_name=team_name,
        opened_on=family.opened_on,
        closed_on=family.closed_on,
        retention_label=destruction.retention_label or str(retention.retention_class or ""),
        kept_until=destruction.kept_until or retention.until,
        on_request=destruction.request_id is not None,
        approved_by=first,
        second_by=actor,
        executed_at=now,
        removed=plan.counts(),
    )
    FileDestructionEvent.objects.create(
        destruction=destruction, step=DestructionStep.UITGEVOERD, by=actor, as_officer=actor.is_security_officer
    )
    log_change(actor=actor, family=family, action=Action.CHANGE, what="dossier vernietigd", channel=Channel.WEB)
    files, family_id = list(plan.files), family.pk
    transaction.on_commit(lambda: _delete_files(files, family_id))


def _sql_value(value: Any) -> Any:
    return json.dumps(value) if isinstance(value, (dict, list)) else value


def _update(step: Step) -> None:
    for name in year_only_fields(step.model):
        step.model._base_manager.filter(pk__in=step.ids).update(**{name: TruncYear(name)})
    quote = connection.ops.quote_name
    sets = ", ".join(f"{quote(column)} = %s" for column in step.values)
    pk = quote(step.model._meta.pk.column)
    with connection.cursor() as cursor:
        for start in range(0, len(step.ids), 500):
            chunk = step.ids[start : start + 500]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"UPDATE {quote(step.model._meta.db_table)} SET {sets} WHERE {pk} IN ({marks})",  # noqa: S608
                [*(_sql_value(v) for v in step.values.values()), *chunk],
            )


def _apply(plan: Plan, *, destruction: FileDestruction) -> None:
    """Ordinary tables as the app; the append-only ones through the definer function on PostgreSQL."""
    guarded = [s for s in plan.steps if s.append_only]
    for step in plan.steps:
        if not step.append_only or connection.vendor != "postgresql":
            _update(step)
    for through, ids in plan.unlink:
        through.objects.filter(pk__in=ids).delete()
    for model, ids in plan.delete:
        model._base_manager.filter(pk__in=ids).delete()
    KeptPost.objects.filter(path__contains=f"/gezinnen/{destruction.family_id}/").delete()
    if connection.vendor == "postgresql":
        payload = [
            {
                "table": s.model._meta.db_table,
                "pk": s.model._meta.pk.column,
                "ids": [str(i) for i in s.ids],
                "set": {c: (None if v is None else str(_sql_value(v))) for c, v in s.values.items()},
                "path": s.hops,
            }
            for s in guarded
        ]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {EXECUTE_FUNCTION}(%s, %s::jsonb)", [destruction.pk, json.dumps(payload)])


def _delete_files(names: list[str], family_id: int) -> None:
    """Every stored file of the family (also one a rolled-back upload left without a row), each on its own:
    one that cannot be removed is logged with its name and the others still go."""
    storage = private_storage()
    folder = f"gezin-{family_id}"
    try:
        found = [f"{folder}/{name}" for name in storage.listdir(folder)[1]]
    except FileNotFoundError:
        found = []
    for name in sorted({*names, *found}):
        try:
            storage.delete(name)
        except OSError:
            logger.exception("destruction: could not delete the stored file %s", name)
