"""Template filters for stored reports: their dates are ISO strings in JSON."""

import datetime as dt

from django import template

register = template.Library()


@register.filter
def isodate(value: str | None) -> str:
    """'2026-11-23' as '23-11-2026'; empty stays empty."""
    if not value:
        return ""
    return f"{dt.date.fromisoformat(value[:10]):%d-%m-%Y}"


@register.filter
def dash(value) -> str:
    """A missing figure as an en dash, so an empty cell reads as 'none', not as zero."""
    return "–" if value is None or value == "" else value
