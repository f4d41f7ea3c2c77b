"""What the four-eyes tests share: proposing a grant as a person would, through the registered kind."""

import datetime as dt

from django.utils import timezone

from accounts.grants import services
from accounts.grants.kinds import grant_kind_get
from accounts.models import TeamRole


def propose(kind_key: str, *, by, reason: str = "Nieuwe collega per maandag", **cleaned):
    return services.grant_propose(kind=grant_kind_get(kind_key), by=by, cleaned=cleaned, reason=reason)


def propose_membership(*, by, user, team, role=TeamRole.GEZINSMANAGER, start: dt.date | None = None):
    return propose("membership", by=by, user=user, team=team, role=role, start=start or timezone.localdate())
