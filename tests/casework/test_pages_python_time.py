"""The family page, the kwestie lists and the dashboard do less Python work for the same HTML.

The family page reads the current plan version and the partner help's status
history once (the timeline and the page's sections share them); the empty
kwestie filter is rendered once per language; the dashboard's rows are written
in Python with the markup and escaping of the template loop they replace.
"""

import datetime as dt

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casework.partners import services as svc
from kwesties.forms import KwestieFilter, empty_filter_fields
from kwesties.models import Kwestie
from teams.dashboard.rows import dashboard_rows_html
from tests.support.partners_support import make_inzet, make_partner

pytestmark = pytest.mark.django_db


def _reads(queries: list[dict], table: str) -> int:
    return sum(1 for q in queries if q["sql"].startswith("SELECT") and f'FROM "{table}"' in q["sql"])


def test_family_page_reads_the_plan_version_and_the_inzet_history_once(client, cast):
    inzet = make_inzet(family=cast.family, partner=make_partner())
    for status in ("wachtlijst", "gestart"):
        svc.inzet_change_status(actor=cast.worker, inzet=inzet, to_status=status, on=timezone.localdate())
        inzet.refresh_from_db()
    client.force_login(cast.worker)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("casework:family_detail", kwargs={"family_id": cast.family.pk}))
    assert response.status_code == 200
    assert _reads(ctx.captured_queries, "casework_planversion") == 1
    assert _reads(ctx.captured_queries, "casework_inzetstatuschange") == 1
    html = response.content.decode()
    changes = inzet.status_changes.count()
    assert html.count('<li class="event inzet">') == changes  # every change still on the timeline
    assert "Het hele gezinsplan (afdrukbaar)" in html  # and the current plan in its section


def test_timeline_status_changes_keep_the_newest_first_order(cast):
    from casework.partners.contributions import inzet_status_changes

    inzet = make_inzet(family=cast.family, partner=make_partner())
    today = timezone.localdate()
    svc.inzet_change_status(actor=cast.worker, inzet=inzet, to_status="wachtlijst", on=today - dt.timedelta(days=1))
    want = list(
        inzet.status_changes.order_by("-on", "-at", "-id").values_list("on", flat=True)  # the former query's order
    )
    entries = inzet_status_changes(family=cast.family, limit=25)
    assert [e.at.date() for e in entries] == want
    assert len(inzet_status_changes(family=type(cast.family).objects.get(pk=cast.family.pk), limit=1)) == 1


def test_the_empty_kwestie_filter_is_the_form_the_template_rendered(cast):
    filterset = KwestieFilter(None, queryset=Kwestie.objects.none())
    rendered = Template("{% for field in filter.form %}{{ field.as_field_group }}{% endfor %}").render(
        Context({"filter": filterset})
    )
    assert empty_filter_fields(filterset) == rendered
    assert empty_filter_fields(KwestieFilter({"q": "x"}, queryset=Kwestie.objects.none())) is None


def test_a_filtered_kwestie_list_still_shows_what_was_typed(client, cast):
    client.force_login(cast.teamleider)
    response = client.post(reverse("kwesties:team"), {"q": "wachtlijst <GGZ>"})
    assert response.status_code == 200
    assert 'value="wachtlijst &lt;GGZ&gt;"' in response.content.decode()


_LOOP = """{% for r in cells %}
    <tr{% if r.signalled %} class="signalled"{% endif %}>
      <th scope="row"><a href="{{ r.url }}">{{ r.name }}</a><br><span class="muted small">{{ r.reference }}</span></th>
      <td data-label="Gezinsmanager">{{ r.manager }}</td>
      <td class="num" data-label="Veiligheid">{{ r.safety }}</td>
      <td class="num" data-label="Centrale lijn">{{ r.lijn }}</td>
      <td class="num" data-label="Dagen sinds contact">{{ r.days }}</td>
      <td data-label="Fase">{{ r.phase }}</td>
      <td class="num" data-label="Afspraken over datum">{{ r.overdue }}</td>
      <td data-label="Besproken">{{ r.discussed }}</td>
      <td data-label="Signalen">{{ r.signals }}</td>
    </tr>
  {% endfor %}"""


def test_dashboard_rows_are_the_template_loop_they_replace():
    from django.utils.safestring import mark_safe

    cells = [
        {
            "signalled": signalled,
            "url": "/gezinnen/7/",
            "name": 'Gezin "De Vries" & <Jansen>',
            "reference": "GI-2024-'07",
            "manager": "Anna <b>",
            "safety": mark_safe('<span class="score s6">6</span>'),  # a built cell, as in rows.py
            "lijn": mark_safe('<span class="score">5</span>'),
            "days": mark_safe("<span>12</span>"),
            "phase": mark_safe("Uitvoering<br>x"),
            "overdue": "0",
            "discussed": mark_safe('<span class="muted">nee</span>'),
            "signals": mark_safe("<ul><li>a</li></ul>"),
        }
        for signalled in (True, False)
    ]
    assert dashboard_rows_html(cells) == Template(_LOOP).render(Context({"cells": cells}))
