"""The demo data includes partners, their help (one not started on time) and sharing bases, as services leave them."""

import pytest
from django.core.management import call_command

from accounts.models import User
from casework.partners.models import Inzet, InzetStatusChange, Partner, SharingBasis, SharingBasisEvent
from casework.partners.selectors import inzetten_start_overdue_for_user


@pytest.mark.django_db
def test_demo_data_has_partner_help_and_a_late_start():
    call_command("demo_data", families=24, verbosity=0)
    assert Partner.objects.filter(kind="zorgaanbieder").exclude(agb_code="").exists()
    assert Inzet.objects.exists() and SharingBasis.objects.exists()
    for inzet in Inzet.objects.all():
        last = InzetStatusChange.objects.filter(inzet=inzet).order_by("id").last()
        assert last.to_status == inzet.status and inzet.version == inzet.status_changes.count()
        assert inzet.family.sharing_bases.filter(partner=inzet.partner).exists()
    assert SharingBasisEvent.objects.count() == SharingBasis.objects.count()
    assert inzetten_start_overdue_for_user(user=User.objects.get(username="gm.noord"))
