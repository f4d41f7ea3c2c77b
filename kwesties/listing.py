"""One page of a kwestie list, ready to show: the lists grow without bound, a page does not.

A team gathers kwesties for years; the lists show the newest PAGE_SIZE and
page on from there, so a list costs the same whatever the history (one more
query: the count). The choice labels are looked up once per page, not per row
(`get_FOO_display` translates every choice of the field on each call).
"""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from .models import Kind, Level, Status

PAGE_SIZE = 50
PAGE_PARAM = "pagina"


def kwestie_page(queryset: QuerySet, *, number: str | int | None) -> Page:
    """Page `number` (1 when missing or not a page) of the list, newest first; rows carry their labels."""
    ordering = queryset.query.order_by or ("-raised_at",)
    page = Paginator(queryset.order_by(*ordering, "-id"), PAGE_SIZE).get_page(number)
    kinds, levels, statuses = ({v: str(label) for v, label in c.choices} for c in (Kind, Level, Status))
    rows = list(page.object_list)
    for k in rows:
        k.kind_label = kinds.get(k.kind, k.kind)
        k.level_label = levels.get(k.level, k.level)
        k.status_label = statuses.get(k.status, k.status)
    page.object_list = rows
    return page
