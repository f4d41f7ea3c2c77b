"""Audit findings and improvement actions are created once per form: resent, they lead to the audit page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from audits.models import Finding, ImprovementAction
from tests.support.audits_support import plan, to_conversation, to_preparation
from tests.support.once import assert_created_once, assert_refusal_keeps_token

pytestmark = pytest.mark.django_db


def _open_audit(cast):
    return to_conversation(cast, to_preparation(cast, plan(cast)))


def test_a_finding_once(client, cast):
    audit = _open_audit(cast)
    client.force_login(cast.auditor)
    page = reverse("audits:detail", kwargs={"audit_id": audit.pk})
    url = reverse("audits:finding_add", kwargs={"audit_id": audit.pk})
    data = {"kind": "sterkte", "outcome": "populatie", "text": "Sterk netwerkwerk"}
    led_to = assert_created_once(client, url, data, rows=Finding.objects.filter(audit=audit), form_url=page)
    assert led_to == page


def test_an_improvement_action_once_and_a_refused_one_keeps_its_token(client, cast):
    audit = _open_audit(cast)
    client.force_login(cast.auditor)
    page = reverse("audits:detail", kwargs={"audit_id": audit.pk})
    url = reverse("audits:action_add", kwargs={"audit_id": audit.pk})
    good = {
        "description": "Casusbespreking voorbereiden met casenote",
        "owner": cast.teamleider.pk,
        "due_on": (timezone.localdate() + dt.timedelta(days=60)).isoformat(),
    }
    rows = ImprovementAction.objects.filter(audit=audit)
    # The audit page holds two create forms: the finding's first, the action's second.
    assert assert_created_once(client, url, good, rows=rows, form_url=page, index=1) == page
    bad = {**good, "due_on": "2020-01-01"}
    assert_refusal_keeps_token(client, url, bad=bad, good=good, rows=rows, form_url=page, index=1, status=400)
