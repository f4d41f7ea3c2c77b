"""An audit's steps and an action's status from a page: once per click, refused from a stale page.

Two auditors open the audit from the same status; the first moves it on, the
second's click (on a page that still shows the old status) is refused naming
the first, and the audit takes one step. A click sent twice is one step with
the same message.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from audits import services
from audits.models import ActionStatus, AuditStatus, ImprovementActionChange, TeamAuditEvent
from tests.support.audits_support import plan, to_conversation, to_preparation

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _step_fields(client, audit, to_status: str) -> dict:
    """The hidden fields of the step's button on the audit page, as the browser sends them."""
    page = client.get(reverse("audits:detail", kwargs={"audit_id": audit.pk})).content.decode()
    action = reverse("audits:transition", kwargs={"audit_id": audit.pk})
    for form in re.findall(rf'<form method="post" action="{action}".*?</form>', page, re.S):
        fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))
        if fields.get("to_status") == to_status:
            return fields
    raise AssertionError(f"no button to {to_status} on the page")


def test_a_step_from_a_stale_page_is_refused_naming_the_other_auditor(cast):
    audit = plan(cast)
    url = reverse("audits:transition", kwargs={"audit_id": audit.pk})
    lead, peer = _client(cast.auditor), _client(cast.outsider)
    mine, theirs = (
        _step_fields(lead, audit, AuditStatus.PREPARATION),
        _step_fields(peer, audit, AuditStatus.PREPARATION),
    )
    assert mine["version"] == theirs["version"] == "0"
    assert lead.post(url, mine).status_code == 302
    refused = peer.post(url, theirs, follow=True)
    assert f"{cast.auditor} heeft dit intussen gewijzigd" in refused.content.decode()
    assert TeamAuditEvent.objects.filter(audit=audit, kind="status").count() == 1


def test_a_step_sent_twice_is_one_step_with_the_same_message(cast):
    audit = plan(cast)
    url = reverse("audits:transition", kwargs={"audit_id": audit.pk})
    lead = _client(cast.auditor)
    fields = _step_fields(lead, audit, AuditStatus.PREPARATION)
    first, second = lead.post(url, fields, follow=True), lead.post(url, fields, follow=True)
    assert first.redirect_chain == second.redirect_chain
    assert all("De status is gewijzigd." in r.content.decode() for r in (first, second))
    assert TeamAuditEvent.objects.filter(audit=audit, kind="status").count() == 1


def test_an_action_status_from_a_stale_page_is_refused_and_a_double_click_is_one_change(cast):
    audit = to_conversation(cast, to_preparation(cast, plan(cast)))
    action = services.action_add(
        actor=cast.auditor,
        audit=audit,
        description="Signalen binnen een week bespreken",
        owner=cast.worker,
        due_on=audit.planned_on,
    )
    url = reverse("audits:action_status", kwargs={"action_id": action.pk})
    lead, peer = _client(cast.auditor), _client(cast.outsider)

    def fields(client) -> dict:
        page = client.get(reverse("audits:detail", kwargs={"audit_id": audit.pk})).content.decode()
        form = page[page.index(url) :]
        return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form[: form.index("</form>")]))

    mine, theirs = fields(lead), fields(peer)
    assert mine["version"] == theirs["version"] and "idempotency_token" in mine
    before = ImprovementActionChange.objects.filter(action=action).count()
    done = {**mine, "status": ActionStatus.IN_PROGRESS}
    first, second = lead.post(url, done, follow=True), lead.post(url, done, follow=True)
    assert all("De status van de actie is gewijzigd." in r.content.decode() for r in (first, second))
    refused = peer.post(url, {**theirs, "status": ActionStatus.DONE}, follow=True)
    assert f"{cast.auditor} heeft dit intussen gewijzigd" in refused.content.decode()
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS
    assert ImprovementActionChange.objects.filter(action=action).count() == before + 1


def test_freezing_the_figures_clicked_twice_is_one_snapshot(cast):
    audit = plan(cast)
    lead = _client(cast.auditor)
    page = lead.get(reverse("audits:detail", kwargs={"audit_id": audit.pk})).content.decode()
    url = reverse("audits:snapshot", kwargs={"audit_id": audit.pk})
    form = page[page.index(f'action="{url}"') :]
    token = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form[: form.index("</form>")]))
    first, second = lead.post(url, token, follow=True), lead.post(url, token, follow=True)
    assert all("De cijfers zijn vastgelegd." in r.content.decode() for r in (first, second))
    assert TeamAuditEvent.objects.filter(audit=audit, kind="cijfers").count() == 1


def test_the_teams_view_sent_twice_is_one_history_row(cast):
    audit = to_preparation(cast, plan(cast))
    question = audit.questions.items.first()
    lead = _client(cast.teamleider)
    page = lead.get(reverse("audits:detail", kwargs={"audit_id": audit.pk})).content.decode()
    url = reverse("audits:team_view", kwargs={"audit_id": audit.pk})
    form = page[page.index(f'action="{url}"') :]
    token = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form[: form.index("</form>")]))
    data = {**token, f"view_{question.pk}": "We zien de lijn stijgen."}
    first, second = lead.post(url, data, follow=True), lead.post(url, data, follow=True)
    assert first.redirect_chain == second.redirect_chain
    assert all("De visie van het team is vastgelegd." in r.content.decode() for r in (first, second))
    assert TeamAuditEvent.objects.filter(audit=audit, kind="visie").count() == 1
