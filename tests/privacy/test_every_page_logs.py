"""Every page that shows a family's data logs it, and no family content travels in a URL.

One crawl of the whole HTML site (config.urls, path parameters filled from one
world built on the cast) as each role of the cast. A page whose text names a
family, one of its members or its network wrote an access-log row for that
family by that user during that request; and no link, form action or redirect
of any page carries a name or the free text of a family's records in its query
string (pre-filling goes by id).
"""

import html
import re
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.test import Client

from privacy.models import AccessLogEntry
from tests.support.crawl_support import (
    build_world,
    family_free_text,
    family_names,
    html_urls,
    links_in,
    raw_text,
)


def _crawl(cast):
    """Every (role, page) of the site, GET once: the response, its text and the families logged meanwhile.

    Then the links with a query string that those pages offer this role (filters, "all families", paging),
    once each, so a page that names families only when filtered is crawled too.
    """
    urls = html_urls(build_world(cast))
    for role, user in cast.all().items():
        client = Client()
        client.force_login(user)
        todo, seen = list(urls), {url for _name, url in urls}
        while todo:
            name, url = todo.pop(0)
            before = AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            response = client.get(url)
            rows = AccessLogEntry.objects.filter(pk__gt=before, user=user).values_list("family_ids", flat=True)
            logged = {family_id for ids in rows for family_id in ids}
            body = raw_text(response)
            yield role, name, url, response, body, logged
            for link in links_in(response, body):
                target = urljoin(url, html.unescape(link))
                parts = urlsplit(target)
                if parts.query and not parts.netloc and target not in seen and _crawlable(parts.path):
                    seen.add(target)
                    todo.append((f"{name} -> link", target))


def _crawlable(path: str) -> bool:
    return (
        not path.startswith(("/api/", "/admin/", "/static/", "/uitloggen/", "/inloggen/"))
        and "." not in path.rsplit("/", 1)[-1]
    )


def _unlogged(role, name, url, body, logged, names) -> list[str]:
    """A family named in the page's text without a log row for it by this user during this request."""
    text = html.unescape(body)
    missing = []
    for family_id, family_names_ in names.items():
        found = sorted(n for n in family_names_ if n and re.search(rf"\b{re.escape(n)}\b", text))
        if found and family_id not in logged:
            missing.append(f"{role} {url} ({name}) shows {found} of family {family_id} without a log row")
    return missing


def _leaks(role, name, url, response, body, secrets) -> tuple[list[str], int]:
    """Query-string values of links, form actions and the redirect that carry a name or free text."""
    leaks, checked = [], 0
    for link in links_in(response, body):
        for key, value in parse_qsl(urlsplit(html.unescape(link)).query, keep_blank_values=True):
            checked += 1
            if any(secret in value for secret in secrets) or " " in value.strip():
                leaks.append(f"{role} {url} ({name}) links to {link!r}: {key}={value!r}")
    return leaks, checked


def test_every_page_logs_the_families_it_names_and_no_url_carries_family_content(cast):
    """One crawl (it is the slow part), two checks: the log rows, and the query strings."""
    missing, leaks, checked, naming = [], [], 0, set()
    names = secrets = None
    for role, name, url, response, body, logged in _crawl(cast):
        if names is None:  # the world exists from the first request on
            names = family_names()
            secrets = family_free_text() | {n for ns in names.values() for n in ns}
        unlogged = _unlogged(role, name, url, body, logged, names)
        missing += unlogged
        if logged and not unlogged:
            naming.add(name)
        found, count = _leaks(role, name, url, response, body, secrets)
        leaks += found
        checked += count
    assert not missing, "\n".join(missing)
    assert not leaks, "\n".join(sorted(set(leaks)))
    # The crawl reached the pages that matter, and they logged; and it saw query strings to check.
    for page in ("casework:family_detail", "kwesties:raise", "teams:session_prepare", "kwesties:detail"):
        assert page in naming, page
    assert checked > 50, checked
