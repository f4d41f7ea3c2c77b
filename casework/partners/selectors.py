"""Reads of partners' help and of who may see what, for the pages (and the API where it fits).

Every read goes through the family access rule (`casework.access`): an inzet
of a family outside your reach is "not found". Lists cost a fixed number of
queries whatever the number of inzetten or bases.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from casework import access
from casework.models import Family, Substitution

from .access import sharing_bases_active
from .models import (
    NOT_STARTED_STATUSES,
    Inzet,
    InzetMessage,
    InzetStatusChange,
    Partner,
    SharedPart,
    SharingBasis,
)


def _history() -> Prefetch:
    return Prefetch(
        "status_changes",
        queryset=InzetStatusChange.objects.select_related("author", "via_partner").order_by("at", "id"),
    )


def inzet_list_for_family(*, family: Family) -> list[Inzet]:
    """The family's inzetten with partner, child and status history: two queries, whatever their number.

    Read once per family object: the family page's partner section and its
    timeline (casework.partners.contributions) both show this history, and it
    was read twice. The object lives for one request, and no caller changes an
    inzet between the two reads.
    """
    cached = family.__dict__.get("_inzetten_with_history")
    if cached is None:
        cached = list(
            family.inzetten.select_related("partner", "child")
            .prefetch_related(_history())
            .order_by("-requested_on", "-id")
        )
        family.__dict__["_inzetten_with_history"] = cached
    return cached


def inzet_get_for_user(*, user: User, inzet_id: int | str, write: bool = False) -> Inzet:
    """One inzet through the family access rule; `write` asks for the right to change it (403 if read-only)."""
    readable = access.families_readable_by(user=user).values("pk")
    try:
        inzet = (
            Inzet.objects.select_related("family", "family__team", "family__manager", "partner", "child")
            .prefetch_related(_history())
            .get(pk=int(inzet_id), family_id__in=readable)
        )
    except (Inzet.DoesNotExist, ValueError, TypeError):
        raise Http404("Inzet niet gevonden") from None
    if write and not access.can_write_file(user=user, family=inzet.family):
        raise PermissionDenied(_("Alleen de gezinsmanager van dit gezin kan de hulp van partners wijzigen."))
    return inzet


def inzet_messages(*, inzet: Inzet) -> list[InzetMessage]:
    return list(inzet.messages.select_related("author", "via_partner").order_by("-at", "-id"))


def partner_choices() -> QuerySet[Partner]:
    """Partners a worker may pick for new help or a basis: the active ones."""
    return Partner.objects.filter(active=True).order_by("name")


def sharing_basis_get(*, family: Family, basis_id: int | str) -> SharingBasis:
    try:
        return SharingBasis.objects.select_related("partner", "family").get(pk=int(basis_id), family=family)
    except (SharingBasis.DoesNotExist, ValueError, TypeError):
        raise Http404("Grondslag niet gevonden") from None


# --- who can see what and why -------------------------------------------------------------


@dataclass
class BasisRow:
    """One basis with its state today and the parts it covers, ready for the page."""

    basis: SharingBasis
    active: bool
    state: str
    parts: list[str]
    until: dt.date | None = None
    until_after_inzet: bool = False


@dataclass
class PartnerSharing:
    partner: Partner
    active: list[BasisRow] = field(default_factory=list)
    ended: list[BasisRow] = field(default_factory=list)


def _parts(basis: SharingBasis) -> list[str]:
    return [str(part.label) for part in SharedPart if getattr(basis, part.field)]


def _state(basis: SharingBasis, today: dt.date, *, family_closed: bool = False) -> str:
    if basis.withdrawn_at is not None:
        return _("ingetrokken op %(d)s: %(r)s") % {
            "d": timezone.localtime(basis.withdrawn_at).strftime("%d-%m-%Y"),
            "r": basis.withdrawn_reason,
        }
    if basis.start_on > today:
        return _("begint op %(d)s") % {"d": basis.start_on.strftime("%d-%m-%Y")}
    if basis.end_on is not None and basis.end_on < today:
        return _("afgelopen op %(d)s") % {"d": basis.end_on.strftime("%d-%m-%Y")}
    if family_closed:
        return _("het dossier is afgesloten")
    if not basis.partner.active:
        return _("deze partner is niet meer actief")
    return _("vanzelf geëindigd na de laatste inzet van deze partner")


def sharing_overview(*, family: Family, today: dt.date | None = None) -> list[PartnerSharing]:
    """Per partner: the bases that let it see this family today and why, and those that ended.

    Two queries: all the family's bases, and which of them are active (with
    what keeps them alive), computed by the same rule as the partner API.
    """
    today = today or timezone.localdate()
    bases = list(
        SharingBasis.objects.filter(family=family)
        .select_related("partner", "author", "withdrawn_by")
        .order_by("partner__name", "-start_on", "-id")
    )
    active = {
        row["pk"]: row
        for row in sharing_bases_active(on=today)
        .filter(family=family)
        # The three are annotated by sharing_bases_active, which the stubs' plugin cannot follow.
        .values("pk", "has_inzet", "has_open_inzet", "runs_out_from")  # type: ignore[misc]
    }
    by_partner: dict[int, PartnerSharing] = {}
    for basis in bases:
        group = by_partner.setdefault(basis.partner_id, PartnerSharing(partner=basis.partner))
        info = active.get(basis.pk)
        if info is None:
            group.ended.append(
                BasisRow(
                    basis=basis,
                    active=False,
                    state=_state(basis, today, family_closed=family.is_closed),
                    parts=_parts(basis),
                )
            )
            continue
        until, after_inzet = basis.end_on, False
        if info["has_inzet"] and not info["has_open_inzet"] and info["runs_out_from"]:
            runs_out = info["runs_out_from"] + dt.timedelta(days=settings.SHARING_ENDS_AFTER_INZET_DAYS)
            if until is None or runs_out < until:
                until, after_inzet = runs_out, True
        group.active.append(
            BasisRow(
                basis=basis,
                active=True,
                state=_("actief"),
                parts=_parts(basis),
                until=until,
                until_after_inzet=after_inzet,
            )
        )
    return list(by_partner.values())


# --- signals -----------------------------------------------------------------------------


def inzetten_start_overdue_for_user(*, user: User, today: dt.date | None = None) -> list[Inzet]:
    """Help promised to start that did not, in the families this user carries (or substitutes for): one query."""
    today = today or timezone.localdate()
    substituting = Substitution.objects.active().filter(substitute=user).values("family_id")
    readable = access.families_readable_by(user=user).filter(Q(manager=user) | Q(pk__in=substituting))
    return list(
        Inzet.objects.filter(
            family__in=readable.exclude(phase="afgesloten").values("pk"),
            status__in=NOT_STARTED_STATUSES,
            promised_start__lt=today,
        )
        .select_related("family", "partner", "child")
        .order_by("promised_start", "id")
    )
