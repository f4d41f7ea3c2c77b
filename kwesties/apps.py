from django.apps import AppConfig


class KwestiesConfig(AppConfig):
    name = "kwesties"
    verbose_name = "Kwesties"

    def ready(self) -> None:
        from casework import family_links, timeline
        from teams import agenda

        from . import contributions

        timeline.register("kwesties.family", contributions.family_timeline)
        family_links.register("kwesties.raise", contributions.family_links)
        family_links.register_agreement_link("kwesties.partner", contributions.agreement_links)
        family_links.register_inzet_link("kwesties.inzet", contributions.inzet_links)
        agenda.register("kwesties.open", contributions.session_standing_item)
