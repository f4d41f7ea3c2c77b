"""Pre-filling the kwestie form from a family's record, by ids only.

A link to the form carries ids (`?gezin=<id>&afspraak=<id>`, `?gezin=<id>&inzet=<id>`),
never the record's text: a URL lands in proxy logs and browser history, and an
agreement's text can say what is going on with a child. The form resolves the
ids through the access path, among the families this user may raise a kwestie
about (the writable ones): someone else's id, or ids that do not belong
together, pre-fill nothing. What a pre-fill shows is the family's data, so the
view logs the family it came from (returned beside the initial values).
"""

import re
from typing import Any, cast

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from casework.models import Family
from casework.partners.selectors import inzet_get_for_user
from casework.selectors import agreement_get

Prefill = tuple[dict[str, Any], int | None]
_ID = r"[0-9]{1,12}"


def _id(request: HttpRequest, key: str) -> int | None:
    value = request.GET.get(key, "")
    return int(value) if re.fullmatch(_ID, value) else None


def _family(request: HttpRequest, families: QuerySet[Family]) -> Family | None:
    gezin = _id(request, "gezin")
    return families.filter(pk=gezin).first() if gezin is not None else None


def inzet_initial(request: HttpRequest, *, families: QuerySet[Family]) -> Prefill:
    """Help a partner promised and did not start (`?gezin=<id>&inzet=<id>`)."""
    inzet_id = _id(request, "inzet")
    if request.method != "GET" or inzet_id is None:
        return {}, None
    family = _family(request, families)
    try:
        inzet = inzet_get_for_user(user=cast(User, request.user), inzet_id=inzet_id)
    except Http404:
        return {}, None
    if family is None or inzet.family_id != family.pk:
        return {}, None
    values = {"what": inzet.description, "partner": inzet.partner}
    text = _("%(what)s door %(partner)s is toegezegd te starten op %(day)s en is niet gestart.") % {
        **values,
        "day": date_format(inzet.promised_start, "d-m-Y") if inzet.promised_start else "?",
    }
    if inzet.child is not None:
        text += " " + _("Het gaat om %(child)s.") % {"child": inzet.child.first_name}
    initial: dict[str, Any] = {
        "title": (_("%(what)s van %(partner)s niet gestart") % values)[:200],
        "kind": "partner",
        "partner": inzet.partner,
        "blocks": text,
    }
    if not inzet.partner.active:
        # The form lists active partners only; keep the name so the kwestie still says who it is about.
        initial.update(partner=None, partner_name=inzet.partner.name[:200])
    return initial, family.pk


def agreement_initial(request: HttpRequest, *, families: QuerySet[Family]) -> Prefill:
    """An agreement in the family plan that a partner did not keep (`?gezin=<id>&afspraak=<id>`)."""
    agreement_id = _id(request, "afspraak")
    if request.method != "GET" or agreement_id is None:
        return {}, None
    family = _family(request, families)
    if family is None:
        return {}, None
    try:
        agreement = agreement_get(family=family, agreement_id=agreement_id)
    except Http404:
        return {}, None
    agreed = agreement.description
    initial: dict[str, Any] = {
        "kind": "partner",
        "title": (_("Afspraak niet nagekomen: %(agreed)s") % {"agreed": agreed})[:200],
        "blocks": _("Afgesproken in het gezinsplan: %(agreed)s. Dit is niet gebeurd.") % {"agreed": agreed},
        "partner_name": agreement.owner_name[:200],
    }
    partner = agreement.partner
    if partner is not None and partner.active:
        # A registered partner needs no typed name: its record is the one chosen.
        initial.update(partner=partner, partner_name="")
    elif partner is not None:
        initial.update(partner_name=partner.name[:200])
    return initial, family.pk
