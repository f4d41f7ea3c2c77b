"""A Celery worker in a process of its own, for the worker-killed test.

    python -m tests.support.blocking_worker MARKER -Q queue ...

With MARKER a file path, every report generation writes that file and then
blocks, so the test knows the worker is halfway through a report and can kill
it with SIGKILL. With MARKER "-", a plain worker. The blocking is patched in
here, in the test's own process, so the application carries no test hook.
"""

import sys
import time
from pathlib import Path

import django


def main() -> None:
    marker, worker_args = sys.argv[1], sys.argv[2:]
    django.setup()
    if marker != "-":
        from reports import services

        def blocked(**kwargs):
            Path(marker).write_text("halfway")
            time.sleep(300)  # killed long before this ends
            raise RuntimeError("the test should have killed this worker")

        services.report_build_data = blocked
    from config import celery_app

    celery_app.worker_main(
        ["worker", "--pool=solo", "--loglevel=WARNING", "--without-mingle", "--without-gossip", *worker_args]
    )


if __name__ == "__main__":
    main()
