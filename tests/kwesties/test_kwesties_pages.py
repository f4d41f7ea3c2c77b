"""Kwesties pages: the access matrix, raising from a family, steps with bad input, the board's view."""

import pytest
from django.urls import reverse

from kwesties import services
from kwesties.models import Kwestie, Level
from privacy.models import AccessLogEntry
from tests.support.kwesties_support import raise_kwestie, walk_to_board
from tests.support.once import once

ROLES = ["worker", "colleague", "teamleider", "outsider", "bestuur", "auditor", "beheer"]


@pytest.mark.parametrize("role", ROLES)
def test_pages_for_every_role(client, cast, role):
    at_team = services.kwestie_escalate(actor=cast.worker, kwestie=raise_kwestie(cast), reason="Team")
    at_board = walk_to_board(cast, raise_kwestie(cast))
    client.force_login(getattr(cast, role))
    member = role in ("worker", "colleague", "teamleider", "outsider")
    assert client.get(reverse("kwesties:mine")).status_code == 200
    assert client.get(reverse("kwesties:team")).status_code == (200 if member else 404)
    assert client.get(reverse("kwesties:board")).status_code == (200 if role == "bestuur" else 404)
    assert client.get(reverse("kwesties:patterns")).status_code == (200 if member or role == "bestuur" else 404)
    team_status = client.get(reverse("kwesties:detail", kwargs={"kwestie_id": at_team.pk})).status_code
    assert team_status == (200 if role in ("worker", "colleague", "teamleider") else 404)
    board_status = client.get(reverse("kwesties:detail", kwargs={"kwestie_id": at_board.pk})).status_code
    assert board_status == (200 if role in ("worker", "colleague", "teamleider", "bestuur") else 404)


def test_board_sees_a_count_not_the_family_names(client, cast):
    kwestie = walk_to_board(cast, raise_kwestie(cast))
    client.force_login(cast.bestuur)
    html = client.get(reverse("kwesties:detail", kwargs={"kwestie_id": kwestie.pk})).content.decode()
    assert cast.family.name not in html
    assert "1 gezin dat u niet kunt inzien" in html
    board = client.get(reverse("kwesties:board")).content.decode()
    assert kwestie.title in board and cast.family.name not in board
    # The detail page shows the family's dossier number (to open it with a reason) and the kwestie's own words
    # about its child: logged as "in lijst getoond", never as a view of the file.
    rows = AccessLogEntry.objects.filter(user=cast.bestuur)
    assert list(rows.values_list("family_ids", "action", "what")) == [([cast.family.pk], "lijst", "kwestie")]


def test_family_names_through_a_kwestie_are_logged(client, cast):
    kwestie = raise_kwestie(cast)
    client.force_login(cast.worker)
    html = client.get(reverse("kwesties:detail", kwargs={"kwestie_id": kwestie.pk})).content.decode()
    assert cast.family.name in html
    assert AccessLogEntry.objects.filter(user=cast.worker, family_ids__has=cast.family.pk, what="kwestie").exists()


def test_raise_from_the_family_page_with_the_family_filled_in(client, cast):
    client.force_login(cast.worker)
    family_page = client.get(reverse("casework:family_detail", kwargs={"family_id": cast.family.pk})).content.decode()
    url = reverse("kwesties:raise") + f"?gezin={cast.family.pk}"
    assert url in family_page.replace("&amp;", "&")
    form = client.get(url).context["form"]
    assert list(form.initial["families"]) == [cast.family]
    response = client.post(
        url, {**once(), "title": "", "blocks": "Wachtlijst", "kind": "wachtlijst", "families": [cast.family.pk]}
    )
    assert response.status_code == 200 and "title" in response.context["form"].errors
    assert "Wachtlijst" in response.content.decode()
    response = client.post(
        url,
        {
            **once(),
            "title": "Wachtlijst GGZ",
            "blocks": "Wachtlijst",
            "kind": "wachtlijst",
            "families": [cast.family.pk],
        },
    )
    kwestie = Kwestie.objects.get(title="Wachtlijst GGZ")
    assert response.status_code == 302 and list(kwestie.families.all()) == [cast.family]
    timeline = client.get(reverse("casework:family_detail", kwargs={"family_id": cast.family.pk})).content.decode()
    assert "Kwestie: Wachtlijst GGZ" in timeline


def test_steps_with_bad_input_keep_the_text_and_change_nothing(client, cast):
    kwestie = raise_kwestie(cast)
    client.force_login(cast.worker)
    url = reverse("kwesties:detail", kwargs={"kwestie_id": kwestie.pk})
    response = client.post(url, {**once(), "step": "escalate", "text": "", "level": "gezinsmanager", "version": "1"})
    assert response.status_code == 200
    response = client.post(
        url, {**once(), "step": "hand_back", "text": "Terug naar wie?", "level": "gezinsmanager", "version": "1"}
    )
    assert response.status_code == 200 and "Terug naar wie?" in response.content.decode()
    assert Kwestie.objects.get(pk=kwestie.pk).level == Level.GEZINSMANAGER
    response = client.post(
        url, {**once(), "step": "escalate", "text": "Buiten mijn macht", "level": "gezinsmanager", "version": "1"}
    )
    assert response.status_code == 302
    # A second, stale submit of the same escalation is refused with a clear message.
    response = client.post(
        url, {**once(), "step": "escalate", "text": "Buiten mijn macht", "level": "gezinsmanager", "version": "1"}
    )
    assert response.status_code == 200 and "U heeft dit zelf" in response.content.decode()  # their own first post
    assert Kwestie.objects.get(pk=kwestie.pk).level == Level.TEAM


def test_open_kwesties_are_a_standing_part_of_the_team_session(client, cast):
    from django.utils import timezone

    from teams.sessions import services as team_services

    kwestie = services.kwestie_escalate(actor=cast.worker, kwestie=raise_kwestie(cast), reason="Team")
    session = team_services.session_create(actor=cast.teamleider, team=cast.family.team, starts_at=timezone.now())
    client.force_login(cast.teamleider)
    html = client.get(reverse("teams:session_detail", kwargs={"session_id": session.pk})).content.decode()
    assert "4. Kwesties" in html and kwestie.title in html


def test_a_partner_agreement_not_kept_leads_to_a_prefilled_kwestie(client, cast):
    from casework.models import Agreement

    Agreement.objects.create(
        plan=cast.family.current_plan,
        description="Traumabehandeling starten",
        owner_kind="partner",
        owner_name="GGZ Oost",
    )
    client.force_login(cast.worker)
    html = client.get(reverse("casework:family_detail", kwargs={"family_id": cast.family.pk})).content.decode()
    assert "Kwestie over deze partner" in html
    link = html.split("Kwestie over deze partner")[0].rsplit('href="', 1)[1].split('"')[0].replace("&amp;", "&")
    form = client.get(link).context["form"]
    assert form.initial["partner_name"] == "GGZ Oost"
    assert form.initial["kind"] == "partner"
    assert "Traumabehandeling starten" in form.initial["title"]
    assert list(form.initial["families"]) == [cast.family]


def test_board_opens_one_family_with_a_recorded_reason_for_a_day(client, cast):
    import datetime as dt

    from django.utils import timezone

    from casework.models import FamilyAccessGrant

    kwestie = walk_to_board(cast, raise_kwestie(cast))
    client.force_login(cast.bestuur)
    family_url = reverse("casework:family_detail", kwargs={"family_id": cast.family.pk})
    assert client.get(family_url).status_code == 404
    detail = client.get(reverse("kwesties:detail", kwargs={"kwestie_id": kwestie.pk})).content.decode()
    assert cast.family.reference in detail and cast.family.name not in detail
    open_url = reverse("kwesties:open_family", kwargs={"kwestie_id": kwestie.pk})
    client.post(open_url, {**once(), "family": cast.family.pk, "reason": ""})
    assert client.get(family_url).status_code == 404  # no reason, no file
    client.post(open_url, {**once(), "family": cast.other_family.pk, "reason": "Nieuwsgierig"})
    assert not FamilyAccessGrant.objects.exists()  # only families of this kwestie
    response = client.post(
        open_url, {**once(), "family": cast.family.pk, "reason": "Gesprek met de raad van bestuur van GGZ Oost"}
    )
    assert response.status_code == 302 and response.url == family_url
    assert client.get(family_url).status_code == 200
    assert AccessLogEntry.objects.filter(
        user=cast.bestuur, family_ids__has=cast.family.pk, what="dossier geopend met reden"
    ).exists()
    # A grant that has run out opens nothing.
    from tests.support.factories import UserFactory

    other_board = UserFactory(org_role="bestuur")
    FamilyAccessGrant.objects.create(
        family=cast.family, user=other_board, reason="Vorige week", until=timezone.now() - dt.timedelta(minutes=1)
    )
    client.force_login(other_board)
    assert client.get(family_url).status_code == 404
    client.force_login(cast.bestuur)
    # Writing stays out of reach.
    assert client.get(reverse("casework:contact_create", kwargs={"family_id": cast.family.pk})).status_code == 403


def test_the_holder_takes_a_kwestie_up(client, cast):
    kwestie = raise_kwestie(cast)
    client.force_login(cast.worker)
    url = reverse("kwesties:detail", kwargs={"kwestie_id": kwestie.pk})
    assert (
        client.post(
            url, {**once(), "step": "take_up", "text": "", "level": "gezinsmanager", "version": "1"}
        ).status_code
        == 302
    )
    assert Kwestie.objects.get(pk=kwestie.pk).status == "in_behandeling"
    response = client.post(url, {**once(), "step": "resolve", "text": "", "level": "gezinsmanager", "version": "2"})
    assert response.status_code == 200 and "Schrijf wat er is veranderd" in response.content.decode()


def test_kwestie_text_on_the_timeline_only_along_its_path(client, cast):
    kwestie = raise_kwestie(cast)  # still at the gezinsmanager's level
    url = reverse("casework:family_detail", kwargs={"family_id": cast.family.pk})
    client.force_login(cast.worker)
    assert kwestie.title in client.get(url).content.decode()
    client.force_login(cast.colleague)
    html = client.get(url).content.decode()
    assert kwestie.title not in html and "Er loopt een kwestie over dit gezin" in html


def test_only_the_gezinsmanager_raises_a_kwestie_about_a_family(client, cast):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.kwestie_raise(actor=cast.colleague, title="t", blocks="b", kind="anders", families=[cast.family])
    client.force_login(cast.worker)
    assert client.get(reverse("kwesties:raise") + "?gezin=%C2%B2").status_code == 200


def test_a_step_without_the_shown_level_is_refused(client, cast):
    kwestie = raise_kwestie(cast)
    client.force_login(cast.worker)
    url = reverse("kwesties:detail", kwargs={"kwestie_id": kwestie.pk})
    response = client.post(url, {**once(), "step": "escalate", "text": "Omhoog"})
    assert response.status_code == 200
    assert Kwestie.objects.get(pk=kwestie.pk).level == Level.GEZINSMANAGER


@pytest.mark.parametrize("role,shown", [("worker", True), ("colleague", False), ("teamleider", False)])
def test_only_who_writes_the_file_is_offered_to_raise_a_kwestie_about_it(client, cast, role, shown):
    """Read-only readers of a file (colleagues, the teamleider, auditors during an audit) get no raise link."""
    client.force_login(getattr(cast, role))
    page = client.get(reverse("casework:family_detail", kwargs={"family_id": cast.family.pk}))
    assert page.status_code == 200
    assert ("Kwestie inbrengen" in page.content.decode()) is shown


def test_the_patterns_page_names_each_kind_in_words_and_says_when_there_is_nothing(client, cast):
    client.force_login(cast.worker)
    empty = client.get(reverse("kwesties:patterns")).content.decode()
    assert "Nog geen kwesties over een partner." in empty and "Nog geen kwesties." in empty
    from kwesties import services as kwestie_services

    kwestie_services.kwestie_raise(
        actor=cast.worker,
        title="Partner levert de begeleiding niet",
        blocks="Geen begeleiding sinds zes weken.",
        kind="partner",
        partner_name="GGZ Oost",
        families=[cast.family],
    )
    page = client.get(reverse("kwesties:patterns")).content.decode()
    assert ">partner<" not in page  # the code
    assert ">partner levert niet wat is afgesproken<" in page and "GGZ Oost" in page
