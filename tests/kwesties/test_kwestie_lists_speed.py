"""Kwestie lists and the team session's standing item cost the same however many kwesties a team gathers.

Lists show a page of the newest (kwesties.listing.PAGE_SIZE) and page on by posting the filter
form, so a search term never lands in a URL; the session shows the oldest open ones.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kwesties import services
from kwesties.contributions import SESSION_KWESTIES
from kwesties.listing import PAGE_SIZE
from kwesties.models import Kwestie
from teams.sessions import services as session_services
from tests.support.kwesties_support import raise_kwestie, walk_to_board


def _add(cast, n: int) -> None:
    """n kwesties at the board (readable in every list: mine, the team's, the board's)."""
    for _ in range(n):
        walk_to_board(cast, raise_kwestie(cast))


def _count(client, url, data=None) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(url, data) if data is not None else client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


@pytest.mark.parametrize(
    ("who", "url"),
    [("worker", "kwesties:mine"), ("teamleider", "kwesties:team"), ("bestuur", "kwesties:board")],
    ids=["mijn", "team", "bestuur"],
)
def test_list_queries_do_not_grow_with_the_kwesties(client, cast, who, url):
    client.force_login(getattr(cast, who))
    _add(cast, 2)
    small, _html = _count(client, reverse(url))
    _add(cast, PAGE_SIZE + 3)
    large, html = _count(client, reverse(url))
    assert small == large, f"{url}: {small} queries for 2 kwesties, {large} for {PAGE_SIZE + 5}"
    assert html.count('<a href="/kwesties/') >= PAGE_SIZE
    assert f"1–{PAGE_SIZE} van {PAGE_SIZE + 5}" in html


def test_paging_a_filtered_list_posts_the_filter_and_reaches_the_oldest(client, cast):
    _add(cast, PAGE_SIZE + 1)
    oldest = Kwestie.objects.order_by("raised_at", "id").first()
    Kwestie.objects.filter(pk=oldest.pk).update(title="De oudste kwestie")
    client.force_login(cast.worker)
    _n, first = _count(client, reverse("kwesties:mine"), {"q": "GGZ"})
    assert "De oudste kwestie" not in first
    assert 'form="kwestie-filter" name="pagina" value="2"' in first
    _n, second = _count(client, reverse("kwesties:mine"), {"q": "GGZ", "pagina": "2"})
    assert "De oudste kwestie" in second
    assert f"{PAGE_SIZE + 1}–{PAGE_SIZE + 1} van {PAGE_SIZE + 1}" in second


def test_session_page_queries_do_not_grow_with_the_open_kwesties(client, cast):
    session = session_services.session_create(
        actor=cast.teamleider, team=cast.family.team, starts_at=timezone.now() + dt.timedelta(days=7)
    )
    url = reverse("teams:session_detail", kwargs={"session_id": session.pk})
    client.force_login(cast.teamleider)
    services.kwestie_escalate(actor=cast.worker, kwestie=raise_kwestie(cast), reason="Team")
    small, _html = _count(client, url)
    for _ in range(SESSION_KWESTIES + 2):
        services.kwestie_escalate(actor=cast.worker, kwestie=raise_kwestie(cast), reason="Team")
    large, html = _count(client, url)
    assert small == large
    assert "Het team heeft meer open kwesties; de oudste staan hier." in html
