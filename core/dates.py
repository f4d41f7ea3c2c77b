"""Date arithmetic the figures and reports share."""

import datetime as dt

from dateutil.easter import easter
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


def termijnenwet_holidays(year: int) -> set[dt.date]:
    """The general holidays of the Algemene termijnenwet (art. 3): not Good Friday, and 5 May every year."""
    easter_day = easter(year)
    kings_day = dt.date(year, 4, 27)
    if kings_day.weekday() == 6:  # on a Sunday the King's birthday is celebrated the day before
        kings_day = dt.date(year, 4, 26)
    return {
        dt.date(year, 1, 1),
        easter_day + dt.timedelta(days=1),
        kings_day,
        dt.date(year, 5, 5),
        easter_day + dt.timedelta(days=39),  # Ascension
        easter_day + dt.timedelta(days=50),  # Whit Monday
        dt.date(year, 12, 25),
        dt.date(year, 12, 26),
    }


def term_end(day: dt.date) -> dt.date:
    """A legal term that ends on a Saturday, a Sunday or a general holiday ends on the next working day
    (Algemene termijnenwet art. 1; for the AVG, EU regulation 1182/71 art. 3(4) says the same)."""
    while day.weekday() >= 5 or day in termijnenwet_holidays(day.year):
        day += dt.timedelta(days=1)
    return day
