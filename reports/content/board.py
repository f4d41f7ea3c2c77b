"""The board report's own parts: the kwesties the board holds, recurring partners, the organisation's totals.

Each is one query (or none, for the totals), whatever the number of teams.
No family is named: the board kwesties carry the number of families they affect.
"""

import datetime as dt

from django.db.models import Count, Max, Q
from django.utils import timezone

from core.dates import add_months, day_range
from core.figures import mean_of_counts
from core.scores import SCORE_VALUES
from kwesties.models import Kind, Kwestie, Level

from .month import EMPTY, OPEN


def board_kwesties(*, as_of: dt.date) -> list[dict]:
    """The kwesties the board holds (bestuur or extern, still open) with their age; one query.

    Only those raised before `as_of`: a report made late (a retry) shows no kwestie from after its month.
    """
    rows = (
        Kwestie.objects.filter(
            level__in=[Level.BESTUUR, Level.EXTERN], status__in=OPEN, raised_at__lt=day_range(as_of, as_of)[0]
        )
        .annotate(family_count=Count("families", distinct=True))
        .order_by("raised_at", "pk")
        .values(
            "pk", "title", "kind", "partner_name", "team__name", "level", "raised_at", "level_since", "family_count"
        )
    )
    kinds = dict(Kind.choices)
    levels = dict(Level.choices)
    return [
        {
            "id": r["pk"],
            "title": r["title"],
            "kind": str(kinds.get(r["kind"], r["kind"])),
            "partner": r["partner_name"],
            "team": r["team__name"],
            "level": str(levels.get(r["level"], r["level"])),
            "raised_on": timezone.localtime(r["raised_at"]).date().isoformat(),
            "age_days": (as_of - timezone.localtime(r["raised_at"]).date()).days,
            "days_at_level": (as_of - timezone.localtime(r["level_since"]).date()).days,
            "families": r["family_count"],
        }
        for r in rows
    ]


def recurring_partners(*, end: dt.date) -> list[dict]:
    """Partners named in two or more kwesties raised in the twelve months up to `end`; one query."""
    since, until = day_range(add_months(end, -12) + dt.timedelta(days=1), end)
    rows = (
        Kwestie.objects.filter(raised_at__gte=since, raised_at__lt=until)
        .exclude(partner_name="")
        .order_by()
        .values("partner_name")
        .annotate(
            kwesties=Count("pk"),
            teams=Count("team", distinct=True),
            open=Count("pk", filter=Q(status__in=OPEN)),
            last=Max("raised_at"),
        )
        .filter(kwesties__gte=2)
        .order_by("-kwesties", "partner_name")
    )
    return [
        {
            "partner": r["partner_name"],
            "kwesties": r["kwesties"],
            "teams": r["teams"],
            "open": r["open"],
            "last_on": timezone.localtime(r["last"]).date().isoformat(),
        }
        for r in rows
    ]


def totals(teams: list[dict]) -> dict:
    """The organisation's totals: sums of the per-team counts (no extra query)."""

    def add(section: str) -> dict:
        keys = teams[0][section].keys() if teams else EMPTY.get(section, {}).keys()
        return {k: sum(t[section][k] for t in teams) for k in keys}

    scores = {
        "families": sum(t["scores"]["families"] for t in teams),
        "without_score": sum(t["scores"]["without_score"] for t in teams),
        "safety_low": sum(t["scores"]["safety_low"] for t in teams),
        "safety": [sum(t["scores"]["safety"][i] for t in teams) for i in SCORE_VALUES],
        "lijn": [sum(t["scores"]["lijn"][i] for t in teams) for i in SCORE_VALUES],
    }
    scores["safety_mean"], scores["lijn_mean"] = mean_of_counts(scores["safety"]), mean_of_counts(scores["lijn"])
    workers = sum(t["load"]["workers"] for t in teams)
    active = sum(t["families"]["active"] for t in teams)
    return {
        "families": add("families"),
        "kwesties": add("kwesties"),
        "sessions": add("sessions"),
        "scores": scores,
        "load": {"workers": workers, "mean": round(active / workers, 1) if workers else None},
    }
