"""Court work and family documents' settings (casework.court, casework.documents), imported by base.py."""

from pathlib import Path
from typing import Any

import environ

env = environ.Env()

# Court work (casework.court): a request to extend a measure is due this many weeks before the
# measure's period ends ("verzoek verlenging uiterlijk ..."); without a pending request the family
# carries a signal from MEASURE_ENDING_WEEKS before the end.
COURT = {
    "EXTENSION_REQUEST_LEAD_WEEKS": env.int("COURT_EXTENSION_REQUEST_LEAD_WEEKS", default=8),
}

# Family documents (casework.documents): stored under PRIVATE_MEDIA_ROOT, which no URL serves; only the
# access-checked download view reads them. Upload limits: size, and the types libmagic must find.
PRIVATE_MEDIA_ROOT = env(
    "PRIVATE_MEDIA_ROOT", default=str(Path(__file__).resolve().parent.parent.parent / "private-media")
)
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": {
        "BACKEND": "casework.documents.storage.PrivateStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
}
DOCUMENT_MAX_BYTES = env.int("DOCUMENT_MAX_BYTES", default=20 * 1024 * 1024)
DOCUMENT_CONTENT_TYPES = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "image/jpeg": "jpg",
    "image/png": "png",
}
