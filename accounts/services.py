"""Writes on people that other subjects call (the four-eyes approvals among them)."""

from django.db import transaction

from accounts.models import User

from .second_factor.models import SecondFactorReset
from .second_factor.services import second_factor_devices_delete


def second_factor_reset(*, user: User, by: User) -> SecondFactorReset:
    """Remove a person's second factor (app, recovery codes) so they enrol again at their next log-in.

    For someone who lost their phone and their recovery codes. Atomic, with the person's row locked
    so two resets (or a reset during an enrolment) happen one after the other; the append-only record
    keeps who did it. Whoever may ask for it is decided by the caller (a four-eyes approval): this
    function checks nothing about `by`. Sessions that already passed the second factor stay until
    they end (OTPMiddleware drops them at their next request: their device is gone).
    """
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        removed = second_factor_devices_delete(user=user)
        return SecondFactorReset.objects.create(user=user, by=by, devices_removed=removed)
