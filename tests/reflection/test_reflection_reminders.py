"""The reminder: to the worker and their senior only, once per due period."""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from accounts.models import Membership
from notifications.models import Notification
from reflection import tasks
from reflection.services import reflection_reminders_send
from tests.support.reflection_helpers import hold


def _told(user) -> int:
    return Notification.objects.filter(user=user).count()


def test_due_without_any_reflection_goes_to_worker_and_senior_once(cast, senior, mailoutbox):
    assert settings.CELERY_BEAT_SCHEDULE["reflection-send-reminders"]["task"] == "reflection.send_reminders"
    # Cast memberships started a year ago: worker, colleague and outsider are all due.
    assert tasks.send_reminders.apply().get() == 3
    assert _told(cast.worker) == 1 and _told(cast.colleague) == 1 and _told(cast.outsider) == 1
    assert _told(senior) == 2, "the senior hears about the two workers of their own team"
    for user in (cast.teamleider, cast.bestuur, cast.auditor, cast.beheer):
        assert _told(user) == 0
    assert Notification.objects.filter(user=cast.worker, text__icontains="drie maanden").exists()
    assert tasks.send_reminders.apply().get() == 0, "not again the next run"
    assert reflection_reminders_send(today=timezone.localdate() + dt.timedelta(days=30)) == 0
    assert _told(cast.worker) == 1 and _told(senior) == 2


def test_a_new_worker_is_due_91_days_after_joining(cast, senior):
    today = timezone.localdate()
    Membership.objects.filter(user__in=[cast.colleague, cast.outsider]).update(start=today)
    Membership.objects.filter(user=cast.worker).update(start=today - dt.timedelta(days=91))
    assert reflection_reminders_send(today=today) == 0, "exactly 91 days: not yet more than three months"
    assert reflection_reminders_send(today=today + dt.timedelta(days=1)) == 1
    assert _told(cast.worker) == 1 and _told(cast.colleague) == 0


def test_a_recent_reflection_postpones_and_a_new_period_reminds_again(cast, senior):
    today = timezone.localdate()
    Membership.objects.filter(user__in=[cast.colleague, cast.outsider]).update(start=today)
    hold(senior, cast.worker, days_ago=30)
    hold(senior, cast.worker, days_ago=5, done=False)  # a concept is not a completed reflection
    assert reflection_reminders_send(today=today) == 0
    later = today + dt.timedelta(days=62)  # 92 days after the last completed reflection
    assert reflection_reminders_send(today=later) == 1
    assert reflection_reminders_send(today=later + dt.timedelta(days=1)) == 0
    assert _told(cast.worker) == 1 and _told(senior) == 1
    hold(senior, cast.worker, days_ago=0)  # a new period starts today
    # 92 days on, the worker's new period and the newcomers' first one (colleague, outsider) are all due.
    assert reflection_reminders_send(today=today + dt.timedelta(days=92)) == 3
    assert _told(cast.worker) == 2 and _told(senior) == 3 and _told(cast.teamleider) == 0
