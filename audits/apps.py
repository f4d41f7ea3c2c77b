from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "audits"
    verbose_name = "Audits"

    def ready(self) -> None:
        from casework.access import register_read_rule

        from .access import sampled_families_rule

        # Auditors read the sampled files of an open audit, read-only (see audits.access).
        register_read_rule(sampled_families_rule)
