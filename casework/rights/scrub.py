"""What destroying a file removes: every text of every row that belongs to the family, found by walking.

Why walk instead of listing tables: a list goes stale the day someone adds a model with a note field,
and the file would then keep that note forever. So the plan follows every foreign key (hidden ones
too) from the family outwards and blanks every free-text field it finds: char, text, JSON and file
fields without choices. What is kept is named here (`KEEP`) or is a key (a unique field), and a test
holds that list against the models, so a new kept field is a decision someone wrote down.

Numbers, dates, choices and foreign keys stay: the team figures, the stored reports and the audits
count rows, and the access log's rows keep their family ids, which no longer resolve to a name.
A date of birth becomes the first of January of its year (`YEAR_ONLY`): the age figures still count
the child, and a year alone names nobody. Drafts and kept posts are deleted, stored documents too.

A kwestie about several families keeps its text (it is about the others as well) and loses only
its link to this family; a kwestie about this family alone is blanked like the rest of the file.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Q

from core.models import AppendOnlyModel

# Kept: what a tombstone or a figure still needs, and codes that name nobody ("app_label.Model.field").
KEEP = frozenset(
    {
        "casework.Family.reference",  # the dossier number: what the tombstone is found by
        "casework.Document.content_type",
        "casework.Document.sha256",
        "casework.Inzet.product_category",  # the iJw product code: counted in the figures
        "casework.Inzet.product_code",
        "casework.InzetMessage.client_id",  # the partner's id of its own message, no words
        "casework.InzetStatusChange.client_id",
        "casework.PrivacyRequestEvent.step",
        "casework.Redaction.part",
        "casework.CourtRuling.court",  # the court's name, not the family's
        "casework.CourtRequest.court",
        "casework.Hearing.court",
    }
)
# Dates that name a person, kept as their year only (ordinary tables: an ORM update does it).
YEAR_ONLY = frozenset({"casework.Member.date_of_birth"})
# Replaced by a fixed word where an empty text would read as a mistake on the rows that stay.
REPLACE = {"casework.Family.name": "vernietigd dossier"}
# The record of the destruction itself is what stays.
EXEMPT = frozenset({"casework.FileDestruction", "casework.FileDestructionEvent", "casework.FileTombstone"})
DELETE = frozenset({"casework.Draft"})
SHARED = "kwesties.Kwestie"  # several families: see the module docstring
MAX_DEPTH = 6

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField, models.FileField)


def _label(model: type[models.Model], name: str = "") -> str:
    label = model._meta.label
    return f"{label}.{name}" if name else label


def _unique_names(model: type[models.Model]) -> set[str]:
    meta: Any = model._meta
    names = {f.name for f in meta.concrete_fields if f.unique}
    for fields in meta.unique_together:
        names.update(fields)
    for constraint in meta.constraints:
        if isinstance(constraint, models.UniqueConstraint):
            names.update(constraint.fields)
    return names


def scrubbed_fields(model: type[models.Model]) -> list[models.Field]:
    """The free-text fields of `model` that destruction blanks."""
    unique = _unique_names(model)
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, TEXT_FIELDS)
        and not f.choices
        and not f.primary_key
        and f.name not in unique
        and _label(model, f.name) not in KEEP
    ]


def kept_fields(model: type[models.Model]) -> list[str]:
    """The free-text fields that stay, and why: in KEEP or a key."""
    scrubbed = {f.name for f in scrubbed_fields(model)}
    return [
        _label(model, f.name)
        for f in model._meta.concrete_fields
        if isinstance(f, TEXT_FIELDS) and not f.choices and not f.primary_key and f.name not in scrubbed
    ]


def _reverse_relations(model: type[models.Model]) -> list[Any]:
    return [
        f for f in model._meta.get_fields(include_hidden=True) if f.auto_created and not f.concrete and f.is_relation
    ]


@dataclass(frozen=True)
class Path:
    lookup: str  # from the model to the family, e.g. "contact__family"
    through_shared: str = ""  # from the model to a kwestie, when the path passes through one


def family_models(family_model: type[models.Model]) -> dict[type[models.Model], list[Path]]:
    """Every model with rows that belong to a family, with the paths (ORed) that find them."""
    found: dict[type[models.Model], list[Path]] = defaultdict(list)
    frontier: list[tuple[type[models.Model], Path]] = [(family_model, Path(lookup=""))]
    for _depth in range(MAX_DEPTH):
        following: list[tuple[type[models.Model], Path]] = []
        for model, path in frontier:
            for rel in _reverse_relations(model):
                child = rel.related_model
                if child is family_model or child._meta.auto_created or _label(child) in EXEMPT:
                    continue
                name = rel.field.name
                lookup = f"{name}__{path.lookup}" if path.lookup else name
                if _label(model) == SHARED:
                    shared = name
                else:
                    shared = f"{name}__{path.through_shared}" if path.through_shared else ""
                step = Path(lookup=lookup, through_shared=shared)
                if step in found[child]:
                    continue
                first = not found[child]
                found[child].append(step)
                if first:
                    following.append((child, step))
        frontier = following
    return {m: paths for m, paths in found.items() if paths}


@dataclass
class Step:
    model: type[models.Model]
    ids: list[Any]
    values: dict[str, Any]
    # For an append-only table: the foreign keys from it to the family, which the database checks again.
    hops: list[dict[str, str]] = field(default_factory=list)

    @property
    def append_only(self) -> bool:
        return issubclass(self.model, AppendOnlyModel)


@dataclass
class Plan:
    steps: list[Step] = field(default_factory=list)
    delete: list[tuple[type[models.Model], list[Any]]] = field(default_factory=list)
    unlink: list[tuple[Any, list[Any]]] = field(default_factory=list)  # (through model, through row ids)
    files: list[str] = field(default_factory=list)
    alone_kwesties: list[Any] = field(default_factory=list)  # about this family alone: blanked with it

    def counts(self) -> dict[str, int]:
        counts = {_label(s.model): len(s.ids) for s in self.steps}
        counts.update({_label(m): len(ids) for m, ids in self.delete})
        return dict(sorted(counts.items()))


def _blank(f: models.Field) -> Any:
    if isinstance(f, models.JSONField):
        default = f.get_default()
        return type(default)() if isinstance(default, (dict, list)) else {}
    return ""


def _values(model: type[models.Model]) -> dict[str, Any]:
    return {f.column: REPLACE.get(_label(model, f.name), _blank(f)) for f in scrubbed_fields(model)}


def year_only_fields(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if _label(model, f.name) in YEAR_ONLY]


def _rows(model: type[models.Model], paths: Iterable[Path], family: models.Model, shared_ids: list[Any]) -> list[Any]:
    condition = Q()
    for path in paths:
        if path.through_shared:  # below a kwestie: only those about this family alone
            condition |= Q(**{f"{path.through_shared}__in": shared_ids})
        else:
            condition |= Q(**{path.lookup: family})
    return list(model._base_manager.filter(condition).order_by().values_list("pk", flat=True).distinct())


def forward_hops(model: type[models.Model], lookup: str, family_model: type[models.Model]) -> list[dict[str, str]]:
    """The lookup as foreign-key columns to the family (a many-to-many table only as the last step); [] if it
    is not such a forward path (a reverse relation on the way)."""
    hops: list[dict[str, str]] = []
    current = model
    parts = lookup.split("__")
    for i, name in enumerate(parts):
        f = current._meta.get_field(name)
        if isinstance(f, models.ForeignKey):
            hops.append({"fk": f.column})
        elif isinstance(f, models.ManyToManyField) and i == len(parts) - 1:
            through = f.remote_field.through._meta.db_table  # type: ignore[union-attr]
            hops.append({"m2m": through, "own": f.m2m_column_name(), "other": f.m2m_reverse_name()})
        else:
            return []
        current = f.related_model  # type: ignore[assignment]
    return hops if current is family_model else []


def _append_only_path(model: type[models.Model], paths: list[Path], family_model: type[models.Model]) -> Path:
    """The shortest forward path of an append-only model: its rows are chosen, and checked, along it alone."""
    for path in sorted(paths, key=lambda p: p.lookup.count("__")):
        if forward_hops(model, path.lookup, family_model):
            return path
    raise LookupError(f"{_label(model)}: no chain of foreign keys to the family; the database could not check it")


def destruction_plan(*, family: models.Model) -> Plan:
    """What destroying this family's file changes, row by row (read inside the destroying transaction)."""
    plan = Plan(steps=[Step(model=type(family), ids=[family.pk], values=_values(type(family)))])
    models_paths = family_models(type(family))
    alone: list[Any] = []
    for model, paths in models_paths.items():
        if _label(model) == SHARED:
            alone = plan.alone_kwesties = _only_this_family(model, _rows(model, paths, family, []), family, plan)
    for model, paths in models_paths.items():
        hops: list[dict[str, str]] = []
        if issubclass(model, AppendOnlyModel):
            path = _append_only_path(model, paths, type(family))
            hops, paths = forward_hops(model, path.lookup, type(family)), [path]
        ids = alone if _label(model) == SHARED else _rows(model, paths, family, alone)
        if not ids:
            continue
        if _label(model) in DELETE:
            plan.delete.append((model, ids))
            continue
        for f in model._meta.concrete_fields:
            if isinstance(f, models.FileField):
                plan.files += [n for n in model._base_manager.filter(pk__in=ids).values_list(f.name, flat=True) if n]
        values = _values(model)
        if values:
            plan.steps.append(Step(model=model, ids=ids, values=values, hops=hops))
    return plan


def _only_this_family(model: type[models.Model], ids: list[Any], family: models.Model, plan: Plan) -> list[Any]:
    """Kwesties about this family alone are blanked; from the others only the link to it goes."""
    through = model._meta.get_field("families").remote_field.through  # type: ignore[union-attr]
    links = through.objects.filter(kwestie_id__in=ids)
    per_kwestie: dict[Any, int] = defaultdict(int)
    for kwestie_id in links.values_list("kwestie_id", flat=True):
        per_kwestie[kwestie_id] += 1
    shared = [k for k in ids if per_kwestie[k] > 1]
    if shared:
        plan.unlink.append(
            (through, list(links.filter(kwestie_id__in=shared, family_id=family.pk).values_list("pk", flat=True)))
        )
    return [k for k in ids if per_kwestie[k] <= 1]
