from django.apps import AppConfig


class TeamsConfig(AppConfig):
    name = "teams"
    verbose_name = "Teamsessies"

    def ready(self) -> None:
        from casework import timeline, worklist

        from . import contributions

        timeline.register("teams.decisions", contributions.decision_timeline)
        worklist.register("teams.actions", contributions.open_actions)
