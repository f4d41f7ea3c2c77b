"""Database sessions that renew their idle timeout without writing the row on every request.

SESSION_SAVE_EVERY_REQUEST keeps the server-side idle timeout (SESSION_IDLE_MINUTES):
each request pushes the row's `expire_date` on. Writing it each time cost every
page a transaction of its own (BEGIN, UPDATE, COMMIT) and the encoding of the
session. This store writes only when something is worth writing: the data
changed (compared with what was read, so an edit the code did not flag is kept too), or
the stored expiry is more than SESSION_RENEW_SECONDS older than a fresh one
would be. So the server ends an idle session between SESSION_IDLE_MINUTES minus
that interval and SESSION_IDLE_MINUTES after the last request; "Ingelogd
blijven" (accounts.views.session_keepalive) always writes. Engine:
SESSION_ENGINE = "core.sessions" (config/settings/scale.py).
"""

import datetime as dt

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


class SessionStore(DatabaseSessionStore):
    """django.contrib.sessions' database store, remembering what it read to skip a write that changes nothing."""

    _stored_data: str | None = None
    _stored_expiry: dt.datetime | None = None
    force_renewal = False  # set by a view that must push the expiry on now (the keep-alive)

    def _get_session_from_db(self):  # type: ignore[no-untyped-def]  # Django's hook, not in the stubs
        found = super()._get_session_from_db()  # type: ignore[misc]
        self._stored_data = found.session_data if found else None
        self._stored_expiry = found.expire_date if found else None
        return found

    def _unchanged_and_fresh(self) -> bool:
        """The row as read would be written again, with an expiry at most SESSION_RENEW_SECONDS older."""
        # Loads the row (and keeps what it held) if this request has not read the session yet.
        data = self._get_session()  # type: ignore[attr-defined]
        if self.force_renewal or self._stored_expiry is None or self._stored_data is None:
            return False
        renew = dt.timedelta(seconds=settings.SESSION_RENEW_SECONDS)
        if self._stored_expiry < self.get_expiry_date() - renew:
            return False
        # Compared decoded: the encoding is signed with a timestamp, so it differs each second.
        return self.decode(self._stored_data) == data

    def save(self, must_create: bool = False) -> None:
        if not must_create and self.session_key is not None and self._unchanged_and_fresh():
            return
        super().save(must_create=must_create)
        self._stored_data = None  # written: the next save in this request compares with nothing
        self._stored_expiry = None


def renew_now(session: SessionBase) -> None:
    """Make this request write the session, pushing its expiry on by the full idle time ("Ingelogd blijven")."""
    if isinstance(session, SessionStore):
        session.force_renewal = True
