"""Functioneel beheer's direct routes to family data in the admin are closed.

Each test tries what the security review found beheer doing: give itself a
team membership, change an organisation role or the admin flags, set another
person's password, mint a partner API client. Each is refused or has no
effect, and beheer still reads no family.
"""

import pytest
from django.urls import reverse

from accounts.grants.models import GrantAction, GrantEvent
from accounts.models import Membership, OrgRole, TeamRole
from api.models import PartnerClient
from casework.selectors import family_list_for_user
from tests.support.api_support import make_client
from tests.support.partners_support import make_partner

pytestmark = pytest.mark.django_db


def _user_form(user, **extra) -> dict:
    """What the user change page posts, with an extra membership row in its inline."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": "nieuw@example.invalid",
        "org_role": OrgRole.BESTUUR,
        "is_active": "on",
        "is_staff": "on",
        "is_superuser": "on",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-team": "",
        "memberships-0-role": TeamRole.TEAMLEIDER,
        "memberships-0-start": "2026-01-01",
        "_save": "Opslaan",
    }
    data.update(extra)
    return data


def _beheer_reads_no_family(client, cast) -> None:
    assert not family_list_for_user(user=cast.beheer).exists()
    assert client.get(reverse("casework:family_detail", args=[cast.family.pk])).status_code == 404


def test_beheer_cannot_give_itself_a_team_role_in_the_admin(client, cast):
    client.force_login(cast.beheer)
    team = cast.family.team
    url = reverse("admin:accounts_user_change", args=[cast.beheer.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="memberships-0-team"' not in page.content.decode()  # the inline offers no new row
    client.post(url, _user_form(cast.beheer, **{"memberships-0-team": team.pk}))
    assert client.get(reverse("admin:accounts_membership_add")).status_code == 403
    added = client.post(
        reverse("admin:accounts_membership_add"),
        {"user": cast.beheer.pk, "team": team.pk, "role": TeamRole.TEAMLEIDER, "start": "2026-01-01"},
    )
    assert added.status_code == 403
    membership = Membership.objects.get(user=cast.worker)
    changed = client.post(
        reverse("admin:accounts_membership_change", args=[membership.pk]),
        {"user": cast.beheer.pk, "team": team.pk, "role": TeamRole.TEAMLEIDER, "start": "2026-01-01"},
    )
    assert changed.status_code == 403
    team_url = reverse("admin:accounts_team_change", args=[team.pk])
    client.post(
        team_url, {"name": team.name, "region": "", **_user_form(cast.beheer, **{"memberships-0-user": cast.beheer.pk})}
    )
    assert not Membership.objects.filter(user=cast.beheer).exists()
    assert Membership.objects.get(pk=membership.pk).user == cast.worker
    _beheer_reads_no_family(client, cast)


def test_roles_flags_names_and_e_mail_are_read_only_in_the_admin(client, cast):
    client.force_login(cast.beheer)
    for target in (cast.beheer, cast.worker):
        url = reverse("admin:accounts_user_change", args=[target.pk])
        response = client.post(url, _user_form(target, first_name="Anders"))
        assert response.status_code == 302, response.content.decode()[:3000]
        target.refresh_from_db()
        assert target.first_name != "Anders"  # a name is how the log names them: renaming would rewrite history
        assert target.email != "nieuw@example.invalid"
        assert not target.is_superuser
        assert target.org_role == ("beheer" if target == cast.beheer else "")
    cast.worker.refresh_from_db()
    assert not cast.worker.is_staff
    assert not cast.worker.groups.exists() and not cast.worker.user_permissions.exists()
    _beheer_reads_no_family(client, cast)


def test_no_password_form_for_another_person(client, cast):
    client.force_login(cast.beheer)
    url = reverse("admin:auth_user_password_change", args=[cast.worker.pk])
    assert client.get(url).status_code == 403
    response = client.post(url, {"password1": "overgenomen-2026!", "password2": "overgenomen-2026!"})
    assert response.status_code == 403
    cast.worker.refresh_from_db()
    assert cast.worker.check_password("geheim-wachtwoord")
    assert not cast.worker.check_password("overgenomen-2026!")
    # A new person gets no password from beheer: they set their own through "wachtwoord vergeten".
    added = client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "nieuwe.collega",
            "first_name": "Nieuwe",
            "last_name": "Collega",
            "email": "n@example.invalid",
            "password1": "door-beheer-2026!",
            "password2": "door-beheer-2026!",
            "_save": "Opslaan",
        },
    )
    assert added.status_code == 302, added.content.decode()[:3000]
    from accounts.models import User

    newcomer = User.objects.get(username="nieuwe.collega")
    assert not newcomer.has_usable_password()
    assert not newcomer.check_password("door-beheer-2026!")


def test_beheer_cannot_mint_or_widen_a_partner_client_in_the_admin(client, cast):
    partner = make_partner("Jeugdhulp A")
    client.force_login(cast.beheer)
    add = reverse("admin:api_partnerclient_add")
    assert client.get(add).status_code == 403
    posted = client.post(
        add,
        {
            "partner": partner.pk,
            "name": "Eigen systeem",
            "scopes": ["gezinnen:lezen"],
            "purpose": "Meekijken",
            "active": "on",
        },
    )
    assert posted.status_code == 403
    assert not PartnerClient.objects.exists()
    existing, _secret = make_client(partner=partner, scopes=["inzetten:lezen"])
    existing.active = False
    existing.save()
    change = reverse("admin:api_partnerclient_change", args=[existing.pk])
    response = client.post(
        change, {"partner": partner.pk, "scopes": ["gezinnen:lezen"], "purpose": "Nieuw doel", "active": "on"}
    )
    assert response.status_code == 302
    existing.refresh_from_db()
    assert (existing.scope_list, existing.active, existing.purpose) == (["inzetten:lezen"], False, "Nieuw doel")
    actions = client.get(reverse("admin:api_partnerclient_changelist")).content.decode()
    assert "new_secret" not in actions and "deactivate" in actions
    _beheer_reads_no_family(client, cast)


def test_ending_a_membership_in_the_admin_is_recorded_for_the_teamleider(client, cast):
    client.force_login(cast.beheer)
    membership = Membership.objects.get(user=cast.worker)
    response = client.post(
        reverse("admin:accounts_membership_changelist"),
        {"action": "end_today", "_selected_action": [membership.pk]},
    )
    assert response.status_code == 302
    assert not Membership.objects.active().filter(user=cast.worker).exists()
    event = GrantEvent.objects.get()
    assert (event.action, event.team, event.actor) == (GrantAction.REMOVED, cast.family.team, cast.beheer)
    client.force_login(cast.teamleider)
    page = client.get(reverse("grants:team")).content.decode()
    assert "Lidmaatschap beëindigd" in page
