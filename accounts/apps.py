from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Mensen en teams"

    def ready(self) -> None:
        from .grants.account_kinds import register_account_kinds

        register_account_kinds()
        # The device-cookie receiver of the log-in lock-out (user_logged_in).
        from accounts import lockout  # noqa: F401
