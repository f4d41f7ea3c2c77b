from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app shares; its one table holds the claimed one-time tokens of creates."""

    name = "core"
    verbose_name = "Gedeelde onderdelen"

    def ready(self) -> None:
        # The deploy check that web nodes keep no shared state in process memory.
        from . import stateless  # noqa: F401
