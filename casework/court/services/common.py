"""What every court write shares: who may write, and the ruling that must be the family's own."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.models import User
from casework.models import Family, MeasureKind
from casework.services.checks import require_write

from ..models import CourtRuling, RulingOutcome

GRANTING_OUTCOMES = (RulingOutcome.TOEGEWEZEN, RulingOutcome.DEELS)
OPEN_ENDED_KINDS = (MeasureKind.VOOGDIJ,)


def require_court_write(*, actor: User, family: Family) -> Family:
    return require_write(
        actor=actor,
        family=family,
        refusal=_("Alleen de gezinsmanager van dit gezin legt het werk met de rechtbank vast."),
    )


def check_ruling(*, family: Family, ruling: CourtRuling | None) -> None:
    if ruling is not None and ruling.family_id != family.pk:
        raise ValidationError({"ruling": _("Deze beschikking hoort niet bij dit gezin.")})
