"""Writing the access log. Every channel calls these; nothing else writes it."""

from collections.abc import Iterable

from django.http import HttpRequest

from accounts.models import User

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
    return AccessLogEntry.objects.create(
        user=user,
        family_id=family_id,
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
    """Log that several families were shown at once (a list page), in one query."""
    rows = [(fid, action) for fid in family_ids]
    AccessLogEntry.objects.bulk_create(
        _entries(
            user=user, rows=rows, what=what, channel=channel, ip=_client_ip(request), client=client, purpose=purpose
        )
    )


def _entries(
    *, user: User | None, rows: Iterable[tuple[int, str]], what: str, channel: str, ip: str | None, **extra: str
) -> list[AccessLogEntry]:
    """One unsaved row per (family, action), for one bulk INSERT."""
    return [
        AccessLogEntry(
            user=user, family_id=fid, action=action, what=what[:200], channel=channel, ip_address=ip, **extra
        )
        for fid, action in rows
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
    many families it names. A family both viewed and listed is one row, for the
    view. `action` says what the page did with the viewed ones (a PDF or CSV: "afdrukken").
    """
    assert isinstance(request.user, User), "only logged-in users see a family"
    viewed_ids = set(viewed)
    rows = [(fid, action) for fid in sorted(viewed_ids)]
    rows += [(fid, Action.LIST) for fid in sorted(set(listed) - viewed_ids)]
    if not rows:
        return
    AccessLogEntry.objects.bulk_create(
        _entries(user=request.user, rows=rows, what=what, channel=channel, ip=_client_ip(request))
    )
