"""Pages in a stable order (by id), with Dutch keys and links to the next and previous page."""

from django.db.models import QuerySet
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.utils.urls import remove_query_param, replace_query_param


def paginate(*, request: Request, queryset: QuerySet, page: int, size: int) -> tuple[list, dict]:
    """The rows of one page and the envelope around them; a page past the end is empty, not an error."""
    total = queryset.count()
    offset = (page - 1) * size
    rows = list(queryset[offset : offset + size]) if offset < total else []
    return rows, envelope(request=request, page=page, size=size, total=total)


def envelope(*, request: Request, page: int, size: int, total: int) -> dict:
    """The count and the links to the next and previous page, for a page of `size` out of `total`."""
    offset = (page - 1) * size
    url = request.build_absolute_uri()
    next_url = replace_query_param(url, "pagina", page + 1) if offset + size < total else None
    if page <= 1 or offset - size >= total:
        previous_url = None
    elif page == 2:
        previous_url = remove_query_param(url, "pagina")
    else:
        previous_url = replace_query_param(url, "pagina", page - 1)
    return {"aantal": total, "volgende": next_url, "vorige": previous_url}


def page_serializer(item_serializer: type[serializers.Serializer], name: str) -> type[serializers.Serializer]:
    """A serializer class describing one page of `item_serializer`, for the OpenAPI schema."""
    return type(
        name,
        (serializers.Serializer,),
        {
            "aantal": serializers.IntegerField(help_text="Totaal aantal resultaten."),
            "volgende": serializers.URLField(allow_null=True),
            "vorige": serializers.URLField(allow_null=True),
            "resultaten": item_serializer(many=True),
        },
    )
