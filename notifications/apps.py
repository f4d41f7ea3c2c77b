from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Meldingen"

    def ready(self) -> None:
        from accounts.extensions import TRANSACTIONAL_EMAIL

        from .services import outgoing_email_queue

        # The password-reset link goes out through the outbox too (accounts.passwords).
        TRANSACTIONAL_EMAIL.register("notifications", outgoing_email_queue)
