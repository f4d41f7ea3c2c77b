from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Teamrapportages"

    def ready(self) -> None:
        from casework import extensions as casework

        from .destruction import reports_forget_family

        casework.DESTROY.register("reports.forget_family", reports_forget_family)
