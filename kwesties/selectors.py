"""Reads for kwesties, through one access-checked path."""

from typing import Any

from django.db.models import BooleanField, Case, Count, ExpressionWrapper, F, Q, QuerySet, When
from django.db.models.functions import TruncQuarter
from django.http import Http404

from accounts.models import OrgRole, User
from accounts.selectors import team_ids_for_user
from casework.access import families_readable_by
from casework.models import Family

from .access import readable_kwesties_filter
from .models import LEVEL_ORDER, EventKind, Kind, Kwestie, KwestieEvent, Level, Status


def kwestie_list_for_user(*, user: User) -> QuerySet[Kwestie]:
    return Kwestie.objects.filter(readable_kwesties_filter(user=user)).select_related("owner", "raised_by", "team")


def kwestie_get_for_user(*, user: User, kwestie_id: int) -> Kwestie:
    kwestie = kwestie_list_for_user(user=user).filter(pk=kwestie_id).first()
    if kwestie is None:
        raise Http404("Kwestie niet gevonden")
    return kwestie


def kwestie_list_mine(*, user: User) -> QuerySet[Kwestie]:
    """What I raised or what lands on my desk now."""
    return kwestie_list_for_user(user=user).filter(Q(raised_by=user) | Q(owner=user))


def kwestie_list_team(*, user: User, team_id: int) -> QuerySet[Kwestie]:
    return kwestie_list_for_user(user=user).filter(team_id=team_id, highest_level__in=LEVEL_ORDER[1:])


def kwestie_list_board(*, user: User) -> QuerySet[Kwestie]:
    """Every kwestie the board holds now, with the number of families it affects, oldest first."""
    if user.org_role != OrgRole.BESTUUR:
        raise Http404
    return (
        kwestie_list_for_user(user=user)
        .filter(level__in=[Level.BESTUUR, Level.EXTERN], status__in=[Status.OPEN, Status.IN_PROGRESS])
        .annotate(family_count=Count("families", distinct=True))
        .order_by("raised_at")
    )


def kwestie_patterns(*, user: User, team_id: int | None = None) -> dict[str, list[dict[str, Any]]]:
    """Kwesties counted by partner and by kind per quarter, so recurring problems stand out.

    The board sees the whole organisation (counts only, no text); a team member
    their own team's kwesties.
    """
    if user.org_role == OrgRole.BESTUUR:
        qs = Kwestie.objects.all()
    elif team_id is not None:
        qs = Kwestie.objects.filter(team_id=team_id, team_id__in=team_ids_for_user(user=user))
    else:
        raise Http404
    qs = qs.annotate(quarter=TruncQuarter("raised_at")).order_by()
    # A registered partner counts under its own record, whatever name was typed.
    label = Case(When(partner__isnull=False, then=F("partner__name")), default=F("partner_name"))
    by_partner = list(
        qs.annotate(partner_label=label)
        .exclude(partner_label="")
        .values("partner_label", "quarter")
        .annotate(n=Count("id"))
        .order_by("-n", "partner_label")
    )
    by_kind = list(qs.values("kind", "quarter").annotate(n=Count("id")).order_by("quarter", "kind"))
    labels = dict(Kind.choices)
    for row in by_kind:  # the kind's own words, never its code ("partner")
        row["kind_label"] = str(labels.get(row["kind"], row["kind"]))
    return {"by_partner": by_partner, "by_kind": by_kind}


def kwestie_history(*, kwestie: Kwestie) -> QuerySet[KwestieEvent]:
    return kwestie.events.select_related("author").order_by("at", "id")


def kwestie_hidden_families(*, user: User, kwestie: Kwestie) -> list[Family]:
    """For the board: the affected families it cannot read, by dossier number only, to open with a reason."""
    if user.org_role != OrgRole.BESTUUR:
        return []
    readable = families_readable_by(user=user).values("pk")
    return list(kwestie.families.exclude(pk__in=readable).only("id", "reference").order_by("reference"))


def kwestie_families_for_user(*, user: User, kwestie: Kwestie) -> tuple[list[Family], int]:
    """The affected families this user may see by name, and how many others there are."""
    families = list(kwestie.families.all())
    readable = set(families_readable_by(user=user).filter(pk__in=[f.pk for f in families]).values_list("pk", flat=True))
    shown = [f for f in families if f.pk in readable]
    return shown, len(families) - len(shown)


def kwesties_for_family(*, family: Family, user: User | None = None, limit: int | None = None) -> list[Kwestie]:
    """The family's kwesties, newest first, each with `readable`: whether `user` may read it.

    The rule is a column of the same query, so a page never fetches every kwestie the user may read.
    """
    rule = readable_kwesties_filter(user=user) if user is not None else Q(pk__in=[])
    qs = (
        Kwestie.objects.filter(families=family)
        .select_related("raised_by")
        .annotate(readable=ExpressionWrapper(rule, output_field=BooleanField()))
        .order_by("-raised_at")
    )
    return list(qs[:limit] if limit else qs)


def kwesties_open_for_team(*, team_id: int, limit: int | None = None) -> list[Kwestie]:
    """The team's open kwesties, oldest first; `limit` caps the list (ask one more to know there are more)."""
    qs = (
        Kwestie.objects.filter(
            team_id=team_id, status__in=[Status.OPEN, Status.IN_PROGRESS], highest_level__in=LEVEL_ORDER[1:]
        )
        .select_related("owner")
        .order_by("raised_at", "id")
    )
    return list(qs[:limit] if limit else qs)


def kwestie_state_events(*, kwestie: Kwestie) -> QuerySet[KwestieEvent]:
    """The events that moved the kwestie (level or status): its version for a step (core.concurrency).

    Comments and the overdue mark change nothing anyone decides on, so they
    never make an open page's step stale.
    """
    return kwestie.events.exclude(kind__in=[EventKind.COMMENT, EventKind.OVERDUE])
