"""Functioneel beheer keeps audit checklists and plans audits in the admin; never for the team's own members."""

import pytest
from django.urls import reverse

from tests.support.audits_support import plan, to_preparation

pytestmark = pytest.mark.django_db

ROLES = ["worker", "colleague", "outsider", "teamleider", "bestuur", "auditor", "beheer"]

# outsider is the peer auditor (a gezinsmanager of Team Zuid) in these audits.
DETAIL = {"auditor": 200, "outsider": 200, "teamleider": 200}
REPORT_OPEN = {"auditor": 200, "outsider": 200, "teamleider": 200}
REPORT_FINISHED = {"auditor": 200, "outsider": 200, "teamleider": 200, "worker": 200, "colleague": 200, "bestuur": 200}


def test_beheer_keeps_checklists_in_the_admin(client, cast):
    client.force_login(cast.beheer)
    assert client.get(reverse("admin:audits_checklistversion_changelist")).status_code == 200
    assert client.get(reverse("admin:audits_teamaudit_add")).status_code == 200
    client.force_login(cast.auditor)
    assert client.get(reverse("admin:audits_checklistversion_changelist")).status_code == 302


def test_beheer_makes_and_publishes_a_new_checklist_version_in_the_admin(client, cast):
    from django.contrib.admin import helpers

    from audits.models import ChecklistVersion

    client.force_login(cast.beheer)
    published = ChecklistVersion.objects.get(checklist__purpose="dossiertoets", number=1)
    changelist = reverse("admin:audits_checklistversion_changelist")
    client.post(changelist, {"action": "new_version", helpers.ACTION_CHECKBOX_NAME: [published.pk]})
    draft = ChecklistVersion.objects.get(checklist__purpose="dossiertoets", number=2)
    assert draft.published_at is None and draft.items.count() == 5
    # The published version's items show read-only; the draft's are editable.
    old_page = client.get(reverse("admin:audits_checklistversion_change", args=[published.pk])).content.decode()
    new_page = client.get(reverse("admin:audits_checklistversion_change", args=[draft.pk])).content.decode()
    assert 'name="items-0-text"' not in old_page and 'name="items-0-text"' in new_page
    client.post(changelist, {"action": "publish", helpers.ACTION_CHECKBOX_NAME: [draft.pk]})
    draft.refresh_from_db()
    assert draft.published_at is not None


def test_beheer_plans_an_audit_in_the_admin_and_members_cannot_audit_their_own_team(client, cast):
    from audits.models import AuditCycle, AuditorKind, TeamAudit

    cycle = AuditCycle.objects.create(year=2027)
    client.force_login(cast.beheer)
    url = reverse("admin:audits_teamaudit_add")

    def post(user):
        return client.post(
            url,
            {
                "cycle": cycle.pk,
                "team": cast.family.team_id,
                "planned_on": "2027-03-01",
                "sample_size": 10,
                "auditor_assignments-TOTAL_FORMS": 1,
                "auditor_assignments-INITIAL_FORMS": 0,
                "auditor_assignments-0-user": user.pk,
            },
        )

    response = post(cast.colleague)
    assert response.status_code == 200 and "lid van het team dat wordt geaudit" in response.content.decode()
    assert not TeamAudit.objects.exists()
    assert post(cast.outsider).status_code == 302
    audit = TeamAudit.objects.get()
    assert list(audit.auditor_assignments.values_list("user", "kind")) == [(cast.outsider.pk, AuditorKind.PEER)]
    assert list(audit.events.values_list("kind", "author")) == [
        ("gepland", cast.beheer.pk),
        ("auditor", cast.beheer.pk),
    ]


def test_an_auditor_added_in_the_admin_to_an_open_audit_is_on_the_record(client, cast):
    """Adding an auditor opens the sampled files to them: the audit's history says who did it."""
    audit = to_preparation(cast, plan(cast, peer=False))
    assignment = audit.auditor_assignments.get()
    client.force_login(cast.beheer)
    response = client.post(
        reverse("admin:audits_teamaudit_change", args=[audit.pk]),
        {
            "planned_on": audit.planned_on.isoformat(),
            "auditor_assignments-TOTAL_FORMS": 2,
            "auditor_assignments-INITIAL_FORMS": 1,
            "auditor_assignments-0-id": assignment.pk,
            "auditor_assignments-0-audit": audit.pk,
            "auditor_assignments-0-user": cast.auditor.pk,
            "auditor_assignments-1-audit": audit.pk,
            "auditor_assignments-1-user": cast.outsider.pk,
        },
    )
    assert response.status_code == 302
    event = audit.events.get(kind="auditor")
    assert event.author == cast.beheer and str(cast.outsider) in event.note
