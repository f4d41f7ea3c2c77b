"""A family's whole file as one export for inzage or a copy (AVG art. 15): its parts, each item with an id
so it can be left out (redacted) with a reason, as a readable PDF and as a ZIP of JSON files.

The parts: the family and its members, the network, measures with their periods, every plan version with
its agreements, every contact with both scores and their reasons, the partners' help, the sharing bases,
the documents (a list), the timeline (which carries what other apps add: team decisions, kwesties,
court reports) and the access log of who viewed the file.
"""

import io
import json
import zipfile
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from core.pdf import render_pdf
from privacy.selectors import access_log_for_family

from ..court.selectors import family_measures
from ..documents.models import Document
from ..models import Contact, Family, Member, NetworkPerson, PlanVersion
from ..partners.models import Inzet, SharingBasis
from ..timeline import family_timeline
from .models import FamilyStatement, FileExport

Item = dict[str, Any]
PART_TITLES = {
    "gezinsleden": "Gezinsleden",
    "netwerk": "Netwerk",
    "maatregelen": "Maatregelen",
    "gezinsplan": "Gezinsplan (alle versies)",
    "contacten": "Contactmomenten en scores",
    "hulp": "Hulp van partners",
    "grondslagen": "Delen met partners (grondslagen)",
    "documenten": "Documenten",
    "tijdlijn": "Tijdlijn (besluiten, kwesties, rapporten en meer)",
    "inzage": "Wie heeft dit dossier ingezien",
}


def _d(day) -> str:
    return f"{day:%d-%m-%Y}" if day else ""


# What a youth's own request holds: what concerns the child (its measures, contacts it took part in, help and
# documents about it, the plan it lives under, who viewed the file), not the others' data or the family's timeline.
CHILD_PARTS = ("gezinsleden", "maatregelen", "gezinsplan", "contacten", "hulp", "documenten", "inzage")


def export_parts(*, export: FileExport) -> dict[str, list[Item]]:
    """The parts this export gives: a child's own part for a child's request, the chosen parts otherwise."""
    parts = file_parts(family=export.family, child=export.child)
    given = set(export.parts) or set(PART_TITLES)
    if export.child_id:
        given &= set(CHILD_PARTS)
    return {key: items for key, items in parts.items() if key in given}


def file_parts(*, family: Family, child: Member | None = None) -> dict[str, list[Item]]:
    """Every part of the file, each item with its `id` (for redaction) and its fields as text; with `child`,
    only the items about that child where a part has them per child."""
    members = [
        {"id": m.pk, "naam": str(m), "rol": m.get_role_display(), "geboren": _d(m.date_of_birth)}
        for m in Member.objects.filter(family=family).order_by("role", "date_of_birth", "pk")
        if child is None or m.pk == child.pk
    ]
    network = [
        {"id": n.pk, "naam": n.name, "relatie": n.relation, "bijdrage": n.contribution, "telefoon": n.phone}
        for n in NetworkPerson.objects.filter(family=family).order_by("name", "pk")
    ]
    measures = [
        {
            "id": m.pk,
            "maatregel": m.get_kind_display(),
            "jeugdige": str(m.child),
            "periodes": "; ".join(
                f"{p.get_kind_display()} {_d(p.start)} – {_d(p.end)}"
                + (f" ({p.ruling.court}, {p.ruling.case_number})" if p.ruling else "")
                for p in m.periods.all()
            ),
            "beeindigd": _d(m.ended_on),
        }
        for m in family_measures(family=family)
        if child is None or m.child_id == child.pk
    ]
    plans = [
        {
            "id": p.pk,
            "versie": p.number,
            "datum": _d(timezone.localtime(p.created_at).date()),
            "zorgen": p.zorgen,
            "krachten": p.krachten,
            "centrale lijn": p.centrale_lijn,
            "doelen": p.goals,
            "veiligheidsafspraken": p.safety_agreements,
            "afspraken": "; ".join(
                f"{a.description} ({a.owner_label}, {a.get_status_display()})" for a in p.agreements.all()
            ),
        }
        for p in PlanVersion.objects.filter(family=family).prefetch_related("agreements").order_by("number")
    ]
    disputed: dict[int, list[str]] = {}
    for contact_id, by_name, text in (
        FamilyStatement.objects.filter(family=family, contact__isnull=False)
        .order_by("at", "id")
        .values_list("contact_id", "by_name", "text")
    ):
        disputed.setdefault(contact_id, []).append(f"{by_name}: {text}")
    contacts = [
        {
            "id": c.pk,
            "datum": _d(c.date),
            "soort": c.get_kind_display(),
            "notitie": c.note,
            "veiligheid": c.safety_score,
            "waarom veiligheid": c.safety_why,
            "nodig veiligheid": c.safety_raise,
            "centrale lijn": c.lijn_score,
            "waarom centrale lijn": c.lijn_why,
            "nodig centrale lijn": c.lijn_raise,
            # A parent's own words are theirs: not in a child's own part.
            "eigen verklaring gezin": " ".join(disputed.get(c.pk, [])) if child is None else "",
        }
        for c in _about(Contact.objects.filter(family=family), child, "participants").order_by("date", "id")
    ]
    help_ = [
        {"id": i.pk, "hulp": i.description, "partner": str(i.partner), "status": i.get_status_display()}
        for i in _about(Inzet.objects.filter(family=family), child, "child")
        .select_related("partner")
        .order_by("requested_on", "pk")
    ]
    bases = [
        {"id": b.pk, "partner": str(b.partner), "soort": b.get_kind_display(), "doel": b.purpose}
        for b in SharingBasis.objects.filter(family=family).select_related("partner").order_by("pk")
    ]
    documents = [
        {"id": d.pk, "datum": _d(d.dated_on), "titel": d.title, "soort": d.get_kind_display(), "door": d.written_by}
        for d in _about(Document.objects.filter(family=family), child, "child").order_by("dated_on", "pk")
    ]
    timeline = [
        {"id": n, "datum": _d(timezone.localtime(e.at).date()), "wat": e.title, "tekst": e.body}
        for n, e in enumerate(reversed(family_timeline(family=family, limit=None)), start=1)
        if e.kind != "contact"  # the contacts are a part of their own
    ]
    log = [
        {
            "id": e.pk,
            "tijdstip": f"{timezone.localtime(e.at):%d-%m-%Y %H:%M}",
            "wie": str(e.user) if e.user else e.client,
            "handeling": e.get_action_display(),
            "wat": e.what,
        }
        for e in access_log_for_family(family_id=family.pk)[:5000]
    ]
    return {
        "gezinsleden": members,
        "netwerk": network,
        "maatregelen": measures,
        "gezinsplan": plans,
        "contacten": contacts,
        "hulp": help_,
        "grondslagen": bases,
        "documenten": documents,
        "tijdlijn": timeline,
        "inzage": log,
    }


def _about(queryset, child: Member | None, field: str):
    return queryset if child is None else queryset.filter(**{field: child}).distinct()


def redacted_parts(*, export: FileExport) -> tuple[dict[str, list[Item]], dict[str, int]]:
    """The parts with every redacted item left out, and how many were left out per part."""
    left_out = set(export.redactions.values_list("part", "item_id"))
    kept: dict[str, list[Item]] = {}
    counts: dict[str, int] = {}
    for part, items in export_parts(export=export).items():
        kept[part] = [i for i in items if (part, i["id"]) not in left_out]
        counts[part] = len(items) - len(kept[part])
    return kept, counts


def export_pdf(*, export: FileExport) -> bytes:
    parts, counts = redacted_parts(export=export)
    sections = [(PART_TITLES[k], parts[k], counts[k]) for k in PART_TITLES if k in parts]
    context = {
        "export": export,
        "family": export.family,
        "sections": sections,
        "printed_at": timezone.localtime(),
        "scope": scope_line(export=export) if export.child_id or export.scope_note else "",
    }
    return render_pdf(template_name="rights/export_pdf.html", context=context)


def export_zip(*, export: FileExport) -> bytes:
    parts, counts = redacted_parts(export=export)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, items in parts.items():
            archive.writestr(f"{part}.json", json.dumps(items, ensure_ascii=False, indent=2))
        readme = _("Dossier %(ref)s, samengesteld op %(d)s. Weggelaten onderdelen per deel: %(n)s.") % {
            "ref": export.family.reference,
            "d": f"{timezone.localtime():%d-%m-%Y}",
            "n": ", ".join(f"{k}: {v}" for k, v in counts.items() if v) or _("geen"),
        }
        if export.child_id or export.scope_note:
            readme += "\n" + scope_line(export=export)
        archive.writestr("LEESMIJ.txt", readme)
    return out.getvalue()


def scope_line(*, export: FileExport) -> str:
    """What this export gives, in one sentence for its reader (shown in the PDF and the ZIP)."""
    if export.child_id:
        return _("Alleen wat %(child)s betreft (verzoek van de jeugdige zelf).") % {"child": export.child}
    return _("Verstrekt: %(parts)s. %(note)s") % {
        "parts": ", ".join(PART_TITLES[k].lower() for k in PART_TITLES if k in (export.parts or PART_TITLES)),
        "note": export.scope_note,
    }
