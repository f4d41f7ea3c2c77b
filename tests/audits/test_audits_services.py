"""Team audit services and selectors on PostgreSQL: planning, status, snapshot, sample, checklists, actions."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import TeamRole
from audits import selectors, services
from audits.models import (
    ActionStatus,
    AuditorKind,
    AuditStatus,
    ChecklistFrozen,
    ChecklistPurpose,
    FindingKind,
    ImprovementActionChange,
    Outcome,
    TeamAuditEvent,
)
from audits.snapshot import snapshot_compute
from casework.models import Family, Phase
from core.models import AppendOnlyError
from notifications.models import Notification
from tests.support.audits_support import check_all, finish, plan, to_conversation, to_preparation
from tests.support.factories import ContactFactory, FamilyFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_auditors_are_auditors_or_peers_never_members_of_the_team(cast):
    audit = plan(cast)
    kinds = dict(audit.auditor_assignments.values_list("user__username", "kind"))
    assert kinds == {"auditor": AuditorKind.AUDITOR, "outsider": AuditorKind.PEER}
    with pytest.raises(ValidationError, match="lid van het team"):
        services.auditor_validate(audit=audit, user=cast.colleague)
    with pytest.raises(ValidationError, match="geen auditor"):
        services.auditor_validate(audit=audit, user=cast.bestuur)
    # An auditor who also works in the audited team may not audit it either.
    MembershipFactory(user=cast.auditor, team=cast.family.team, role=TeamRole.SENIOR)
    with pytest.raises(ValidationError):
        services.auditor_validate(audit=audit, user=cast.auditor)


def test_only_beheer_or_auditors_plan_and_once_per_team_per_year(cast):
    with pytest.raises(PermissionDenied):
        services.team_audit_plan(
            actor=cast.teamleider, year=2026, team=cast.family.team, planned_on=dt.date(2026, 12, 1), auditors=[]
        )
    plan(cast, year=2026)
    with pytest.raises(ValidationError):
        plan(cast, year=2026)


def test_preparation_pins_checklists_freezes_figures_and_draws_the_sample(cast):
    audit = to_preparation(cast, plan(cast))
    assert audit.file_checklist.checklist.purpose == ChecklistPurpose.FILE_CHECK
    assert audit.questions.checklist.purpose == ChecklistPurpose.CONVERSATION
    assert audit.file_checklist.items.count() == 5
    assert audit.snapshot["families_served"] == 1 and audit.snapshot_taken_at is not None
    assert list(audit.sampled_files.values_list("family_id", flat=True)) == [cast.family.pk]
    kinds = list(TeamAuditEvent.objects.filter(audit=audit).values_list("kind", "author__username"))
    assert ("steekproef", "auditor") in kinds and ("status", "auditor") in kinds
    with pytest.raises(AppendOnlyError):
        TeamAuditEvent.objects.filter(audit=audit).delete()


def test_only_its_auditors_move_an_audit_and_only_along_the_path(cast):
    audit = plan(cast)
    with pytest.raises(PermissionDenied):
        services.team_audit_transition(actor=cast.teamleider, audit=audit, to_status=AuditStatus.PREPARATION)
    with pytest.raises(ValidationError):
        services.team_audit_transition(actor=cast.auditor, audit=audit, to_status=AuditStatus.FINISHED)


def test_snapshot_does_not_change_when_the_data_does(cast):
    audit = to_preparation(cast, plan(cast))
    frozen = audit.snapshot
    # The data changes afterwards: new families, new scores, a family closed.
    for _ in range(3):
        ContactFactory(family=FamilyFactory(team=cast.family.team, manager=cast.worker), lijn_score=9)
    ContactFactory(family=cast.family, date=timezone.localdate(), lijn_score=9, safety_score=9)
    Family.objects.filter(pk=cast.family.pk).update(phase=Phase.AFGESLOTEN, closed_on=timezone.localdate())
    audit.refresh_from_db()
    assert audit.snapshot == frozen
    fresh = snapshot_compute(team=cast.family.team, year=audit.cycle.year)
    assert fresh["families_served"] == 4 != frozen["families_served"]
    assert fresh["closed"]["count"] == 1 and fresh["closed"]["share_lijn_8_plus"] == 100
    # Once the conversation started, the figures cannot be taken again.
    to_conversation(cast, audit)
    with pytest.raises(ValidationError):
        services.team_audit_take_snapshot(actor=cast.auditor, audit=audit)


def test_snapshot_figures(cast):
    from kwesties.models import EventKind, Kwestie, KwestieEvent
    from teams.models import CaseDiscussion, SessionStatus, TeamSession

    team, today = cast.family.team, timezone.localdate()
    # Dates within this year whatever day the test runs: the fixed family opens today, the period runs to 31 December.
    Family.objects.filter(pk=cast.family.pk).update(opened_on=today)
    closed = FamilyFactory(team=team, manager=cast.worker, opened_on=dt.date(today.year, 1, 10))
    ContactFactory(family=closed, date=dt.date(today.year, 3, 1), lijn_score=8, safety_score=7)
    Family.objects.filter(pk=closed.pk).update(phase=Phase.AFGESLOTEN, closed_on=dt.date(today.year, 3, 11))
    other = FamilyFactory(team=team, manager=cast.worker, opened_on=dt.date(today.year, 1, 1))
    ContactFactory(family=other, date=dt.date(today.year, 2, 1), lijn_score=3)
    Family.objects.filter(pk=other.pk).update(phase=Phase.AFGESLOTEN, closed_on=dt.date(today.year, 2, 20))
    kwestie = Kwestie.objects.create(
        title="Wachtlijst",
        blocks="x",
        kind="wachtlijst",
        team=team,
        raised_by=cast.worker,
        level_since=timezone.now(),
        owner=cast.worker,
    )
    KwestieEvent.objects.create(kwestie=kwestie, kind=EventKind.SOLVED, author=cast.teamleider)
    session = TeamSession.objects.create(
        team=team,
        starts_at=timezone.now() - dt.timedelta(minutes=5),
        status=SessionStatus.CLOSED,
        teamleider=cast.teamleider,
        created_by=cast.teamleider,
    )
    CaseDiscussion.objects.create(
        session=session, family=cast.family, presenter=cast.worker, question="?", added_by=cast.teamleider
    )
    snap = snapshot_compute(team=team, year=today.year, today=dt.date(today.year, 12, 31))
    assert snap["families_served"] == 3
    assert snap["closed"] == {
        "count": 2,
        "lijn_8_plus": 1,
        "share_lijn_8_plus": 50,
        "lead_time_median_days": 55,
    }
    assert snap["kwesties"] == {"raised": 1, "solved": 1}
    assert snap["sessions"]["held"] == 1 and snap["sessions"]["families_discussed"] == 1
    assert snap["scores_now"]["families"] == 1 and snap["scores_now"]["safety"][6] == 1
    assert snap["scores_now"]["lijn_mean"] == 4.0
    assert snap["scores_start"]["families"] == 1  # `other` opened on 1 January
    phases = {p["phase"]: p for p in snap["phases"]}
    assert Phase.AFGESLOTEN not in phases and len(phases) == 4
    # `other` stayed in aanmelding from 1 January until its move to ondersteunen (the factory's phase_since).
    assert phases[Phase.AANMELDING]["count"] >= 1 and phases[Phase.AANMELDING]["median_days"] is not None


def test_sample_is_reproducible_from_the_stored_seed(cast):
    for _ in range(14):
        FamilyFactory(team=cast.family.team, manager=cast.worker)
    FamilyFactory(team=cast.other_family.team, manager=cast.outsider)
    audit = to_preparation(cast, plan(cast))
    stored = list(audit.sampled_files.order_by("position").values_list("family_id", flat=True))
    assert len(stored) == 10 == len(set(stored))
    assert set(Family.objects.filter(pk__in=stored).values_list("team_id", flat=True)) == {cast.family.team_id}
    drawn_at = TeamAuditEvent.objects.get(audit=audit, kind="steekproef").at
    # Families registered later do not change the draw.
    FamilyFactory(team=cast.family.team, manager=cast.worker)
    population = selectors.sample_population(audit=audit, drawn_before=drawn_at)
    assert len(population) == 15
    assert selectors.sample_family_ids(population=population, size=10, seed=audit.sample_seed) == stored
    other_seed = selectors.sample_family_ids(population=population, size=10, seed=audit.sample_seed + 1)
    assert other_seed != stored
    # Never drawn again for the same audit.
    services.team_audit_transition(actor=cast.auditor, audit=audit, to_status=AuditStatus.CONVERSATION)
    services.team_audit_transition(actor=cast.auditor, audit=audit, to_status=AuditStatus.PREPARATION)
    assert list(audit.sampled_files.order_by("position").values_list("family_id", flat=True)) == stored


def test_checklist_versions_keep_old_audits_as_they_were_held(cast):
    held = to_preparation(cast, plan(cast, year=2025))
    old_texts = [i.text for i in held.file_checklist.items.all()]
    with pytest.raises(PermissionDenied):
        services.checklist_version_new(actor=cast.auditor, purpose=ChecklistPurpose.FILE_CHECK)
    draft = services.checklist_version_new(actor=cast.beheer, purpose=ChecklistPurpose.FILE_CHECK)
    assert draft.number == 2 and draft.items.count() == 5
    with pytest.raises(ValidationError, match="al een conceptversie"):  # one draft at a time
        services.checklist_version_new(actor=cast.beheer, purpose=ChecklistPurpose.FILE_CHECK)
    item = draft.items.first()
    item.text = "Er is een gezinsplan, niet ouder dan een half jaar, ondertekend door de ouders."
    item.save()
    services.checklist_version_publish(actor=cast.beheer, version=draft)
    with pytest.raises(ChecklistFrozen):
        item.save()
    with pytest.raises(ChecklistFrozen):
        held.file_checklist.items.first().save()
    held.refresh_from_db()
    assert held.file_checklist.number == 1
    assert [i.text for i in held.file_checklist.items.all()] == old_texts
    new = to_preparation(cast, plan(cast, year=2026))
    assert new.file_checklist == draft
    assert new.file_checklist.items.first().text.startswith("Er is een gezinsplan, niet ouder")


def test_file_checks_and_summary(cast):
    audit = to_preparation(cast, plan(cast))
    check_all(cast, audit)
    summary = selectors.file_check_summary(audit=audit)
    assert len(summary) == 5
    assert all(dict(row["counts"])["ja"] == 1 for row in summary)
    sampled = audit.sampled_files.get()
    with pytest.raises(PermissionDenied):
        services.file_check_record(actor=cast.teamleider, sampled_file=sampled, answers={})
    finish(cast, audit)
    with pytest.raises(ValidationError):
        check_all(cast, audit)


def test_team_view_is_the_teamleiders(cast):
    audit = to_preparation(cast, plan(cast))
    question = audit.questions.items.first()
    with pytest.raises(PermissionDenied):
        services.team_view_record(actor=cast.auditor, audit=audit, views={question.pk: "x"})
    services.team_view_record(actor=cast.teamleider, audit=audit, views={question.pk: "We zien de lijn stijgen."})
    rows = selectors.question_responses(audit=audit)
    assert rows[0]["response"].team_view == "We zien de lijn stijgen."


def test_finishing_needs_a_finding_and_tells_the_teamleider(cast):
    audit = to_conversation(cast, to_preparation(cast, plan(cast)))
    with pytest.raises(ValidationError, match="bevinding"):
        services.team_audit_transition(actor=cast.auditor, audit=audit, to_status=AuditStatus.FINISHED)
    services.finding_add(
        actor=cast.outsider,
        audit=audit,
        kind=FindingKind.IMPROVE,
        outcome=Outcome.ORGANISATION,
        text="Minder dubbel werk",
    )
    services.action_add(
        actor=cast.auditor,
        audit=audit,
        description="Casenotes voor elke bespreking",
        owner=cast.worker,
        due_on=timezone.localdate() + dt.timedelta(days=60),
    )
    assert not Notification.objects.filter(user=cast.worker).exists()
    finish(cast, audit)
    assert "eigenaar van een verbeteractie" in Notification.objects.get(user=cast.worker).text
    audit.refresh_from_db()
    assert audit.status == AuditStatus.FINISHED and audit.finished_at is not None
    note = Notification.objects.get(user=cast.teamleider)
    assert note.url.endswith(f"/audits/{audit.pk}/rapport/")
    # Strengths are listed first.
    assert [f.kind for f in selectors.findings(audit=audit)] == [FindingKind.STRENGTH, FindingKind.IMPROVE]
    with pytest.raises(ValidationError):
        services.finding_add(actor=cast.auditor, audit=audit, kind="sterkte", outcome="populatie", text="te laat")


def test_actions_are_owned_by_the_team_followed_up_and_shown_next_year(cast):
    last_year = to_conversation(cast, to_preparation(cast, plan(cast, year=2025)))
    due = timezone.localdate() + dt.timedelta(days=90)
    with pytest.raises(ValidationError):
        services.action_add(actor=cast.auditor, audit=last_year, description="x", owner=cast.outsider, due_on=due)
    with pytest.raises(ValidationError):
        services.action_add(
            actor=cast.auditor, audit=last_year, description="x", owner=cast.teamleider, due_on=timezone.localdate()
        )
    open_one = services.action_add(
        actor=cast.auditor, audit=last_year, description="Netwerkberaad standaard", owner=cast.teamleider, due_on=due
    )
    done = services.action_add(
        actor=cast.auditor, audit=last_year, description="Scores elke keer", owner=cast.worker, due_on=due
    )
    finish(cast, last_year)
    services.action_set_status(actor=cast.worker, action=done, to_status=ActionStatus.DONE, note="Gelukt")
    with pytest.raises(PermissionDenied):
        services.action_set_status(actor=cast.colleague, action=open_one, to_status=ActionStatus.DONE)
    history = list(ImprovementActionChange.objects.filter(action=done).values_list("to_status", flat=True))
    assert history == [ActionStatus.OPEN, ActionStatus.DONE]
    this_year = plan(cast, year=2026)
    previous = selectors.audit_previous(audit=this_year)
    assert previous == last_year
    assert [a.pk for a in selectors.previous_actions(previous=previous)] == [open_one.pk, done.pk]


def test_menu_and_list_follow_access(cast):
    audit = plan(cast)
    assert selectors.user_has_audits(user=cast.outsider)
    assert selectors.user_has_audits(user=cast.teamleider)
    assert not selectors.user_has_audits(user=cast.worker)
    assert not selectors.user_has_audits(user=cast.bestuur)
    assert not selectors.user_has_audits(user=UserFactory())
    to_preparation(cast, audit)
    finish(cast, to_conversation(cast, audit))
    assert selectors.user_has_audits(user=cast.worker) and selectors.user_has_audits(user=cast.bestuur)
    assert not selectors.user_has_audits(user=cast.beheer)


def test_snapshot_holds_the_reflection_team_aggregate_when_there_is_one(cast, monkeypatch):
    import reflection.aggregate

    team, year = cast.family.team, timezone.localdate().year
    monkeypatch.setattr(reflection.aggregate, "reflection_team_aggregate", lambda **kwargs: None)
    assert "reflection" not in snapshot_compute(team=team, year=year)
    seen = {}

    def aggregate(*, team, since, until):
        seen.update(team=team, since=since, until=until)
        return {"workers": 5, "reflections": 9, "since": since, "items": [{"title": "Netwerk", "adherence_avg": 2.5}]}

    monkeypatch.setattr(reflection.aggregate, "reflection_team_aggregate", aggregate)
    snap = snapshot_compute(team=team, year=year)
    assert seen == {"team": team, "since": dt.date(year, 1, 1), "until": timezone.localdate()}
    assert snap["reflection"]["since"] == f"{year}-01-01" and snap["reflection"]["workers"] == 5


def test_snapshot_takes_a_fixed_number_of_queries(cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    team, year = cast.family.team, timezone.localdate().year
    with CaptureQueriesContext(connection) as small:
        snapshot_compute(team=team, year=year)
    for _ in range(8):
        ContactFactory(family=FamilyFactory(team=team, manager=cast.worker))
    with CaptureQueriesContext(connection) as large:
        snapshot_compute(team=team, year=year)
    assert len(small) == len(large)


def test_year_on_year_comparison_with_the_previous_audit_of_the_team(cast):
    from audits.snapshot import snapshot_comparison

    year = timezone.localdate().year
    Family.objects.filter(pk=cast.family.pk).update(opened_on=timezone.localdate())  # served this year only
    FamilyFactory(team=cast.family.team, manager=cast.worker, opened_on=dt.date(year - 1, 3, 1))
    last_year = to_preparation(cast, plan(cast, year=year - 1))
    this_year = to_preparation(cast, plan(cast, year=year))
    assert selectors.audit_previous(audit=this_year) == last_year
    assert selectors.audit_previous(audit=last_year) is None
    rows = {r["label"]: r for r in snapshot_comparison(current=this_year.snapshot, previous=last_year.snapshot)}
    assert (rows["Gezinnen bediend in het jaar"]["now"], rows["Gezinnen bediend in het jaar"]["before"]) == (2, 1)
    assert last_year.snapshot["until"] == f"{year - 1}-12-31"
    assert all(r["before"] is None for r in snapshot_comparison(current=this_year.snapshot, previous=None))


def test_snapshot_days_per_phase_ended_and_still_running(cast):
    """Stays that ended in the audit year, and stays still running at its end; nothing of other years."""
    from casework.models import PhaseChange
    from tests.support.factories import TeamFactory

    team, y = TeamFactory(name="Team West"), timezone.localdate().year - 1
    ondersteunen = Phase.ONDERSTEUNEN
    # aanmelding 1 Jan -> 11 Jan (10 days, ended in the year); ondersteunen from 11 Jan, left only next year.
    f1 = FamilyFactory(team=team, opened_on=dt.date(y, 1, 1), phase_since=dt.date(y, 1, 11), phase=ondersteunen)
    PhaseChange.objects.create(
        family=f1, from_phase=ondersteunen, to_phase=Phase.GENERALISEREN, on=dt.date(y + 1, 2, 1), author=f1.manager
    )
    # aanmelding 1 Dec the year before -> 31 Jan (61 days, ended in the year).
    FamilyFactory(team=team, opened_on=dt.date(y - 1, 12, 1), phase_since=dt.date(y, 1, 31), phase=ondersteunen)
    # aanmelding ended the year before (not counted); ondersteunen since 1 July the year before, still running.
    FamilyFactory(team=team, opened_on=dt.date(y - 1, 6, 1), phase_since=dt.date(y - 1, 7, 1), phase=ondersteunen)
    phases = {p["phase"]: p for p in snapshot_compute(team=team, year=y)["phases"]}
    assert (phases[Phase.AANMELDING]["count"], phases[Phase.AANMELDING]["median_days"]) == (2, 36)  # 35.5 rounds up
    assert phases[Phase.AANMELDING]["current_count"] == 0
    end = dt.date(y, 12, 31)
    running = sorted(
        [(end - dt.date(y, 1, 11)).days, (end - dt.date(y, 1, 31)).days, (end - dt.date(y - 1, 7, 1)).days]
    )
    assert phases[ondersteunen]["count"] == 0 and phases[ondersteunen]["median_days"] is None
    assert (phases[ondersteunen]["current_count"], phases[ondersteunen]["current_median_days"]) == (3, running[1])
