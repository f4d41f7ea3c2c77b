from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app shares; its one table holds the claimed one-time tokens of creates."""

    name = "core"
    verbose_name = "Gedeelde onderdelen"
