"""The privacy register: every request with its legal term, signals as a term nears, who may handle it,
the decision with its reason, one extension, and the figures (fixed day 10-06-2026)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from casework.rights import services as svc
from casework.rights.models import PrivacyRequest, PrivacyRequestStatus
from casework.rights.selectors import register_figures, term_state
from privacy.models import AccessLogEntry
from tests.support.once import assert_created_once, form_token

pytestmark = pytest.mark.django_db


def _register(cast, actor, *, kind="inzage", received_on=dt.date(2026, 6, 1)):
    return svc.privacy_request_register(
        actor=actor,
        family=cast.family,
        kind=kind,
        requester_name="Petra de Vries",
        requester_relation="ouder",
        received_on=received_on,
    )


@pytest.mark.parametrize(("kind", "due"), [("inzage", dt.date(2026, 7, 1)), ("vernietiging", dt.date(2026, 9, 1))])
def test_the_term_runs_from_the_day_it_came_in(cast, fixed_day, security, kind, due):
    request = _register(cast, security, kind=kind)
    assert request.due_on == due and request.status == PrivacyRequestStatus.OPEN
    assert list(request.events.values_list("step", "by__username")) == [("geregistreerd", "security")]


def test_the_signal_comes_a_week_before_the_end_and_stays_when_it_passed(cast, fixed_day, security):
    request = _register(cast, security, received_on=dt.date(2026, 5, 15))  # due 15-06-2026
    assert term_state(request=request, today=dt.date(2026, 6, 7)).signal == ""
    assert term_state(request=request, today=dt.date(2026, 6, 8)).signal == "bijna"
    assert term_state(request=request, today=dt.date(2026, 6, 16)).signal == "verstreken"
    svc.privacy_request_decide(actor=security, request=request, outcome="toegewezen", decided_on=fixed_day)
    request.refresh_from_db()
    assert term_state(request=request, today=dt.date(2026, 6, 16)).signal == ""


def test_the_officer_and_the_families_teamleider_handle_it_nobody_else(cast, fixed_day, security):
    _register(cast, cast.teamleider)
    for role in ("worker", "colleague", "outsider", "bestuur", "auditor", "beheer"):
        with pytest.raises(PermissionDenied):
            _register(cast, getattr(cast, role))


def test_a_refusal_needs_its_reason_and_the_term_is_extended_once(cast, fixed_day, security):
    request = _register(cast, security)
    with pytest.raises(ValidationError, match="reden"):
        svc.privacy_request_decide(actor=security, request=request, outcome="afgewezen", decided_on=fixed_day)
    svc.privacy_request_extend(actor=security, request=request, reason="Veel stukken van derden om te beoordelen")
    request.refresh_from_db()
    assert request.due_on == dt.date(2026, 9, 1) and request.extended
    with pytest.raises(ValidationError, match="maar één keer"):
        svc.privacy_request_extend(actor=security, request=request, reason="Nog meer")
    svc.privacy_request_decide(
        actor=security, request=request, outcome="deels", decided_on=fixed_day, note="Gegevens van de melder weggelaten"
    )
    request.refresh_from_db()
    assert (request.status, request.handled_by) == ("deels", security)
    assert list(request.events.values_list("step", flat=True)) == ["geregistreerd", "verlengd", "beslist"]
    with pytest.raises(ValidationError, match="al afgehandeld"):
        svc.privacy_request_decide(actor=security, request=request, outcome="toegewezen", decided_on=fixed_day)


def test_destruction_has_no_extension(cast, fixed_day, security):
    request = _register(cast, security, kind="vernietiging")
    with pytest.raises(ValidationError, match="niet worden verlengd"):
        svc.privacy_request_extend(actor=security, request=request, reason="Ingewikkeld")


def test_the_figures_count_within_and_after_the_term(cast, fixed_day, security):
    on_time = _register(cast, security, received_on=dt.date(2026, 5, 1))
    svc.privacy_request_decide(actor=security, request=on_time, outcome="toegewezen", decided_on=dt.date(2026, 5, 20))
    late = _register(cast, security, received_on=dt.date(2026, 4, 1))
    svc.privacy_request_decide(actor=security, request=late, outcome="toegewezen", decided_on=dt.date(2026, 6, 5))
    _register(cast, security, received_on=dt.date(2026, 5, 2))  # open, due 02-06: past its term
    figures = register_figures(requests=PrivacyRequest.objects.all(), today=fixed_day, since=dt.date(2025, 6, 10))
    inzage = figures.kinds[0]
    assert (inzage.received, inzage.open, inzage.overdue, inzage.in_term, inzage.late) == (3, 1, 1, 1, 1)
    assert figures.total.received == 3


def test_the_register_pages_for_the_cast(client, cast, fixed_day, security):
    request = _register(cast, security)
    for user, want in [
        (security, 200),
        (cast.teamleider, 200),
        (cast.worker, 403),
        (cast.beheer, 403),
        (cast.bestuur, 403),
    ]:
        client.force_login(user)
        assert client.get(reverse("rights:register")).status_code == want, user
    client.force_login(cast.outsider)
    assert client.get(reverse("rights:detail", kwargs={"request_id": request.pk})).status_code == 403
    client.force_login(cast.bestuur)
    page = client.get(reverse("rights:figures")).content.decode()
    assert "Inzage" in page and "Petra" not in page and cast.family.reference not in page
    client.force_login(security)
    page = client.get(reverse("rights:register")).content.decode()
    assert cast.family.reference in page and "Petra de Vries" in page
    assert AccessLogEntry.objects.filter(
        what="privacyverzoeken", family_ids__has=cast.family.pk, user=security
    ).exists()


def test_registering_and_deciding_through_the_pages(client, cast, fixed_day):
    client.force_login(cast.teamleider)
    form_url = reverse("rights:create") + f"?gezin={cast.family.pk}"
    assert f'value="{cast.family.reference}"' in client.get(form_url).content.decode()
    data = {
        "reference": cast.family.reference,
        "kind": "kopie",
        "requester_name": "Petra de Vries",
        "requester_relation": "ouder",
        "received_on": "2026-06-09",
    }
    assert_created_once(client, reverse("rights:create"), data, rows=PrivacyRequest.objects.all(), form_url=form_url)
    request = PrivacyRequest.objects.get()
    other = {**data, "reference": cast.other_family.reference}
    token = form_token(client, reverse("rights:create"))
    refused = client.post(reverse("rights:create"), {**other, **token})
    assert "Geen dossier met dit nummer dat u behandelt." in refused.content.decode()
    url = reverse("rights:detail", kwargs={"request_id": request.pk})
    token = form_token(client, url, prefix="beslis")
    missing = client.post(
        url, {**token, "decide": "1", "beslis-outcome": "afgewezen", "beslis-decided_on": "2026-06-10"}
    )
    assert "Schrijf de reden" in missing.content.decode()
    done = client.post(
        url,
        {
            **token,
            "decide": "1",
            "beslis-outcome": "afgewezen",
            "beslis-decided_on": "2026-06-10",
            "beslis-note": "Wettelijke grond",
        },
    )
    assert done.status_code == 302
    request.refresh_from_db()
    assert request.status == "afgewezen" and request.decision_note == "Wettelijke grond"


def test_another_teams_dossier_number_is_not_filled_in_from_its_id(client, cast, fixed_day):
    client.force_login(cast.teamleider)
    page = client.get(reverse("rights:create") + f"?gezin={cast.other_family.pk}").content.decode()
    assert cast.other_family.reference not in page
    assert client.get(reverse("rights:create") + "?gezin=²").status_code == 200


def test_a_refused_correction_adds_the_familys_own_statement_beside_the_contact(client, cast, fixed_day, security):
    request = _register(cast, cast.teamleider, kind="correctie")
    contact = cast.family.contacts.get()
    with pytest.raises(ValidationError, match="afgewezen verzoek tot correctie"):
        svc.family_statement_add(actor=cast.teamleider, request=request, text="Zo was het niet", contact=contact)
    svc.privacy_request_decide(
        actor=cast.teamleider, request=request, outcome="afgewezen", decided_on=fixed_day, note="De notitie klopt"
    )
    with pytest.raises(PermissionDenied):
        svc.family_statement_add(actor=cast.worker, request=request, text="x", contact=contact)
    svc.family_statement_add(
        actor=cast.teamleider, request=request, text="Ik heb nooit gezegd dat ik de school niet bel.", contact=contact
    )
    client.force_login(cast.worker)
    page = client.get(reverse("casework:family_detail", kwargs={"family_id": cast.family.pk})).content.decode()
    assert "Eigen verklaring van Petra de Vries" in page
    assert "Ik heb nooit gezegd dat ik de school niet bel." in page


def test_a_statement_through_the_request_page(client, cast, fixed_day, security):
    request = _register(cast, security, kind="correctie")
    svc.privacy_request_decide(actor=security, request=request, outcome="deels", decided_on=fixed_day, note="Deels")
    client.force_login(security)
    url = reverse("rights:detail", kwargs={"request_id": request.pk})
    token = form_token(client, url, prefix="verklaring")
    response = client.post(url, {**token, "statement": "1", "verklaring-text": "Wij zien het anders."})
    assert response.status_code == 302
    client.force_login(cast.worker)
    page = client.get(reverse("casework:family_detail", kwargs={"family_id": cast.family.pk})).content.decode()
    assert "Wij zien het anders." in page and "Eigen verklaring van Petra de Vries" in page


def test_an_extension_counts_from_the_day_received_and_only_within_the_term(cast, security):
    import time_machine

    with time_machine.travel(dt.datetime(2026, 2, 10, 12, tzinfo=dt.UTC), tick=False):
        request = _register(cast, security, received_on=dt.date(2026, 1, 31))
        assert request.due_on == dt.date(2026, 3, 2)  # 28-02 is a Saturday: the next working day
        svc.privacy_request_extend(actor=security, request=request, reason="Veel stukken")
        request.refresh_from_db()
        assert request.due_on == dt.date(2026, 4, 30)  # not 28-04: the month's end is not lost twice
    with time_machine.travel(dt.datetime(2026, 6, 10, 12, tzinfo=dt.UTC), tick=False):
        late = _register(cast, security, received_on=dt.date(2026, 5, 1))  # due 01-06, passed
        with pytest.raises(ValidationError, match="al verstreken"):
            svc.privacy_request_extend(actor=security, request=late, reason="Te laat")
        with pytest.raises(ValidationError, match="ligt tussen 01-05-2026 en vandaag"):
            svc.privacy_request_decide(
                actor=security, request=late, outcome="toegewezen", decided_on=dt.date(2026, 4, 20)
            )


def test_withdrawn_requests_are_not_decided_and_old_open_ones_still_count(cast, fixed_day, security):
    withdrawn = _register(cast, security, received_on=dt.date(2026, 6, 1))
    svc.privacy_request_decide(actor=security, request=withdrawn, outcome="ingetrokken", decided_on=fixed_day)
    old = _register(cast, security, received_on=dt.date(2026, 6, 2))
    PrivacyRequest.objects.filter(pk=old.pk).update(received_on=dt.date(2025, 1, 5), due_on=dt.date(2025, 2, 5))
    figures = register_figures(requests=PrivacyRequest.objects.all(), today=fixed_day, since=dt.date(2025, 6, 10))
    inzage = figures.kinds[0]
    assert (inzage.received, inzage.open, inzage.overdue, inzage.in_term, inzage.late) == (1, 1, 1, 0, 0)


def test_the_officers_worklist_names_the_dossier_never_the_family(client, cast, fixed_day, security):
    _register(cast, security, received_on=dt.date(2026, 5, 12))  # due 12-06: two days left
    client.force_login(security)
    page = client.get(reverse("casework:my_families")).content.decode()
    assert cast.family.reference in page and cast.family.name not in page
    client.force_login(cast.teamleider)
    assert "Privacyverzoek (inzage) beslissen" in client.get(reverse("casework:my_families")).content.decode()


def test_a_statement_about_one_contact_through_the_page(client, cast, fixed_day, security):
    request = _register(cast, security, kind="correctie")
    svc.privacy_request_decide(actor=security, request=request, outcome="afgewezen", decided_on=fixed_day, note="Klopt")
    contact = cast.family.contacts.get()
    client.force_login(security)
    url = reverse("rights:detail", kwargs={"request_id": request.pk})
    token = form_token(client, url, prefix="verklaring")
    data = {**token, "statement": "1", "verklaring-text": "Dit gesprek ging anders.", "verklaring-contact": contact.pk}
    assert client.post(url, data).status_code == 302
    assert request.statements.get().contact == contact


def test_a_decision_posted_after_someone_else_decided_keeps_what_was_typed(client, cast, fixed_day, security):
    request = _register(cast, security)
    client.force_login(cast.teamleider)
    url = reverse("rights:detail", kwargs={"request_id": request.pk})
    token = form_token(client, url, prefix="beslis")
    svc.privacy_request_decide(actor=security, request=request, outcome="toegewezen", decided_on=fixed_day)
    data = {
        **token,
        "decide": "1",
        "beslis-outcome": "afgewezen",
        "beslis-decided_on": "2026-06-10",
        "beslis-note": "Mijn reden",
    }
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200, response.status_code
    assert "intussen gewijzigd" in page and "Wat u invulde" in page
    assert "Mijn reden" in page


def test_a_term_that_ends_on_a_holiday_ends_the_next_working_day(cast, fixed_day, security):
    request = _register(cast, security, received_on=dt.date(2026, 4, 5))  # a month later: 5 May, Liberation Day
    assert request.due_on == dt.date(2026, 5, 6)
