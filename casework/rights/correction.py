"""Carrying out a granted request to correct the file: the contact's text changed, the old text kept.

A correction the family asked for is not the author's own slip: it is decided by who handles the
request (casework.rights.services) and done by them, at any time after the decision, never silently.
The old values go into the contact's history (ContactRevision, with the request as the reason), the
timeline shows them under "Eerdere versies", and the request's history names what was changed.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from casework.models import Contact, ContactRevision, Family
from casework.services.checks import log_change
from casework.services.contacts import contact_snapshot
from casework.services.summary import family_summary_refresh
from privacy.models import Action, Channel

from .models import PrivacyRequest, PrivacyRequestEvent, PrivacyRequestKind, PrivacyRequestStatus
from .services import require_handler

GRANTED = (PrivacyRequestStatus.TOEGEWEZEN, PrivacyRequestStatus.DEELS)

# The words of a contact a request may correct; the scores are the worker's judgement, not a fact to correct.
CORRECTABLE = {
    "note": gettext_lazy("verslag"),
    "safety_why": gettext_lazy("waarom deze veiligheidsscore"),
    "safety_raise": gettext_lazy("wat is nodig om de veiligheid te verhogen"),
    "lijn_why": gettext_lazy("waarom deze score op de centrale lijn"),
    "lijn_raise": gettext_lazy("wat is nodig om de centrale lijn te verhogen"),
    "other_participants": gettext_lazy("andere aanwezigen"),
}


@transaction.atomic
def contact_correct_on_request(
    *, actor: User, request: PrivacyRequest, contact: Contact, field: str, text: str, channel: str = Channel.WEB
) -> Contact:
    """The handler changes one text of a contact as the granted request asks; the old one stays in its history."""
    family = require_handler(actor=actor, family=Family(pk=request.family_id))
    request = PrivacyRequest.objects.get(pk=request.pk)
    if request.kind != PrivacyRequestKind.CORRECTIE or request.status not in GRANTED:
        raise ValidationError({"text": _("Corrigeren kan na een (deels) toegewezen verzoek tot correctie.")})
    if field not in CORRECTABLE:
        raise ValidationError({"field": _("Kies wat moet worden gecorrigeerd.")})
    locked = Contact.objects.select_for_update().filter(pk=contact.pk, family=family).first()
    if locked is None:
        raise ValidationError({"contact": _("Dit contactmoment hoort niet bij dit gezin.")})
    new = text.strip()
    if new == (getattr(locked, field) or "").strip():
        raise ValidationError({"text": _("De tekst is niet veranderd.")})
    model_field = Contact._meta.get_field(field)
    if not new and not getattr(model_field, "blank", True):
        raise ValidationError(
            {"text": _("%(what)s kan niet leeg zijn; schrijf de gecorrigeerde tekst.") % {"what": CORRECTABLE[field]}}
        )
    limit = getattr(model_field, "max_length", None)
    if limit and len(new) > limit:
        raise ValidationError({"text": _("Dit deel is ten hoogste %(n)s tekens lang.") % {"n": limit}})
    reason = _("correctie op verzoek van %(who)s (%(on)s)") % {
        "who": request.get_requester_relation_display(),
        "on": f"{request.received_on:%d-%m-%Y}",
    }
    ContactRevision.objects.create(contact=locked, previous=contact_snapshot(locked), author=actor, reason=reason)
    setattr(locked, field, new)
    locked.corrected_at = timezone.now()
    locked.full_clean()
    locked.save()
    family_summary_refresh(family_id=family.pk)
    PrivacyRequestEvent.objects.create(
        request=request,
        step="gecorrigeerd",
        to_status=request.status,
        note=_("contactmoment van %(d)s: %(what)s") % {"d": f"{locked.date:%d-%m-%Y}", "what": CORRECTABLE[field]},
        by=actor,
    )
    log_change(
        actor=actor, family=family, action=Action.CHANGE, what="contactmoment gecorrigeerd (verzoek)", channel=channel
    )
    return locked
