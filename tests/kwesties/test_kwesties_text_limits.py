"""The services refuse an over-long text themselves (core.fields.LimitedTextField), all or nothing."""

import pytest
from django.core.exceptions import ValidationError

from core import limits
from kwesties import services
from kwesties.models import Kwestie, KwestieEvent
from tests.support.kwesties_support import raise_kwestie


def test_an_over_long_kwestie_is_not_raised(cast):
    before = Kwestie.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.kwestie_raise(
            actor=cast.worker, title="Wachtlijst", blocks="x" * (limits.ANSWER + 1), kind="wachtlijst"
        )
    assert list(refused.value.error_dict) == ["blocks"]
    assert Kwestie.objects.count() == before


def test_an_over_long_comment_or_reason_changes_nothing(cast):
    kwestie = raise_kwestie(cast)
    events = KwestieEvent.objects.filter(kwestie=kwestie).count()
    with pytest.raises(ValidationError) as refused:
        services.kwestie_comment(actor=cast.worker, kwestie=kwestie, text="x" * (limits.ANSWER + 1))
    assert "het maximum is 5.000 tekens" in refused.value.error_dict["text"][0].messages[0]
    with pytest.raises(ValidationError):
        services.kwestie_escalate(actor=cast.worker, kwestie=kwestie, reason="y" * (limits.ANSWER + 1))
    kwestie.refresh_from_db()
    assert kwestie.level == "gezinsmanager"
    assert KwestieEvent.objects.filter(kwestie=kwestie).count() == events
    services.kwestie_comment(actor=cast.worker, kwestie=kwestie, text="z" * limits.ANSWER)
    assert KwestieEvent.objects.filter(kwestie=kwestie).count() == events + 1
