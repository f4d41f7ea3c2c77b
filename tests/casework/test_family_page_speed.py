"""The family page at scale: one family's access facts agree with the list rule, and the page's cost is fixed.

`family_get_for_user` checks one family's own facts (casework.access.family_access) instead of
filtering all families; every member of the fixed cast, for every reason to read or write, must get
the same answer both ways. The page's query count stays the same however long a family's history
and however many open agreements its plan has, and the timeline shows the newest entries with "meer".
"""

import datetime as dt

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casework import access, selectors
from casework.models import ContactAddendum, Family, FamilyAccessGrant, Substitution
from casework.views.family import TIMELINE_PAGE
from tests.support.factories import AgreementFactory, ContactFactory, FamilyFactory


def _answers(user, family: Family) -> dict[str, bool]:
    """The one-family path (facts kept on the fetched family) for this user."""
    try:
        fetched = selectors.family_get_for_user(user=user, family_id=family.pk)
    except Http404:
        return {"read": False, "write": False, "manage": False, "listed_writable": False}
    facts = access.known_access(user=user, family=fetched)
    assert facts is not None, "the facts come with the family"
    return {
        "read": True,
        "write": access.can_write_file(user=user, family=fetched),
        "manage": access.can_manage(user=user, family=fetched),
        "listed_writable": facts.listed_writable(fetched),
    }


def _rules(user, family: Family) -> dict[str, bool]:
    """The same questions asked the list way (a fresh object: no facts, every check its own query)."""
    fresh = Family.objects.get(pk=family.pk)
    assert access.known_access(user=user, family=fresh) is None
    read = access.families_readable_by(user=user).filter(pk=family.pk).exists()
    return {
        "read": read,
        "write": read and access.can_write_file(user=user, family=fresh),
        "manage": read and access.can_manage(user=user, family=fresh),
        "listed_writable": access.families_writable_by(user=user).filter(pk=family.pk).exists(),
    }


@pytest.mark.parametrize("situation", ["plain", "substitution", "grant", "closed", "expired-grant"])
def test_one_family_facts_agree_with_the_list_rules_for_the_whole_cast(cast, situation):
    family = cast.family
    today = timezone.localdate()
    if situation == "substitution":
        Substitution.objects.create(
            family=family, substitute=cast.colleague, start=today, end=today, reason="ziek", author=cast.teamleider
        )
    if situation in ("grant", "expired-grant"):
        until = timezone.now() + dt.timedelta(hours=-1 if situation == "expired-grant" else 8)
        FamilyAccessGrant.objects.create(
            family=family, user=cast.bestuur, reason="Kwestie bij de rechtbank", until=until
        )
    if situation == "closed":
        Family.objects.filter(pk=family.pk).update(phase="afgesloten")
    for role, user in cast.all().items():
        for which in (family, cast.other_family):
            assert _answers(user, which) == _rules(user, which), f"{situation}: {role} on {which.name}"


def test_the_facts_belong_to_the_user_they_were_fetched_for(cast):
    fetched = selectors.family_get_for_user(user=cast.worker, family_id=cast.family.pk)
    assert access.known_access(user=cast.worker, family=fetched) is not None
    assert access.known_access(user=cast.colleague, family=fetched) is None
    assert not access.can_write_file(user=cast.colleague, family=fetched)  # asked afresh, not the worker's answer


def _count(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def _grow(cast, contacts: int, agreements: int) -> None:
    family = cast.family
    start = timezone.localdate() - dt.timedelta(days=8)
    for i in range(contacts):
        contact = ContactFactory(family=family, date=start - dt.timedelta(days=3 * i))
        contact.participants.set(family.members.all())
        contact.network_participants.set(family.network.all())
        ContactAddendum.objects.create(contact=contact, text="Later gebeld.", author=cast.worker)
    for _ in range(agreements):
        AgreementFactory(plan=family.current_plan, owner_kind="partner", owner_name="GGZ Oost")


def test_family_page_costs_the_same_with_years_of_contacts_and_many_agreements(client, cast):
    client.force_login(cast.worker)
    url = reverse("casework:family_detail", kwargs={"family_id": cast.family.pk})
    _grow(cast, contacts=2, agreements=1)
    small, _html = _count(client, url)
    _grow(cast, contacts=TIMELINE_PAGE + 15, agreements=12)
    FamilyFactory(team=cast.family.team, manager=cast.worker)  # more families in the organisation, too
    large, html = _count(client, url)
    assert small == large, f"{small} queries with a short history, {large} with a long one"
    assert html.count('<li class="event ') == TIMELINE_PAGE  # the newest entries, with "meer"
    assert f"?tijdlijn={2 * TIMELINE_PAGE}#kop-tijdlijn" in html


def test_timeline_grows_on_meer_and_shows_everything_on_alles(client, cast):
    _grow(cast, contacts=TIMELINE_PAGE + 15, agreements=0)
    total = cast.family.contacts.count()
    client.force_login(cast.worker)
    url = reverse("casework:family_detail", kwargs={"family_id": cast.family.pk})
    more = client.get(url, {"tijdlijn": str(2 * TIMELINE_PAGE)}).content.decode()
    everything = client.get(url, {"tijdlijn": "alles"}).content.decode()
    assert total < 2 * TIMELINE_PAGE
    assert more.count('<li class="event contact">') == total
    assert everything.count('<li class="event contact">') == total
    assert "Meer tonen" not in more and "Meer tonen" not in everything
    # The oldest contact's addendum and participants are shown like the newest's.
    assert everything.count("Later gebeld.") == total - 1
    assert "Oma Bakker" in everything
