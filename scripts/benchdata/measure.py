"""Timing one page: the whole stack through Django's test client, and its SQL floor in the same run.

The floor is the page's own SQL and nothing else: the statements one request
sent (CaptureQueriesContext; with psycopg's client-side binding the text holds
its parameters), sent again in the same order on a plain psycopg connection,
results fetched (see Floor for transactions). A statement that cannot run twice
is skipped and counted (floor_skipped).
"""

import re
import statistics
import time
import uuid
from dataclasses import dataclass, field

import psycopg

TOKEN = re.compile(r'name="idempotency_token" value="([0-9a-f-]{36})"')


def p95(values: list[float]) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=20, method="inclusive")[18]


@dataclass
class Page:
    name: str
    user: object
    url: str
    post: dict | None = None  # a form to send (a fresh idempotency token each time)
    expect: int = 200
    result: dict = field(default_factory=dict)


class Floor:
    """A plain psycopg connection to the same database: the SQL floor of a captured request.

    In autocommit, so the page's own BEGIN, SAVEPOINT and COMMIT (Django captures
    them too) are replayed as they were: a page that commits pays for its commit
    on the floor as well. What a replay writes stays (a few extra log rows, and a
    contact per round for the POST, whose idempotency token is replaced by a
    fresh one each round so the replay is not refused).
    """

    def __init__(self, url: str):
        self.conn = psycopg.connect(url, autocommit=True)

    def run(self, statements: list[str], token: str | None = None) -> tuple[float, int]:
        skipped = 0
        fresh = str(uuid.uuid4()) if token else ""
        if token:
            statements = [sql.replace(token, fresh) for sql in statements]
        began = time.perf_counter()
        with self.conn.cursor() as cur:
            for sql in statements:
                try:
                    cur.execute(sql, prepare=False)
                    if cur.description:
                        cur.fetchall()
                except psycopg.Error:
                    skipped += 1
                    if self.conn.info.transaction_status == psycopg.pq.TransactionStatus.INERROR:
                        cur.execute("ROLLBACK")
        elapsed = time.perf_counter() - began
        if self.conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            self.conn.execute("ROLLBACK")
        return elapsed, skipped

    def close(self) -> None:
        self.conn.close()


def log_position() -> int:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT COALESCE(max(id), 0) FROM privacy_accesslogentry")
        return cur.fetchone()[0]


def log_written(since: int, shape_new: bool) -> tuple[int, int]:
    """Rows written after id `since`, and the families they name."""
    from django.db import connection

    families = "COALESCE(sum(cardinality(family_ids)), 0)" if shape_new else "count(*)"
    with connection.cursor() as cur:
        cur.execute(f"SELECT count(*), {families} FROM privacy_accesslogentry WHERE id > %s", [since])  # noqa: S608
        rows, named = cur.fetchone()
    return rows, int(named)


def form_data(client, page: Page) -> dict | None:
    """For a form page: open the form (not timed) for a fresh idempotency token."""
    if page.post is None:
        return None
    token = TOKEN.search(client.get(page.url).content.decode())
    return {**page.post, **({"idempotency_token": token[1]} if token else {})}


def send(client, page: Page, data: dict | None):
    return client.get(page.url) if data is None else client.post(page.url, data)


def measure(client, page: Page, *, repeat: int, floor: Floor, shape_new: bool) -> dict:
    """Median and p95 of the page and of its floor over `repeat` rounds, after two warm-ups."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        response = send(client, page, form_data(client, page))
        assert response.status_code == page.expect, f"{page.url} answered {response.status_code}"
    data = form_data(client, page)
    since = log_position()
    with CaptureQueriesContext(connection) as captured:
        response = send(client, page, data)
    queries = [q["sql"] for q in captured.captured_queries]
    captured_token = (data or {}).get("idempotency_token")
    log_rows, log_families = log_written(since, shape_new)
    times, floors, skipped = [], [], 0
    for _ in range(repeat):
        data = form_data(client, page)
        began = time.perf_counter()
        response = send(client, page, data)
        elapsed = (time.perf_counter() - began) * 1000
        assert response.status_code == page.expect, f"{page.url} answered {response.status_code}"
        times.append(elapsed)
        seconds, skipped = floor.run(queries, token=captured_token)
        floors.append(seconds * 1000)
    median, floor_median = statistics.median(times), statistics.median(floors)
    return {
        "url": page.url,
        "median_ms": round(median, 1),
        "p95_ms": round(p95(times), 1),
        "floor_median_ms": round(floor_median, 1),
        "floor_p95_ms": round(p95(floors), 1),
        "ratio": round(median / floor_median, 1) if floor_median else None,
        "queries": len(queries),
        "floor_skipped": skipped,
        "log_rows_per_view": log_rows,
        "log_families_per_view": log_families,
        "kilobytes": round(len(response.content) / 1024, 1),
    }


def count_queries(client, page: Page) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    send(client, page, form_data(client, page))
    data = form_data(client, page)
    with CaptureQueriesContext(connection) as captured:
        response = send(client, page, data)
    assert response.status_code == page.expect, f"{page.url} answered {response.status_code}"
    return len(captured.captured_queries)
