from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app shares; it has no tables of its own."""

    name = "core"
    verbose_name = "Gedeelde onderdelen"
