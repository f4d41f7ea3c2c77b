"""What the concurrency tests share: two editors of one family, and checks on a stale save's page."""

import datetime as dt
import html
import re
import threading
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.utils import timezone

from casework import services

STALE_TEXT = "heeft dit intussen gewijzigd"
OWN_STALE_TEXT = "U heeft dit zelf"  # the save in between was the user's own, in another tab


def colleague_substitutes(cast) -> None:
    """The colleague writes the family's file too (a vervanger), so two people may edit it."""
    today = timezone.localdate()
    services.substitution_create(
        actor=cast.teamleider,
        family=cast.family,
        substitute=cast.colleague,
        start=today - dt.timedelta(days=1),
        end=today + dt.timedelta(days=14),
    )


def hidden_version(page: str, name: str = "version") -> str:
    match = re.search(rf'<input type="hidden" name="{re.escape(name)}" value="(\d+)"', page)
    assert match, f"no hidden {name} in the page"
    return match.group(1)


def stale_section(page: str) -> str:
    """The include beside the form that lists the other person's saved values."""
    match = re.search(r'<section class="stale-edit".*?</section>', page, re.S)
    assert match, "no stale-edit comparison on the page"
    return html.unescape(match.group(0))


def assert_stale_page(response, *, who: str, typed: list[str], saved: list[str], status: int = 200) -> str:
    """The refusal names who saved, keeps what was typed, and shows the other version beside it.

    `who` empty: the save in between was the user's own (another tab), and the page says so.
    """
    assert response.status_code == status
    page = response.content.decode()
    text = html.unescape(page)
    if who:
        assert f"{who} {STALE_TEXT}" in text
    else:
        assert f"{OWN_STALE_TEXT} " in text and "in een ander venster opgeslagen." in text
    assert "Uw tekst staat hieronder nog; vergelijk en sla opnieuw op." in text
    section = stale_section(page)
    for value in saved:
        assert value in section, value
    for value in typed:
        assert value in text, value
    return page


def at_once(*calls: Callable[[], Any]) -> list[Any]:
    """Run the calls in threads released together, each on its own connection; results or raised errors."""
    start = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(i: int, call: Callable[[], Any]) -> None:
        try:
            start.wait()
            results[i] = call()
        except Exception as error:  # the test inspects what each call got
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return results


def edit_from_the_same_version(first, second, url: str, *, data: dict, field: str, theirs: str, mine: str, who: str):
    """Two clients open one edit page; the first saves, the second is refused, then saves its merge.

    Returns the refused page (for the caller's own checks on what is kept).
    """
    base_first = hidden_version(first.get(url).content.decode())
    base_second = hidden_version(second.get(url).content.decode())
    assert base_first == base_second
    saved = first.post(url, {**data, field: theirs, "version": base_first})
    assert saved.status_code == 302, saved.content.decode()[:2000]
    refused = second.post(url, {**data, field: mine, "version": base_second})
    page = assert_stale_page(refused, who=who, typed=[mine], saved=[theirs])
    assert hidden_version(page) == str(int(base_first) + 1)
    merged = second.post(url, {**data, field: f"{theirs} / {mine}", "version": hidden_version(page)})
    assert merged.status_code == 302, merged.content.decode()[:2000]
    return page
