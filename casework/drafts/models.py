"""A draft per (author, form, object), and a post kept when it arrived after the session expired.

Neither is history: a draft is replaced while its author types and removed
once the form is saved, so these rows are not append-only and they cascade
with their author (and family).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Draft(models.Model):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("auteur")
    )
    # Which form ("contact", "plan", "kwestie", ...) and which object it edits
    # ("family:12", "discussion:7"): one draft per author for each.
    form_key = models.CharField(_("formulier"), max_length=50)
    object_key = models.CharField(_("object"), max_length=100)
    # Set where the form is about a family: opening the draft then needs that family's access.
    family = models.ForeignKey(
        "casework.Family", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("gezin")
    )
    # The form's fields as posted: {name: [values]}, so multiple choices and formsets come back as typed.
    data = models.JSONField(_("inhoud"))
    updated_at = models.DateTimeField(_("bijgewerkt"), db_index=True)

    class Meta:
        verbose_name = _("concept")
        verbose_name_plural = _("concepten")
        constraints = [
            models.UniqueConstraint(fields=["author", "form_key", "object_key"], name="draft_one_per_form"),
        ]

    def __str__(self) -> str:
        return f"{self.form_key} {self.object_key} ({self.author_id})"


class KeptPost(models.Model):
    """A form post that arrived after its session expired, waiting for the same user to log in again.

    Found only through the signed id in a cookie of the browser that posted
    it (never through the URL), and turned into a draft only for the user
    who posted it.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=500)
    data = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("bewaarde invoer")
        verbose_name_plural = _("bewaarde invoer")

    def __str__(self) -> str:
        return f"{self.path} ({self.user_id})"
