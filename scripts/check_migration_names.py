"""Refuse migrations named NNNN_auto_*: a migration's name says what it changes.

`makemigrations` falls back to an auto_<timestamp> name when it cannot name the
change itself; `makemigrations <app> --name <what_it_does>` gives it a name.
Part of `make migrations-check` (and so of .ci/run).
"""

import logging
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AUTO_NAME = re.compile(r"^\d{4}_auto_.*\.py$")
SKIP_DIRS = {"node_modules", "staticfiles", "__pycache__"}


def auto_named_migrations(root: Path) -> list[Path]:
    found = []
    for directory, subdirs, files in os.walk(root):  # symlinks (.venv) are not followed
        subdirs[:] = sorted(d for d in subdirs if not d.startswith(".") and d not in SKIP_DIRS)
        if Path(directory).name == "migrations":
            found += [Path(directory, name).relative_to(root) for name in sorted(files) if AUTO_NAME.match(name)]
    return found


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    log = logging.getLogger("migration-names")
    found = auto_named_migrations(ROOT)
    if not found:
        return 0
    log.error("Migrations must be named for what they change, not NNNN_auto_*:")
    for path in found:
        log.error("  %s", path)
    log.error(
        "Rename the file (and the dependencies on it in later migrations), or make it again with\n"
        "  .venv/bin/python manage.py makemigrations <app> --name <what_it_changes>"
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
