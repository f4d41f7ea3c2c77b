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
    if ids:
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
