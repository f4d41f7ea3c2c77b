"""What the reports queue, caught instead of sent to the broker.

The dispatchers send one `reports.generate` signature per report in one Celery
group (reports.tasks._publish); the sweeper and a retry send one with `.delay`.
This stands in for both and keeps each report's arguments, (kind, team_id,
period_start), in the order queued.
"""


def capture_fanout(monkeypatch) -> list[tuple]:
    from reports import tasks

    sent: list[tuple] = []

    class Group:
        def __init__(self, signatures):
            self.signatures = list(signatures)

        def apply_async(self):
            assert all(s.immutable for s in self.signatures), "each generation takes only its own arguments"
            sent.extend(tuple(s.args) for s in self.signatures)

    monkeypatch.setattr(tasks, "group", Group)
    monkeypatch.setattr(tasks.generate_report, "delay", lambda *args: sent.append(args))
    return sent
