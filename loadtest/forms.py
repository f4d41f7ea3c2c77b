"""What a browser does with our pages, for the load test: read a form's hidden fields, log in with the second factor.

Plain functions over a tiny HTTP interface (`get(path)` and `post(path, data)`
returning `(status, final_path, html)`), so the same log-in runs in locust and,
in the tests, against Django's test client (tests/api/test_loadtest_forms.py).
"""

import html as html_lib
import re
import time
from collections.abc import Callable

import pyotp

STEP = 30  # seconds per TOTP code
_INPUT = re.compile(r"<input\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r'(\w[\w-]*)="([^"]*)"')
_FORM = re.compile(r"<form\b[^>]*>(.*?)</form>", re.IGNORECASE | re.DOTALL)

Fetch = Callable[[str], tuple[int, str, str]]
Post = Callable[[str, dict], tuple[int, str, str]]


def hidden_fields(page: str, *, containing: str = "csrfmiddlewaretoken") -> dict[str, str]:
    """The hidden inputs (name: value) of the first form on the page whose HTML contains `containing`."""
    for form in _FORM.findall(page):
        if containing in form:
            fields = {}
            for tag in _INPUT.findall(form):
                attrs = dict(_ATTR.findall(tag))
                if attrs.get("type", "").lower() == "hidden" and "name" in attrs:
                    fields[attrs["name"]] = html_lib.unescape(attrs.get("value", ""))
            return fields
    raise ValueError(f"no form with {containing!r} on the page")


def totp_code(secret: str, *, step_offset: int = 0) -> str:
    return pyotp.TOTP(secret).at(int(time.time()) + step_offset * STEP)


def log_in(*, get: Fetch, post: Post, username: str, password: str, totp_secret: str, tries: int = 3) -> str:
    """Password, then the code of the second factor; returns the path the log-in lands on.

    django-otp takes each code once per device: a second log-in of the same
    person within the same 30 seconds is refused, so then the next step's code
    is tried (django-otp accepts one step ahead). Raises when it does not get in.
    """
    _, _, page = get("/inloggen/")
    fields = hidden_fields(page)
    _, path, page = post("/inloggen/", {**fields, "username": username, "password": password})
    if "/inloggen/tweede-stap/" not in path:
        raise RuntimeError(f"{username}: the password did not lead to the second-factor step ({path})")
    for attempt in range(tries):
        if attempt > 1:
            time.sleep(STEP)  # both this step's and the next step's code were used: wait for a new one
        fields = hidden_fields(page, containing="otp_token")
        code = totp_code(totp_secret, step_offset=min(attempt, 1))
        status, path, page = post(path, {**fields, "otp_token": code})
        if "/inloggen/" not in path and status == 200:
            return path
    raise RuntimeError(f"{username}: the second-factor code was refused {tries} times")
