"""Destroying a file: the daily proposal, two people agree (one the privacy officer, never one person
twice), a refusal with its reason, the tombstone, and what stays: the access log's rows and the counts."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse

from casework import tasks
from casework.models import (
    Contact,
    DestructionStatus,
    Family,
    FileDestruction,
    FileTombstone,
    Member,
    Phase,
    PlanVersion,
)
from casework.rights import destruction as svc
from casework.rights.scrub import family_models, kept_fields
from privacy.models import AccessLogEntry
from tests.support.documents_support import ensure_retention_classes
from tests.support.factories import FamilyFactory, UserFactory

pytestmark = pytest.mark.django_db


def _close(family, on):
    Family.objects.filter(pk=family.pk).update(phase=Phase.AFGESLOTEN, closed_on=on)
    family.refresh_from_db()


@pytest.fixture
def past_date(cast, fixed_day):
    """The cast's family closed in 2005: twenty years after, its date (01-03-2025) has passed."""
    ensure_retention_classes()
    _close(cast.family, dt.date(2005, 3, 1))
    return cast.family


def test_the_daily_task_proposes_each_file_past_its_date_once(cast, fixed_day, past_date):
    recent = FamilyFactory(team=cast.family.team, manager=cast.worker, name="Gezin Recent")
    _close(recent, dt.date(2010, 1, 1))  # kept until 2030
    assert tasks.destruction_proposals_create() == 1  # what the beat runs daily
    assert svc.destruction_proposals_create() == 0  # one open proposal per file
    proposal = FileDestruction.objects.get()
    assert (proposal.family_id, proposal.kept_until, proposal.status) == (
        past_date.pk,
        dt.date(2025, 3, 1),
        DestructionStatus.VOORGESTELD,
    )
    assert list(proposal.events.values_list("step", "by")) == [("voorgesteld", None)]


def test_two_people_agree_one_of_them_the_privacy_officer_and_nobody_twice(cast, fixed_day, past_date, security):
    svc.destruction_proposals_create()
    proposal = FileDestruction.objects.get()
    with pytest.raises(PermissionDenied):
        svc.destruction_agree(actor=cast.worker, destruction=proposal)
    svc.destruction_agree(actor=cast.teamleider, destruction=proposal)
    with pytest.raises(ValidationError, match="al akkoord"):
        svc.destruction_agree(actor=cast.teamleider, destruction=proposal)
    other_leader = UserFactory(username="tl2")
    cast.teamleider.memberships.first().__class__.objects.create(
        user=other_leader, team=cast.family.team, role="teamleider"
    )
    with pytest.raises(ValidationError, match="privacy officer"):
        svc.destruction_agree(actor=other_leader, destruction=proposal)
    assert Family.objects.get(pk=past_date.pk).destroyed_at is None
    logged_before = AccessLogEntry.objects.filter(family_ids__has=past_date.pk).count()
    done = svc.destruction_agree(actor=security, destruction=proposal)
    assert done.status == DestructionStatus.VERNIETIGD
    family = Family.objects.get(pk=past_date.pk)
    assert family.destroyed_at is not None and family.name == "vernietigd dossier"
    assert family.reference == past_date.reference  # the tombstone's key stays
    members = set(Member.objects.filter(family=family).values_list("first_name", "last_name", "date_of_birth"))
    assert members == {("", "", dt.date(2015, 1, 1)), ("", "", None)}  # Sanne's year only; Petra had none
    assert set(Contact.objects.filter(family=family).values_list("note", "safety_why")) == {("", "")}
    assert set(PlanVersion.objects.filter(family=family).values_list("centrale_lijn", flat=True)) == {""}
    assert Contact.objects.filter(family=family).count() == 1  # the figures keep counting it
    tombstone = FileTombstone.objects.get()
    assert (tombstone.reference, tombstone.closed_on, tombstone.kept_until) == (
        past_date.reference,
        dt.date(2005, 3, 1),
        dt.date(2025, 3, 1),
    )
    assert (tombstone.approved_by, tombstone.second_by, tombstone.on_request) == (cast.teamleider, security, False)
    assert tombstone.removed["casework.Contact"] == 1
    # The access log keeps every row, and one more says who destroyed it.
    assert AccessLogEntry.objects.filter(family_ids__has=past_date.pk).count() == logged_before + 1
    with pytest.raises(ValidationError, match="al beslist"):
        svc.destruction_agree(actor=UserFactory(username="sec2", org_role="security"), destruction=proposal)


def test_the_officer_alone_cannot_destroy(cast, fixed_day, past_date, security):
    svc.destruction_proposals_create()
    proposal = svc.destruction_agree(actor=security, destruction=FileDestruction.objects.get())
    with pytest.raises(ValidationError, match="al akkoord"):
        svc.destruction_agree(actor=security, destruction=proposal)
    assert Family.objects.get(pk=past_date.pk).destroyed_at is None


def test_a_destroyed_file_is_nobodys_to_read(client, cast, fixed_day, past_date, security):
    svc.destruction_proposals_create()
    proposal = FileDestruction.objects.get()
    svc.destruction_agree(actor=security, destruction=proposal)
    svc.destruction_agree(actor=cast.teamleider, destruction=proposal)
    client.force_login(cast.teamleider)
    assert client.get(reverse("casework:family_detail", kwargs={"family_id": past_date.pk})).status_code == 404


def test_a_refusal_keeps_the_file_until_it_is_looked_at_again(cast, fixed_day, past_date, security):
    svc.destruction_proposals_create()
    proposal = FileDestruction.objects.get()
    with pytest.raises(ValidationError, match="waarom"):
        svc.destruction_refuse(actor=security, destruction=proposal, reason=" ")
    svc.destruction_refuse(
        actor=security, destruction=proposal, reason="Rechtszaak loopt nog", review_on=dt.date(2026, 12, 1)
    )
    assert svc.destruction_proposals_create() == 0
    assert svc.destruction_proposals_create(today=dt.date(2026, 12, 2)) == 1


def test_the_database_refuses_to_blank_history_without_two_agreements(cast, fixed_day, past_date, security):
    svc.destruction_proposals_create()
    proposal = svc.destruction_agree(actor=security, destruction=FileDestruction.objects.get())
    plan = '[{"table": "casework_planversion", "pk": "id", "ids": ["1"], "set": {"centrale_lijn": ""}}]'
    with (
        pytest.raises(DatabaseError, match="not agreed by two people"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"SELECT {svc.EXECUTE_FUNCTION}(%s, %s::jsonb)", [proposal.pk, plan])


def test_every_free_text_field_of_a_file_is_blanked_unless_kept_on_purpose():
    """A new model or field with words in it is blanked by default; keeping one is a line written here."""
    kept = sorted({name for model in family_models(Family) for name in kept_fields(model)} | set(kept_fields(Family)))
    assert kept == [
        "casework.CourtRequest.court",
        "casework.CourtRuling.court",
        "casework.Document.content_type",
        "casework.Document.sha256",
        "casework.Draft.form_key",  # drafts are deleted whole
        "casework.Draft.object_key",
        "casework.Family.reference",
        "casework.Hearing.court",
        "casework.Inzet.product_category",
        "casework.Inzet.product_code",
        "casework.InzetMessage.client_id",
        "casework.InzetStatusChange.client_id",
        "casework.PrivacyRequestEvent.step",
        "casework.Redaction.part",
    ]


def test_a_kwestie_about_this_family_alone_is_blanked_and_its_notices_lose_its_title(cast, fixed_day, security):
    from kwesties import services as kwesties
    from kwesties.models import Kwestie
    from notifications.models import Notification, OutgoingEmail
    from notifications.services import notification_send

    ensure_retention_classes()
    alone = kwesties.kwestie_raise(
        actor=cast.worker, title="Sanne de Vries wacht", blocks="Sanne wacht", kind="wachtlijst", families=[cast.family]
    )
    cast.teamleider.email = "tl@example.invalid"
    cast.teamleider.save(update_fields=["email"])
    url = reverse("kwesties:detail", args=[alone.pk])
    notification_send(user=cast.teamleider, text=f"Kwestie '{alone.title}' is over tijd", url=url)
    _close(cast.family, dt.date(2005, 3, 1))
    svc.destruction_proposals_create()
    proposal = FileDestruction.objects.get()
    svc.destruction_agree(actor=security, destruction=proposal)
    svc.destruction_agree(actor=cast.teamleider, destruction=proposal)
    assert Kwestie.objects.filter(pk=alone.pk).values_list("title", "blocks").get() == ("", "")
    assert "Sanne" not in Notification.objects.get(url=url).text
    assert all("Sanne" not in body for body in OutgoingEmail.objects.values_list("body", flat=True))
