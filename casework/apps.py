from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = "Gezinsdossier"

    def ready(self) -> None:
        from . import timeline_providers

        timeline_providers.register_all()
