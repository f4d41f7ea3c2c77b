"""What the teams app adds to the family file: decisions on the timeline, actions in Mijn gezinnen."""

from django.urls import reverse
from django.utils.translation import gettext as _

from casework.timeline import TimelineEntry
from casework.worklist import WorkItem

from .selectors import decision_is_final, decisions_for_family, open_actions_for_user


def decision_timeline(*, family, limit, user=None):
    entries = []
    for decision in decisions_for_family(family=family, limit=limit):
        session = decision.discussion.session
        final = decision_is_final(decision=decision)
        title = _("Besluit %(kind)s %(date)s") % {
            "kind": session.get_kind_display(),
            "date": f"{session.starts_at:%d-%m-%Y}",
        }
        if decision.is_heavy:
            state = _("definitief") if final else _("wacht op instemming gedragswetenschapper en teamleider")
            title += f" – {decision.get_heavy_display()} ({state})"
        lines = [decision.text]
        for action in decision.actions.all():
            status = _("gedaan") if action.done_at else _("open")
            lines.append(f"• {action.description} – {action.owner}, {action.due_on:%d-%m-%Y} ({status})")
        entries.append(
            TimelineEntry(
                at=decision.recorded_at,
                kind="decision",
                title=title,
                author=decision.recorded_by,
                body="\n".join(lines),
                obj=decision,
                extra={
                    "url": reverse("teams:session_minutes", kwargs={"session_id": session.pk}),
                    "link_text": _("naar het verslag"),
                    "pending": not final,
                },
            )
        )
    return entries


def open_actions(*, user):
    items = []
    for action in open_actions_for_user(user=user):
        items.append(
            WorkItem(
                title=action.description,
                family_id=action.family_id,
                family_name=action.family.name,
                due_on=action.due_on,
                source=_("actie uit teamsessie"),
                url=reverse("casework:family_detail", kwargs={"family_id": action.family_id}),
                pending=not decision_is_final(decision=action.decision),
            )
        )
    return items
