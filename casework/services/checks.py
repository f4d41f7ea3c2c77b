"""The checks and the log line every write to the family file shares."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from accounts.models import Team, User
from accounts.selectors import gezinsmanagers_of_team
from privacy.services import access_log_record

from .. import access
from ..models import Family


def log_change(*, actor: User, family: Family, action: str, what: str, channel: str) -> None:
    access_log_record(user=actor, family_id=family.pk, action=action, what=what, channel=channel)


def require_write(*, actor: User, family: Family, refusal: str = "") -> None:
    """Only who writes the family's file (casework.access) changes it; `refusal` names what, if not the file."""
    if not access.can_write_file(user=actor, family=family):
        raise PermissionDenied(refusal or _("Alleen de gezinsmanager van dit gezin kan het dossier wijzigen."))


def require_case_carrier(*, team: Team, manager: User) -> None:
    """Only the team's gezinsmanagers and seniors carry families: the same list the forms offer."""
    if not gezinsmanagers_of_team(team=team).filter(pk=manager.pk).exists():
        raise ValidationError({"manager": _("Kies een gezinsmanager van dit team.")})
