"""A fixed day for tests whose figures count days from "today".

A module that computed `TODAY = timezone.localdate()` at import failed when the
suite was collected before midnight and the test ran after it: the factories'
defaults and the selectors then saw tomorrow. The clock here travels to noon of
one fixed day and keeps ticking, so durations and timestamps still behave.
"""

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
import time_machine

FIXED_DAY = dt.date(2026, 6, 10)


@pytest.fixture
def fixed_day() -> Iterator[dt.date]:
    noon = dt.datetime.combine(FIXED_DAY, dt.time(12), tzinfo=ZoneInfo("Europe/Amsterdam"))
    with time_machine.travel(noon, tick=True):
        yield FIXED_DAY
