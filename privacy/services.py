"""Writing the access log. Every channel calls these; nothing else writes it."""

from collections.abc import Iterable
from functools import lru_cache
from typing import cast

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Field
from django.http import HttpRequest
from django.utils import timezone

from accounts.models import User
from core.prepared import cursor

from .context import client_ip, request_client_ip
from .models import AccessLogEntry, Action, Channel


def _client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return client_ip.get()
    return request_client_ip(request)


def access_log_record(
    *,
    user: User | None,
    family_id: int,
    action: str,
    what: str,
    channel: str = Channel.WEB,
    request: HttpRequest | None = None,
    client: str = "",
    purpose: str = "",
) -> AccessLogEntry:
    """One family read or changed: one row whose family_ids is just this family."""
    return _record(
        user=user,
        family_ids=[family_id],
        action=action,
        what=what,
        channel=channel,
        request=request,
        client=client,
        purpose=purpose,
    )


def _record(
    *,
    user: User | None,
    family_ids: list[int],
    action: str,
    what: str,
    channel: str,
    request: HttpRequest | None,
    client: str,
    purpose: str,
) -> AccessLogEntry:
    """The one INSERT of a row naming these families: the single-family and the list helper both write here."""
    return AccessLogEntry.objects.create(
        user=user,
        family_ids=family_ids,
        action=action,
        what=what[:200],
        channel=channel,
        client=client,
        purpose=purpose,
        ip_address=_client_ip(request),
    )


def access_log_view(*, request: HttpRequest, family_id: int, what: str) -> AccessLogEntry:
    """A page showed this family's data to the logged-in user (channel web)."""
    assert isinstance(request.user, User), "only logged-in users see a family"
    return access_log_record(user=request.user, family_id=family_id, action=Action.VIEW, what=what, request=request)


def access_log_record_many(
    *,
    user: User | None,
    family_ids: Iterable[int],
    what: str,
    action: str = Action.LIST,
    channel: str = Channel.WEB,
    request: HttpRequest | None = None,
    client: str = "",
    purpose: str = "",
) -> None:
    """Log that several families were shown at once (a list page): one row naming them all, one INSERT.

    A list of no families writes nothing: there is no family whose file it concerns.
    """
    ids = sorted(set(family_ids))
    if ids and connections[DEFAULT_DB_ALIAS].vendor == "postgresql":
        _insert_prepared(
            user=user,
            family_ids=ids,
            action=action,
            what=what,
            channel=channel,
            ip_address=_client_ip(request),
            client=client,
            purpose=purpose,
        )
    elif ids:
        _record(
            user=user,
            family_ids=ids,
            action=action,
            what=what,
            channel=channel,
            request=request,
            client=client,
            purpose=purpose,
        )


# The row's columns in the order of the prepared INSERT; `at` as auto_now_add fills it.
_INSERT_FIELDS = ("at", "user", "family_ids", "action", "what", "channel", "client", "purpose", "ip_address")


def _field(name: str) -> Field:
    return cast(Field, AccessLogEntry._meta.get_field(name))


@lru_cache(maxsize=1)
def _insert_sql() -> str:
    quote = connections[DEFAULT_DB_ALIAS].ops.quote_name
    meta = AccessLogEntry._meta
    columns = ", ".join(quote(str(_field(name).column)) for name in _INSERT_FIELDS)
    slots = ", ".join(["%s"] * len(_INSERT_FIELDS))
    return f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({slots})"  # noqa: S608  (names from the model)


def _insert_prepared(*, user: User | None, **values: object) -> None:
    """The same row `_record` writes, as one INSERT that PostgreSQL prepares (`core.prepared`).

    A partner system polls its lists all day and each call writes one row: the
    ORM's model instance, save() and insert compiler cost more than the insert.
    Each value still goes through its field's own conversion, and the INSERT
    runs on the request's connection, so in its transaction: a read is logged
    or it fails with the read. The append-only triggers stand as for any insert.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    row = {**values, "at": timezone.now(), "user": user.pk if user is not None else None}
    row["what"] = str(row["what"])[:200]
    params = [_field(name).get_db_prep_save(row[name], connection) for name in _INSERT_FIELDS]
    with cursor(connection) as prepared:
        prepared.execute(_insert_sql(), params)


def _entries(
    *, user: User | None, rows: Iterable[tuple[list[int], str]], what: str, channel: str, ip: str | None, **extra: str
) -> list[AccessLogEntry]:
    """One unsaved row per action with the families it concerns, for one bulk INSERT."""
    return [
        AccessLogEntry(
            user=user, family_ids=ids, action=action, what=what[:200], channel=channel, ip_address=ip, **extra
        )
        for ids, action in rows
        if ids
    ]


def access_log_page(
    *,
    request: HttpRequest,
    what: str,
    viewed: Iterable[int] = (),
    listed: Iterable[int] = (),
    channel: str = Channel.WEB,
    action: str = Action.VIEW,
) -> None:
    """A page showed families to the logged-in user: `viewed` with data of their file, `listed` by name only.

    Every page that names a family calls this once, when it knows what it shows
    (pickers and candidate lists included), so a page costs one INSERT however
    many families it names: at most two rows, one for the viewed families (with
    `action`: a PDF or CSV is "afdrukken") and one for those only listed. A family
    both viewed and listed is in the viewed row only.
    """
    assert isinstance(request.user, User), "only logged-in users see a family"
    viewed_ids = set(viewed)
    rows = [(sorted(viewed_ids), action), (sorted(set(listed) - viewed_ids), str(Action.LIST))]
    entries = _entries(user=request.user, rows=rows, what=what, channel=channel, ip=_client_ip(request))
    if entries:
        AccessLogEntry.objects.bulk_create(entries)
