"""Optimistic concurrency: one rule for every edit of shared state.

Two people editing the same thing must never both see "opgeslagen" while the
later save silently drops the earlier one. So every edit carries the version
it started from (the form's hidden `version` field, or the API's If-Match);
the service locks the row (`select_for_update()`), compares that base version
with the current one inside the transaction, and either refuses with
`StaleEdit` (who saved, when, and what they saved, so the page can show both
versions side by side) or saves and moves the version on.

Where the thing edited is not one row but a series (the gezinsplan's
versions), the service raises `StaleEdit` itself with the current version's
number, author and values; the rule is the same.
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

VERSION_FIELD = "version"


class Versioned(models.Model):
    """A row edited by more than one person: its version, and who saved it last and when.

    A model whose `version` already means something else (a reflection's
    checklist version) overrides that field and names its counter in
    `version_attr`.
    """

    version_attr: ClassVar[str] = VERSION_FIELD
    version = models.PositiveIntegerField(default=1)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    saved_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def version_author(self, counter: str = "") -> str:
        """Who saved the current version, as the refusal names them (overridden where a system can save)."""
        saved_by = getattr(self, _counter_fields(self, counter)[1])
        return str(saved_by) if saved_by is not None else _("iemand anders")

    def version_saved_at(self, counter: str = "") -> dt.datetime | None:
        return getattr(self, _counter_fields(self, counter)[2])


def _counter_fields(obj: Versioned, counter: str) -> tuple[str, str, str]:
    """The (version, saved_by, saved_at) attributes of one of a row's counters.

    Most rows have one counter. A row whose parts are edited separately (a case
    discussion's casenote and its kernvragen) gives each part its own, named by
    a prefix (`answers` -> answers_version, answers_saved_by, answers_saved_at), so
    saving one part never makes a parallel edit of the other stale.
    """
    if not counter:
        return obj.version_attr, "saved_by", "saved_at"
    return f"{counter}_version", f"{counter}_saved_by", f"{counter}_saved_at"


def saved_at_text(saved_at: dt.datetime | None) -> str:
    """'om 14:32' today, 'op 03-12-2026 om 14:32' another day: what the refusal says about when."""
    if saved_at is None:
        return _("zojuist")
    local = timezone.localtime(saved_at)
    if local.date() == timezone.localdate():
        return _("om %(time)s") % {"time": local.strftime("%H:%M")}
    return _("op %(date)s om %(time)s") % {"date": local.strftime("%d-%m-%Y"), "time": local.strftime("%H:%M")}


class StaleEdit(ValidationError):
    """Someone else saved first: the edit started from an older version and is refused.

    A ValidationError, so a view that only knows `apply_service_errors` still
    shows the refusal and keeps the input; `core.views.apply_stale_edit` adds
    the other person's values beside the user's and moves the form's base
    version on, so the next save (after merging) goes through.
    """

    def __init__(
        self,
        *,
        current_version: int,
        saved_by: str,
        saved_at: dt.datetime | None,
        values: Mapping[str, Any],
        labels: Mapping[str, str] | None = None,
        mine: bool = False,
    ):
        self.current_version = current_version
        self.saved_by = saved_by
        self.saved_at = saved_at
        self.values = dict(values)
        self.labels = dict(labels or {})
        # The save in between was the user's own, from another tab or window: say so, not their name.
        self.mine = mine
        super().__init__(self.text(), code="stale")

    def text(self) -> str:
        when = saved_at_text(self.saved_at)
        who = {"who": self.saved_by, "when": when}
        if self.mine:
            first = _("U heeft dit zelf %(when)s in een ander venster opgeslagen.") % who
        elif not self.values:
            first = _("%(who)s heeft dit intussen gewijzigd (%(when)s).") % who
        else:
            first = _("%(who)s heeft dit intussen gewijzigd en %(when)s al opgeslagen.") % who
        if not self.values:  # a transition (a button, a status): nothing typed to compare
            return f"{first} " + _(
                "Uw wijziging is niet doorgevoerd: bekijk hoe het nu staat en probeer het zo nodig opnieuw."
            )
        return f"{first} " + _("Uw tekst staat hieronder nog; vergelijk en sla opnieuw op.")


def _same_user(user: Any, actor: Any) -> bool:
    return user is not None and actor is not None and getattr(user, "pk", user) == getattr(actor, "pk", actor)


def _current_value(obj: models.Model, name: str) -> Any:
    field = obj._meta.get_field(name)
    if field.many_to_many:
        return list(getattr(obj, name).all())
    return getattr(obj, name)


def check_base_version(
    obj: Versioned,
    *,
    base_version: int | None,
    fields: Iterable[str],
    extra: Mapping[str, tuple[str, Any]] | None = None,
    actor: Any = None,
    counter: str = "",
) -> None:
    """Refuse an edit that started from another version than the row has now.

    Call inside the transaction, after `select_for_update()` of `obj`, so no
    one can save between this check and the caller's save. `base_version`
    None means the caller compared versions itself (the API's If-Match) or
    writes no user's edit; web forms always send one (`BaseVersionField`).
    `extra` adds saved values kept in other rows, as name: (label, value); an
    empty label leaves the form field's own. `actor` (who saves now) lets the
    refusal say "U heeft dit zelf ..." when the save in between was their own;
    `counter` names the row's part being edited (`_counter_fields`).
    """
    version_attr, saved_by_attr, _at = _counter_fields(obj, counter)
    current = getattr(obj, version_attr)
    if base_version is None or base_version == current:
        return
    values = {name: _current_value(obj, name) for name in fields}
    values.update({name: value for name, (_label, value) in (extra or {}).items()})
    raise StaleEdit(
        current_version=current,
        saved_by=obj.version_author(counter),
        saved_at=obj.version_saved_at(counter),
        values=values,
        labels={name: label for name, (label, _value) in (extra or {}).items() if label},
        mine=_same_user(getattr(obj, f"{saved_by_attr}_id"), actor),
    )


def check_state_version(
    *,
    base_version: int | None,
    current_version: int,
    changed_by: Any,
    changed_at: dt.datetime | None,
    actor: Any = None,
    values: Mapping[str, Any] | None = None,
) -> None:
    """Refuse a transition (a status, a phase, a step) taken on a page showing a state that no longer holds.

    For a state whose changes are history rows (phase changes, a kwestie's
    events, an agreement's status changes): its version is the number of
    those rows, and the latest one says who changed it and when. Call inside
    the transaction after locking the row the history belongs to. A button has
    nothing typed to compare, so its refusal carries no values; a text saved
    as history (a worker's own reflection) passes the saved one in `values`.
    """
    if base_version is None or base_version == current_version:
        return
    raise StaleEdit(
        current_version=current_version,
        saved_by=str(changed_by) if changed_by is not None else _("iemand anders"),
        saved_at=changed_at,
        values=values or {},
        mine=_same_user(changed_by, actor),
    )


def check_history_version(
    *,
    history: models.QuerySet,
    base_version: int | None,
    actor: Any = None,
    at: str = "at",
    values: Mapping[str, Any] | None = None,
) -> None:
    """`check_state_version` for a state whose every change is an append-only history row.

    The version is the number of rows (it only grows); the newest row names
    who changed the state and when. The page shows `history_version()`.
    """
    if base_version is None:
        return
    current = history.count()
    if current == base_version:
        return
    latest = history.select_related("author").order_by(f"-{at}", "-pk").first()
    check_state_version(
        base_version=base_version,
        current_version=current,
        changed_by=getattr(latest, "author", None),
        changed_at=getattr(latest, at, None),
        actor=actor,
        values=values,
    )


def history_version(history: models.QuerySet) -> int:
    """The version a page showing this state starts from (see `check_history_version`)."""
    return history.count()


def mark_saved(obj: Versioned, *, actor: Any, counter: str = "") -> list[str]:
    """Move the version on and record who saved; returns the fields for `save(update_fields=...)`."""
    version_attr, saved_by_attr, saved_at_attr = _counter_fields(obj, counter)
    setattr(obj, version_attr, getattr(obj, version_attr) + 1)
    setattr(obj, saved_by_attr, actor)
    setattr(obj, saved_at_attr, timezone.now())
    return [version_attr, saved_by_attr, saved_at_attr]


class BaseVersionField(forms.IntegerField):
    """The hidden field holding the version an edit form started from."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("label", gettext_lazy("versie"))
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault(
            "error_messages",
            {"required": gettext_lazy("Deze pagina mist de versie waarvan u uitging. Open hem opnieuw.")},
        )
        super().__init__(**kwargs)


def add_base_version(form: forms.BaseForm, *, version: int) -> None:
    """Give an edit form its hidden base version (the version shown when it was opened)."""
    form.fields[VERSION_FIELD] = BaseVersionField(initial=version)


def base_version_of(form: forms.BaseForm) -> int | None:
    cleaned = getattr(form, "cleaned_data", None) or {}
    value = cleaned.get(VERSION_FIELD)
    return int(value) if value is not None else None
