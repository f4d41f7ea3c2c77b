"""Who hears of a kwestie's step: the one it now lies with, and the one who raised it.

A kwestie moves between people; a step nobody hears of waits unseen (the board's "Meldingen" showed only
report notices). So every escalation and hand-back tells the new owner (at board level the whole board,
which reads escalated kwesties together) and the raiser, and a solution or a close tells the raiser and
everyone who held it on the way. Never the one who took the step. By e-mail too, through the outbox
(notifications.services): the kwestie's number and level only. Its title is typed freely and may name a
family or a child, so it stays in the app, behind the link.
"""

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import OrgRole, User
from notifications.services import notification_send

from .models import Kwestie, Level, Status


def _tell(kwestie: Kwestie, *, users: Iterable[User | None], actor: User, text: str, subject: str) -> None:
    url = reverse("kwesties:detail", args=[kwestie.pk])
    seen: set[int] = {actor.pk}
    for user in users:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        notification_send(user=user, text=text, url=url, email_subject=subject)


def kwestie_moved_notify(*, kwestie: Kwestie, actor: User, escalated: bool) -> None:
    level = kwestie.get_level_display()
    owners: list[User | None] = [kwestie.owner]
    if kwestie.level == Level.BESTUUR:
        owners += list(User.objects.filter(org_role=OrgRole.BESTUUR, is_active=True).order_by("pk"))
    if escalated:
        text = _("Kwestie %(n)s is geëscaleerd naar %(l)s") % {"n": kwestie.pk, "l": level}
        subject = _("Kwestie geëscaleerd naar %(l)s") % {"l": level}
    else:
        text = _("Kwestie %(n)s is teruggegeven aan %(l)s, met het besluit") % {"n": kwestie.pk, "l": level}
        subject = _("Kwestie teruggegeven aan %(l)s") % {"l": level}
    _tell(kwestie, users=[*owners, kwestie.raised_by], actor=actor, text=text, subject=subject)


def kwestie_done_notify(*, kwestie: Kwestie, actor: User) -> None:
    """The raiser and everyone who held it on the way: what they carried has an outcome."""
    held = User.objects.filter(pk__in=kwestie.events.exclude(author__isnull=True).values("author")).order_by("pk")
    if kwestie.status == Status.SOLVED:
        text = _("Kwestie %(n)s is opgelost") % {"n": kwestie.pk}
        subject = _("Kwestie opgelost")
    else:
        text = _("Kwestie %(n)s is gesloten zonder oplossing") % {"n": kwestie.pk}
        subject = _("Kwestie gesloten")
    _tell(kwestie, users=[kwestie.raised_by, kwestie.owner, *held], actor=actor, text=text, subject=subject)
