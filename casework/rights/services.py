"""Writes for privacy requests: register, extend the term once, decide, withdraw.

Who handles them: the privacy officer (organisation role security) for every
file, and the teamleider of the family's team for that team's files. Each step
is atomic, locks the request, checks the version the user saw, leaves a row in
the request's history with who and why, and an access-log row for the family.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from casework.models import Contact, Family, Member, MemberRole
from casework.services.checks import lock_family, log_change
from core.concurrency import check_base_version, mark_saved
from core.dates import add_months, term_end
from privacy.models import Action, Channel

from . import destruction
from .export import PART_TITLES
from .models import (
    ExportStatus,
    FamilyStatement,
    FileExport,
    PrivacyRequest,
    PrivacyRequestEvent,
    PrivacyRequestKind,
    PrivacyRequestStatus,
    Redaction,
    RequesterRelation,
)
from .selectors import can_handle

REFUSALS = (PrivacyRequestStatus.AFGEWEZEN, PrivacyRequestStatus.DEELS)
DECISIONS = (PrivacyRequestStatus.TOEGEWEZEN, *REFUSALS)
# Who may ask to destroy a file (Jeugdwet art. 7.3.11): the person it is about or who has authority.
DESTRUCTION_REQUESTERS = (RequesterRelation.OUDER, RequesterRelation.JEUGDIGE, RequesterRelation.VERTEGENWOORDIGER)


def require_handler(*, actor: User, family: Family) -> Family:
    family = lock_family(family=family)
    if not can_handle(user=actor, family=family):
        raise PermissionDenied(
            _("Alleen de privacy officer of de teamleider van dit gezin behandelt privacyverzoeken.")
        )
    return family


def privacy_request_due_on(*, kind: str, received_on: dt.date, extended: bool = False) -> dt.date:
    """The term counted from the day received (an extension too, so a month's end is not shortened twice),
    moved past a weekend or a general holiday to the next working day (core.dates.term_end)."""
    terms = settings.PRIVACY_REQUESTS
    months = terms["TERM_MONTHS"][kind] + (terms["EXTENSION_MONTHS"] if extended else 0)
    return term_end(add_months(received_on, months))


def _event(request: PrivacyRequest, *, step: str, actor: User, note: str = "") -> None:
    PrivacyRequestEvent.objects.create(request=request, step=step, to_status=request.status, note=note, by=actor)


@transaction.atomic
def privacy_request_register(
    *,
    actor: User,
    family: Family,
    kind: str,
    requester_name: str,
    requester_relation: str,
    received_on: dt.date,
    description: str = "",
    channel: str = Channel.WEB,
) -> PrivacyRequest:
    """A request as it came in; its term runs from the day it was received, not from today."""
    family = require_handler(actor=actor, family=family)
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("De datum van ontvangst ligt in de toekomst.")})
    if kind == PrivacyRequestKind.VERNIETIGING and requester_relation not in DESTRUCTION_REQUESTERS:
        raise ValidationError(
            {
                "requester_relation": _(
                    "Vernietiging vraagt een ouder met gezag, de jeugdige vanaf 12 jaar of hun wettelijk "
                    "vertegenwoordiger."
                )
            }
        )
    if not requester_name.strip():
        raise ValidationError({"requester_name": _("Vul in wie het verzoek deed.")})
    request = PrivacyRequest(
        family=family,
        kind=kind,
        requester_name=requester_name.strip(),
        requester_relation=requester_relation,
        received_on=received_on,
        due_on=privacy_request_due_on(kind=kind, received_on=received_on),
        description=description.strip(),
        registered_by=actor,
        handled_by=actor,
    )
    request.full_clean()
    request.save()
    _event(request, step="geregistreerd", actor=actor)
    log_change(actor=actor, family=family, action=Action.CREATE, what="privacyverzoek geregistreerd", channel=channel)
    return request


def _locked(*, actor: User, request: PrivacyRequest, base_version: int | None) -> tuple[Family, PrivacyRequest]:
    family = require_handler(actor=actor, family=Family(pk=request.family_id))
    locked = PrivacyRequest.objects.select_for_update().get(pk=request.pk)
    check_base_version(locked, base_version=base_version, fields=["status", "due_on"], actor=actor)
    if locked.status != PrivacyRequestStatus.OPEN:
        raise ValidationError({"status": _("Dit verzoek is al afgehandeld.")})
    return family, locked


@transaction.atomic
def privacy_request_extend(
    *, actor: User, request: PrivacyRequest, reason: str, base_version: int | None = None, channel: str = Channel.WEB
) -> PrivacyRequest:
    """The AVG allows one extension of two months, for a complex request, told to the requester with why."""
    family, request = _locked(actor=actor, request=request, base_version=base_version)
    if request.kind not in settings.PRIVACY_REQUESTS["EXTENDABLE"]:
        raise ValidationError({"reason": _("De termijn van dit soort verzoek kan niet worden verlengd.")})
    if request.extended:
        raise ValidationError({"reason": _("De termijn is al eens verlengd; dat kan maar één keer.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Schrijf waarom de termijn wordt verlengd; de verzoeker hoort dit.")})
    if timezone.localdate() > request.due_on:
        raise ValidationError({"reason": _("De termijn is al verstreken; verlengen kan alleen binnen de termijn.")})
    request.due_on = privacy_request_due_on(kind=request.kind, received_on=request.received_on, extended=True)
    request.extended, request.extension_reason, request.handled_by = True, reason.strip(), actor
    mark_saved(request, actor=actor)
    request.save()
    _event(request, step="verlengd", actor=actor, note=reason.strip())
    log_change(actor=actor, family=family, action=Action.CHANGE, what="privacyverzoek verlengd", channel=channel)
    return request


@transaction.atomic
def privacy_request_decide(
    *,
    actor: User,
    request: PrivacyRequest,
    outcome: str,
    decided_on: dt.date,
    note: str = "",
    grounds_checked: bool = False,
    base_version: int | None = None,
    channel: str = Channel.WEB,
) -> PrivacyRequest:
    """The decision, with its reason whenever the requester does not get all they asked for.

    A granted request to destroy the file is checked against the law first (`_destruction_grounds`)
    and then goes to the same two agreements as a file past its date (casework.rights.destruction).
    """
    family, request = _locked(actor=actor, request=request, base_version=base_version)
    destroy = request.kind == PrivacyRequestKind.VERNIETIGING and outcome == PrivacyRequestStatus.TOEGEWEZEN
    if destroy:
        _destruction_grounds(family=family, grounds_checked=grounds_checked)
    if outcome not in (*DECISIONS, PrivacyRequestStatus.INGETROKKEN):
        raise ValidationError({"outcome": _("Kies een beslissing.")})
    if outcome in REFUSALS and not note.strip():
        raise ValidationError(
            {"note": _("Schrijf de reden van de (gedeeltelijke) afwijzing; de verzoeker heeft er recht op.")}
        )
    # Never before the day received, nor before an extension was told to the requester.
    extended_at = request.events.filter(step="verlengd").order_by("-at").values_list("at", flat=True).first()
    earliest = max(request.received_on, timezone.localtime(extended_at).date()) if extended_at else request.received_on
    if decided_on > timezone.localdate() or decided_on < earliest:
        raise ValidationError(
            {"decided_on": _("De beslisdatum ligt tussen %(d)s en vandaag.") % {"d": f"{earliest:%d-%m-%Y}"}}
        )
    request.status, request.decided_on, request.decision_note = outcome, decided_on, note.strip()
    request.handled_by = actor
    mark_saved(request, actor=actor)
    request.full_clean()
    request.save()
    _event(
        request,
        step="beslist" if outcome != PrivacyRequestStatus.INGETROKKEN else "ingetrokken",
        actor=actor,
        note=note,
    )
    log_change(actor=actor, family=family, action=Action.CHANGE, what="privacyverzoek beslist", channel=channel)
    if destroy:
        destruction.destruction_for_request(actor=actor, request=request, family=family)
    return request


def _destruction_grounds(*, family: Family, grounds_checked: bool) -> None:
    """The help has ended (and long enough ago for an OTS or guardianship), and the handler confirmed that no
    important interest of someone else and no legal duty stands against it; otherwise it is refused, with why."""
    why_not = destruction.destruction_request_grounds(family=family, today=timezone.localdate())
    if why_not:
        raise ValidationError({"outcome": why_not + " " + _("Wijs het verzoek af en schrijf de reden.")})
    if not grounds_checked:
        raise ValidationError(
            {
                "grounds_checked": _(
                    "Bevestig dat geen zwaarwegend belang van een ander (bijvoorbeeld een broer of zus) en geen "
                    "wettelijke plicht zich tegen vernietiging verzet; anders wijst u het verzoek af met die reden."
                )
            }
        )


@transaction.atomic
def family_statement_add(
    *,
    actor: User,
    request: PrivacyRequest,
    text: str,
    contact: Contact | None = None,
    channel: str = Channel.WEB,
) -> FamilyStatement:
    """A refused (or partly refused) correction: the family's own words go into the file beside the text."""
    family = require_handler(actor=actor, family=Family(pk=request.family_id))
    request = PrivacyRequest.objects.get(pk=request.pk)
    if request.kind != PrivacyRequestKind.CORRECTIE or request.status not in REFUSALS:
        raise ValidationError(
            {"text": _("Een eigen verklaring hoort bij een (deels) afgewezen verzoek tot correctie.")}
        )
    if contact is not None and contact.family_id != family.pk:
        raise ValidationError({"contact": _("Dit contactmoment hoort niet bij dit gezin.")})
    if not text.strip():
        raise ValidationError({"text": _("Schrijf de verklaring van het gezin, in hun eigen woorden.")})
    statement = FamilyStatement(
        family=family,
        request=request,
        contact=contact,
        by_name=request.requester_name,
        text=text.strip(),
        recorded_by=actor,
    )
    statement.full_clean()
    statement.save()
    log_change(actor=actor, family=family, action=Action.CREATE, what="eigen verklaring gezin", channel=channel)
    return statement


EXPORT_KINDS = (PrivacyRequestKind.INZAGE, PrivacyRequestKind.KOPIE)
# Who gets only what the handler decides the law allows, with the reason: not the person the file is about.
SCOPED_REQUESTERS = (RequesterRelation.OUDER_ZONDER_GEZAG, RequesterRelation.ANDERS)


@transaction.atomic
def file_export_start(
    *,
    actor: User,
    request: PrivacyRequest,
    child: Member | None = None,
    parts: list[str] | tuple[str, ...] = (),
    scope_note: str = "",
    channel: str = Channel.WEB,
) -> FileExport:
    """Put the file together for an inzage or copy request; nothing leaves until it is released.

    A youth's own request gets only what concerns that child; a parent without authority gets what the
    law allows (BW 1:377c: information about important facts and circumstances), which the handler
    decides: the parts given and why, recorded with the export.
    """
    family = require_handler(actor=actor, family=Family(pk=request.family_id))
    request = PrivacyRequest.objects.select_for_update().get(pk=request.pk)
    if request.kind not in EXPORT_KINDS:
        raise ValidationError({"request": _("Een dossier stelt u samen voor een verzoek om inzage of een kopie.")})
    existing = FileExport.objects.filter(request=request).first()
    if existing is not None:
        return existing
    unknown = set(parts) - set(PART_TITLES)
    if unknown:
        raise ValidationError({"parts": _("Kies uit de delen van het dossier.")})
    if request.requester_relation == RequesterRelation.JEUGDIGE:
        if child is None or child.family_id != family.pk or child.role != MemberRole.JEUGDIGE:
            raise ValidationError(
                {"child": _("Kies de jeugdige die het verzoek deed: die krijgt alleen het eigen deel.")}
            )
    elif child is not None:
        raise ValidationError({"child": _("Alleen bij een verzoek van de jeugdige zelf geeft u één kind zijn deel.")})
    if request.requester_relation in SCOPED_REQUESTERS:
        missing = {}
        if not parts:
            missing["parts"] = _("Kies wat deze verzoeker krijgt.")
        if not scope_note.strip():
            missing["scope_note"] = _("Schrijf wat deze verzoeker krijgt en waarom (wat de wet toestaat).")
        if missing:
            raise ValidationError(missing)
    export = FileExport.objects.create(
        request=request,
        family=family,
        created_by=actor,
        child=child,
        parts=sorted(parts, key=list(PART_TITLES).index),
        scope_note=scope_note.strip(),
    )
    log_change(actor=actor, family=family, action=Action.CREATE, what="dossier samengesteld (inzage)", channel=channel)
    return export


@transaction.atomic
def file_export_redact(
    *, actor: User, export: FileExport, part: str, item_id: int, reason: str, channel: str = Channel.WEB
) -> Redaction:
    """Leave one item out (what concerns a third party), with the reason kept beside the export."""
    family = require_handler(actor=actor, family=Family(pk=export.family_id))
    export = FileExport.objects.select_for_update().get(pk=export.pk)
    if export.status != ExportStatus.CONCEPT:
        raise ValidationError({"reason": _("Dit dossier is al vrijgegeven; weglaten kan niet meer.")})
    if not reason.strip():
        raise ValidationError(
            {"reason": _("Schrijf waarom dit wordt weggelaten (bijvoorbeeld: gegevens van een derde).")}
        )
    if export.redactions.filter(part=part, item_id=item_id).exists():
        raise ValidationError({"reason": _("Dit onderdeel is al weggelaten.")})
    redaction = Redaction.objects.create(export=export, part=part, item_id=item_id, reason=reason.strip(), by=actor)
    log_change(actor=actor, family=family, action=Action.CHANGE, what="dossier: onderdeel weggelaten", channel=channel)
    return redaction


@transaction.atomic
def file_export_release(
    *, actor: User, export: FileExport, base_version: int | None = None, channel: str = Channel.WEB
) -> FileExport:
    """Released once, by who handles the request; from then on the export does not change."""
    family = require_handler(actor=actor, family=Family(pk=export.family_id))
    export = FileExport.objects.select_for_update().get(pk=export.pk)
    check_base_version(export, base_version=base_version, fields=["status"], actor=actor)
    if export.status != ExportStatus.CONCEPT:
        raise ValidationError({"status": _("Dit dossier is al vrijgegeven.")})
    export.status, export.released_by, export.released_at = ExportStatus.VRIJGEGEVEN, actor, timezone.now()
    mark_saved(export, actor=actor)
    export.save()
    log_change(actor=actor, family=family, action=Action.PRINT, what="dossier vrijgegeven (inzage)", channel=channel)
    return export
