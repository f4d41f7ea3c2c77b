"""Crawling every page of the HTML site as each role of the cast.

`world` gives every page something to show: the cast's family with members, a
network person, a measure, a plan with agreements (one with a partner), an
inzet whose promised start passed, a sharing basis, a kwestie walked up to the
board, a team session with the family on its agenda and a decision with an
action, an open audit that sampled the family, the three kinds of report, a
reflection and a notification. `html_urls` walks config.urls and fills every
path parameter from that world; a page that cannot be filled is named in
`NOT_CRAWLED` with the reason, so nothing is skipped silently.
"""

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.models import TeamRole
from audits.models import AuditStatus
from casework.court import services as court_services
from casework.models import Agreement, Contact, Family, Member, NetworkPerson
from courtreports import services as court_report_services
from kwesties.models import Kwestie
from notifications.services import notification_send
from reports import services as report_services
from reports.models import ReportKind
from reports.periods import last_month, last_week
from teams.models import CaseDiscussion, Decision
from teams.sessions import services as session_services
from tests.support import audits_support, court_support, documents_support
from tests.support.factories import (
    AgreementFactory,
    ContactFactory,
    FamilyFactory,
    MemberFactory,
    MembershipFactory,
    UserFactory,
)
from tests.support.grants_support import propose_membership
from tests.support.kwesties_support import raise_kwestie, walk_to_board
from tests.support.partners_support import make_basis, make_inzet, make_partner
from tests.support.reflection_helpers import hold

# URL prefixes that are not the HTML site of this crawl, with the reason.
NOT_CRAWLED = {
    "admin/": "functioneel beheer's Django admin registers no family data (DESIGN §4); it has its own tests",
    "api/": "the partner REST API is JSON, logged by api/services.py with channel api and tested in tests/api",
}


# Pages left out by name, with the reason: the same data as a crawled page, in a form this crawl cannot read.
NOT_CRAWLED_PAGES = {
    "reports:pdf": "the PDF of reports:detail (crawled), logged as afdrukken by the same view; tests/reports",
    "audits:report_pdf": "the PDF of audits:report (crawled); tests/audits renders it",
    "password_reset_confirm": "the one-time link of a reset e-mail, for a logged-out person; no family data "
    "(tests/accounts/test_passwords.py follows it)",
}


@dataclass
class World:
    cast: Any
    senior: Any
    gw: Any
    agreement: Agreement
    partner_agreement: Agreement
    inzet: Any
    basis: Any
    measure: Any
    kwestie: Kwestie
    session: Any
    discussion: CaseDiscussion
    decision: Decision
    audit: Any
    reports: dict
    reflection: Any
    extra: dict = field(default_factory=dict)

    def params(self) -> dict[str, int]:
        family = self.cast.family
        return {
            "family_id": family.pk,
            "contact_id": Contact.objects.filter(family=family).earliest("pk").pk,
            "member_id": Member.objects.filter(family=family).earliest("pk").pk,
            "person_id": NetworkPerson.objects.filter(family=family).earliest("pk").pk,
            "measure_id": self.measure.pk,
            "number": family.current_plan.number,
            "agreement_id": self.partner_agreement.pk,
            "inzet_id": self.inzet.pk,
            "basis_id": self.basis.pk,
            "session_id": self.session.pk,
            "discussion_id": self.discussion.pk,
            "decision_id": self.decision.pk,
            "kwestie_id": self.kwestie.pk,
            "audit_id": self.audit.pk,
            "position": 1,
            "report_id": self.reports["week"].pk,
            "reflection_id": self.reflection.pk,
            "worker_id": self.cast.worker.pk,
            "kind_key": "membership",
            "proposal_id": self.extra["proposal"].pk,
            "request_id": self.extra["court_request"].pk,
            "destruction_id": self.extra["destruction"].pk,
            "document_id": self.extra["document"].pk,
            "stay_id": self.extra["stay"].pk,
            "hearing_id": self.extra["hearing"].pk,
            "key": "analyse",
            "fmt": "pdf",
            "role": "teamleider",
        }

    def params_for(self, name: str) -> dict[str, int]:
        """Per page overrides: two apps call their action `action_id`."""
        values = self.params()
        if name == "teams:action_complete":
            values["action_id"] = self.decision.actions.earliest("pk").pk
        elif name == "audits:action_status":
            values["action_id"] = self.audit.actions.earliest("pk").pk
        elif name.startswith("courtreports:"):
            values["report_id"] = self.extra["court_report"].pk  # the reports app calls its own report_id too
        elif name.startswith("rights:"):
            values["request_id"] = self.extra["privacy_export"].request_id  # court requests are request_id too
        return values


def _destruction_proposal(cast):
    from casework.models import FileDestruction

    return FileDestruction.objects.create(family=cast.family, proposed_on=cast.family.opened_on)


def _released_export(cast):
    """An inzage request of the family with its file put together and released (the register's pages)."""
    from casework.rights import services as rights

    request = rights.privacy_request_register(
        actor=cast.teamleider,
        family=cast.family,
        kind="inzage",
        requester_name="Petra de Vries",
        requester_relation="ouder",
        received_on=timezone.localdate(),
    )
    return rights.file_export_release(
        actor=cast.teamleider, export=rights.file_export_start(actor=cast.teamleider, request=request)
    )


def build_world(cast) -> World:
    """Everything a page may show, through the real services where the rules matter."""
    team = cast.family.team
    senior = MembershipFactory(team=team, role=TeamRole.SENIOR, user__username="senior").user
    gw = MembershipFactory(team=team, role=TeamRole.GEDRAGSWETENSCHAPPER, user__username="gw").user
    family = cast.family
    MemberFactory(family=cast.other_family, first_name="Emre", role="jeugdige")
    # More families of Team Noord, so pickers and team lists have names to show that are not on any agenda.
    for manager, name, child in ((cast.colleague, "Gezin Bulut", "Quirijn"), (cast.worker, "Gezin Pranoto", "Xandra")):
        other = FamilyFactory(team=team, manager=manager, name=name)
        MemberFactory(family=other, first_name=child, role="jeugdige")
        ContactFactory(family=other, safety_score=3)
    plan = family.current_plan
    partner = make_partner("Praktijk Duinzicht")
    agreement = AgreementFactory(plan=plan, description="Moeder belt elke week de school van Sanne")
    partner_agreement = AgreementFactory(
        plan=plan,
        description="Kindgesprekken met Dean over de scheiding",
        owner_kind="partner",
        owner_name="Praktijk Duinzicht",
        partner=partner,
        due_on=timezone.localdate() - dt.timedelta(days=3),
    )
    inzet = make_inzet(family=family, partner=partner, days_ago=40, promised_in=10)
    basis = make_basis(family=family, partner=partner)
    sanne = Member.objects.get(family=family, first_name="Sanne")
    measure = court_support.ots(
        actor=cast.worker,
        family=family,
        start=timezone.localdate() - dt.timedelta(days=100),
        end=timezone.localdate() + dt.timedelta(days=200),
    )
    assert measure.child == sanne
    court_request = court_services.court_request_create(
        actor=cast.worker, family=family, kind="verlenging", measure=measure
    )
    document = documents_support.store(actor=cast.worker, family=family, title="Beschikking OTS Sanne")
    stay = court_services.stay_record(
        actor=cast.worker, family=family, child=sanne, kind="netwerkpleeggezin", start=timezone.localdate()
    )
    hearing = court_services.hearing_plan(
        actor=cast.worker,
        family=family,
        kind="verlenging",
        starts_at=timezone.now() + dt.timedelta(days=7),
        court="Rechtbank Noord-Nederland",
        request=court_request,
        invited_members=[sanne],
    )
    ContactFactory(family=family, note="Dean vertelde over de ruzies thuis", safety_score=2)
    kwestie = walk_to_board(cast, raise_kwestie(cast))
    session = session_services.session_create(  # held an hour ago: its decision is recorded
        actor=cast.teamleider, team=team, starts_at=timezone.now() - dt.timedelta(hours=1)
    )
    discussion = session_services.discussion_add(
        actor=cast.teamleider, session=session, family=family, question="Blijft Sanne veilig bij de scheiding?"
    )
    session_services.session_publish(actor=cast.teamleider, session=session)
    decision = session_services.decision_record(
        actor=cast.teamleider,
        discussion=discussion,
        text="Netwerkberaad met oma Bakker plannen",
        actions=[{"description": "Oma Bakker bellen", "owner": cast.worker, "due_on": timezone.localdate()}],
    )
    audit = audits_support.plan(cast, sample_size=5)
    audit = audits_support.to_preparation(cast, audit)
    from audits import services as audit_services

    audit_services.action_add(
        actor=cast.auditor,
        audit=audit,
        description="Elke casus binnen een week bespreken",
        owner=cast.teamleider,
        due_on=timezone.localdate() + dt.timedelta(days=60),
    )
    assert audit.status == AuditStatus.PREPARATION and audit.sampled_files.filter(family=family).exists()
    week, month = last_week(timezone.localdate()), last_month(timezone.localdate())
    ContactFactory(family=family, date=week[1], safety_score=2)  # a signal: the weekly report names the family
    reports = {
        "week": report_services.report_generate(kind=ReportKind.WEEK_TEAM, team=team, period_start=week[0]),
        "month": report_services.report_generate(kind=ReportKind.MONTH_TEAM, team=team, period_start=month[0]),
        "board": report_services.report_generate(kind=ReportKind.MONTH_BOARD, period_start=month[0]),
    }
    reflection = hold(senior, cast.worker)
    notification_send(user=cast.worker, text="Er is een nieuwe taak voor je", url=reverse("casework:my_families"))
    return World(
        cast=cast,
        senior=senior,
        gw=gw,
        agreement=agreement,
        partner_agreement=partner_agreement,
        inzet=inzet,
        basis=basis,
        measure=measure,
        kwestie=kwestie,
        session=session,
        discussion=discussion,
        decision=decision,
        audit=audit,
        reports=reports,
        reflection=reflection,
        # An open proposal: a new colleague for the family's team, proposed by beheer (no family data on its pages).
        extra={
            "proposal": propose_membership(by=cast.beheer, user=UserFactory(username="nieuw"), team=team),
            "court_request": court_request,
            "document": document,
            "stay": stay,
            "hearing": hearing,
            "court_report": court_report_services.report_start(actor=cast.worker, request=court_request),
            "privacy_export": _released_export(cast),
            # A proposal to destroy the family's file (shown, never carried out, by the crawl).
            "destruction": _destruction_proposal(cast),
        },
    )


def _patterns(resolver: URLResolver, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str, URLPattern]]:
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if any(route.startswith(skipped) for skipped in NOT_CRAWLED):
                continue
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace or namespace
            yield from _patterns(entry, route, inner or "")
        elif any(route.lstrip("^").startswith(skipped) for skipped in NOT_CRAWLED):
            continue
        else:
            yield route, f"{namespace}:{entry.name}" if namespace else entry.name, entry


def html_urls(world: World) -> list[tuple[str, str]]:
    """(name, url) of every page of the HTML site, path parameters filled, plus the pre-filled forms."""
    urls = []
    for route, name, _entry in _patterns(get_resolver()):
        if name in NOT_CRAWLED_PAGES:
            continue
        wanted = re.findall(r"<(?:\w+:)?(\w+)>", route)
        values = world.params_for(name)
        missing = [w for w in wanted if w not in values]
        assert not missing, f"{name} ({route}) needs {missing}: fill it in World.params or list it in NOT_CRAWLED"
        urls.append((name, reverse(name, kwargs={w: values[w] for w in wanted})))
    family = world.cast.family
    raise_url = reverse("kwesties:raise")
    urls += [
        ("kwesties:raise (gezin)", f"{raise_url}?gezin={family.pk}"),
        ("kwesties:raise (inzet)", f"{raise_url}?gezin={family.pk}&inzet={world.inzet.pk}"),
        ("kwesties:raise (afspraak)", f"{raise_url}?gezin={family.pk}&afspraak={world.partner_agreement.pk}"),
        ("reports:detail (month)", reverse("reports:detail", args=[world.reports["month"].pk])),
        ("reports:detail (board)", reverse("reports:detail", args=[world.reports["board"].pk])),
    ]
    return urls


def family_names() -> dict[int, set[str]]:
    """Per family: its name and reference, and every member's and network person's name."""
    names: dict[int, set[str]] = {f.pk: {f.name, f.reference} for f in Family.objects.all()}
    for m in Member.objects.all():
        names[m.family_id] |= {m.first_name, f"{m.first_name} {m.last_name}"}
    for p in NetworkPerson.objects.all():
        names[p.family_id].add(p.name)
    return names


def family_free_text() -> set[str]:
    """Free text of the families' records that must never travel in a URL."""
    texts: set[str] = set()
    for a in Agreement.objects.all():
        texts |= {a.description, a.owner_name}
    for c in Contact.objects.all():
        texts |= {c.note, c.safety_why, c.safety_raise, c.lijn_why, c.lijn_raise}
    for k in Kwestie.objects.all():
        texts |= {k.title, k.blocks}
    for d in CaseDiscussion.objects.all():
        texts |= {d.question, d.casenote}
    for d in Decision.objects.all():
        texts.add(d.text)
    return {t for t in texts if t and len(t) >= 4}


def raw_text(response) -> str:
    """The response's HTML or CSV as sent. PDFs are checked by their own tests."""
    kind = response.get("Content-Type", "")
    if not kind.startswith(("text/html", "text/csv", "text/plain")):
        return ""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode("utf-8", errors="replace")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for key, value in attrs:
            if value and (key in ("href", "action", "formaction", "src", "hx-get", "hx-post", "data-url")):
                self.links.append(value)


def links_in(response, body: str) -> list[str]:
    """Every href, form action and redirect Location of a response (`body`: its raw HTML)."""
    links = []
    if response.get("Location"):
        links.append(response["Location"])
    if body and response.get("Content-Type", "").startswith("text/html"):
        parser = _Links()
        parser.feed(body)
        links += parser.links
    return links
