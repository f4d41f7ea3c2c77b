from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = "Gezinsdossier"

    def ready(self) -> None:
        from . import partner_contributions, timeline_providers

        timeline_providers.register_all()
        partner_contributions.register_all()
