"""Two auditors check one sampled file from the same version: the second is refused and sees the first's answers."""

from django.test import Client
from django.urls import reverse

from audits.models import CheckAnswer, FileCheck
from tests.support.audits_support import plan, to_preparation
from tests.support.concurrency_support import assert_stale_page, hidden_version


def test_second_auditor_is_refused_keeps_answers_sees_the_first_and_saves_after_merging(cast):
    audit = to_preparation(cast, plan(cast, sample_size=1))
    sampled = audit.sampled_files.get()
    items = list(audit.file_checklist.items.all())
    url = reverse("audits:file_check", kwargs={"audit_id": audit.pk, "position": sampled.position})
    first, second = Client(), Client()
    first.force_login(cast.auditor)
    second.force_login(cast.outsider)  # the peer auditor from another team

    def answers(answer, note):
        data = {f"answer_{i.pk}": answer for i in items}
        data.update({f"note_{i.pk}": "" for i in items})
        data[f"note_{items[0].pk}"] = note
        return data

    base = hidden_version(first.get(url).content.decode())
    assert hidden_version(second.get(url).content.decode()) == base
    saved = first.post(url, {**answers(CheckAnswer.YES, "Plan is actueel."), "version": base})
    assert saved.status_code == 302
    refused = second.post(url, {**answers(CheckAnswer.PARTLY, "Plan mist de veiligheidsafspraken."), "version": base})
    page = assert_stale_page(  # the file check page answers refused input with 400
        refused,
        who=str(cast.auditor),
        typed=["Plan mist de veiligheidsafspraken."],
        saved=["Plan is actueel."],
        status=400,
    )
    assert FileCheck.objects.get(sampled_file=sampled, item=items[0]).note == "Plan is actueel."
    merged = {
        **answers(CheckAnswer.PARTLY, "Plan is actueel, mist veiligheidsafspraken."),
        "version": hidden_version(page),
    }
    assert second.post(url, merged).status_code == 302
    check = FileCheck.objects.get(sampled_file=sampled, item=items[0])
    assert (check.answer, check.note, check.author) == (
        "deels",
        "Plan is actueel, mist veiligheidsafspraken.",
        cast.outsider,
    )
