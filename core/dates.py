"""Date arithmetic the figures and reports share."""

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.utils import timezone


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier), clipped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    return day + relativedelta(months=months)


def day_range(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Aware datetimes from the start of `start` to just before the day after `end`, in the local zone.

    Filtering timestamps on `[since, until)` counts exactly the days `start..end`
    the way a Dutch reader means them, whatever the zone the database stores.
    """
    since = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    until = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    return since, until


def noon(day: dt.date) -> dt.datetime:
    """A date as an aware datetime, so dated and timed events sort together."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))
