"""One denormalised row per family with what the list pages show first: the last contact and its scores.

"Mijn gezinnen", the team list and the team dashboard read this row instead of
running "latest contact" subqueries per family. It holds only facts of the past
that a new contact or a correction changes; what depends on today (days since,
overdue agreements, the centrale lijn of some weeks ago) is still computed when
a page is read. Phase and phase since are already denormalised on Family itself
by `family_change_phase`.

Written only by `casework.services.summary` (in the transaction of the contact it
follows, with the family row locked) and rebuilt set-based by
`manage.py rebuild_family_summaries`. A family without contacts has no row: the
pages read it through a LEFT JOIN, so no row means "nog geen".
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .contacts import Contact
from .family import Family


class FamilySummary(models.Model):
    family = models.OneToOneField(Family, on_delete=models.PROTECT, primary_key=True, related_name="summary")
    # The contact the "last" figures come from (the latest date, of one day the last recorded). No index on
    # either contact key: the pages read by family, and contacts are never deleted.
    last_contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="+", db_index=False)
    last_contact_on = models.DateField()
    last_safety = models.PositiveSmallIntegerField()
    last_lijn = models.PositiveSmallIntegerField()
    # The contact before it, for the change shown beside the scores; NULL when there is only one.
    prev_contact = models.ForeignKey(Contact, on_delete=models.PROTECT, null=True, related_name="+", db_index=False)
    prev_safety = models.PositiveSmallIntegerField(null=True)
    prev_lijn = models.PositiveSmallIntegerField(null=True)

    class Meta:
        verbose_name = _("gezinsoverzicht")
        verbose_name_plural = _("gezinsoverzichten")

    def __str__(self) -> str:
        return f"overzicht gezin {self.family_id}"
