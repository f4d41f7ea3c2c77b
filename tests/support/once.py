"""The one-time token that every create form carries (core.idempotency), for tests that post forms.

`once()` is input, not an assertion: a test that posts a create form adds a fresh
token the way the rendered form would. `form_token` reads the token from the
rendered page, which also proves the template carries it.
"""

import re
import threading
import uuid

from django.db import connection
from django.test import Client

from core.idempotency import TOKEN_FIELD


def once(*, prefix: str = "") -> dict[str, str]:
    return {f"{prefix}-{TOKEN_FIELD}" if prefix else TOKEN_FIELD: str(uuid.uuid4())}


def form_token(client, url: str, *, prefix: str = "", index: int = 0) -> dict[str, str]:
    """The token of the form on `url` (the `index`th with fields under `prefix`), as the browser would send it back."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    name = f"{prefix}-{TOKEN_FIELD}" if prefix else TOKEN_FIELD
    page = response.content.decode()
    found = re.findall(rf'name="{name}" value="([0-9a-f-]{{36}})"', page)
    assert len(found) > index, f"no {name} number {index + 1} on {url}"
    # An edit on the same page also starts from a version (core.concurrency): sent back as the browser would.
    versions = dict(re.findall(r'name="((?:[\w]+-)?version)" value="(\d+)"', page))
    return {**versions, name: found[index]}


ALREADY_SAVED = "Dit was al opgeslagen."


def assert_created_once(
    client,
    url: str,
    data: dict,
    *,
    rows,
    prefix: str = "",
    form_url: str = "",
    index: int = 0,
    repeat_message: str = ALREADY_SAVED,
) -> str:
    """Post a create form twice with the token of its rendered page: one row, both lead to the first result.

    `rows` is a queryset of what the form creates (counted before and after).
    `form_url` is the page the form is on when it posts elsewhere. Returns the
    URL the first post led to. A transition's repeat says what the first said
    (`repeat_message`), a create's "Dit was al opgeslagen.".
    """
    token = form_token(client, form_url or url, prefix=prefix, index=index)
    before = rows.count()
    first = client.post(url, {**data, **token})
    assert first.status_code == 302, _errors(first)
    second = client.post(url, {**data, **token}, follow=True)
    assert second.redirect_chain[0] == (first.url, 302)
    assert repeat_message in second.content.decode()
    assert rows.count() == before + 1
    return first.url


def assert_refusal_keeps_token(
    client, url: str, *, bad: dict, good: dict, rows, prefix: str = "", form_url: str = "", index: int = 0, status=200
) -> None:
    """A refused first post creates nothing and leaves the token usable for the corrected post."""
    token = form_token(client, form_url or url, prefix=prefix, index=index)
    before = rows.count()
    refused = client.post(url, {**bad, **token})
    assert refused.status_code == status
    assert rows.count() == before
    assert next(iter(token.values())) in refused.content.decode()  # the page sent back keeps the same token
    accepted = client.post(url, {**good, **token})
    assert accepted.status_code == 302, _errors(accepted)
    assert rows.count() == before + 1


def post_at_once(user, url: str, data: dict, *, times: int = 2, follow: bool = False) -> list:
    """The same post from `times` threads at once, each with its own client and database connection.

    Needs `django_db(transaction=True)`: each thread sees only committed rows.
    """
    barrier = threading.Barrier(times)
    responses: list = [None] * times

    def post(i: int) -> None:
        try:
            client = Client()
            client.force_login(user)
            barrier.wait(timeout=10)
            responses[i] = client.post(url, data, follow=follow)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(i,)) for i in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return responses


def _errors(response) -> str:
    context = getattr(response, "context", None)
    form = context.get("form") if context else None
    return f"{response.status_code}: {form.errors if form is not None else ''}"
