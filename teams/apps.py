from django.apps import AppConfig


class TeamsConfig(AppConfig):
    name = "teams"
    verbose_name = "Teamsessies"

    def ready(self) -> None:
        from casework.extensions import TIMELINE, WORKLIST

        from .sessions import contributions

        TIMELINE.register("teams.decisions", contributions.decision_timeline)
        WORKLIST.register("teams.actions", contributions.open_actions)
