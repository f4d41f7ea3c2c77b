"""`make loadtest`: 50 people doing a day's work at once, against a local gunicorn (scripts/loadtest.py).

Gezinsmanagers open Mijn gezinnen and a family, and record a contact (the form's
one-time token and CSRF token, as a browser sends them); teamleiders open the
dashboard and the team sessions; the board opens the kwesties; partner systems
call the API lists. Each person logs in once (password and the demo's TOTP
code) and then works with a few seconds between clicks. The demo users'
accounts are shared by several simulated people where there are fewer than
asked; each gets its own session.
"""

import itertools
import json
import os
import random
import re
import time

from locust import FastHttpUser, HttpUser, between, events, task
from locust.exception import StopUser

from loadtest.forms import hidden_fields, log_in

PASSWORD = os.environ.get("LOADTEST_PASSWORD", "demo-wachtwoord-2026")
TOTP_SECRET = os.environ.get("LOADTEST_TOTP_SECRET", "GEZINSGERICHTWERKENDEMOGEHEIMABC")
_FAMILY_LINK = re.compile(r'href="/gezinnen/(\d+)/"')


# The daily work, without the log-in itself: a person logs in once a morning, and the password's hash
# (PBKDF2, slow on purpose) is no page. scripts/loadtest.py gates on these; the table shows the log-in too.
_work_times: list[float] = []
_work_errors: list[str] = []


@events.request.add_listener
def _count_work(name: str, response_time: float, exception=None, **_kwargs) -> None:
    if name.startswith("/inloggen"):
        return
    _work_times.append(response_time)
    if exception is not None:
        _work_errors.append(f"{name}: {exception}")


@events.quitting.add_listener
def _write_work(**_kwargs) -> None:
    target = os.environ.get("LOADTEST_WORK_RESULT")
    if not target:
        return
    times = sorted(_work_times)
    pick = lambda q: times[min(len(times) - 1, int(q * len(times)))] if times else 0.0  # noqa: E731
    result = {"requests": len(times), "errors": len(_work_errors), "median_ms": pick(0.5), "p95_ms": pick(0.95)}
    with open(target, "w") as out:
        json.dump({**result, "first_errors": _work_errors[:10]}, out)


def _accounts(variable: str, default: str):
    return itertools.cycle(os.environ.get(variable, default).split(","))


MANAGERS = _accounts("LOADTEST_MANAGERS", "gm.noord")
LEADERS = _accounts("LOADTEST_LEADERS", "tl.noord")
BOARD = _accounts("LOADTEST_BOARD", "bestuur")


class Person(HttpUser):
    """A logged-in person in a browser: session and CSRF cookies, a few seconds between clicks."""

    abstract = True
    wait_time = between(1, 5)
    accounts = MANAGERS

    def _get(self, path: str):
        response = self.client.get(path, name=self._name(path))
        return response.status_code, response.url.split(self.host, 1)[-1], response.text

    def _post(self, path: str, data: dict):
        headers = {"Referer": self.host + path}
        response = self.client.post(path, data=data, headers=headers, name=self._name(path))
        return response.status_code, response.url.split(self.host, 1)[-1], response.text

    @staticmethod
    def _name(path: str) -> str:
        """One row per kind of page in the table, not one per family."""
        return re.sub(r"/\d+/", "/<id>/", path.split("?", 1)[0])

    def on_start(self) -> None:
        self.username = next(self.accounts)
        try:
            log_in(get=self._get, post=self._post, username=self.username, password=PASSWORD, totp_secret=TOTP_SECRET)
        except RuntimeError as exc:
            # Counted as a failed request, so the run fails, and this person stops instead of clicking logged out.
            events.request.fire(
                request_type="LOGIN", name="/inloggen/ (log-in)", response_time=0, response_length=0, exception=exc
            )
            time.sleep(10)  # locust starts a stopped person again: not in a tight loop
            raise StopUser from exc


class Gezinsmanager(Person):
    weight = 30
    accounts = MANAGERS

    def on_start(self) -> None:
        super().on_start()
        _, _, page = self._get("/gezinnen/")
        self.family_ids = sorted(set(_FAMILY_LINK.findall(page))) or []

    @task(4)
    def my_families(self) -> None:
        self._get("/gezinnen/")

    @task(4)
    def family_page(self) -> None:
        if self.family_ids:
            self._get(f"/gezinnen/{random.choice(self.family_ids)}/")  # noqa: S311  # not for security

    @task(1)
    def record_contact(self) -> None:
        if not self.family_ids:
            return
        path = f"/gezinnen/{random.choice(self.family_ids)}/contact/nieuw/"  # noqa: S311
        _, _, page = self._get(path)
        fields = hidden_fields(page, containing="idempotency_token")
        data = {
            **fields,
            "date": "",  # filled below with the form's own max (today)
            "kind": "huisbezoek",
            "note": "Huisbezoek; moeder vertelt dat het rustiger is thuis.",
            "safety_score": "6",
            "safety_why": "Afspraken worden nagekomen.",
            "safety_raise": "Oma past vaker op.",
            "lijn_score": "5",
            "lijn_why": "Eerste stappen gezet.",
            "lijn_raise": "Vaste dagstructuur.",
        }
        today = re.search(r'name="date"[^>]*max="([0-9-]+)"', page) or re.search(
            r'max="([0-9-]+)"[^>]*name="date"', page
        )
        data["date"] = today.group(1) if today else ""
        self._post(path, data)


class Teamleider(Person):
    weight = 6
    accounts = LEADERS

    @task(3)
    def dashboard(self) -> None:
        self._get("/team/")

    @task(1)
    def sessions(self) -> None:
        self._get("/team/sessies/")


class Bestuur(Person):
    weight = 2
    accounts = BOARD

    @task
    def kwesties(self) -> None:
        self._get("/kwesties/")


class PartnerSystem(FastHttpUser):
    """A partner's registration system polling the API lists every few seconds."""

    weight = 12
    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.headers = {"Authorization": f"Bearer {os.environ['LOADTEST_API_TOKEN']}"}

    @task
    def poll(self) -> None:
        for path in ("/api/v1/gezinnen", "/api/v1/inzetten", "/api/v1/jeugdigen", "/api/v1/afspraken"):
            self.client.get(path, headers=self.headers, name=path)
