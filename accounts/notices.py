"""Security notices: an e-mail to the person when their password or second factor changed.

A change they did not make themselves (a stolen reset link, a reset approved on a made-up reason)
is then noticed by the one person who knows: the account's owner.
"""

from django.template import loader

from accounts.extensions import transactional_email_send
from accounts.models import User


def security_notice_send(*, user: User, subject: str, template: str) -> None:
    """Through the outbox, in the caller's transaction; a person without an e-mail address gets none."""
    if user.email:
        body = loader.render_to_string(template, {"user": user})
        transactional_email_send(to_address=user.email, subject=subject, body=body)
