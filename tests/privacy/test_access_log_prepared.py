"""A list's log row by the prepared INSERT (privacy.services) equals the row the ORM writes, in its transaction."""

import datetime as dt

import pytest
import time_machine
from django.db import transaction
from django.test.utils import CaptureQueriesContext

from privacy import services
from privacy.context import client_ip
from privacy.models import AccessLogEntry, Action, Channel

MOMENT = dt.datetime(2026, 5, 1, 8, 30, 0, 123456, tzinfo=dt.UTC)
FIELDS = ("at", "user_id", "family_ids", "action", "what", "channel", "client", "purpose", "ip_address")


def _row(entry: AccessLogEntry) -> dict:
    return {name: getattr(entry, name) for name in FIELDS}


@pytest.mark.django_db
@pytest.mark.parametrize("with_user", [True, False])
@pytest.mark.parametrize("ip", ["192.0.2.7", "2001:db8::1", None])
def test_the_prepared_row_equals_the_orm_row(cast, with_user, ip):
    user = cast.worker if with_user else None
    values = {
        "user": user,
        "family_ids": [cast.family.pk, 3, 3, 1],
        "what": "API: gezinnen " + "x" * 300,
        "action": Action.LIST,
        "channel": Channel.API,
        "client": "client-id",
        "purpose": "Afstemmen van de hulp",
    }
    token = client_ip.set(ip)
    try:
        with time_machine.travel(MOMENT, tick=False):
            services.access_log_record_many(**values)
            prepared = AccessLogEntry.objects.order_by("-id").first()
            orm = services._record(**{**values, "family_ids": sorted(set(values["family_ids"]))}, request=None)
    finally:
        client_ip.reset(token)
    orm.refresh_from_db()
    assert prepared is not None and prepared.pk != orm.pk
    assert _row(prepared) == _row(orm)
    assert prepared.at == MOMENT and len(prepared.what) == 200


@pytest.mark.django_db
def test_the_prepared_insert_is_one_query_and_rolls_back_with_its_read(cast):
    before = AccessLogEntry.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        with CaptureQueriesContext(transaction.get_connection()) as queries:
            services.access_log_record_many(user=None, family_ids=[cast.family.pk], what="API: gezinnen")
        assert len(queries) == 1
        raise RuntimeError("the read failed")
    assert AccessLogEntry.objects.count() == before
    services.access_log_record_many(user=None, family_ids=[], what="niets")
    assert AccessLogEntry.objects.count() == before
