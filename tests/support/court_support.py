"""Court work in tests: a ruling and an OTS for the cast's child, on the fixed day (tests.support.clock)."""

import datetime as dt

from casework.court import services as svc


def child_of(family):
    return family.members.get(role="jeugdige")


def ruling(*, actor, family, ruled_on=dt.date(2026, 1, 5), outcome="toegewezen", case_number="C/18/123456"):
    return svc.ruling_record(
        actor=actor,
        family=family,
        court="Rechtbank Noord-Nederland",
        case_number=case_number,
        ruled_on=ruled_on,
        outcome=outcome,
        requested="OTS voor een jaar",
        granted="OTS voor een jaar",
    )


def ots(*, actor, family, start=dt.date(2026, 1, 6), end=dt.date(2026, 7, 31)):
    """An OTS for the family's child, granted by a fresh ruling: ends 51 days after FIXED_DAY."""
    return svc.measure_open(
        actor=actor,
        family=family,
        child=child_of(family),
        kind="ots",
        start=start,
        end=end,
        ruling=ruling(actor=actor, family=family),
    )
