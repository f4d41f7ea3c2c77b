"""The anonymous team aggregate: only from 5 workers, never names or ids, in SQL; and who may see it."""

import datetime as dt
import json
import re

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone

from accounts.models import TeamRole
from reflection.aggregate import closed_quarters, reflection_team_aggregate
from reflection.models import NOT_APPLICABLE, Reflection
from tests.support.factories import MembershipFactory
from tests.support.reflection_helpers import hold

TODAY = timezone.localdate


def _period(back=0):
    """The last closed quarter (or `back` quarters before it): the only kind of period with figures."""
    since, until = closed_quarters()[back]
    return {"since": since, "until": until}


def _done(senior, worker, *, back=0, **kwargs):
    """A reflection completed in the middle of a closed quarter (the one it counts in)."""
    reflection = hold(senior, worker, **kwargs)
    if reflection.is_done:
        day = _period(back)["since"] + dt.timedelta(days=40)
        moment = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
        Reflection.objects.filter(pk=reflection.pk).update(completed_at=moment)
    return reflection


def _workers(cast, n):
    """`n` gezinsmanagers of Team Noord: the worker, the colleague, and more."""
    team = cast.family.team
    extra = [MembershipFactory(team=team, role=TeamRole.GEZINSMANAGER).user for _ in range(max(0, n - 2))]
    return [cast.worker, cast.colleague, *extra][:n]


def test_none_below_five_workers_even_with_many_reflections(cast, senior):
    for worker in _workers(cast, 4):
        _done(senior, worker)
        _done(senior, worker)
    assert reflection_team_aggregate(team=cast.family.team, **_period()) is None


def test_from_five_workers_averages_and_counts_without_identities(cast, senior, django_assert_max_num_queries):
    workers = _workers(cast, 5)
    for i, worker in enumerate(workers):
        _done(senior, worker, adherence=i % 4 + 1, competence=2)  # adherence 1,2,3,4,1: mean 2.2
    _done(senior, workers[0], done=False, adherence=4, competence=4)  # a concept does not count
    _done(senior, workers[1], back=1, adherence=4, competence=4)  # nor does one completed in another quarter
    hold(senior, workers[2], adherence=4, competence=4)  # nor one completed in the running quarter
    with django_assert_max_num_queries(3):
        result = reflection_team_aggregate(team=cast.family.team, **_period())
    assert result["workers"] == 5 and result["reflections"] == 5
    assert len(result["items"]) == 7
    first = result["items"][0]
    assert first["title"] == "Het hele gezin doet mee"
    assert first["adherence_avg"] == 2.2 and first["competence_avg"] == 2.0
    assert first["adherence_count"] == 5 and first["shown"]
    values = json.dumps(
        [list(result.values()), [list(item.values()) for item in result["items"]]], cls=DjangoJSONEncoder
    )
    # Whole values, not substrings: a random first name such as "Sam" is part of "Samen werken ...".
    shown = set(re.findall(r'"([^"]*)"', values))
    for worker in [*workers, senior]:
        for identity in (worker.username, worker.first_name, worker.last_name, worker.get_full_name()):
            assert identity not in shown
        assert not any(worker.get_full_name() in text for text in shown)
    assert set(result) == {"team", "since", "until", "workers", "reflections", "items"}
    assert set(first) == {
        "code",
        "title",
        "adherence_avg",
        "competence_avg",
        "adherence_count",
        "competence_count",
        "not_applicable_count",
        "shown",
    }


def test_niet_van_toepassing_is_left_out_and_an_item_rated_by_few_is_withheld(cast, senior):
    workers = _workers(cast, 6)
    for worker in workers[:4]:
        _done(senior, worker, adherence=NOT_APPLICABLE, competence=NOT_APPLICABLE)
    for worker in workers[4:]:
        _done(senior, worker, adherence=4, competence=3)
    result = reflection_team_aggregate(team=cast.family.team, **_period())
    assert result["workers"] == 6
    item = result["items"][0]
    assert item["not_applicable_count"] == 4
    assert not item["shown"] and item["adherence_avg"] is None, "rated by 2 workers only: withheld"


def test_other_teams_do_not_count(cast, senior):
    for worker in _workers(cast, 5):
        _done(senior, worker)
    assert reflection_team_aggregate(team=cast.other_family.team, **_period()) is None


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("teamleider", 200),
        ("bestuur", 200),
        ("auditor", 200),
        ("worker", 404),
        ("colleague", 404),
        ("outsider", 404),
        ("beheer", 404),
    ],
)
def test_team_page_access(client, cast, role, status):
    client.force_login(getattr(cast, role))
    assert client.get(reverse("reflection:team")).status_code == status


def test_team_page_below_and_above_the_threshold(client, cast, senior):
    workers = _workers(cast, 5)
    for worker in workers[:4]:
        _done(senior, worker)
    client.force_login(cast.teamleider)
    html = client.get(reverse("reflection:team")).content.decode()
    assert "te weinig reflecties om anoniem te tonen" in html.lower()
    _done(senior, workers[4])
    html = client.get(reverse("reflection:team")).content.decode()
    assert "te weinig reflecties" not in html.lower()
    assert "Het hele gezin doet mee" in html and "3.0" in html.replace(",", ".")
    for worker in [*workers, senior]:
        assert worker.get_full_name() not in html
    assert not re.search(r"/reflectie/\d+/", html), "no link to any individual reflection"


def test_a_teamleider_cannot_pick_another_team(client, cast, senior):
    client.force_login(cast.teamleider)
    response = client.get(
        reverse("reflection:team"), {"team": cast.other_family.team.pk, "quarter": _period()["since"].isoformat()}
    )
    assert response.status_code == 200
    assert "team" in response.context["form"].errors and response.context["aggregate"] is None
    board = client.get(reverse("reflection:team"))
    assert [t.name for t in board.context["form"].fields["team"].queryset] == ["Team Noord"]


def test_a_free_period_is_narrowed_to_whole_closed_quarters_so_differencing_gives_nothing(cast, senior):
    """Two overlapping periods, or one read before and after a reflection is completed, show the same figures."""
    workers = _workers(cast, 7)
    for worker in workers[:5]:
        _done(senior, worker, adherence=2)
    quarter = _period()
    before = reflection_team_aggregate(team=cast.family.team, since=quarter["since"], until=TODAY())
    assert (before["since"], before["until"]) == (quarter["since"], quarter["until"])
    late = hold(senior, workers[5], adherence=4, days_ago=(TODAY() - quarter["until"]).days + 5)
    assert late.held_on <= quarter["until"], "held in the closed quarter, but completed only now"
    hold(senior, workers[6], adherence=4)  # completed in the running quarter
    for since, until in [
        (quarter["since"], TODAY()),
        (quarter["since"] - dt.timedelta(days=1), quarter["until"] + dt.timedelta(days=1)),
        (quarter["since"], quarter["until"]),
    ]:
        assert reflection_team_aggregate(team=cast.family.team, since=since, until=until) == before
    inside = {"since": quarter["since"] + dt.timedelta(days=1), "until": quarter["until"]}
    assert reflection_team_aggregate(team=cast.family.team, **inside) is None, "no partial quarter"
    assert reflection_team_aggregate(team=cast.family.team, since=quarter_start_today(), until=TODAY()) is None


def quarter_start_today():
    return closed_quarters()[0][1] + dt.timedelta(days=1)


def test_a_measure_rated_by_few_is_withheld_even_when_the_other_is_shown(cast, senior):
    workers = _workers(cast, 5)
    _done(senior, workers[0], adherence=1, competence=2)
    for worker in workers[1:]:
        _done(senior, worker, adherence=NOT_APPLICABLE, competence=3)
    item = reflection_team_aggregate(team=cast.family.team, **_period())["items"][0]
    assert item["shown"] and item["competence_avg"] == 2.8
    assert item["adherence_avg"] is None, "one worker's adherence would be plain to see"


def test_a_longer_period_is_withheld_when_one_of_its_quarters_is(cast, senior, django_assert_max_num_queries):
    """Otherwise the year minus the shown quarters would give away the withheld quarter."""
    workers = _workers(cast, 5)
    two_quarters = {"since": _period(1)["since"], "until": _period()["until"]}
    for worker in workers:
        _done(senior, worker, back=0, adherence=3)
    for worker in workers[:2]:
        _done(senior, worker, back=1, adherence=1)
    assert reflection_team_aggregate(team=cast.family.team, **_period(1)) is None
    assert reflection_team_aggregate(team=cast.family.team, **two_quarters) is None
    for worker in workers[2:]:
        _done(senior, worker, back=1, adherence=NOT_APPLICABLE)
    assert reflection_team_aggregate(team=cast.family.team, **_period(1))["items"][0]["adherence_avg"] is None
    with django_assert_max_num_queries(5):
        result = reflection_team_aggregate(team=cast.family.team, **two_quarters)
    assert result["reflections"] == 10 and result["workers"] == 5
    first = result["items"][0]
    assert first["adherence_avg"] is None, "withheld in one quarter, so withheld over both"
    assert first["competence_avg"] == 2.0


def test_the_team_page_offers_closed_quarters_only(client, cast, senior):
    client.force_login(cast.teamleider)
    form = client.get(reverse("reflection:team")).context["form"]
    offered = [value for value, _label in form.fields["quarter"].choices]
    assert offered[0] == _period()["since"].isoformat() and len(offered) == 8
    assert quarter_start_today().isoformat() not in offered
    response = client.get(reverse("reflection:team"), {"team": cast.family.team.pk, "quarter": "2026-11-01"})
    assert "quarter" in response.context["form"].errors and response.context["aggregate"] is None
    assert "since" not in response.context["form"].fields
