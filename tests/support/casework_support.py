"""Family-file helpers shared by test modules: the pages of a family file with who may open them, contact data."""

from django.utils import timezone

from casework.models import Contact, Measure

# Status code per cast member for a GET; anyone not named gets 404.
READ = {"worker": 200, "colleague": 200, "teamleider": 200}
WRITE = {"worker": 200, "colleague": 403, "teamleider": 403}
PHASE = {"worker": 200, "colleague": 403, "teamleider": 200}
MANAGE = {"worker": 403, "colleague": 403, "teamleider": 200}
ACCESS_LOG = {"worker": 403, "colleague": 403, "teamleider": 200, "beheer": 200}


def family_pages(cast):
    f = cast.family
    contact = Contact.objects.filter(family=f).first()
    measure_child = f.members.filter(role="jeugdige").first()
    measure = Measure.objects.create(
        child=measure_child, kind="ots", court_decision_on="2026-01-05", start="2026-01-10"
    )
    member = f.members.first()
    person = f.network.first()
    return [
        ("casework:family_detail", {}, READ),
        ("casework:plan_detail", {}, READ),
        ("casework:plan_version", {"number": 1}, READ),
        ("casework:plan_compare", {}, READ),
        ("casework:contact_create", {}, WRITE),
        ("casework:contact_correct", {"contact_id": contact.pk}, WRITE),
        ("casework:contact_addendum", {"contact_id": contact.pk}, WRITE),
        ("casework:member_create", {}, WRITE),
        ("casework:member_edit", {"member_id": member.pk}, WRITE),
        ("casework:network_create", {}, WRITE),
        ("casework:network_edit", {"person_id": person.pk}, WRITE),
        ("casework:measure_create", {}, WRITE),
        ("casework:measure_edit", {"measure_id": measure.pk}, WRITE),
        ("casework:plan_create", {}, WRITE),
        ("casework:phase_change", {}, PHASE),
        ("casework:assign", {}, MANAGE),
        ("casework:substitution", {}, MANAGE),
        ("casework:access_log", {}, ACCESS_LOG),
    ]


def contact_data(**overrides):
    data = {
        "date": timezone.localdate(),
        "kind": "huisbezoek",
        "other_participants": "",
        "note": "Rustig gesprek.",
        "safety_score": 7,
        "safety_why": "Geen incidenten.",
        "safety_raise": "Vader doet mee.",
        "lijn_score": 5,
        "lijn_why": "Netwerk nog klein.",
        "lijn_raise": "Oma betrekken.",
    }
    data.update(overrides)
    return data
