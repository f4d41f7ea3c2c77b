"""Who sees what in team audits, with the fixed cast; the auditor's read-only, logged, time-bound file access."""

import pytest
from django.urls import reverse

from audits.models import AuditStatus
from casework.models import Contact
from privacy.models import AccessLogEntry, Action
from tests.support.audits_support import check_all, finish, plan, to_conversation, to_preparation
from tests.support.casework_support import READ, family_pages
from tests.support.factories import FamilyFactory
from tests.support.once import once

pytestmark = pytest.mark.django_db

ROLES = ["worker", "colleague", "outsider", "teamleider", "bestuur", "auditor", "beheer"]

# outsider is the peer auditor (a gezinsmanager of Team Zuid) in these audits.
DETAIL = {"auditor": 200, "outsider": 200, "teamleider": 200}
REPORT_OPEN = {"auditor": 200, "outsider": 200, "teamleider": 200}
REPORT_FINISHED = {"auditor": 200, "outsider": 200, "teamleider": 200, "worker": 200, "colleague": 200, "bestuur": 200}


def _status(client, user, url):
    client.force_login(user)
    return client.get(url).status_code


@pytest.mark.parametrize("role", ROLES)
def test_audit_pages_for_every_role(client, cast, role):
    audit = to_preparation(cast, plan(cast))
    user = getattr(cast, role)
    detail = reverse("audits:detail", kwargs={"audit_id": audit.pk})
    report = reverse("audits:report", kwargs={"audit_id": audit.pk})
    check = reverse("audits:file_check", kwargs={"audit_id": audit.pk, "position": 1})
    assert _status(client, user, detail) == DETAIL.get(role, 404)
    assert _status(client, user, report) == REPORT_OPEN.get(role, 404)
    # In voorbereiding the team does not yet know which files were drawn.
    assert _status(client, user, check) == {"auditor": 200, "outsider": 200}.get(role, 404)
    audit = to_conversation(cast, audit)
    assert _status(client, user, check) == DETAIL.get(role, 404)
    finish(cast, audit)
    assert _status(client, user, report) == REPORT_FINISHED.get(role, 404)
    assert _status(client, user, detail) == DETAIL.get(role, 404)
    # After the audit the auditors no longer open the sampled file; the teamleider still reads the checks.
    assert _status(client, user, check) == {"teamleider": 200}.get(role, 404)
    listed = client.get(reverse("audits:list")).context["audits"]
    assert (audit in listed) == (role in REPORT_FINISHED)


@pytest.mark.parametrize("role", ROLES)
def test_only_auditors_write_in_an_open_audit(client, cast, role):
    audit = to_conversation(cast, to_preparation(cast, plan(cast)))
    client.force_login(getattr(cast, role))
    response = client.post(
        reverse("audits:finding_add", kwargs={"audit_id": audit.pk}),
        {**once(), "kind": "sterkte", "outcome": "populatie", "text": "Sterk netwerkwerk"},
    )
    want = 302 if role in ("auditor", "outsider") else (403 if role == "teamleider" else 404)
    assert response.status_code == want
    assert audit.findings.count() == (1 if want == 302 else 0)


def test_bad_input_is_shown_and_kept(client, cast):
    audit = to_conversation(cast, to_preparation(cast, plan(cast)))
    client.force_login(cast.auditor)
    response = client.post(
        reverse("audits:action_add", kwargs={"audit_id": audit.pk}),
        {
            **once(),
            "description": "Casusbespreking voorbereiden met casenote",
            "owner": cast.teamleider.pk,
            "due_on": "2020-01-01",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies een datum in de toekomst" in html and "Casusbespreking voorbereiden met casenote" in html
    assert not audit.actions.exists()


def test_auditor_reads_the_sampled_file_read_only_and_logged_until_the_audit_ends(client, cast):
    audit = plan(cast, sample_size=1)
    family_url = reverse("casework:family_detail", kwargs={"family_id": cast.family.pk})
    assert _status(client, cast.auditor, family_url) == 404  # planned: no sample, no access
    audit = to_preparation(cast, audit)
    sampled = audit.sampled_files.get().family
    assert sampled == cast.family
    other = FamilyFactory(team=cast.family.team, manager=cast.worker)  # same team, not sampled
    client.force_login(cast.auditor)
    for name, kwargs, rule in family_pages(cast):
        response = client.get(reverse(name, kwargs={"family_id": sampled.pk, **kwargs}))
        if rule == READ:
            assert response.status_code == 200, name
        else:
            assert response.status_code in (403, 404), name
    page = client.get(reverse("casework:family_detail", kwargs={"family_id": sampled.pk})).content.decode()
    assert reverse("casework:contact_create", kwargs={"family_id": sampled.pk}) not in page
    assert reverse("casework:plan_create", kwargs={"family_id": sampled.pk}) not in page
    logged = AccessLogEntry.objects.filter(user=cast.auditor, family_ids__has=sampled.pk, action=Action.VIEW)
    assert logged.filter(what="gezinsdossier").exists()
    before = Contact.objects.count()
    response = client.post(
        reverse("casework:contact_create", kwargs={"family_id": sampled.pk}),
        {
            **once(),
            "date": "2026-11-01",
            "kind": "gesprek",
            "note": "x",
            "safety_score": 5,
            "safety_why": "x",
            "safety_raise": "x",
            "lijn_score": 5,
            "lijn_why": "x",
            "lijn_raise": "x",
        },
    )
    assert response.status_code in (403, 404) and Contact.objects.count() == before
    assert client.get(reverse("casework:family_detail", kwargs={"family_id": other.pk})).status_code == 404
    # The peer auditor reads it too; the colleague of another team who is no auditor does not.
    assert _status(client, cast.outsider, reverse("casework:family_detail", kwargs={"family_id": sampled.pk})) == 200
    check_all(cast, audit)
    audit = finish(cast, audit)
    assert audit.status == AuditStatus.FINISHED
    for user in (cast.auditor, cast.outsider):
        assert _status(client, user, reverse("casework:family_detail", kwargs={"family_id": sampled.pk})) == 404


def test_the_sample_list_is_logged_and_names_families_only_while_readable(client, cast):
    audit = to_preparation(cast, plan(cast))
    client.force_login(cast.auditor)
    html = client.get(reverse("audits:detail", kwargs={"audit_id": audit.pk})).content.decode()
    assert cast.family.name in html
    assert AccessLogEntry.objects.filter(
        user=cast.auditor, family_ids__has=cast.family.pk, what="auditsteekproef"
    ).exists()
    client.get(reverse("audits:file_check", kwargs={"audit_id": audit.pk, "position": 1}))
    assert AccessLogEntry.objects.filter(
        user=cast.auditor, family_ids__has=cast.family.pk, action=Action.VIEW, what__startswith="auditsteekproef:"
    ).exists()
    finish(cast, audit)
    html = client.get(reverse("audits:detail", kwargs={"audit_id": audit.pk})).content.decode()
    assert cast.family.name not in html
    client.force_login(cast.worker)
    report = client.get(reverse("audits:report", kwargs={"audit_id": audit.pk})).content.decode()
    assert cast.family.name not in report and cast.family.reference not in report


def test_menu_shows_audits_only_to_whom_has_one(client, cast):
    plan(cast)
    client.force_login(cast.auditor)
    assert reverse("audits:list") in client.get(reverse("casework:my_families")).content.decode()
    client.force_login(cast.worker)
    assert reverse("audits:list") not in client.get(reverse("casework:my_families")).content.decode()


def test_audit_pages_take_a_fixed_number_of_queries(client, cast):
    import datetime as dt

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from audits import services

    def count(audit, name):
        client.force_login(cast.auditor)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name, kwargs={"audit_id": audit.pk})).status_code == 200
        return len(queries)

    # Team Zuid with one family, Team Noord with seven: the same number of queries.
    small = services.team_audit_plan(
        actor=cast.beheer,
        year=2026,
        team=cast.other_family.team,
        planned_on=dt.date(2026, 12, 1),
        auditors=[cast.auditor],
    )
    small = to_conversation(cast, to_preparation(cast, small))
    for _ in range(6):
        FamilyFactory(team=cast.family.team, manager=cast.worker)
    large = to_conversation(cast, to_preparation(cast, plan(cast, year=2026, sample_size=6)))
    assert (small.sampled_files.count(), large.sampled_files.count()) == (1, 6)
    due = timezone.localdate() + dt.timedelta(days=30)
    for audit, n, owner in ((small, 1, cast.outsider), (large, 4, cast.teamleider)):
        check_all(cast, audit)
        for i in range(n):
            services.finding_add(actor=cast.auditor, audit=audit, kind="sterkte", outcome="populatie", text=f"S{i}")
            services.action_add(actor=cast.auditor, audit=audit, description=f"A{i}", owner=owner, due_on=due)
    assert count(small, "audits:detail") == count(large, "audits:detail")
    assert count(small, "audits:report") == count(large, "audits:report")


def test_a_family_that_left_the_team_is_not_named_to_the_teamleider(client, cast):
    """The audit names a sampled family only to whom may read its file now (casework's rule), and logs only that."""
    from casework.models import Family

    audit = to_preparation(cast, plan(cast, sample_size=1))
    check_all(cast, audit)
    audit = to_conversation(cast, audit)
    Family.objects.filter(pk=cast.family.pk).update(team=cast.other_family.team)
    client.force_login(cast.teamleider)
    before = AccessLogEntry.objects.filter(user=cast.teamleider).count()
    detail = client.get(reverse("audits:detail", kwargs={"audit_id": audit.pk})).content.decode()
    check = client.get(reverse("audits:file_check", kwargs={"audit_id": audit.pk, "position": 1}))
    assert check.status_code == 200
    for html in (detail, check.content.decode()):
        assert cast.family.name not in html and cast.family.reference not in html
    assert "Dossier 1" in detail and "ja" in check.content.decode()
    assert AccessLogEntry.objects.filter(user=cast.teamleider).count() == before
    # The auditors of the open audit still read it, wherever it went.
    client.force_login(cast.auditor)
    assert cast.family.name in client.get(reverse("audits:detail", kwargs={"audit_id": audit.pk})).content.decode()


def test_the_recorded_check_reads_with_its_labels(client, cast):
    from audits.models import CheckAnswer

    audit = to_preparation(cast, plan(cast, sample_size=1))
    check_all(cast, audit, answer=CheckAnswer.NA)
    audit = to_conversation(cast, audit)
    client.force_login(cast.teamleider)
    html = client.get(reverse("audits:file_check", kwargs={"audit_id": audit.pk, "position": 1})).content.decode()
    assert "<dd>n.v.t.</dd>" in html and "<dd>nvt</dd>" not in html


def test_the_auditor_posts_nothing_into_a_sampled_file(client, cast):
    """Read-only means every write of the file refuses the auditor and the peer, on every page that writes."""
    from django.urls import get_resolver

    audit = to_preparation(cast, plan(cast, sample_size=1))
    assert audit.sampled_files.get().family == cast.family
    pages = family_pages(cast)
    reads = {name.removeprefix("casework:") for name, _kw, rule in pages if rule == READ}
    urls = [reverse(name, kwargs={"family_id": cast.family.pk, **kw}) for name, kw, rule in pages if rule != READ]
    # The pages that take only the family, whatever app added them (partner help, sharing bases, ...).
    for pattern in get_resolver("casework.urls").url_patterns:
        if set(pattern.pattern.regex.groupindex) == {"family_id"} and pattern.name not in reads:
            urls.append(reverse(f"casework:{pattern.name}", kwargs={"family_id": cast.family.pk}))
    assert len(urls) > 15
    for user in (cast.auditor, cast.outsider):
        client.force_login(user)
        for url in urls:
            assert client.post(url, {}).status_code in (403, 404, 405), (user, url)


def test_sampled_files_open_one_by_one_and_never_join_a_caseload_list(client, cast):
    """The audit opens the sampled files for reading, not a caseload: no "Mijn gezinnen" or team list shows them."""
    audit = to_preparation(cast, plan(cast, sample_size=1))
    sampled = audit.sampled_files.get().family
    for auditor in (cast.auditor, cast.outsider):
        client.force_login(auditor)
        assert client.get(reverse("casework:family_detail", kwargs={"family_id": sampled.pk})).status_code == 200
        for url in (reverse("casework:my_families"), reverse("casework:my_families") + "?alle=1"):
            assert sampled.name not in client.get(url).content.decode(), (auditor, url)


def test_the_team_learns_the_sample_at_the_conversation_not_before(client, cast):
    """Files drawn for the audit should show the everyday practice, not one tidied up after the draw."""
    audit = to_preparation(cast, plan(cast, sample_size=1))
    detail = reverse("audits:detail", kwargs={"audit_id": audit.pk})
    check = reverse("audits:file_check", kwargs={"audit_id": audit.pk, "position": 1})
    client.force_login(cast.teamleider)
    page = client.get(detail).content.decode()
    assert "De steekproef is getrokken" in page and cast.family.name not in page
    assert client.get(check).status_code == 404
    to_conversation(cast, audit)
    page = client.get(detail).content.decode()
    assert cast.family.name in page and client.get(check).status_code == 200
