"""The weekly team report's content: the dashboard as it stood, the week's kwesties, what is past due.

Its readers are the team that discusses these families, so it names them
(DESIGN.md section 4); the ids of every family named are kept with the report
so each reading can be written to the access log. The dashboard's own selectors
make the figures and signals, so the report and the dashboard cannot disagree.
A fixed number of queries whatever the team's size.
"""

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from accounts.models import Team
from casework.models import Agreement, AgreementStatus
from core.dates import day_range
from kwesties.models import LEVEL_ORDER, EventKind, Kwestie, KwestieEvent, Level
from teams.dashboard.selectors import (
    ANY_SIGNAL,
    dashboard_families,
    dashboard_figures,
    dashboard_rows,
    dashboard_signal_rules,
)
from teams.models import FollowUpAction


def _figures(*, team: Team, as_of: dt.date) -> dict:
    f = dashboard_figures(team=team, today=as_of)

    def scores(s) -> dict:
        return {
            "on": s.on.isoformat(),
            "families": s.families,
            "safety": s.safety,
            "lijn": s.lijn,
            "without_score": s.without_score,
        }

    return {
        "active_families": f.active_families,
        "caseload": [{"name": str(c.manager), "families": c.families} for c in f.caseload],
        "scores_now": scores(f.scores_now),
        "scores_then": scores(f.scores_then),
        "phases": [
            {
                "phase": p.phase,
                "label": p.label,
                "norm": p.norm,
                "completed_median": p.completed_median,
                "completed_count": p.completed_count,
                "current_median": p.current_median,
                "current_count": p.current_count,
            }
            for p in f.phases
        ],
        "lead_time": {"since": f.lead_time.since.isoformat(), "median_days": f.lead_time.median_days},
        "lead_time_count": f.lead_time.count,
    }


def _signals(*, team: Team, as_of: dt.date) -> list[dict]:
    return [
        {
            "family_id": row.family.pk,
            "family": row.family.name,
            "reference": row.family.reference,
            "manager": str(row.family.manager),
            "phase": row.family.get_phase_display(),
            "last_safety": row.family.last_safety,
            "last_lijn": row.family.last_lijn,
            "discussed_on": timezone.localtime(row.discussed_at).date().isoformat() if row.discussed_at else None,
            "signals": [{"code": str(s.code), "reason": str(s.reason)} for s in row.signals],
        }
        for row in dashboard_rows(team=team, today=as_of, signal=ANY_SIGNAL)
    ]


def _kwesties(*, team: Team, since: dt.datetime, until: dt.datetime) -> dict:
    """The week's new kwesties and escalations. Listed only once they reached the team (who may read them);
    a kwestie still with its gezinsmanager is only counted."""
    team_level = LEVEL_ORDER[LEVEL_ORDER.index(Level.TEAM) :]
    new = Kwestie.objects.filter(team=team, raised_at__gte=since, raised_at__lt=until)
    levels = dict(Level.choices)
    raised = [
        {
            "id": k.pk,
            "title": k.title,
            "kind": k.get_kind_display(),
            "level": k.get_level_display(),
            "status": k.get_status_display(),
            "raised_on": timezone.localtime(k.raised_at).date().isoformat(),
        }
        for k in new.filter(highest_level__in=team_level).order_by("raised_at", "pk")
    ]
    escalations = [
        {
            "kwestie_id": e.kwestie_id,
            "title": e.kwestie.title,
            "from": str(levels.get(e.from_level, e.from_level)),
            "to": str(levels.get(e.to_level, e.to_level)),
            "on": timezone.localtime(e.at).date().isoformat(),
        }
        for e in KwestieEvent.objects.filter(
            kwestie__team=team, kind=EventKind.ESCALATED, at__gte=since, at__lt=until, to_level__in=team_level
        )
        .select_related("kwestie")
        .order_by("at", "pk")
    ]
    return {"raised_total": new.count(), "raised": raised, "escalations": escalations}


def _actions_overdue(*, team: Team, as_of: dt.date) -> list[dict]:
    """Follow-up actions of the team's session decisions, past their date and not done on `as_of`."""
    not_done = Q(done_at__isnull=True) | Q(done_at__gte=day_range(as_of, as_of)[0])
    rows = (
        FollowUpAction.objects.filter(family__team=team, due_on__lt=as_of)
        .filter(not_done)
        .select_related("family", "owner")
        .order_by("due_on", "pk")
    )
    return [
        {
            "family_id": a.family_id,
            "family": a.family.name,
            "description": a.description,
            "owner": str(a.owner),
            "due_on": a.due_on.isoformat(),
            "days_late": (as_of - a.due_on).days,
        }
        for a in rows
    ]


def _agreements_overdue(*, team: Team, as_of: dt.date) -> list[dict]:
    """Open agreements in the current plans of the team's active families (the dashboard's), past their date."""
    rows = (
        Agreement.objects.filter(
            plan__in=dashboard_families(team=team).values("current_plan"),
            status=AgreementStatus.OPEN,
            due_on__lt=as_of,
        )
        .select_related("plan__family", "partner")  # owner_label names the partner only when it is loaded
        .order_by("due_on", "pk")
    )
    return [
        {
            "family_id": a.plan.family_id,
            "family": a.plan.family.name,
            "description": a.description,
            "owner": a.owner_label,
            "due_on": a.due_on.isoformat(),  # type: ignore[union-attr]  # due_on__lt above: never NULL here
            "days_late": (as_of - a.due_on).days,  # type: ignore[operator]  # the same
        }
        for a in rows
    ]


def week_team_content(*, team: Team, start: dt.date, end: dt.date) -> dict:
    """The weekly report as of the Monday after the week (the day it is meant for)."""
    as_of = end + dt.timedelta(days=1)
    since, until = day_range(start, end)
    signals = _signals(team=team, as_of=as_of)
    actions = _actions_overdue(team=team, as_of=as_of)
    agreements = _agreements_overdue(team=team, as_of=as_of)
    family_ids = sorted({r["family_id"] for r in [*signals, *actions, *agreements]})
    return {
        "as_of": as_of.isoformat(),
        "figures": _figures(team=team, as_of=as_of),
        "signal_rules": [[label, rule] for label, rule in dashboard_signal_rules()],
        "signals": signals,
        "kwesties": _kwesties(team=team, since=since, until=until),
        "actions_overdue": actions,
        "agreements_overdue": agreements,
        "family_ids": family_ids,
    }
