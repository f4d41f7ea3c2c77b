"""Fail when a Python module grows past the house limit (about 400 lines).

A module that long holds more than one subject; split it by subject instead
(see docs/architecture.md). Migrations and the demo data's texts and builder
are data, not code, and are left out.
"""

import logging
import subprocess
import sys
from pathlib import Path

LIMIT = 400
EXEMPT_PARTS = ("/migrations/", "/demo/")


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    log = logging.getLogger("module-size")
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.py"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    too_long = []
    for name in files:
        if any(part in f"/{name}" for part in EXEMPT_PARTS) or not Path(name).exists():
            continue
        lines = len(Path(name).read_text(encoding="utf-8").splitlines())
        if lines > LIMIT:
            too_long.append((lines, name))
    for lines, name in sorted(too_long, reverse=True):
        log.error("%s: %s lines (limit %s); split it by subject", name, lines, LIMIT)
    return 1 if too_long else 0


if __name__ == "__main__":
    sys.exit(main())
