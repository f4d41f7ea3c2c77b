"""Helpers for the draft and kept-post tests: the signed spec of a form page, and an autosave."""

import re

from django.urls import reverse

TOKEN = re.compile(r'name="_draft" value="([^"]+)"')


def draft_token(client, url: str) -> str:
    """The signed draft spec the form page at `url` hands this client's user (as the script finds it)."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    match = TOKEN.search(response.content.decode())
    assert match, f"{url} has no draft field"
    return match.group(1)


def autosave(client, url: str, data: dict, token: str | None = None):
    """What static/js/drafts.js posts: the form's fields with its token."""
    token = token or draft_token(client, url)
    return client.post(reverse("drafts:save"), {**data, "_draft": token, "csrfmiddlewaretoken": "x"})
