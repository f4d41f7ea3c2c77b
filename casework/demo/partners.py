"""Demo partners, their help (inzet) and sharing bases, so the pages show them after `make run`.

Written directly (like the rest of the demo builder), but always in the shape
the services would leave: every inzet has its status rows, every basis its
recorded event. One of gm.noord's families has help whose promised start has
passed without a start, so the signal on "Mijn gezinnen" shows at once.
"""

import datetime as dt
import random

from django.utils import timezone

from casework.models import Family, Member, MemberRole, Phase
from casework.partners.models import (
    BasisKind,
    EndReason,
    Inzet,
    InzetMessage,
    InzetStatus,
    InzetStatusChange,
    Partner,
    PartnerKind,
    SharingBasis,
    SharingBasisEvent,
)

DEMO_PARTNERS = [
    ("Jeugdhulp Oost", PartnerKind.ZORGAANBIEDER, "12345678", "40123456", "Marieke de Boer"),
    ("GGZ Jeugd Noord", PartnerKind.ZORGAANBIEDER, "23456789", "40234567", "Ahmed el Amrani"),
    ("Wijkteam Centrum", PartnerKind.GEMEENTE, "", "", "Tom Verbeek"),
    ("Raad voor de Kinderbescherming, regio Noord", PartnerKind.RAAD, "", "", ""),
    ("Veilig Thuis Regio Noord", PartnerKind.VEILIG_THUIS, "", "", ""),
]
# description, category, code, volume, unit, frequency
HELP = [
    ("Ambulante gezinsbehandeling", "45", "45A48", 3, "uur", "week", "Jeugdhulp Oost"),
    ("Traumabehandeling", "54", "54001", 1, "uur", "week", "GGZ Jeugd Noord"),
    ("Opvoedondersteuning", "45", "45A10", 2, "uur", "week", "Wijkteam Centrum"),
    ("Dagbehandeling", "44", "44A06", 3, "dagdeel", "week", "Jeugdhulp Oost"),
]


def _partners() -> dict[str, Partner]:
    partners = {}
    for name, kind, agb, kvk, contact in DEMO_PARTNERS:
        partners[name], _ = Partner.objects.get_or_create(
            name=name,
            defaults={"kind": kind, "agb_code": agb, "kvk_number": kvk, "contact_name": contact},
        )
    return partners


def _status(inzet, family, frm, to, on, author, reason="", note=""):
    return InzetStatusChange(
        inzet=inzet, family=family, from_status=frm, to_status=to, on=on, reason=reason, note=note, author=author
    )


def _help_for(family: Family, child: Member | None, spec, partner: Partner, fate: str, today: dt.date, rng):
    """One inzet with its history; `fate` is how far it got: overdue, waiting, started, stopped."""
    description, category, code, volume, unit, frequency, _partner = spec
    requested = max(family.opened_on, today - dt.timedelta(days=rng.randint(40, 120)))
    promised = requested + dt.timedelta(days=rng.randint(14, 30))
    if fate == "overdue":
        requested = min(requested, today - dt.timedelta(days=25))
        promised = today - dt.timedelta(days=rng.randint(5, 20))
    elif fate == "waiting":
        promised = today + dt.timedelta(days=rng.randint(7, 30))
    inzet = Inzet.objects.create(
        family=family,
        child=child,
        partner=partner,
        product_category=category,
        product_code=code,
        description=description,
        volume=volume,
        unit=unit,
        frequency=frequency,
        requested_on=requested,
        promised_start=max(promised, requested),
        status=InzetStatus.AANGEVRAAGD,
    )
    author = family.manager
    rows = [_status(inzet, family, "", InzetStatus.AANGEVRAAGD, requested, author)]
    if fate in ("overdue", "waiting"):
        rows.append(_status(inzet, family, InzetStatus.AANGEVRAAGD, InzetStatus.WACHTLIJST, requested, author))
        inzet.status = InzetStatus.WACHTLIJST
    if fate in ("started", "stopped"):
        start = min(max(inzet.promised_start, requested), today)
        rows.append(_status(inzet, family, InzetStatus.AANGEVRAAGD, InzetStatus.GESTART, start, author))
        inzet.status, inzet.actual_start = InzetStatus.GESTART, start
        if fate == "stopped":
            end = min(start + dt.timedelta(days=rng.randint(20, 60)), today)
            rows.append(
                _status(inzet, family, InzetStatus.GESTART, InzetStatus.GESTOPT, end, author, EndReason.VOLGENS_PLAN)
            )
            inzet.status, inzet.end_on, inzet.end_reason = InzetStatus.GESTOPT, end, EndReason.VOLGENS_PLAN
    InzetStatusChange.objects.bulk_create(rows)
    inzet.version = len(rows)
    inzet.save()
    if inzet.status == InzetStatus.GESTART:
        InzetMessage.objects.create(
            inzet=inzet, family=family, text="Eerste gesprekken gevoerd; het gezin doet goed mee.", author=author
        )
    return inzet


def _basis(family: Family, partner: Partner, today: dt.date, kind: str):
    values = {
        "purpose": "Afstemmen van de hulp in het gezinsplan",
        "start_on": max(family.opened_on, today - dt.timedelta(days=90)),
    }
    if kind == BasisKind.TOESTEMMING:
        values.update(
            consent_by="moeder en vader", consent_on=values["start_on"], consent_for="delen met de hulpverlener"
        )
    else:
        values["legal_reference"] = "artikel 7.1.1.1 Jeugdwet (uitvoering kinderbeschermingsmaatregel)"
    basis = SharingBasis.objects.create(family=family, partner=partner, kind=kind, author=family.manager, **values)
    SharingBasisEvent.objects.create(
        basis=basis, family=family, kind=SharingBasisEvent.Kind.VASTGELEGD, note=basis.purpose, author=family.manager
    )
    return basis


def add_partner_help(*, seed: int = 2026) -> dict[str, int]:
    """Partners for everyone; help and bases for a few open families without any yet."""
    rng = random.Random(seed)
    today = timezone.localdate()
    partners = _partners()
    open_families = (
        Family.objects.exclude(phase=Phase.AFGESLOTEN).filter(inzetten__isnull=True).select_related("manager")
    )
    own = list(open_families.filter(manager__username="gm.noord").order_by("pk")[:3])
    others = list(open_families.exclude(pk__in=[f.pk for f in own]).order_by("pk")[::6][:30])
    counts = {"partners": len(partners), "inzetten": 0, "grondslagen": 0}
    fates = ["overdue", "started", "stopped"]
    for n, family in enumerate(own + others):
        children = list(family.members.filter(role=MemberRole.JEUGDIGE)[:1])
        fate = fates[n % 3] if n < len(own) else rng.choice(["waiting", "started", "started", "stopped", "overdue"])
        spec = HELP[n % len(HELP)]
        partner = partners[spec[-1]]
        _help_for(family, children[0] if children else None, spec, partner, fate, today, rng)
        kind = BasisKind.TOESTEMMING if n % 2 == 0 else BasisKind.WETTELIJKE_TAAK
        _basis(family, partner, today, kind)
        counts["inzetten"] += 1
        counts["grondslagen"] += 1
    return counts
