"""Extension points of accounts, filled by the apps above it from their AppConfig.ready()."""

from collections.abc import Callable

from core.registry import Registry

# Sends one transactional e-mail (a password-reset link) through the outbox: called as
# `send(to_address=..., subject=..., body=...)` inside the caller's transaction. Filled by
# notifications (its OutgoingEmail outbox), so accounts never sends SMTP itself.
TRANSACTIONAL_EMAIL: Registry[Callable[..., object]] = Registry(
    "accounts.TRANSACTIONAL_EMAIL", "Sends a transactional e-mail (to_address, subject, body) through the outbox."
)


def transactional_email_send(*, to_address: str, subject: str, body: str) -> None:
    """Through the one registered outbox; none registered is a configuration error, never a silent drop."""
    senders = list(TRANSACTIONAL_EMAIL)
    if not senders:
        raise RuntimeError("No outbox registered in accounts.extensions.TRANSACTIONAL_EMAIL (notifications app?)")
    senders[-1](to_address=to_address, subject=subject, body=body)
