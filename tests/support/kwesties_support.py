"""Kwesties helpers shared by test modules: one raised about the cast's family, and one walked up to the board."""

from kwesties import services


def raise_kwestie(cast, **extra):
    return services.kwestie_raise(
        actor=cast.worker,
        title="GGZ start de traumabehandeling niet",
        blocks="Sanne wacht al 14 weken; zonder behandeling blijft de veiligheid laag.",
        kind="wachtlijst",
        partner_name="GGZ Oost",
        families=[cast.family],
        **extra,
    )


def walk_to_board(cast, kwestie):
    kwestie = services.kwestie_escalate(actor=cast.worker, kwestie=kwestie, reason="Zelf niet op te lossen")
    kwestie = services.kwestie_escalate(actor=cast.colleague, kwestie=kwestie, reason="Team kan het niet oplossen")
    return services.kwestie_escalate(actor=cast.teamleider, kwestie=kwestie, reason="Bestuurlijk overleg nodig")
