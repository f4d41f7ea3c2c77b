"""What kwesties add elsewhere: the family timeline, the family page, the team session's agenda."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from casework.access import families_writable_by, known_access
from casework.timeline import TimelineEntry
from teams.sessions.agenda import StandingItem

from .models import Level, Status
from .selectors import kwesties_for_family, kwesties_open_for_team

SESSION_KWESTIES = 25  # open kwesties shown on a team session's agenda


def family_timeline(*, family, limit, user=None):
    """The family's kwesties; their text only for those on the kwestie's escalation path."""
    entries = []
    for k in kwesties_for_family(family=family, user=user, limit=limit):
        if k.readable:  # type: ignore[attr-defined]  # annotated by kwesties_for_family
            title = _("Kwestie: %(title)s (%(status)s, %(level)s)") % {
                "title": k.title,
                "status": k.get_status_display(),
                "level": k.get_level_display(),
            }
            extra = {"url": reverse("kwesties:detail", kwargs={"kwestie_id": k.pk}), "link_text": _("naar de kwestie")}
            entries.append(
                TimelineEntry(
                    at=k.raised_at, kind="kwestie", title=title, author=k.raised_by, body=k.resolution, extra=extra
                )
            )
        else:
            title = _("Er loopt een kwestie over dit gezin (%(status)s)") % {"status": k.get_status_display()}
            entries.append(TimelineEntry(at=k.raised_at, kind="kwestie", title=title))
    return entries


def _may_raise(*, family, user) -> bool:
    """Only who may write the file raises a kwestie about it; read-only readers (auditors) see no link.

    On the family page the facts fetched with the family answer it (casework.access.known_access);
    elsewhere the writable families are fetched once per user object (one request), so
    the links of many agreements, inzetten and worklist items cost one query.
    """
    known = known_access(user=user, family=family)
    if known is not None:  # the family page: the facts came with the family, no list of families needed
        return known.listed_writable(family)
    if "_kwestie_writable_ids" not in user.__dict__:
        user.__dict__["_kwestie_writable_ids"] = set(families_writable_by(user=user).values_list("pk", flat=True))
    return family.pk in user.__dict__["_kwestie_writable_ids"]


def family_links(*, family, user):
    if not _may_raise(family=family, user=user):
        return []
    url = reverse("kwesties:raise") + "?" + urlencode({"gezin": family.pk})
    return [(_("Kwestie inbrengen"), url)]


def session_standing_item(*, session, user):
    """The team's open kwesties: a standing part of every team session.

    The oldest SESSION_KWESTIES (the longest waiting come first); a team with more
    sees that there are more and finds them all in the team's list, so the
    session page costs the same however many kwesties a team holds.
    """
    kwesties = kwesties_open_for_team(team_id=session.team_id, limit=SESSION_KWESTIES + 1)
    levels, statuses = ({v: str(label) for v, label in c.choices} for c in (Level, Status))
    for k in kwesties:
        vars(k).update(level_label=levels.get(k.level, k.level), status_label=statuses.get(k.status, k.status))
    context = {"kwesties": kwesties[:SESSION_KWESTIES], "more": len(kwesties) > SESSION_KWESTIES}
    return StandingItem(title=_("Kwesties"), template="kwesties/_session_item.html", context=context)


def agreement_links(*, agreement, family, user):
    """A partner that does not deliver what was agreed: raise a kwestie about it, pre-filled."""
    if agreement.owner_kind != "partner" or agreement.status == "gedaan" or not _may_raise(family=family, user=user):
        return []
    # Ids only: the form reads the agreement through the access path (no family content in a URL).
    query = {"gezin": family.pk, "afspraak": agreement.pk}
    return [(_("Kwestie over deze partner"), reverse("kwesties:raise") + "?" + urlencode(query))]


def inzet_links(*, inzet, family, user):
    """Help promised to start that did not: raise a kwestie about that partner, pre-filled."""
    if not inzet.start_overdue or not _may_raise(family=family, user=user):
        return []
    query = {"gezin": family.pk, "inzet": inzet.pk}
    return [(_("Kwestie over deze partner"), reverse("kwesties:raise") + "?" + urlencode(query))]
