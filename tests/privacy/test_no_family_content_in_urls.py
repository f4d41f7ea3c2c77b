"""Family content stays out of URLs where people type it: the kwestie search posts its filter."""

import re

from django.urls import reverse

from kwesties import services
from tests.support.kwesties_support import raise_kwestie


def test_kwestie_search_posts_so_a_typed_name_stays_out_of_the_url(client, cast):
    found = services.kwestie_escalate(actor=cast.worker, kwestie=raise_kwestie(cast), reason="Team")
    other = services.kwestie_raise(
        actor=cast.worker, title="Wachtlijst school", blocks="Geen plek.", kind="wachtlijst", families=[cast.family]
    )
    other = services.kwestie_escalate(actor=cast.worker, kwestie=other, reason="Team")
    client.force_login(cast.worker)
    for url in (reverse("kwesties:mine"), reverse("kwesties:team")):
        page = client.get(url).content.decode()
        form = re.search(r'<form method="(\w+)" class="row filters"', page)
        assert form is not None and form.group(1) == "post", url
        # "Sanne" is in the first kwestie's own words: the search finds it, from the posted form.
        response = client.post(url, {"q": "Sanne", "team": cast.family.team_id})
        assert response.status_code == 200
        assert list(response.context["kwesties"]) == [found], url
        assert other.title not in response.content.decode()
    # A link may still filter by a choice: those travel as GET.
    response = client.get(reverse("kwesties:mine") + "?status=open")
    assert {k.pk for k in response.context["kwesties"]} == {found.pk, other.pk}
