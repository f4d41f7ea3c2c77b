"""The agenda as an iCalendar file (RFC 5545, through the icalendar library): no names in it."""

import datetime as dt

from django.conf import settings
from icalendar import Calendar, Event

from .selectors import AgendaItem

HEARING_HOURS = 2
SESSION_HOURS = 2


def agenda_ics(*, items: list[AgendaItem], name: str, base_url: str) -> bytes:
    """One VEVENT per item; titles name only the dossier number, the URL leads back into the app."""
    calendar = Calendar()
    calendar.add("prodid", "-//Gezinsgericht werken//agenda//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = dt.datetime.now(dt.UTC)
    host = settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS and settings.ALLOWED_HOSTS[0] != "*" else "localhost"
    for item in items:
        event = Event()
        event.add("uid", f"{item.uid}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.starts_at)
        event.add(
            "dtend", item.starts_at + dt.timedelta(hours=HEARING_HOURS if item.kind == "zitting" else SESSION_HOURS)
        )
        event.add("summary", item.neutral_title)
        if item.place:
            event.add("location", item.place)
        event.add("url", base_url + item.url)
        calendar.add_component(event)
    return calendar.to_ical()
