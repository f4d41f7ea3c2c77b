"""`make benchmark-data` (scripts/benchdata): the tiny size is a consistent data set the real pages open,
and a build that stopped half-way goes on where it stopped instead of starting again.

The generator writes with COPY on its own connection and commits, so these tests are transactional
(`transaction=True`: the tables are emptied afterwards); its two bookkeeping tables are dropped here.
"""

import datetime as dt
import sys
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from django.db.models import Count, F, Q
from django.urls import reverse

from accounts.models import Membership, TeamRole, User
from casework.models import Contact, Family, Phase, PhaseChange, PlanVersion
from kwesties.models import Kwestie
from privacy.models import AccessLogEntry
from teams.models import TeamSession

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from benchdata import build, shapes, store
from benchdata.sizes import SIZES

TINY = SIZES["tiny"]
SEED = 12
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("fixed_day")]


def _url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "") + "@" if s["USER"] else ""
    return f"postgres://{auth}{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def bench_url(fixed_day):
    url = _url()
    yield url
    with psycopg.connect(url, autocommit=True) as conn:
        store.restore_aside(conn)  # a failed build must not leave the test database without its indexes
        conn.execute(f"DROP TABLE IF EXISTS {store.STEP_TABLE}, {store.META_TABLE}")


def _build(url, day, **kwargs) -> dict:
    return build.build(url, size=TINY, seed=SEED, today=day, password="!", **kwargs)


def test_the_tiny_data_set_is_consistent(bench_url, fixed_day):
    result = _build(bench_url, fixed_day)
    assert result["finished"]

    families = shapes.families_of(SEED, TINY, fixed_day)
    assert Family.objects.count() == TINY.families == len(families)
    assert Family.objects.exclude(phase=Phase.AFGESLOTEN).count() == TINY.active
    assert Contact.objects.count() == sum(f.n_contacts for f in families)
    assert AccessLogEntry.objects.count() == TINY.log_rows  # rows in either shape of the log
    # Every family is carried by a gezinsmanager of its own team, and its phase is its last phase change.
    for family in Family.objects.all():
        assert (
            Membership.objects.active()
            .filter(user_id=family.manager_id, team_id=family.team_id, role=TeamRole.GEZINSMANAGER)
            .exists()
        )
        last = PhaseChange.objects.filter(family=family).order_by("-on", "-id").first()
        assert (last.to_phase, last.on) == (family.phase, family.phase_since)
        assert family.current_plan.family_id == family.pk
    assert not Contact.objects.filter(Q(date__lt=F("family__opened_on")) | Q(date__gt=fixed_day)).exists()
    assert (
        Membership.objects.filter(role=TeamRole.GEZINSMANAGER)
        .values("team")
        .annotate(n=Count("id"))
        .filter(n=shapes.GMS_PER_TEAM)
        .count()
        == TINY.teams
    )
    assert PlanVersion.objects.exists() and Kwestie.objects.exists() and TeamSession.objects.exists()
    _the_log_shows_what_its_users_see(families, fixed_day)


def _the_log_shows_what_its_users_see(families, day) -> None:
    """The log made by PostgreSQL (accesslog_sql): each row names what its viewer may see, in the last year."""
    active = {f.id: f for f in families if f.active}
    with connection.cursor() as cur:
        cur.execute("SELECT user_id, family_ids, action, what, channel, client, at FROM privacy_accesslogentry")
        rows = cur.fetchall()
    kinds = {(action, what, channel) for _u, _ids, action, what, channel, _c, _at in rows}
    assert {("inzien", "gezinsdossier", "web"), ("lijst", "mijn gezinnen", "web")} <= kinds
    for user, ids, action, what, channel, client, at in rows:
        assert ids and set(ids) <= set(active), (what, ids)
        assert day - dt.timedelta(days=366) <= at.date() <= day, at
        if what == "mijn gezinnen":  # one row naming all of the gezinsmanager's active families
            assert sorted(ids) == sorted(f for f, core in active.items() if core.manager == user)
        elif channel == "api":
            assert user is None and client.startswith("partner-") and len(ids) <= 50
        elif action in ("inzien", "toevoegen"):
            assert len(ids) == 1 and active[ids[0]].manager == user
    assert len({tuple(r[1]) for r in rows if r[3] == "mijn gezinnen"}) > 1  # not one view drawn over and over


def test_the_real_pages_open_on_it(bench_url, fixed_day, client):
    _build(bench_url, fixed_day)
    busiest = Family.objects.get(pk=shapes.busiest_family(SEED, TINY, fixed_day))
    worker = User.objects.get(pk=busiest.manager_id)
    leader = Membership.objects.active().get(team_id=busiest.team_id, role=TeamRole.TEAMLEIDER).user
    client.force_login(worker)
    assert client.get(reverse("casework:my_families")).status_code == 200
    page = client.get(reverse("casework:family_detail", args=[busiest.pk]))
    assert page.status_code == 200 and busiest.name in page.content.decode()
    client.force_login(leader)
    for url in [
        reverse("casework:my_families") + "?alle=1",
        reverse("dashboard:team_dashboard"),
        reverse("dashboard:team_figures"),
        reverse("kwesties:team"),
        reverse("casework:access_log", args=[busiest.pk]),
    ]:
        assert client.get(url).status_code == 200, url


def test_a_rerun_goes_on_where_the_build_stopped(bench_url, fixed_day):
    first = _build(bench_url, fixed_day, stop_after=4)
    assert (first["ran"], first["finished"]) == (4, False)
    with psycopg.connect(bench_url) as conn:
        before = dict(conn.execute("SELECT name, done_at FROM bench_step").fetchall())
    assert len(before) == 4

    second = _build(bench_url, fixed_day)
    assert second["finished"] and second["skipped"] == 4
    assert second["ran"] == len(build.plan(TINY)) - 4
    with psycopg.connect(bench_url) as conn:
        after = dict(conn.execute("SELECT name, done_at FROM bench_step").fetchall())
    assert {name: after[name] for name in before} == before  # the finished steps were not run again
    # Nothing twice, nothing missing: the same data set as a build in one go.
    assert Family.objects.count() == TINY.families
    assert Contact.objects.count() == sum(f.n_contacts for f in shapes.families_of(SEED, TINY, fixed_day))
    assert AccessLogEntry.objects.count() == TINY.log_rows
