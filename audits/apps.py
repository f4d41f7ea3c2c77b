from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "audits"
    verbose_name = "Audits"

    def ready(self) -> None:
        from casework.extensions import READ_RULES

        from .access import sampled_families_rule

        # Auditors read the sampled files of an open audit, read-only (see audits.access).
        READ_RULES.register("audits.sample", sampled_families_rule)
