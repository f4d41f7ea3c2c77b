"""An auditor's finding keeps a draft on the audit page; a successful save removes it."""

from django.test import Client
from django.urls import reverse

from audits.models import Finding
from casework.models import Draft
from tests.support.audits_support import plan, to_conversation, to_preparation
from tests.support.drafts_support import autosave, draft_token
from tests.support.once import once


def test_the_finding_draft_is_restored_and_removed_once_recorded(client, cast):
    audit = plan(cast)
    to_preparation(cast, audit)
    to_conversation(cast, audit)
    url = reverse("audits:detail", kwargs={"audit_id": audit.pk})
    client.force_login(cast.auditor)
    token = draft_token(client, url)
    fields = {"kind": "sterkte", "outcome": "populatie", "text": "Het team bespreekt elk gezin binnen een week."}
    assert autosave(client, url, fields, token=token).status_code == 200
    other = Client()
    other.force_login(cast.auditor)
    response = other.get(url)
    assert "Concept van " in response.content.decode()
    assert response.context["finding_form"]["text"].value() == fields["text"]
    # The peer auditor has a finding form of their own, without this draft.
    peer = Client()
    peer.force_login(cast.outsider)
    assert not peer.get(url).context["draft"].restored
    response = client.post(
        reverse("audits:finding_add", kwargs={"audit_id": audit.pk}), {**fields, **once(), "_draft": token}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert Finding.objects.filter(text=fields["text"]).exists()
    assert not Draft.objects.exists()
