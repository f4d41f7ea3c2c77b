from django.apps import AppConfig


class KwestiesConfig(AppConfig):
    name = "kwesties"
    verbose_name = "Kwesties"

    def ready(self) -> None:
        from casework import extensions as casework
        from teams import extensions as teams

        from . import contributions
        from .destruction import kwestie_notices_forget

        casework.TIMELINE.register("kwesties.family", contributions.family_timeline)
        casework.DESTROY.register("kwesties.notices", kwestie_notices_forget)
        casework.FAMILY_LINKS.register("kwesties.raise", contributions.family_links)
        casework.AGREEMENT_LINKS.register("kwesties.partner", contributions.agreement_links)
        casework.INZET_LINKS.register("kwesties.inzet", contributions.inzet_links)
        teams.SESSION_AGENDA.register("kwesties.open", contributions.session_standing_item)
