"""The periods reports cover.

A week runs Monday to Sunday. Teams have no fixed session weekday in the data
(a team session is a dated row), so the weekly report is made early on Monday
for the week that has just ended: ready before any session of the new week.
A month is a calendar month; its reports are made on the 1st for the month before.
"""

import calendar
import datetime as dt

from .models import ReportKind


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    start = day - dt.timedelta(days=day.weekday())
    return start, start + dt.timedelta(days=6)


def month_of(day: dt.date) -> tuple[dt.date, dt.date]:
    start = day.replace(day=1)
    return start, start.replace(day=calendar.monthrange(day.year, day.month)[1])


def period_for(*, kind: str, period_start: dt.date) -> tuple[dt.date, dt.date]:
    """The period of a report of `kind` that contains `period_start` (normalised to its first day)."""
    return week_of(period_start) if kind == ReportKind.WEEK_TEAM else month_of(period_start)


def last_week(today: dt.date) -> tuple[dt.date, dt.date]:
    """The last full week before `today` (on a Monday: the week that ended yesterday)."""
    return week_of(today - dt.timedelta(days=today.weekday() + 1))


def last_month(today: dt.date) -> tuple[dt.date, dt.date]:
    return month_of(today.replace(day=1) - dt.timedelta(days=1))


def recent_weeks(today: dt.date, count: int) -> list[tuple[dt.date, dt.date]]:
    """The last `count` full weeks before `today`, the latest first (what a dispatcher catches up on)."""
    start, _end = last_week(today)
    return [week_of(start - dt.timedelta(weeks=n)) for n in range(max(count, 1))]


def recent_months(today: dt.date, count: int) -> list[tuple[dt.date, dt.date]]:
    """The last `count` full months before `today`, the latest first."""
    months, day = [], today
    for _ in range(max(count, 1)):
        start, end = last_month(day)
        months.append((start, end))
        day = start
    return months
