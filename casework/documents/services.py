"""Writes for family documents: storing an upload once, checked, and leaving a row in the access log.

A document is a part of the family file like a contact: only who writes the
file adds one (`casework.services.checks.require_write`, under the family's
lock), and what is stored is what the bytes are, not what the name says.
"""

import datetime as dt
import hashlib

import magic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from casework.models import Family, Member
from casework.retention import family_retention
from casework.services.checks import log_change, require_write
from privacy.models import Action, Channel, RetentionClass

from ..court.models import CourtRuling
from .models import Document


def document_default_retention(*, family: Family) -> RetentionClass:
    """The class a new document gets when the worker picks none: the file's own (the longest applies)."""
    found = family_retention(family=family).retention_class
    if found is None or not found.active:
        found = RetentionClass.objects.filter(active=True).order_by("-years").first()
    if found is None:
        raise ValidationError({"retention_class": _("Er is geen bewaarklasse ingesteld; vraag functioneel beheer.")})
    return found


def document_check_size(*, size: int) -> None:
    """Empty or larger than DOCUMENT_MAX_BYTES is refused, with the limit in the message."""
    if not size:
        raise ValidationError({"file": _("Het bestand is leeg.")})
    limit = settings.DOCUMENT_MAX_BYTES
    if size > limit:
        raise ValidationError(
            {
                "file": _("Het bestand is groter dan %(mb)s MB; verklein het of scan het opnieuw.")
                % {"mb": limit // 2**20}
            }
        )


def document_check_content(*, content: bytes) -> str:
    """The content type libmagic finds in the bytes, if it is one we accept; a clear refusal otherwise."""
    document_check_size(size=len(content))
    found = magic.from_buffer(content[:65536], mime=True)
    if found not in settings.DOCUMENT_CONTENT_TYPES:
        allowed = ", ".join(sorted(set(settings.DOCUMENT_CONTENT_TYPES.values())))
        raise ValidationError(
            {"file": _("Dit soort bestand kan niet worden opgeslagen. Toegestaan: %(allowed)s.") % {"allowed": allowed}}
        )
    return found


def _clean_name(filename: str, content_type: str) -> str:
    """The uploaded name without a path, ending in the extension its real type has."""
    base = filename.replace("\\", "/").rsplit("/", 1)[-1].strip() or "document"
    ext = settings.DOCUMENT_CONTENT_TYPES[content_type]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return f"{stem[: 190 - len(ext)]}.{ext}"


@transaction.atomic
def document_store(
    *,
    actor: User,
    family: Family,
    kind: str,
    title: str,
    dated_on: dt.date,
    written_by: str,
    content: bytes,
    filename: str,
    child: Member | None = None,
    retention_class: RetentionClass | None = None,
    ruling: CourtRuling | None = None,
    channel: str = Channel.WEB,
) -> Document:
    """Store one document in the family file: checked, hashed, under a random name on the private storage.

    The bytes are written before the row, so a row never points at a file that
    is not there; if the row cannot be saved the file is removed again. (A
    rollback of an outer transaction after this returns can leave an unlisted
    file under a random name: never a lost document, and never reachable.)
    """
    family = require_write(
        actor=actor, family=family, refusal=_("Alleen de gezinsmanager van dit gezin kan documenten toevoegen.")
    )
    content_type = document_check_content(content=content)
    if child is not None and (child.family_id != family.pk or not child.is_child):
        raise ValidationError({"child": _("Kies een jeugdige uit dit gezin, of laat dit leeg voor het hele gezin.")})
    if ruling is not None and ruling.family_id != family.pk:
        raise ValidationError({"ruling": _("Deze beschikking hoort niet bij dit gezin.")})
    if dated_on > timezone.localdate():
        raise ValidationError({"dated_on": _("De datum van het document ligt in de toekomst.")})
    if retention_class is not None and not retention_class.active:
        raise ValidationError({"retention_class": _("Deze bewaarklasse is niet meer in gebruik; kies een andere.")})
    document = Document(
        family=family,
        child=child,
        kind=kind,
        title=title.strip(),
        dated_on=dated_on,
        written_by=written_by.strip(),
        retention_class=retention_class or document_default_retention(family=family),
        ruling=ruling,
        original_name=_clean_name(filename, content_type),
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=actor,
    )
    document.file.save("document", ContentFile(content), save=False)
    stored = document.file.name
    try:
        document.full_clean(exclude=["file"])
        document.save()
        log_change(actor=actor, family=family, action=Action.CREATE, what="document toegevoegd", channel=channel)
    except Exception:
        document.file.storage.delete(stored)
        raise
    return document
