"""The checks and the log line every write to the family file shares.

A write and the access rule it rests on are decided in one transaction: `require_write` and
`require_manage` first lock the family row and read it again, then read the user's facts from the
database under that lock (`casework.access.family_access_locked`), never the facts cached on the
family object the view fetched. So a gezinsmanager whose assignment, membership or substitution
ended while the write waited for the lock is refused, and nothing is written.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from accounts.models import Team, User
from accounts.selectors import gezinsmanagers_of_team
from privacy.services import access_log_record

from .. import access
from ..models import Family


def log_change(*, actor: User, family: Family, action: str, what: str, channel: str) -> None:
    access_log_record(user=actor, family_id=family.pk, action=action, what=what, channel=channel)


def lock_family(*, family: Family) -> Family:
    """The family row, locked until the transaction ends and read again (manager, phase, team as they are now).

    Call it inside the write's transaction, before its checks. On SQLite (no row locks) it only reads.
    """
    return Family.objects.select_for_update().get(pk=family.pk)


def require_write(*, actor: User, family: Family, refusal: str = "") -> Family:
    """Only who writes the family's file (casework.access) changes it; `refusal` names what, if not the file.

    Returns the locked family as it is now: the write goes on with that object.
    """
    locked = lock_family(family=family)
    if not access.family_access_locked(user=actor, family=locked).write(locked):
        raise PermissionDenied(refusal or _("Alleen de gezinsmanager van dit gezin kan het dossier wijzigen."))
    return locked


def require_manage(*, actor: User, family: Family, refusal: str) -> Family:
    """The teamleider's writes (assignment, substitution), decided under the family's lock like `require_write`."""
    locked = lock_family(family=family)
    if not access.family_access_locked(user=actor, family=locked).leads:
        raise PermissionDenied(refusal)
    return locked


def require_case_carrier(*, team: Team, manager: User) -> None:
    """Only the team's gezinsmanagers and seniors carry families: the same list the forms offer."""
    if not gezinsmanagers_of_team(team=team).filter(pk=manager.pk).exists():
        raise ValidationError({"manager": _("Kies een gezinsmanager van dit team.")})
