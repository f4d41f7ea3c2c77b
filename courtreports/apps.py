from django.apps import AppConfig


class CourtReportsConfig(AppConfig):
    name = "courtreports"
    verbose_name = "Rapporten aan de rechtbank"

    def ready(self) -> None:
        from . import contributions

        contributions.register_all()
