"""A promised start that passed without a start: the signal on "Mijn gezinnen" and the pre-filled kwestie."""

import datetime as dt
import re
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone

from casework import services
from casework.forms import AgreementForm, agreement_initial
from casework.models import Substitution
from casework.partners import services as svc
from casework.partners.selectors import inzetten_start_overdue_for_user
from kwesties import selectors as kwestie_selectors
from kwesties import services as kwestie_services
from kwesties.models import Kwestie
from privacy.models import AccessLogEntry
from tests.support.once import once
from tests.support.partners_support import make_inzet, make_partner

pytestmark = pytest.mark.django_db
PLAN = {"zorgen": "z", "krachten": "k", "centrale_lijn": "veilig thuis", "goals": "g"}


def _raise_url(family, inzet):
    return reverse("kwesties:raise") + "?" + urlencode({"gezin": family.pk, "inzet": inzet.pk})


def test_overdue_selector_in_one_query(cast, django_assert_num_queries):
    partner = make_partner()
    late = make_inzet(family=cast.family, partner=partner, days_ago=30, promised_in=10)
    make_inzet(family=cast.family, partner=partner, days_ago=30, promised_in=40)  # still to come
    make_inzet(family=cast.family, partner=partner, days_ago=30, promised_in=None)  # no promise
    started = make_inzet(family=cast.family, partner=partner, days_ago=30, promised_in=10)
    svc.inzet_change_status(actor=cast.worker, inzet=started, to_status="gestart", on=timezone.localdate())
    make_inzet(family=cast.other_family, partner=partner, days_ago=30, promised_in=10)
    with django_assert_num_queries(1):
        items = inzetten_start_overdue_for_user(user=cast.worker)
        assert [i.pk for i in items] == [late.pk]
        assert items[0].partner == partner and items[0].family == cast.family
    assert inzetten_start_overdue_for_user(user=cast.colleague) == []
    assert inzetten_start_overdue_for_user(user=cast.teamleider) == []
    today = timezone.localdate()
    Substitution.objects.create(
        family=cast.family, substitute=cast.colleague, start=today, end=today, author=cast.teamleider
    )
    assert [i.pk for i in inzetten_start_overdue_for_user(user=cast.colleague)] == [late.pk]


def test_signal_on_my_families_with_one_click_kwestie(client, cast):
    partner = make_partner("GGZ Jeugd Noord")
    inzet = make_inzet(family=cast.family, partner=partner, description="Traumabehandeling", days_ago=30)
    client.force_login(cast.worker)
    page = client.get(reverse("casework:my_families")).content.decode()
    assert "Traumabehandeling van GGZ Jeugd Noord is niet gestart" in page
    assert "toegezegde start " + inzet.promised_start.strftime("%d-%m-%Y") in page
    link = _raise_url(cast.family, inzet).replace("&", "&amp;")
    assert link in page
    family_page = client.get(reverse("casework:family_detail", kwargs={"family_id": cast.family.pk})).content.decode()
    assert "start verlopen" in family_page and link in family_page
    client.force_login(cast.colleague)
    page = client.get(reverse("casework:my_families") + "?alle=0").content.decode()
    assert "is niet gestart" not in page


def test_no_signal_once_started(client, cast):
    inzet = make_inzet(family=cast.family, partner=make_partner(), description="Traumabehandeling", days_ago=30)
    svc.inzet_change_status(actor=cast.worker, inzet=inzet, to_status="gestart", on=timezone.localdate())
    client.force_login(cast.worker)
    page = client.get(reverse("casework:my_families")).content.decode()
    assert "is niet gestart" not in page and "inzet=" not in page


def test_kwestie_form_is_prefilled_from_the_inzet_and_raised(client, cast):
    partner = make_partner("GGZ Jeugd Noord")
    child = cast.family.members.get(role="jeugdige")
    inzet = make_inzet(family=cast.family, partner=partner, description="Traumabehandeling", child=child, days_ago=30)
    client.force_login(cast.worker)
    response = client.get(_raise_url(cast.family, inzet))
    form = response.context["form"]
    assert form.initial["title"] == "Traumabehandeling van GGZ Jeugd Noord niet gestart"
    assert form.initial["kind"] == "partner" and form.initial["partner"] == partner
    promised = inzet.promised_start.strftime("%d-%m-%Y")
    assert promised in form.initial["blocks"] and child.first_name in form.initial["blocks"]
    assert list(form.initial["families"]) == [cast.family]
    response = client.post(
        reverse("kwesties:raise"),
        {
            **once(),
            "title": form.initial["title"],
            "blocks": form.initial["blocks"],
            "kind": "partner",
            "partner": partner.pk,
            "partner_name": "",
            "families": [cast.family.pk],
        },
    )
    assert response.status_code == 302
    kwestie = Kwestie.objects.get()
    assert kwestie.partner == partner and kwestie.partner_name == "GGZ Jeugd Noord"


def test_kwestie_prefill_ignores_unreadable_or_mismatched_inzet(client, cast):
    theirs = make_inzet(family=cast.other_family, partner=make_partner())
    mine = make_inzet(family=cast.family, partner=make_partner())
    client.force_login(cast.worker)
    assert "title" not in client.get(_raise_url(cast.other_family, theirs)).context["form"].initial
    url = reverse("kwesties:raise") + "?" + urlencode({"gezin": cast.other_family.pk, "inzet": mine.pk})
    assert "title" not in client.get(url).context["form"].initial
    assert client.get(reverse("kwesties:raise") + "?gezin=1&inzet=abc").status_code == 200


@pytest.mark.parametrize("role", ["colleague", "teamleider"])
def test_kwestie_prefill_only_for_who_writes_the_file_and_logged(client, cast, role):
    """Readers who cannot raise a kwestie about the family get no family details on the form."""
    inzet = make_inzet(family=cast.family, partner=make_partner(), days_ago=30)
    client.force_login(getattr(cast, role))
    assert "title" not in client.get(_raise_url(cast.family, inzet)).context["form"].initial
    assert not AccessLogEntry.objects.filter(what__contains="kwestie inbrengen").exists()
    client.force_login(cast.worker)
    assert "title" in client.get(_raise_url(cast.family, inzet)).context["form"].initial
    log = AccessLogEntry.objects.get(what__contains="kwestie inbrengen")
    assert (log.user, log.family_ids, log.action) == (cast.worker, [cast.family.pk], "inzien")


def test_kwestie_prefill_names_an_inactive_partner_by_name(client, cast):
    partner = make_partner("Oude Zorg BV")
    inzet = make_inzet(family=cast.family, partner=partner, days_ago=30)
    partner.active = False
    partner.save()
    client.force_login(cast.worker)
    initial = client.get(_raise_url(cast.family, inzet)).context["form"].initial
    assert initial["partner"] is None and initial["partner_name"] == "Oude Zorg BV"


def test_patterns_group_by_partner_record(cast):
    partner = make_partner("Jeugdhulp Oost")
    for typed in ["Jeugdhulp Oost", "JH Oost", ""]:
        kwestie_services.kwestie_raise(
            actor=cast.worker, title="t", blocks="b", kind="partner", partner=partner, partner_name=typed
        )
    kwestie_services.kwestie_raise(actor=cast.worker, title="t", blocks="b", kind="partner", partner_name="Oude GGZ")
    patterns = kwestie_selectors.kwestie_patterns(user=cast.worker, team_id=cast.family.team_id)
    counts = {row["partner_label"]: row["n"] for row in patterns["by_partner"]}
    assert counts == {"Jeugdhulp Oost": 3, "Oude GGZ": 1}


def test_agreement_partner_is_kept_when_the_plan_is_copied(cast):
    partner = make_partner("Jeugdhulp Oost")
    due = timezone.localdate() + dt.timedelta(days=10)
    plan = services.plan_version_create(
        actor=cast.worker,
        family=cast.family,
        data=PLAN,
        agreements=[
            {"description": "Start gezinsbehandeling", "owner_kind": "partner", "partner": partner, "due_on": due},
            {"description": "Moeder belt", "owner_kind": "gezin", "partner": partner},
        ],
    )
    first, second = plan.agreements.order_by("position")
    assert first.partner == partner and second.partner is None
    initial = agreement_initial(plan)
    assert initial[0]["partner"] == partner
    again = services.plan_version_create(actor=cast.worker, family=cast.family, data=PLAN, agreements=initial)
    assert again.agreements.get(position=0).partner == partner
    form = AgreementForm({"description": "x", "owner_kind": "gezin", "partner": partner.pk, "status": "open"})
    assert form.is_valid() and form.cleaned_data["partner"] is None
    form = AgreementForm({"description": "x", "owner_kind": "partner", "partner": partner.pk, "status": "open"})
    assert form.is_valid() and form.cleaned_data["partner"] == partner


def test_agreement_with_partner_links_to_a_kwestie_about_that_partner(client, cast):
    partner = make_partner("Jeugdhulp Oost")
    plan = services.plan_version_create(
        actor=cast.worker,
        family=cast.family,
        data=PLAN,
        agreements=[{"description": "Start gezinsbehandeling", "owner_kind": "partner", "partner": partner}],
    )
    client.force_login(cast.worker)
    page = client.get(reverse("casework:family_detail", kwargs={"family_id": cast.family.pk})).content.decode()
    assert "partnerorganisatie: Jeugdhulp Oost" in page
    agreement = plan.agreements.get()
    # Ids only: the agreement's text never travels in the URL; the form reads it through the access path.
    url = reverse("kwesties:raise") + "?" + urlencode({"gezin": cast.family.pk, "afspraak": agreement.pk})
    assert url.replace("&", "&amp;") in page
    assert "gezinsbehandeling" not in "".join(re.findall(r'href="([^"]*kwesties/nieuw[^"]*)"', page)).lower()
    form = client.get(url).context["form"]
    assert form.initial["partner"] == partner and form.initial["kind"] == "partner"
    assert form.initial["title"] == "Afspraak niet nagekomen: Start gezinsbehandeling"
    log = AccessLogEntry.objects.filter(
        user=cast.worker, family_ids__has=cast.family.pk, what="kwestie inbrengen"
    ).get()
    assert log.action == "inzien"  # the pre-fill shows the agreement: a view of the file, not only a name


def test_agreement_prefill_by_id_gives_nothing_outside_the_access_path(client, cast):
    partner = make_partner("Jeugdhulp Oost")
    agreements = [{"description": "Start gezinsbehandeling", "owner_kind": "partner", "partner": partner}]
    plan = services.plan_version_create(actor=cast.worker, family=cast.family, data=PLAN, agreements=agreements)
    agreement = plan.agreements.get()
    for user, gezin in ((cast.outsider, cast.family.pk), (cast.colleague, cast.family.pk), (cast.worker, 0)):
        client.force_login(user)
        query = urlencode({"gezin": gezin, "afspraak": agreement.pk})
        response = client.get(reverse("kwesties:raise") + "?" + query)
        assert response.status_code == 200 and "title" not in response.context["form"].initial
        assert "gezinsbehandeling" not in response.content.decode().lower()
    # An agreement's text in the old style of link pre-fills nothing either.
    client.force_login(cast.worker)
    old = urlencode({"gezin": cast.family.pk, "afspraak": agreement.description, "partner": "Jeugdhulp Oost"})
    form = client.get(reverse("kwesties:raise") + "?" + old).context["form"]
    assert "title" not in form.initial and "partner_name" not in form.initial
