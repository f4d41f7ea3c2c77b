"""accounts' own kinds of grant: a team membership, an organisation role, the admin flags, reactivating.

Each is a form (what beheer fills in), `prepare` (the stored payload and its
summary, refusing what may never be), and `apply` (the accounts service,
called inside the approving transaction). `user_action_kind` makes a kind that
only names a person and runs one action on approval: the second-factor reset
plugs in with it (see `register_account_kinds`).
"""

from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.widgets import DateInput

from .. import services
from ..models import OrgRole, Team, TeamRole, User
from ..second_factor.services import second_factor_reset
from .kinds import (
    GRANT_ROLES,
    GrantDraft,
    GrantKind,
    GrantOutcome,
    Text,
    grant_kind_register,
    holds_team_role,
    team_leader_approves,
)
from .models import GrantProposal


def _people():
    return User.objects.order_by("first_name", "last_name", "username")


class PersonForm(forms.Form):
    user = forms.ModelChoiceField(label=gettext_lazy("Medewerker"), queryset=User.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = _people()  # type: ignore[attr-defined]


class MembershipGrantForm(PersonForm):
    team = forms.ModelChoiceField(label=gettext_lazy("Team"), queryset=Team.objects.order_by("name"))
    role = forms.ChoiceField(label=gettext_lazy("Teamrol"), choices=TeamRole.choices)
    start = forms.DateField(label=gettext_lazy("Vanaf"), widget=DateInput(), initial=timezone.localdate)


class OrgRoleGrantForm(PersonForm):
    role = forms.ChoiceField(label=gettext_lazy("Organisatierol"), choices=[(r.value, r.label) for r in GRANT_ROLES])


class AdminFlagsGrantForm(PersonForm):
    is_staff = forms.BooleanField(label=gettext_lazy("Toegang tot het beheer (is_staff)"), required=False)
    is_superuser = forms.BooleanField(label=gettext_lazy("Alle rechten (is_superuser)"), required=False)

    def clean(self):
        cleaned = super().clean() or {}
        if not (cleaned.get("is_staff") or cleaned.get("is_superuser")):
            raise ValidationError(_("Kies minstens één recht."))
        return cleaned


def _user(proposal: GrantProposal) -> User:
    return User.objects.get(pk=proposal.payload["user"])


# --- membership ---------------------------------------------------------------------------------


def prepare_membership(*, cleaned: dict) -> GrantDraft:
    user, team, role, start = cleaned["user"], cleaned["team"], cleaned["role"], cleaned["start"]
    if user.is_beheer:
        raise ValidationError({"user": _("Functioneel beheer kan geen rol in een team hebben.")})
    if user.is_security_officer:
        raise ValidationError(
            {"user": _("De privacy- en securityofficer keurt toegang goed en heeft zelf geen rol in een team.")}
        )
    summary = _("%(user)s wordt %(role)s in %(team)s vanaf %(start)s") % {
        "user": user,
        "role": TeamRole(role).label,
        "team": team,
        "start": start.strftime("%d-%m-%Y"),
    }
    payload = {"user": user.pk, "team": team.pk, "role": role, "start": start.isoformat()}
    return GrantDraft(payload=payload, summary=summary, subject_user=user, team=team)


def apply_membership(*, proposal: GrantProposal, by: User) -> GrantOutcome:
    p = proposal.payload
    start = max(parse_date(p["start"]) or timezone.localdate(), timezone.localdate())
    team = Team.objects.get(pk=p["team"])
    services.membership_create(actor=by, user=_user(proposal), team=team, role=p["role"], start=start)
    return GrantOutcome(message=_("Goedgekeurd: %(s)s.") % {"s": proposal.summary})


# --- organisation role --------------------------------------------------------------------------


def prepare_org_role(*, cleaned: dict) -> GrantDraft:
    user, role = cleaned["user"], cleaned["role"]
    if role == OrgRole.BEHEER and holds_team_role(user):
        raise ValidationError({"role": _("Iemand met een rol in een team kan geen functioneel beheerder worden.")})
    if role == OrgRole.SECURITY and holds_team_role(user):
        raise ValidationError(
            {"role": _("Iemand met een rol in een team kan geen privacy- en securityofficer worden.")}
        )
    if user.org_role == role:
        raise ValidationError({"role": _("%(user)s heeft deze rol al.") % {"user": user}})
    summary = _("%(user)s krijgt de organisatierol %(role)s") % {"user": user, "role": OrgRole(role).label}
    return GrantDraft(payload={"user": user.pk, "role": role}, summary=summary, subject_user=user)


def apply_org_role(*, proposal: GrantProposal, by: User) -> GrantOutcome:
    services.user_org_role_set(actor=by, user=_user(proposal), role=proposal.payload["role"])
    return GrantOutcome(message=_("Goedgekeurd: %(s)s.") % {"s": proposal.summary})


# --- admin flags --------------------------------------------------------------------------------


def prepare_admin_flags(*, cleaned: dict) -> GrantDraft:
    user = cleaned["user"]
    flags = [name for name in ("is_staff", "is_superuser") if cleaned.get(name)]
    summary = _("%(user)s krijgt %(flags)s") % {"user": user, "flags": ", ".join(flags)}
    payload = {"user": user.pk, "is_staff": "is_staff" in flags, "is_superuser": "is_superuser" in flags}
    return GrantDraft(payload=payload, summary=summary, subject_user=user)


def apply_admin_flags(*, proposal: GrantProposal, by: User) -> GrantOutcome:
    p = proposal.payload
    services.user_admin_flags_set(
        actor=by, user=_user(proposal), is_staff=bool(p["is_staff"]), is_superuser=bool(p["is_superuser"])
    )
    return GrantOutcome(message=_("Goedgekeurd: %(s)s.") % {"s": proposal.summary})


# --- a kind that names one person and runs one action --------------------------------------------


def user_action_kind(
    *, key: str, label: Text, summary: Text, action: Callable[..., object], description: Text = ""
) -> GrantKind:
    """A kind whose payload is one person; on approval `action(user=, by=)` runs.

    `summary` is a format string with %(user)s.
    """

    def prepare(*, cleaned: dict) -> GrantDraft:
        user = cleaned["user"]
        return GrantDraft(payload={"user": user.pk}, summary=summary % {"user": user}, subject_user=user)

    def apply(*, proposal: GrantProposal, by: User) -> GrantOutcome:
        action(user=_user(proposal), by=by)
        return GrantOutcome(message=_("Goedgekeurd: %(s)s.") % {"s": proposal.summary})

    return GrantKind(key=key, label=label, form_class=PersonForm, prepare=prepare, apply=apply, description=description)


def _reactivate(*, user: User, by: User) -> None:
    services.user_reactivate(actor=by, user=user)


def register_account_kinds() -> None:
    """Called from AccountsConfig.ready()."""
    grant_kind_register(
        GrantKind(
            key="membership",
            label=gettext_lazy("Teamlidmaatschap"),
            form_class=MembershipGrantForm,
            prepare=prepare_membership,
            apply=apply_membership,
            may_approve=team_leader_approves,
            description=gettext_lazy("Een rol in een team; de teamleider van dat team keurt goed."),
        ),
    )
    grant_kind_register(
        GrantKind(
            key="org_role",
            label=gettext_lazy("Organisatierol"),
            form_class=OrgRoleGrantForm,
            prepare=prepare_org_role,
            apply=apply_org_role,
            description=gettext_lazy("Bestuur, auditor, functioneel beheer of privacy- en securityofficer."),
        ),
    )
    grant_kind_register(
        GrantKind(
            key="admin_flags",
            label=gettext_lazy("Beheerrechten (is_staff, is_superuser)"),
            form_class=AdminFlagsGrantForm,
            prepare=prepare_admin_flags,
            apply=apply_admin_flags,
        ),
    )
    grant_kind_register(
        user_action_kind(
            key="reactivate",
            label=gettext_lazy("Account weer aanzetten"),
            summary=gettext_lazy("Account van %(user)s weer aanzetten"),
            action=_reactivate,
            description=gettext_lazy("Een uitgezet account opent met zijn lidmaatschappen weer gezinnen."),
        ),
    )
    grant_kind_register(
        user_action_kind(
            key="second_factor_reset",
            label=gettext_lazy("Tweede factor opnieuw instellen"),
            summary=gettext_lazy("Tweede factor van %(user)s opnieuw instellen"),
            action=second_factor_reset,
            description=gettext_lazy(
                "Voor wie telefoon en herstelcodes kwijt is: app, herstelcodes en passkeys verdwijnen en de persoon "
                "stelt bij de volgende keer inloggen een nieuwe tweede factor in."
            ),
        ),
    )
