"""The demo data has court work: a measure ending without a request, a request in preparation, a hearing next
week with its ruling among the documents, and a placement with and one without authorisation; every measure
has its periods."""

import datetime as dt
from itertools import pairwise

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from accounts.models import User
from casework.access import families_writable_by
from casework.court.models import CourtRequest, Hearing, RequestStatus
from casework.court.selectors import measures_ending_without_request, stays_without_authorisation
from casework.documents.models import Document
from casework.models import Measure
from tests.support.documents_support import ensure_retention_classes

pytestmark = pytest.mark.django_db


def test_demo_data_has_court_work_for_gm_noord(fixed_day):
    ensure_retention_classes()
    call_command("demo_data", verbosity=0)
    worker = User.objects.get(username="gm.noord")
    own = families_writable_by(user=worker)
    assert measures_ending_without_request(families=own, today=fixed_day)
    assert stays_without_authorisation(families=own, today=fixed_day)
    assert CourtRequest.objects.filter(family__in=own, status=RequestStatus.VOORBEREIDING).exists()
    hearing = Hearing.objects.get(family__in=own)
    days = (timezone.localtime(hearing.starts_at).date() - fixed_day).days
    assert days == 7 and hearing.request.status == RequestStatus.INGEDIEND
    assert Document.objects.filter(family=hearing.family, kind="beschikking", ruling__isnull=False).exists()
    assert not Measure.objects.annotate(n=Count("periods")).filter(n=0).exists()
    for measure in Measure.objects.prefetch_related("periods"):
        periods = list(measure.periods.all())
        assert (periods[0].start, periods[-1].end) == (measure.start, measure.end)
        for before, after in pairwise(periods):
            assert after.start == before.end + dt.timedelta(days=1)
