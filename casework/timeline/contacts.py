"""The contacts of the timeline, with what each shows of its participants, addenda and revisions.

The family page shows the newest contacts in full. Django's prefetch_related
builds a queryset per contact and relation; with fifty contacts and four
relations that was most of the page's Python time. Here each relation is one
flat query of only the columns shown, attached to its contact as a plain list:
the same five queries, a fraction of the work.
"""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ..models import Contact, ContactAddendum, ContactKind, ContactRevision, FamilyStatement


@dataclass(frozen=True)
class Note:
    """An addendum or an earlier version, as the timeline shows it."""

    at: Any
    author: str
    text: str = ""
    previous: dict | None = None
    reason: str = ""  # an earlier version: why it was corrected, when a request to correct it was granted


def _name(first: str, last: str, username: str) -> str:
    """What `str(user)` shows (User.__str__: the full name, else the username), from its columns."""
    return f"{first} {last}".strip() or username


def _through(name: str) -> Any:
    """The join table of one of Contact's many-to-many fields."""
    return Contact._meta.get_field(name).remote_field.through  # type: ignore[union-attr]  # a many-to-many field


_AUTHOR = ("author__first_name", "author__last_name", "author__username")


def contact_timeline(*, family, limit: int | None) -> list[Any]:
    """Newest first; each contact carries kind_label, day (d-m-Y), participant_names, network_names,
    addenda_shown and revisions_shown."""
    qs = family.contacts.select_related("author").order_by("-date", "-id")
    contacts = list(qs[:limit] if limit else qs)
    ids = [c.pk for c in contacts]
    members: dict[int, list[str]] = defaultdict(list)
    network: dict[int, list[str]] = defaultdict(list)
    addenda: dict[int, list[Note]] = defaultdict(list)
    revisions: dict[int, list[Note]] = defaultdict(list)
    statements: dict[int, list[Note]] = defaultdict(list)
    if ids:
        # The members in the order the participants relation has (Member.Meta.ordering).
        member_rows = (
            _through("participants")
            .objects.filter(contact_id__in=ids)
            .order_by(*[f"member__{f}" for f in ("role", "date_of_birth", "first_name")], "member_id")
        )
        for contact_id, first_name in member_rows.values_list("contact_id", "member__first_name"):
            members[contact_id].append(first_name)
        network_rows = (
            _through("network_participants")
            .objects.filter(contact_id__in=ids)
            .order_by("networkperson__name", "networkperson_id")
        )
        for contact_id, name in network_rows.values_list("contact_id", "networkperson__name"):
            network[contact_id].append(name)
        for contact_id, at, text, *author in (
            ContactAddendum.objects.filter(contact_id__in=ids)
            .order_by("at", "id")
            .values_list("contact_id", "at", "text", *_AUTHOR)
        ):
            addenda[contact_id].append(Note(at=at, author=_name(*author), text=text))
        for contact_id, at, previous, reason, *author in (
            ContactRevision.objects.filter(contact_id__in=ids)
            .order_by("at", "id")
            .values_list("contact_id", "at", "previous", "reason", *_AUTHOR)
        ):
            revisions[contact_id].append(Note(at=at, author=_name(*author), previous=previous, reason=reason))
        for contact_id, at, text, by_name in (
            FamilyStatement.objects.filter(contact_id__in=ids)
            .order_by("at", "id")
            .values_list("contact_id", "at", "text", "by_name")
        ):
            statements[contact_id].append(Note(at=at, author=by_name, text=text))
    kinds = {value: str(label) for value, label in ContactKind.choices}  # translated once, not per contact
    for c in contacts:
        c.kind_label = kinds.get(c.kind, c.kind)
        c.day = f"{c.date:%d-%m-%Y}"  # shown four times per contact, formatted once
        c.participant_names = members.get(c.pk, [])
        c.network_names = network.get(c.pk, [])
        c.addenda_shown = addenda.get(c.pk, [])
        c.revisions_shown = revisions.get(c.pk, [])
        c.statements_shown = statements.get(c.pk, [])
    return contacts
