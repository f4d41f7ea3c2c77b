"""Where a child lives (verblijf): one stay at a time, each new one ending the one before.

A placement may be recorded without a valid authorisation (a crisis placement
comes before the court): it is allowed, and it is a signal until the
authorisation is there (`casework.court.rules`, `selectors.stays_without_authorisation`).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from casework.models import Family, Measure, Member
from casework.services.checks import log_change
from core.concurrency import check_base_version, mark_saved
from privacy.models import Action, Channel

from ..models import Stay
from .common import require_court_write


def _check_authorisation(*, child: Member, authorisation: Measure | None) -> None:
    if authorisation is not None and authorisation.child_id != child.pk:
        raise ValidationError({"authorisation": _("Kies een maatregel van dit kind.")})


@transaction.atomic
def stay_record(
    *,
    actor: User,
    family: Family,
    child: Member,
    kind: str,
    start: dt.date,
    place: str = "",
    authorisation: Measure | None = None,
    channel: str = Channel.WEB,
) -> Stay:
    """The child lives here from `start`; the stay it had until then ends the day before."""
    family = require_court_write(actor=actor, family=family)
    if child.family_id != family.pk or not child.is_child:
        raise ValidationError({"child": _("Kies een jeugdige uit dit gezin.")})
    _check_authorisation(child=child, authorisation=authorisation)
    if start > timezone.localdate() + dt.timedelta(days=31):
        raise ValidationError(
            {"start": _("Een verblijf legt u vast als het (bijna) begint: hoogstens een maand vooruit.")}
        )
    stays = Stay.objects.select_for_update().filter(child=child)
    if stays.filter(start__gte=start).exists():
        raise ValidationError(
            {"start": _("Er is al een verblijf vanaf deze datum of later; een nieuw verblijf begint daarna.")}
        )
    current = stays.filter(end__isnull=True).first() or stays.filter(end__gte=start).order_by("-start").first()
    if current is not None:
        current.end = start - dt.timedelta(days=1)
        mark_saved(current, actor=actor)
        current.save()
    stay = Stay(child=child, kind=kind, place=place.strip(), start=start, authorisation=authorisation, author=actor)
    stay.full_clean()
    stay.save()
    log_change(actor=actor, family=family, action=Action.CREATE, what="verblijf vastgelegd", channel=channel)
    return stay


@transaction.atomic
def stay_set_authorisation(
    *,
    actor: User,
    stay: Stay,
    authorisation: Measure | None,
    base_version: int | None = None,
    channel: str = Channel.WEB,
) -> Stay:
    """The authorisation came (or was corrected): the placement now rests on it."""
    family_id = Stay.objects.values_list("child__family_id", flat=True).get(pk=stay.pk)
    family = require_court_write(actor=actor, family=Family(pk=family_id))
    stay = Stay.objects.select_for_update(of=("self",)).select_related("child").get(pk=stay.pk)
    check_base_version(stay, base_version=base_version, fields=["authorisation"], actor=actor)
    _check_authorisation(child=stay.child, authorisation=authorisation)
    stay.authorisation = authorisation
    mark_saved(stay, actor=actor)
    stay.save()
    log_change(actor=actor, family=family, action=Action.CHANGE, what="grondslag verblijf", channel=channel)
    return stay
