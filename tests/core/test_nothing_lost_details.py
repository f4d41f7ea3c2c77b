"""Small things around "nothing typed is lost" that were wrong: each checked where it is deterministic."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from casework.models import Draft
from core.charts import TICK_HALF_WIDTH, WIDTH, score_chart


def test_the_score_charts_last_month_label_is_not_cut_off():
    series = [(dt.date(2026, 5, 14), 4, 5), (dt.date(2026, 8, 20), 6, 6), (dt.date(2026, 11, 1), 7, 7)]
    chart = score_chart(series)
    assert chart is not None
    last_day, last_x, last_anchor = chart.ticks[-1]
    assert last_day == dt.date(2026, 11, 1) and last_x == WIDTH - 12 and last_anchor == "end"
    for _day, x, anchor in chart.ticks:
        left = {"start": x, "middle": x - TICK_HALF_WIDTH, "end": x - 2 * TICK_HALF_WIDTH}[anchor]
        assert left >= 0 and left + 2 * TICK_HALF_WIDTH <= WIDTH


@pytest.mark.django_db
def test_the_rendered_chart_anchors_the_last_label_at_its_end(client, cast):
    client.force_login(cast.worker)
    page = client.get(reverse("casework:family_detail", kwargs={"family_id": cast.family.pk})).content.decode()
    anchors = re.findall(r'class="axis" text-anchor="(\w+)">\w', page)
    assert anchors, "no month labels on the family page"
    assert set(anchors) <= {"start", "middle", "end"}


@pytest.mark.django_db
def test_throwing_a_draft_away_says_so(cast):
    client = Client()
    client.force_login(cast.worker)
    url = reverse("casework:contact_create", kwargs={"family_id": cast.family.pk})
    page = client.get(url).content.decode()
    spec = page.split('name="_draft" value="')[1].split('"')[0]
    assert client.post(reverse("drafts:save"), {"_draft": spec, "note": "Half af"}).status_code == 200
    response = client.post(reverse("drafts:discard"), {"_draft": spec}, follow=True)
    assert response.redirect_chain[-1][0] == url
    assert "Concept weggegooid." in response.content.decode()
    assert not Draft.objects.exists()


@pytest.mark.django_db
def test_the_session_banner_speaks_of_the_form_only_where_there_is_one(cast):
    client = Client()
    client.force_login(cast.worker)
    page = client.get(reverse("casework:my_families")).content.decode()
    banner = page[page.index('id="session-warning"') :]
    always = re.sub(r"<span data-session-form-only hidden>.*?</span>", "", banner, flags=re.S)
    assert "formulier" not in always and "concept" not in always
    assert "Uw sessie is verlopen. Log opnieuw in." in always
    # what is said about typed text is there, hidden; static/js/session.js shows it on a page with a form
    assert "<span data-session-form-only hidden> Wat u typte, staat daarna weer in het formulier.</span>" in banner
    assert "<span data-session-form-only hidden> Wat u typt, wordt als concept bewaard.</span>" in banner
    script = Path("static/js/session.js").read_text(encoding="utf-8")
    assert "main form[method='post']" in script and "[data-session-form-only]" in script
