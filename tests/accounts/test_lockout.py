"""The log-in lock-out (accounts.lockout): device cookies keep a colleague's own browser out of an attacker's
lock-out, spraying many user names from one address is slowed down, and every user_login_failed counts.

The counts are axes's database rows, as in production. Time is moved by ageing those rows, not the clock.
"""

import datetime as dt

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db.models import F
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts.lockout import DEVICE_MARK, device_cookie_value, lockout_username, login_wait_seconds
from accounts.models import User
from tests.support.factories import UserFactory
from tests.support.second_factor import confirmed_totp_device, pass_second_factor

PASSWORD = "geheim-wachtwoord"
OFFICE = "192.0.2.10"


def _browser(address: str = OFFICE) -> Client:
    return Client(REMOTE_ADDR=address)


def _login(browser: Client, username: str, password: str):
    return browser.post(reverse("login"), {"username": username, "password": password})


def _trusted_browser(username: str, address: str = OFFICE) -> Client:
    """A browser that logged in as this user before (password and second factor), and logged out again: it keeps
    its device cookie."""
    user = User.objects.get(username=username)
    confirmed_totp_device(user)
    browser = _browser(address)
    assert _login(browser, username, PASSWORD).status_code == 302
    assert settings.LOCKOUT_DEVICE_COOKIE_NAME not in browser.cookies  # the password alone trusts no browser
    assert pass_second_factor(browser, user).status_code == 302
    assert settings.LOCKOUT_DEVICE_COOKIE_NAME in browser.cookies
    browser.post(reverse("logout"))
    return browser


def _age_attempts(**delta) -> None:
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - dt.timedelta(**delta))


def test_a_colleague_with_a_device_cookie_logs_in_after_an_attacker_locked_her_name(cast):
    own = _trusted_browser("colleague")
    attacker = _browser()
    responses = [_login(attacker, "colleague", "fout").status_code for _ in range(5)]
    assert responses == [200, 200, 200, 200, 429]
    locked = _login(attacker, "colleague", PASSWORD)
    assert locked.status_code == 429 and int(locked["Retry-After"]) == 15 * 60
    page = locked.content.decode()
    assert "Tijdelijk geblokkeerd" in page and "15 minuten" in page and "eigen browser" in page

    assert _login(own, "colleague", PASSWORD).status_code == 302
    # Her success resets her browser's counter only: the attacker stays locked out, even with the password.
    assert _login(_browser(), "colleague", PASSWORD).status_code == 429
    # Another user on the attacker's browser is not affected by the lock on her name.
    assert _login(_browser(), "worker", PASSWORD).status_code == 302


def test_a_trusted_browser_has_its_own_counter_and_locks_only_itself(cast):
    own = _trusted_browser("worker")
    for _ in range(4):
        assert _login(own, "worker", "fout").status_code == 200
    assert _login(own, "worker", "fout").status_code == 429
    locked = _login(own, "worker", PASSWORD)
    assert locked.status_code == 429 and "alleen voor deze browser" in locked.content.decode()
    # From another address the same browser is still itself: its counter is per device, not per address.
    own.defaults["REMOTE_ADDR"] = "198.51.100.7"
    assert _login(own, "worker", PASSWORD).status_code == 429
    # An untrusted browser at the office has its own count and still logs in.
    assert _login(_browser(), "worker", PASSWORD).status_code == 302


def test_a_device_cookie_counts_only_for_its_own_user_and_only_when_signed(cast):
    request = RequestFactory().post("/inloggen/", {"username": "worker"})
    request.COOKIES[settings.LOCKOUT_DEVICE_COOKIE_NAME] = device_cookie_value(username="colleague")
    assert lockout_username(request, {"username": "worker"}) == "worker"
    assert DEVICE_MARK in lockout_username(request, {"username": "colleague"})
    request.COOKIES[settings.LOCKOUT_DEVICE_COOKIE_NAME] = device_cookie_value(username="worker") + "x"
    assert lockout_username(request, {"username": "worker"}) == "worker"


def test_counters_end_after_the_cool_off_and_on_success(cast):
    attacker = _browser()
    for _ in range(5):
        _login(attacker, "worker", "fout")
    assert _login(attacker, "worker", PASSWORD).status_code == 429
    _age_attempts(minutes=settings.AXES_COOLOFF_TIME.total_seconds() // 60 + 1)
    assert _login(attacker, "worker", PASSWORD).status_code == 302
    # A success resets that browser's count: four more failures do not lock it.
    browser = _browser()
    for _ in range(4):
        _login(browser, "colleague", "fout")
    assert _login(browser, "colleague", PASSWORD).status_code == 302
    browser.post(reverse("logout"))
    for _ in range(4):
        assert _login(browser, "colleague", "fout").status_code == 200


def test_spraying_ten_user_names_from_one_address_is_blocked_with_a_growing_wait(cast):
    for index in range(10):
        UserFactory(username=f"medewerker{index}")
    trusted = _trusted_browser("worker")
    sprayer = _browser()
    answers = [_login(sprayer, f"medewerker{index}", "Welkom2026!").status_code for index in range(10)]
    # Five different user names fail; from the sixth on the address waits (and those tries are not counted).
    assert answers == [200] * 5 + [429] * 5
    blocked = _login(_browser(), "colleague", PASSWORD)
    # 30 seconds from the last counted failure (a request or two ago).
    assert blocked.status_code == 429 and int(blocked["Retry-After"]) in (29, 30)
    page = blocked.content.decode()
    assert "verschillende gebruikersnamen" in page and "1 minuut" in page
    assert AccessAttempt.objects.filter(ip_address=OFFICE).count() == 5
    # A browser that logged in before, at the same address, is not slowed down; nor is another address.
    assert _login(trusted, "worker", PASSWORD).status_code == 302
    assert _login(_browser("198.51.100.7"), "colleague", PASSWORD).status_code == 302

    # After the wait, each further user name doubles it.
    _age_attempts(seconds=31)
    assert _login(sprayer, "medewerker5", "Welkom2026!").status_code == 200
    again = _login(sprayer, "medewerker6", "Welkom2026!")
    assert again.status_code == 429 and int(again["Retry-After"]) in (59, 60)
    # And once the window has passed without failures, the address is free again.
    _age_attempts(minutes=settings.LOCKOUT_SPRAY_WINDOW_MINUTES + 1)
    assert _login(_browser(), "colleague", PASSWORD).status_code == 302


def test_a_wrong_second_factor_code_counts_like_a_wrong_password(cast):
    """The second-factor step sends user_login_failed for a wrong code; it is counted under the same key."""
    attacker = _browser()
    for _ in range(4):
        _login(attacker, "worker", "fout")
    request = RequestFactory().post("/inloggen/code/", {"code": "000000"}, REMOTE_ADDR=OFFICE)
    user_login_failed.send(sender="accounts.second_factor", credentials={"username": "worker"}, request=request)
    assert AccessAttempt.objects.get(username="worker", ip_address=OFFICE).failures_since_start == 5
    assert _login(attacker, "worker", PASSWORD).status_code == 429
    # The code step asks before it checks a code: this browser waits, another user does not.
    code_step = RequestFactory().post("/inloggen/code/", {"code": "123456"}, REMOTE_ADDR=OFFICE)
    assert login_wait_seconds(code_step, username="worker") == 15 * 60
    assert login_wait_seconds(code_step, username="colleague") == 0

    own = _trusted_browser("colleague")
    request = RequestFactory().post("/inloggen/code/", {"code": "000000"}, REMOTE_ADDR=OFFICE)
    request.COOKIES.update({name: morsel.value for name, morsel in own.cookies.items()})
    user_login_failed.send(sender="accounts.second_factor", credentials={"username": "colleague"}, request=request)
    [attempt] = AccessAttempt.objects.filter(username__startswith=f"colleague{DEVICE_MARK}")
    assert attempt.failures_since_start == 1
