"""The checklist is data, versioned; a reflection keeps the version it was held with."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from reflection import services
from reflection.admin import ChecklistItemInline, ChecklistVersionAdmin
from reflection.models import ChecklistItem, ChecklistVersion, FidelityChecklist, ReflectionEvent, Status
from reflection.selectors import checklist_items, checklist_version_current
from tests.support.reflection_helpers import hold, ratings


def test_default_checklist_is_shipped(db):
    version = checklist_version_current()
    assert version.number == 1 and version.checklist.name == "Reflectie op gezinsgericht werken"
    titles = [item.title for item in checklist_items(version=version)]
    assert len(titles) == 7
    assert "Meervoudig partijdig" in titles and "Concrete veiligheidsafspraken" in titles
    assert all(item.guidance for item in checklist_items(version=version))


def test_a_reflection_keeps_the_version_it_was_held_with(client, cast, senior):
    old = hold(senior, cast.worker, done=False)
    v1 = old.version
    v2 = services.checklist_version_copy(actor=cast.beheer, version=v1)
    assert v2.number == 2 and v2.published_on is None and checklist_version_current() == v1
    v2.items.filter(code="netwerk").update(title="Het netwerk draagt mee")
    ChecklistItem.objects.create(version=v2, code="samenwerking", position=8, title="Samen met partners")
    v2.published_on = timezone.localdate() + dt.timedelta(days=1)
    v2.save()
    assert checklist_version_current() == v1, "in use only from tomorrow"
    v2.published_on = timezone.localdate()
    v2.save()
    assert checklist_version_current() == v2
    new = hold(senior, cast.worker)
    assert new.version == v2 and new.ratings.count() == 8
    # The concept held with version 1 is still filled in on version 1's seven items.
    services.reflection_update(
        actor=senior, reflection=old, held_on=old.held_on, source="opname", ratings=ratings(version=v1), complete=True
    )
    old.refresh_from_db()
    assert old.version == v1 and old.ratings.count() == 7
    client.force_login(cast.worker)
    html = client.get(reverse("reflection:detail", kwargs={"reflection_id": old.pk})).content.decode()
    assert "Het netwerk doet mee" in html and "Samen met partners" not in html


def test_a_used_version_is_frozen_in_the_admin(rf, cast, senior):
    version = checklist_version_current()
    request = rf.get("/")
    request.user = cast.beheer
    from django.contrib import admin

    inline = ChecklistItemInline(ChecklistVersion, admin.site)
    assert inline.has_change_permission(request, version)
    hold(senior, cast.worker)
    assert not inline.has_change_permission(request, version) and not inline.has_add_permission(request, version)
    assert not inline.has_delete_permission(request, version)
    version_admin = ChecklistVersionAdmin(ChecklistVersion, admin.site)
    assert "number" in version_admin.get_readonly_fields(request, version)
    request.user = cast.teamleider
    assert not version_admin.has_view_permission(request, version), "the checklist is functioneel beheer's"


def test_beheer_opens_the_checklist_in_the_admin(client, cast):
    client.force_login(cast.beheer)
    version = checklist_version_current()
    assert client.get(reverse("admin:reflection_checklistversion_change", args=[version.pk])).status_code == 200
    assert client.get(reverse("admin:reflection_fidelitychecklist_changelist")).status_code == 200
    response = client.post(
        reverse("admin:reflection_checklistversion_changelist"),
        {"action": "copy_as_new_version", "_selected_action": [version.pk]},
    )
    assert response.status_code == 302
    assert FidelityChecklist.objects.get().versions.count() == 2


def test_afgerond_is_frozen_and_corrections_append(cast, senior):
    reflection = hold(senior, cast.worker, done=False)
    services.reflection_worker_reflect(actor=cast.worker, reflection=reflection, text="Ik praat te veel met moeder.")
    with pytest.raises(services.PermissionDenied):
        services.reflection_worker_reflect(actor=senior, reflection=reflection, text="Niet van mij")
    services.reflection_update(
        actor=senior,
        reflection=reflection,
        held_on=reflection.held_on,
        source="casenote",
        learning_goals="Vader uitnodigen",
        ratings=ratings(),
        complete=True,
    )
    reflection.refresh_from_db()
    assert reflection.status == Status.DONE and reflection.completed_at
    with pytest.raises(ValidationError):
        services.reflection_update(
            actor=senior, reflection=reflection, held_on=reflection.held_on, source="casenote", ratings=ratings()
        )
    with pytest.raises(ValidationError):
        services.reflection_worker_reflect(actor=cast.worker, reflection=reflection, text="Toch anders")
    services.reflection_add_addendum(actor=cast.worker, reflection=reflection, text="Ik bedoelde vader.")
    with pytest.raises(services.PermissionDenied):
        services.reflection_add_addendum(actor=cast.colleague, reflection=reflection, text="Ik ook")
    kinds = list(ReflectionEvent.objects.filter(reflection=reflection).values_list("kind", "author__username"))
    assert kinds == [
        ("aangemaakt", "senior"),
        ("eigen_reflectie", "worker"),
        ("bijgewerkt", "senior"),
        ("afgerond", "senior"),
        ("aanvulling", "worker"),
    ]
    reflection.refresh_from_db()
    assert reflection.worker_reflection == "Ik praat te veel met moeder."


def test_completing_needs_every_item_rated(cast, senior):
    partial = ratings()
    partial.pop(next(iter(partial)))
    with pytest.raises(ValidationError) as error:
        services.reflection_create(
            actor=senior,
            worker=cast.worker,
            held_on=timezone.localdate(),
            source="casenote",
            ratings=partial,
            complete=True,
        )
    assert any(key.startswith("adherence_") for key in error.value.error_dict)
    with pytest.raises(ValidationError):
        hold(senior, cast.worker, days_ago=-1)  # a reflection is recorded afterwards, not ahead
    assert (
        services.reflection_create(
            actor=senior,
            worker=cast.worker,
            held_on=timezone.localdate() - dt.timedelta(days=1),
            source="anders",
            ratings={},
        ).status
        == Status.CONCEPT
    )
