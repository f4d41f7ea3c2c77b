"""A kwestie about a destroyed file alone loses its title in the notices that quoted it.

The overdue notice (kwesties.tasks) puts the kwestie's title in the notification and its e-mail;
they link to the kwestie, not to the family, so the file's foreign keys do not reach them. When the
file is destroyed (casework.rights.destruction) and the kwestie with it, their text becomes a plain
sentence without the title, in the destroying transaction.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from casework.models import Family
from notifications.models import Notification, OutgoingEmail


def kwestie_notices_forget(*, family: Family, kwestie_ids: list[int]) -> None:
    urls = [reverse("kwesties:detail", args=[pk]) for pk in kwestie_ids]
    if not urls:
        return
    notices = Notification.objects.filter(url__in=urls)
    text = _("Een kwestie waarvan het dossier is vernietigd")
    OutgoingEmail.objects.filter(notification__in=notices).update(body=text)
    notices.update(text=text)
