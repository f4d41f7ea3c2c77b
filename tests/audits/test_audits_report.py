"""The audit report: its PDF, its styles, and the owners of improvement actions following them up."""

import pytest
from django.urls import reverse

from tests.support.audits_support import check_all, finish, plan, to_conversation, to_preparation
from tests.support.once import once

pytestmark = pytest.mark.django_db

ROLES = ["worker", "colleague", "outsider", "teamleider", "bestuur", "auditor", "beheer"]

# outsider is the peer auditor (a gezinsmanager of Team Zuid) in these audits.
DETAIL = {"auditor": 200, "outsider": 200, "teamleider": 200}
REPORT_OPEN = {"auditor": 200, "outsider": 200, "teamleider": 200}
REPORT_FINISHED = {"auditor": 200, "outsider": 200, "teamleider": 200, "worker": 200, "colleague": 200, "bestuur": 200}


def test_report_pdf_is_a_real_pdf(client, cast):
    audit = to_preparation(cast, plan(cast))
    check_all(cast, audit)
    finish(cast, audit)
    client.force_login(cast.teamleider)
    response = client.get(reverse("audits:report_pdf", kwargs={"audit_id": audit.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    client.force_login(cast.beheer)
    assert client.get(reverse("audits:report_pdf", kwargs={"audit_id": audit.pk})).status_code == 404


def test_last_years_actions_are_followed_up_on_this_years_audit(client, cast):
    import datetime as dt

    from django.utils import timezone

    from audits import services
    from audits.models import ActionStatus

    last_year = to_conversation(cast, to_preparation(cast, plan(cast, year=2025, peer=False)))
    action = services.action_add(
        actor=cast.auditor,
        audit=last_year,
        description="Signalen binnen een week bespreken",
        owner=cast.teamleider,
        due_on=timezone.localdate() + dt.timedelta(days=30),
    )
    finish(cast, last_year)
    this_year = services.team_audit_plan(
        actor=cast.beheer,
        year=2026,
        team=cast.family.team,
        planned_on=dt.date(2026, 12, 1),
        auditors=[cast.outsider],  # a new auditor this year: a peer from Team Zuid
    )
    client.force_login(cast.outsider)
    page = client.get(reverse("audits:detail", kwargs={"audit_id": this_year.pk})).content.decode()
    assert "Signalen binnen een week bespreken" in page
    url = reverse("audits:action_status", kwargs={"action_id": action.pk})
    response = client.post(
        url,
        {
            "audit": this_year.pk,
            "status": ActionStatus.DONE,
            "note": "Staat nu vast",
            "version": str(action.changes.count()),
            **once(),
        },
    )
    assert response.status_code == 302 and response["Location"].endswith(f"/audits/{this_year.pk}/#acties")
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    client.force_login(cast.colleague)
    assert client.post(url, {"audit": this_year.pk, "status": ActionStatus.OPEN}).status_code == 404
    client.force_login(cast.teamleider)
    follow_up = {"audit": last_year.pk, "status": ActionStatus.IN_PROGRESS, "version": str(action.changes.count())}
    assert client.post(url, {**follow_up, **once()}).status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS
    assert list(action.changes.values_list("to_status", "author__username")) == [
        (ActionStatus.OPEN, "auditor"),
        (ActionStatus.DONE, "outsider"),
        (ActionStatus.IN_PROGRESS, "teamleider"),
    ]


def test_an_action_owner_follows_it_up_from_the_report(client, cast):
    """The owner may be a team member without the audit's working view: the report offers the follow-up."""
    import datetime as dt

    from django.utils import timezone

    from audits import services
    from audits.models import ActionStatus

    audit = to_conversation(cast, to_preparation(cast, plan(cast)))
    due = timezone.localdate() + dt.timedelta(days=30)
    own = services.action_add(actor=cast.auditor, audit=audit, description="Eigen actie", owner=cast.worker, due_on=due)
    other = services.action_add(
        actor=cast.auditor, audit=audit, description="Actie van de teamleider", owner=cast.teamleider, due_on=due
    )
    finish(cast, audit)
    client.force_login(cast.worker)
    report = client.get(reverse("audits:report", kwargs={"audit_id": audit.pk})).content.decode()
    assert reverse("audits:action_status", kwargs={"action_id": own.pk}) in report
    assert reverse("audits:action_status", kwargs={"action_id": other.pk}) not in report
    response = client.post(
        reverse("audits:action_status", kwargs={"action_id": own.pk}),
        {"audit": audit.pk, "status": ActionStatus.IN_PROGRESS, "version": str(own.changes.count()), **once()},
    )
    assert response.status_code == 302 and response["Location"].endswith(f"/audits/{audit.pk}/rapport/#acties")
    own.refresh_from_db()
    assert own.status == ActionStatus.IN_PROGRESS and own.changes.last().author == cast.worker
    response = client.post(
        reverse("audits:action_status", kwargs={"action_id": other.pk}),
        {"audit": audit.pk, "status": ActionStatus.DONE, "version": str(other.changes.count()), **once()},
    )
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.status == ActionStatus.OPEN


def test_the_pdf_carries_its_own_styles(cast, rf):
    """WeasyPrint fetches no stylesheet (see core.pdf): the report's print styles are in the PDF's HTML."""
    from django.template.loader import render_to_string

    from audits.views.report import _context

    audit = to_preparation(cast, plan(cast))
    request = rf.get("/")
    request.user = cast.auditor
    html = render_to_string("audits/report_pdf.html", {**_context(request, audit), "pdf": True})
    assert "<link" not in html and "border-collapse" in html and "@page" in html
    assert 'name="status"' not in html  # no follow-up forms in the PDF
