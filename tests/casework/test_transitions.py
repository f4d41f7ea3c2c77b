"""State transitions from a page: a double post is a no-op, a stale page is refused naming who and when.

Two clients open the same page from the same state; the first moves it, the
second (whose page shows a state that no longer holds) is refused in Dutch,
naming the first and the time, with nothing changed and what it typed kept. The
same post sent twice changes the state once, writes one history row, and lands
on the same page with the same message.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casework import services
from casework.models import AgreementStatusChange, Family, PhaseChange
from kwesties.models import EventKind, Kwestie, KwestieEvent, Level
from tests.support.concurrency_support import colleague_substitutes, hidden_version
from tests.support.kwesties_support import raise_kwestie
from tests.support.once import form_token

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _phase_url(family) -> str:
    return reverse("casework:phase_change", kwargs={"family_id": family.pk})


def test_phase_change_from_a_stale_page_is_refused_naming_who_and_when(cast):
    url = _phase_url(cast.family)
    worker, lead = _client(cast.worker), _client(cast.teamleider)
    token_w, token_l = form_token(worker, url), form_token(lead, url)
    assert token_w["version"] == token_l["version"]
    today = timezone.localdate().isoformat()
    moved = worker.post(url, {"to_phase": "generaliseren", "on": today, "note": "", **token_w})
    assert moved.status_code == 302
    refused = lead.post(url, {"to_phase": "afgesloten", "on": today, "note": "Doelen bereikt", **token_l})
    assert refused.status_code == 200
    page = refused.content.decode()
    when = timezone.localtime(PhaseChange.objects.filter(family=cast.family).latest("created_at").created_at)
    assert f"{cast.worker} heeft dit intussen gewijzigd (om {when:%H:%M}). Uw wijziging is niet doorgevoerd" in page
    assert "Doelen bereikt" in page  # what the teamleider typed is still in the form
    family = Family.objects.get(pk=cast.family.pk)
    assert family.phase == "generaliseren" and family.closed_on is None
    # the page now starts from the state it shows: closing after a second look goes through
    assert hidden_version(page) == str(int(token_l["version"]) + 1)
    again = lead.post(url, {"to_phase": "afgesloten", "on": today, "note": "Doelen bereikt", **form_token(lead, url)})
    assert again.status_code == 302
    assert Family.objects.get(pk=cast.family.pk).phase == "afgesloten"


def test_phase_change_sent_twice_changes_once_with_the_same_message(cast):
    url = _phase_url(cast.family)
    client = _client(cast.worker)
    token = form_token(client, url)
    data = {"to_phase": "generaliseren", "on": timezone.localdate().isoformat(), "note": "", **token}
    before = PhaseChange.objects.filter(family=cast.family).count()
    first = client.post(url, data, follow=True)
    second = client.post(url, data, follow=True)
    assert first.redirect_chain == second.redirect_chain
    for response in (first, second):
        assert "De fase is gewijzigd." in response.content.decode()
        assert "intussen gewijzigd" not in response.content.decode()
    assert PhaseChange.objects.filter(family=cast.family).count() == before + 1


def _agreement(cast):
    services.plan_version_create(
        actor=cast.worker,
        family=cast.family,
        data={"zorgen": "z", "krachten": "k", "centrale_lijn": "c", "goals": "g", "change_note": "eerste"},
        agreements=[{"description": "Oma past op", "owner_kind": "netwerk", "owner_name": "Oma"}],
    )
    return Family.objects.get(pk=cast.family.pk).current_plan.agreements.get()


def _agreement_buttons(client, family) -> dict:
    """The hidden fields of the agreement's buttons on the family page, as the browser sends them."""
    page = client.get(reverse("casework:family_detail", kwargs={"family_id": family.pk})).content.decode()
    form = page[page.index('class="inline"') :]
    form = form[: form.index("</form>")]
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))


def test_agreement_status_from_a_stale_page_is_refused_naming_who(cast):
    colleague_substitutes(cast)
    agreement = _agreement(cast)
    url = reverse("casework:agreement_status", kwargs={"family_id": cast.family.pk, "agreement_id": agreement.pk})
    worker, colleague = _client(cast.worker), _client(cast.colleague)
    hidden_w, hidden_c = _agreement_buttons(worker, cast.family), _agreement_buttons(colleague, cast.family)
    assert hidden_w["version"] == hidden_c["version"] == "0" and "idempotency_token" in hidden_w
    assert worker.post(url, {**hidden_w, "status": "gedaan"}).status_code == 302
    refused = colleague.post(url, {**hidden_c, "status": "niet_gelukt"}, follow=True)
    page = refused.content.decode()
    assert f"{cast.worker} heeft dit intussen gewijzigd" in page and "Uw wijziging is niet doorgevoerd" in page
    agreement.refresh_from_db()
    assert agreement.status == "gedaan"
    assert AgreementStatusChange.objects.filter(agreement=agreement).count() == 1


def test_agreement_status_sent_twice_is_one_change(cast):
    agreement = _agreement(cast)
    url = reverse("casework:agreement_status", kwargs={"family_id": cast.family.pk, "agreement_id": agreement.pk})
    client = _client(cast.worker)
    data = {**_agreement_buttons(client, cast.family), "status": "gedaan"}
    first, second = client.post(url, data, follow=True), client.post(url, data, follow=True)
    assert first.redirect_chain == second.redirect_chain
    assert all("De afspraak is bijgewerkt." in r.content.decode() for r in (first, second))
    assert AgreementStatusChange.objects.filter(agreement=agreement).count() == 1


def test_kwestie_step_from_a_stale_page_is_refused_naming_who_and_keeps_the_text(cast):
    kwestie = raise_kwestie(cast)
    kwestie = __import__("kwesties.services", fromlist=["x"]).kwestie_escalate(
        actor=cast.worker, kwestie=kwestie, reason="Team"
    )
    url = reverse("kwesties:detail", kwargs={"kwestie_id": kwestie.pk})
    lead, colleague = _client(cast.teamleider), _client(cast.colleague)
    token_l, token_c = form_token(lead, url), form_token(colleague, url)
    assert token_l["version"] == token_c["version"]
    resolved = lead.post(url, {"step": "resolve", "text": "Plek gevonden", "level": Level.TEAM, **token_l})
    assert resolved.status_code == 302
    refused = colleague.post(url, {"step": "hand_back", "text": "Zelf oplossen", "level": Level.TEAM, **token_c})
    page = refused.content.decode()
    assert refused.status_code == 200
    assert f"{cast.teamleider} heeft dit intussen gewijzigd" in page and "Zelf oplossen" in page
    assert Kwestie.objects.get(pk=kwestie.pk).status == "opgelost"
    assert not KwestieEvent.objects.filter(kwestie=kwestie, kind=EventKind.HANDED_BACK).exists()


def test_a_comment_is_never_stale(cast):
    kwestie = raise_kwestie(cast)
    url = reverse("kwesties:detail", kwargs={"kwestie_id": kwestie.pk})
    worker = _client(cast.worker)
    token = form_token(worker, url)
    __import__("kwesties.services", fromlist=["x"]).kwestie_take_up(actor=cast.worker, kwestie=kwestie)
    comment = worker.post(url, {"step": "comment", "text": "Gebeld", "level": kwestie.level, **token})
    assert comment.status_code == 302
