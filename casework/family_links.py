"""Extra actions other apps put on the family page (e.g. "Kwestie inbrengen").

The providers are registered in `casework.extensions` from the apps' `AppConfig.ready()`.
"""

from .extensions import AGREEMENT_LINKS, FAMILY_LINKS, INZET_LINKS, Links


def family_links(*, family, user) -> Links:
    return [link for provider in FAMILY_LINKS for link in provider(family=family, user=user)]


def agreement_links(*, agreement, family, user) -> Links:
    return [link for provider in AGREEMENT_LINKS for link in provider(agreement=agreement, family=family, user=user)]


def inzet_links(*, inzet, family, user) -> Links:
    return [link for provider in INZET_LINKS for link in provider(inzet=inzet, family=family, user=user)]
