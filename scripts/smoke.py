"""Smoke run of the embedded default, as `make run` would start it.

Migrates a fresh SQLite database, loads demo data, starts the server and checks
as a person would: the log-in page answers, a demo gezinsmanager logs in (password, then the demo
second-factor code that `make code` prints), and
"Mijn gezinnen", a family page, the reports and reflections answer 200; the
partner API's schema and docs answer without a log-in.
"""

import http.cookiejar
import logging
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PORT = int(os.environ.get("SMOKE_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"


log = logging.getLogger("smoke")


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stdout)
    tmp = tempfile.mkdtemp(prefix="smoke-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATABASE_URL": f"sqlite:///{tmp}/db.sqlite3",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    run = lambda *args: subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: E731

    def run_output(*args: str) -> str:
        return subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
        ).stdout.strip()

    run("migrate", "--noinput", "-v0")
    run("demo_data", "--if-empty", "--families", "40")
    run("demo_sessions", "--if-empty")
    run("demo_kwesties", "--if-empty")
    run("generate_reports", "--if-empty")
    run("demo_reflections", "--if-empty")
    run("demo_audits", "--if-empty")
    run("demo_court_reports", "--if-empty")
    run("demo_privacy", "--if-empty")
    server = subprocess.Popen([PYTHON, "manage.py", "runserver", f"127.0.0.1:{PORT}", "--noreload"], cwd=ROOT, env=env)
    try:
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        login_page = _wait_for(opener, f"{BASE}/inloggen/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page).group(1)
        body = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "username": "gm.noord", "password": "demo-wachtwoord-2026"}
        ).encode()
        request = urllib.request.Request(f"{BASE}/inloggen/", data=body, headers={"Referer": f"{BASE}/inloggen/"})
        code_page = opener.open(request, timeout=30)
        html = code_page.read().decode()
        assert "/inloggen/tweede-stap/" in code_page.url, "the password did not lead to the second-factor step"
        families = _second_factor(opener, code_page.url, html, run_output("demo_code"))
        html = families.read().decode()
        assert families.status == 200 and "Mijn gezinnen" in html, "log-in did not lead to Mijn gezinnen"
        family_url = re.search(r'href="(/gezinnen/\d+/)"', html).group(1)
        family = opener.open(BASE + family_url, timeout=30)
        assert family.status == 200 and "Tijdlijn" in family.read().decode()
        for path, text in [("/rapportages/", "Rapportages"), ("/reflectie/", "reflecties")]:
            page = opener.open(BASE + path, timeout=30)
            assert page.status == 200 and text in page.read().decode(), path
        for path in ("/api/v1/openapi.json", "/api/v1/docs"):
            assert urllib.request.urlopen(BASE + path, timeout=30).status == 200, path
        log.info(
            f"smoke: log-in page, second factor, Mijn gezinnen, {family_url}, reports, reflections "
            "and the API docs answer 200"
        )
        return 0
    finally:
        server.terminate()
        server.wait(timeout=10)


def _second_factor(opener, url: str, html: str, code: str):
    """The code page after the password: the demo users' code, as `make code` prints it."""
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    next_url = re.search(r'name="next" value="([^"]*)"', html).group(1)
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "otp_token": code, "next": next_url}).encode()
    return opener.open(urllib.request.Request(url, data=body, headers={"Referer": url}), timeout=30)


def _wait_for(opener, url: str) -> str:
    for _ in range(60):
        try:
            response = opener.open(url, timeout=5)
            if response.status == 200:
                return response.read().decode()
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"smoke: {url} did not answer")


if __name__ == "__main__":
    sys.exit(main())
