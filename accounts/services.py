"""Writes about people: team memberships, organisation roles, admin flags, accounts on and off.

Granting (a membership, a role, a flag, reactivating) is called only by an
approved grant (accounts.grants), inside its transaction; taking away is a
direct action for functioneel beheer that still leaves a GrantEvent. Beheer
never holds a team role: a membership for a beheer user is refused, and so is
the beheer role for someone who holds a team role.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .grants.kinds import holds_team_role, not_ended
from .grants.services import grant_record_removal
from .models import Membership, OrgRole, Team, TeamRole, User


def _lock_user(user: User) -> User:
    return User.objects.select_for_update().get(pk=user.pk)


def membership_create(*, actor: User, user: User, team: Team, role: str, start: dt.date) -> Membership:
    """Add a team role (from an approved grant). Functioneel beheer and the security officer, who grant and
    approve access, never work in a team themselves."""
    with transaction.atomic():
        user = _lock_user(user)
        if user.is_beheer:
            raise ValidationError(_("Functioneel beheer kan geen rol in een team hebben."))
        if user.is_security_officer:
            raise ValidationError(
                _("De privacy- en securityofficer keurt toegang goed en heeft zelf geen rol in een team.")
            )
        if role not in TeamRole.values:
            raise ValidationError({"role": _("Kies een teamrol.")})
        if Membership.objects.filter(not_ended(start), user=user, team=team, role=role).exists():
            raise ValidationError(_("%(user)s heeft deze rol in %(team)s al.") % {"user": user, "team": team})
        return Membership.objects.create(user=user, team=team, role=role, start=start)


def membership_end(*, actor: User, membership: Membership, reason: str = "") -> Membership:
    """End a membership now (taking access away: no second person needed), recorded for the team's teamleider.

    The end date is the last day it holds, so ending it now makes yesterday the
    last day; one that starts today or later ends on its first day (the end
    cannot come before the start).
    """
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    with transaction.atomic():
        membership = Membership.objects.select_for_update().select_related("user", "team").get(pk=membership.pk)
        end = max(yesterday, membership.start)
        if membership.end is not None and membership.end <= end:
            return membership
        membership.end = end
        membership.save(update_fields=["end"])
        grant_record_removal(
            by=actor,
            kind="membership",
            summary=_("Lidmaatschap beëindigd, laatste dag %(end)s: %(m)s")
            % {"end": end.strftime("%d-%m-%Y"), "m": membership},
            subject_user=membership.user,
            team=membership.team,
            reason=reason,
        )
        return membership


def user_org_role_set(*, actor: User, user: User, role: str) -> User:
    """Give an organisation role (from an approved grant); beheer only to someone outside every team."""
    if role not in OrgRole.values or role == OrgRole.NONE:
        raise ValidationError({"role": _("Kies een organisatierol.")})
    with transaction.atomic():
        user = _lock_user(user)
        if role == OrgRole.BEHEER and holds_team_role(user):
            raise ValidationError(_("Iemand met een rol in een team kan geen functioneel beheerder worden."))
        if role == OrgRole.SECURITY and holds_team_role(user):
            raise ValidationError(_("Iemand met een rol in een team kan geen privacy- en securityofficer worden."))
        user.org_role = role
        user.save(update_fields=["org_role"])
        return user


def user_org_role_remove(*, actor: User, user: User, reason: str = "") -> User:
    with transaction.atomic():
        user = _lock_user(user)
        if not user.org_role:
            return user
        old = user.get_org_role_display()
        user.org_role = OrgRole.NONE
        user.save(update_fields=["org_role"])
        grant_record_removal(
            by=actor,
            kind="org_role",
            summary=_("Organisatierol %(role)s weggenomen bij %(user)s") % {"role": old, "user": user},
            subject_user=user,
            reason=reason,
        )
        return user


def user_admin_flags_set(*, actor: User, user: User, is_staff: bool, is_superuser: bool) -> User:
    """Switch on admin flags (from an approved grant); never switches one off."""
    with transaction.atomic():
        user = _lock_user(user)
        user.is_staff = user.is_staff or is_staff
        user.is_superuser = user.is_superuser or is_superuser
        user.save(update_fields=["is_staff", "is_superuser"])
        return user


def user_admin_flags_remove(*, actor: User, user: User, reason: str = "") -> User:
    with transaction.atomic():
        user = _lock_user(user)
        if not (user.is_staff or user.is_superuser):
            return user
        user.is_staff = user.is_superuser = False
        user.save(update_fields=["is_staff", "is_superuser"])
        grant_record_removal(
            by=actor,
            kind="admin_flags",
            summary=_("Beheerrechten (is_staff, is_superuser) weggenomen bij %(user)s") % {"user": user},
            subject_user=user,
            reason=reason,
        )
        return user


def user_deactivate(*, actor: User, user: User, reason: str = "") -> User:
    with transaction.atomic():
        user = _lock_user(user)
        if not user.is_active:
            return user
        user.is_active = False
        user.save(update_fields=["is_active"])
        grant_record_removal(
            by=actor,
            kind="reactivate",
            summary=_("Account uitgezet: %(user)s") % {"user": user},
            subject_user=user,
            reason=reason,
        )
        return user


def user_reactivate(*, actor: User, user: User) -> User:
    """Switch an account on again (from an approved grant): its memberships open families again."""
    with transaction.atomic():
        user = _lock_user(user)
        user.is_active = True
        user.save(update_fields=["is_active"])
        return user
