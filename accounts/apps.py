from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Mensen en teams"

    def ready(self) -> None:
        from .grants.account_kinds import register_account_kinds

        register_account_kinds()

        _hide_second_factor_devices_from_the_admin()


def _hide_second_factor_devices_from_the_admin() -> None:
    """django-otp's admin shows each person's TOTP secret and recovery codes: nobody but the person may
    see them, functioneel beheer included. A lost second factor is reset (accounts.services), never read.

    The admin app is first in INSTALLED_APPS, so its autodiscovery has registered them by now.
    """
    from django.contrib import admin
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for model in (TOTPDevice, StaticDevice):
        if admin.site.is_registered(model):
            admin.site.unregister(model)
    # Passkeys likewise: they are added by their owner and removed only by a reset.
    for model in [m for m in admin.site._registry if m._meta.app_label == "django_otp_webauthn"]:
        admin.site.unregister(model)
