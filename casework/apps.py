from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = "Gezinsdossier"

    def ready(self) -> None:
        from .court import contributions as court_contributions
        from .documents import contributions as document_contributions
        from .drafts import recovery  # noqa: F401 (connects the log-in and log-out receivers)
        from .partners import contributions as partner_contributions
        from .rights import contributions as rights_contributions
        from .timeline import providers as timeline_providers

        timeline_providers.register_all()
        partner_contributions.register_all()
        document_contributions.register_all()
        court_contributions.register_all()
        rights_contributions.register_all()
