"""End to end in headless Chromium: two people edit one gezinsplan from the same version.

The second save is refused with a Dutch message naming who saved and when; the
second person's typed text is still in the form and the other version is shown
beside it, so they can merge and save again.
"""

import os
import re
from pathlib import Path

import pytest
from django.urls import reverse

from casework.models import PlanVersion
from tests.support.browser import assert_accessible, login
from tests.support.concurrency_support import colleague_substitutes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

THEIRS = "Vader drinkt weer; moeder maakt zich zorgen."
MINE = "Oma kan de kinderen niet meer ophalen van school."


def _open_plan(browser, live_server, cast, username):
    context = browser.new_context(viewport={"width": 1280, "height": 1100}, locale="nl-NL")
    page = context.new_page()
    page.csp_errors = []
    page.on("console", lambda msg: page.csp_errors.append(msg.text) if "Content Security Policy" in msg.text else None)
    login(page, live_server, username)
    page.goto(live_server.url + reverse("casework:plan_create", kwargs={"family_id": cast.family.pk}))
    return context, page


def test_a_stale_plan_edit_shows_both_versions_and_keeps_the_typed_text(live_server, cast, chromium, tmp_path):
    colleague_substitutes(cast)
    first_context, first = _open_plan(chromium, live_server, cast, "worker")
    second_context, second = _open_plan(chromium, live_server, cast, "colleague")
    try:
        first.fill("#id_zorgen", THEIRS)
        first.get_by_role("button", name="Versie opslaan").click()
        first.wait_for_url(re.compile(rf"/gezinnen/{cast.family.pk}/gezinsplan/$"))

        second.fill("#id_zorgen", MINE)
        second.get_by_role("button", name="Versie opslaan").click()
        second.wait_for_load_state()
        summary = second.locator(".error-summary").inner_text()
        assert f"{cast.worker} heeft dit intussen gewijzigd en om " in summary
        assert "Uw tekst staat hieronder nog; vergelijk en sla opnieuw op." in summary
        assert second.input_value("#id_zorgen") == MINE
        comparison = second.locator(".stale-edit")
        assert comparison.is_visible()
        row = comparison.locator("tr", has_text="zorgen").first
        assert THEIRS in row.locator(".stale-saved").inner_text()
        assert MINE in row.locator(".stale-mine").inner_text()
        assert_accessible(second)
        shots = Path(os.environ.get("E2E_SCREENSHOTS", tmp_path))
        shots.mkdir(parents=True, exist_ok=True)
        second.screenshot(path=str(shots / "stale_plan.png"), full_page=True)

        # merge and save again: now it goes through
        second.fill("#id_zorgen", f"{THEIRS}\n{MINE}")
        second.get_by_role("button", name="Versie opslaan").click()
        second.wait_for_url(re.compile(rf"/gezinnen/{cast.family.pk}/gezinsplan/$"))
        assert not second.csp_errors
    finally:
        first_context.close()
        second_context.close()
    versions = PlanVersion.objects.filter(family=cast.family).order_by("number")
    zorgen = [z.replace("\r\n", "\n") for z in versions.values_list("zorgen", flat=True)]  # a textarea posts CRLF
    assert zorgen[1:] == [THEIRS, f"{THEIRS}\n{MINE}"]
