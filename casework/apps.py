from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = "Gezinsdossier"

    def ready(self) -> None:
        from .partners import contributions as partner_contributions
        from .timeline import providers as timeline_providers

        timeline_providers.register_all()
        partner_contributions.register_all()
