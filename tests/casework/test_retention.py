"""How long a file is kept: the longest class decides, counted from the end of the help or the youngest
child's coming of age; documents bring their own class; shown in the file as "bewaren tot"."""

import datetime as dt

import pytest
from django.urls import reverse

from casework.models import Family, Measure, Phase
from casework.retention import documents_with_retention, family_retention
from privacy.models import RetentionClass
from tests.support.documents_support import ensure_retention_classes, store
from tests.support.factories import MemberFactory

pytestmark = pytest.mark.django_db


def _close(family, on=dt.date(2026, 5, 1)):
    Family.objects.filter(pk=family.pk).update(phase=Phase.AFGESLOTEN, closed_on=on)
    family.refresh_from_db()


def test_an_open_file_has_its_class_and_no_date_yet(cast):
    ensure_retention_classes()
    retention = family_retention(family=cast.family)
    assert retention.retention_class.code == "jeugdwet-20" and retention.until is None
    assert "loopt vanaf het einde van de hulp" in retention.label()


def test_voluntary_help_is_kept_twenty_years_after_it_ended(cast):
    ensure_retention_classes()
    _close(cast.family)
    retention = family_retention(family=cast.family)
    assert (retention.retention_class.code, retention.until) == ("jeugdwet-20", dt.date(2046, 5, 1))


def test_an_ots_keeps_the_file_thirty_years_after_the_youngest_child_came_of_age(cast):
    ensure_retention_classes()
    sanne = cast.family.members.get(first_name="Sanne")  # born 14-03-2015
    MemberFactory(family=cast.family, first_name="Daan", role="jeugdige", date_of_birth=dt.date(2019, 8, 29))
    Measure.objects.create(child=sanne, kind="ots", start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
    _close(cast.family)
    retention = family_retention(family=cast.family)
    assert retention.retention_class.code == "ots-voogdij-30"
    assert retention.until == dt.date(2067, 8, 29)  # Daan is 18 on 29-08-2037, plus 30 years


def test_a_document_with_a_longer_class_decides_for_the_whole_file(cast):
    ensure_retention_classes()
    longest = RetentionClass.objects.create(
        code="lopende-zaak-50", name="Lopende zaak", years=50, counts_from="einde_hulp", legal_basis="Rechterlijk bevel"
    )
    document = store(actor=cast.worker, family=cast.family, retention_class=longest)
    normal = store(
        actor=cast.worker, family=cast.family, retention_class=RetentionClass.objects.get(code="jeugdwet-20")
    )
    _close(cast.family)
    assert family_retention(family=cast.family).until == dt.date(2076, 5, 1)
    dated = documents_with_retention(family=cast.family, documents=[document, normal])
    assert [d.kept_until for d in dated] == [dt.date(2076, 5, 1), dt.date(2046, 5, 1)]


def test_the_file_shows_how_long_it_is_kept(client, cast):
    ensure_retention_classes()
    client.force_login(cast.worker)
    response = client.get(reverse("casework:family_detail", kwargs={"family_id": cast.family.pk}))
    page = response.content.decode()
    assert response.status_code == 200, page[:3000]
    name = RetentionClass.objects.get(code="jeugdwet-20").name
    assert "Bewaren:" in page and name in page


def test_a_class_counting_from_coming_of_age_without_a_child_is_unknown_not_shorter(cast):
    ensure_retention_classes()
    cast.family.members.filter(role="jeugdige").delete()
    store(actor=cast.worker, family=cast.family, retention_class=RetentionClass.objects.get(code="ots-voogdij-30"))
    _close(cast.family)
    retention = family_retention(family=cast.family)
    assert retention.until is None and retention.unknown and "nog niet te berekenen" in retention.label()
