"""A write to a family and the access rule it rests on are decided in one transaction (casework.services.checks).

Each test holds a change to the rule open in one transaction (the assignment handed to a colleague,
the membership or the substitution ended), starts the write on its own connection with the family
fetched for writing before (its access facts cached on the object, as a view has them), waits until
the write is blocked on that change's lock, then commits the change: the write is refused with the
normal Dutch message and nothing is written, not even its access-log line.
"""

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import Membership
from accounts.services import membership_end, user_deactivate
from casework import services
from casework.models import Contact, ContactAddendum, Member, PlanVersion, Substitution
from casework.selectors import family_get_for_user
from privacy.models import AccessLogEntry
from tests.support.casework_support import contact_data
from tests.support.concurrency_support import colleague_substitutes

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's")

REFUSAL = "Alleen de gezinsmanager van dit gezin kan het dossier wijzigen."
WAIT = 20  # seconds a write may take to reach the lock before the test fails


def _write_while_held(*, hold: Callable[[], Any], write: Callable[[], Any]) -> Any:
    """Run `write` on its own connection while `hold`'s transaction is open; commit `hold` once it waits."""
    result: dict[str, Any] = {}
    pid_known = threading.Event()

    def run() -> None:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                result["pid"] = cursor.fetchone()[0]
            pid_known.set()
            result["value"] = write()
        except Exception as error:  # the test asserts on what the write got
            result["value"] = error
        finally:
            pid_known.set()
            connection.close()

    with transaction.atomic():
        hold()
        thread = threading.Thread(target=run)
        thread.start()
        assert pid_known.wait(WAIT)
        deadline = timezone.now() + dt.timedelta(seconds=WAIT)
        waiting = False
        while not waiting and timezone.now() < deadline and thread.is_alive():
            with connection.cursor() as cursor:
                cursor.execute("SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = %s", [result["pid"]])
                row = cursor.fetchone()
            waiting = bool(row and row[0])
            if not waiting:
                thread.join(0.05)
        assert waiting, f"the write never waited on the held change's lock: {result.get('value')!r}"
    thread.join(WAIT)
    assert not thread.is_alive()
    return result["value"]


def _family_as_the_page_has_it(cast, user):
    family = family_get_for_user(user=user, family_id=cast.family.pk, write=True)
    assert family.__dict__.get("_access_facts") is not None  # the facts the write must not rely on
    return family


def _log_lines(cast, what: str) -> int:
    return AccessLogEntry.objects.filter(what=what).count()


WRITES = {
    "contact": (
        lambda cast, family: services.contact_record(actor=cast.worker, family=family, data=contact_data()),
        lambda cast: Contact.objects.filter(family=cast.family).count(),
        "contactmoment vastgelegd",
    ),
    "addendum": (
        lambda cast, family: services.contact_add_addendum(
            actor=cast.worker, contact=Contact.objects.filter(family=cast.family).first(), text="Aanvulling."
        ),
        lambda cast: ContactAddendum.objects.filter(contact__family=cast.family).count(),
        "aanvulling op contactmoment",
    ),
    "member": (
        lambda cast, family: services.member_save(
            actor=cast.worker,
            family=family,
            data={"first_name": "Kees", "last_name": "de Vries", "role": "ouder", "date_of_birth": None},
        ),
        lambda cast: Member.objects.filter(family=cast.family).count(),
        "gezinslid",
    ),
    "plan": (
        lambda cast, family: services.plan_version_create(
            actor=cast.worker, family=family, data={"zorgen": "z", "centrale_lijn": "veilig"}, agreements=[]
        ),
        lambda cast: PlanVersion.objects.filter(family=cast.family).count(),
        "gezinsplan versie 2",
    ),
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", WRITES)
def test_a_write_waiting_while_the_family_is_handed_over_is_refused(cast, kind):
    write, count, what = WRITES[kind]
    family = _family_as_the_page_has_it(cast, cast.worker)
    before = count(cast)
    got = _write_while_held(
        hold=lambda: services.family_assign(actor=cast.teamleider, family=cast.family, manager=cast.colleague),
        write=lambda: write(cast, family),
    )
    assert isinstance(got, PermissionDenied) and str(got) == REFUSAL, got
    assert count(cast) == before
    assert _log_lines(cast, what) == 0


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("change", ["membership", "account"])
def test_a_contact_waiting_while_the_membership_or_the_account_ends_is_refused(cast, change):
    family = _family_as_the_page_has_it(cast, cast.worker)
    membership = Membership.objects.get(user=cast.worker, team=cast.family.team)
    ends = {
        "membership": lambda: membership_end(actor=cast.beheer, membership=membership),
        "account": lambda: user_deactivate(actor=cast.beheer, user=cast.worker),
    }
    got = _write_while_held(
        hold=ends[change],
        write=lambda: services.contact_record(actor=cast.worker, family=family, data=contact_data()),
    )
    assert isinstance(got, PermissionDenied) and str(got) == REFUSAL, got
    assert Contact.objects.filter(family=cast.family).count() == 1
    assert _log_lines(cast, "contactmoment vastgelegd") == 0


@pytest.mark.django_db(transaction=True)
def test_a_substitutes_contact_waiting_while_the_substitution_ends_is_refused(cast):
    colleague_substitutes(cast)
    family = _family_as_the_page_has_it(cast, cast.colleague)
    substitution = Substitution.objects.get(family=cast.family, substitute=cast.colleague)
    got = _write_while_held(
        hold=lambda: services.substitution_end(actor=cast.teamleider, substitution=substitution),
        write=lambda: services.contact_record(actor=cast.colleague, family=family, data=contact_data()),
    )
    assert isinstance(got, PermissionDenied) and str(got) == REFUSAL, got
    assert Contact.objects.filter(family=cast.family).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_contact_waiting_behind_an_unrelated_change_goes_through(cast):
    """The control: the lock alone refuses nothing; the rule as it is after the wait decides."""
    family = _family_as_the_page_has_it(cast, cast.worker)
    got = _write_while_held(
        hold=lambda: services.family_change_phase(actor=cast.worker, family=cast.family, to_phase="betrekken"),
        write=lambda: services.contact_record(actor=cast.worker, family=family, data=contact_data()),
    )
    assert isinstance(got, Contact), got
    assert Contact.objects.filter(family=cast.family).count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_correction_and_an_addendum_of_one_contact_at_once_both_land(cast):
    """Family first, then its rows: the addendum holds the family and, at its commit, a key share on the
    contact; a correction that locked the contact first and then waited for the family deadlocked with it."""
    family = _family_as_the_page_has_it(cast, cast.worker)
    contact = services.contact_record(actor=cast.worker, family=family, data=contact_data())
    got = _write_while_held(
        hold=lambda: services.contact_add_addendum(actor=cast.worker, contact=contact, text="Aanvulling."),
        write=lambda: services.contact_correct(
            actor=cast.worker, contact=Contact.objects.get(pk=contact.pk), data=contact_data(note="Verbeterd.")
        ),
    )
    assert isinstance(got, Contact), got
    assert Contact.objects.get(pk=contact.pk).note == "Verbeterd."
    assert ContactAddendum.objects.filter(contact=contact).count() == 1
