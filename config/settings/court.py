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

# Privacy requests (casework.rights): the legal term of each kind in months (AVG art. 12: a month,
# extendable once by two; Jeugdwet art. 7.3.9: destruction within three months), and how many days
# before its end a term is a signal.
PRIVACY_REQUESTS = {
    "TERM_MONTHS": {
        "inzage": 1,
        "kopie": 1,
        "correctie": 1,
        "vernietiging": 3,
        "bezwaar": 1,
        "beperking": 1,
    },
    "EXTENSION_MONTHS": 2,
    "EXTENDABLE": ["inzage", "kopie", "correctie", "bezwaar", "beperking"],
    "WARN_DAYS": env.int("PRIVACY_REQUEST_WARN_DAYS", default=7),
    # A request to destroy a file that had an OTS or a guardianship is granted only this long after the help
    # ended (the organisation's policy, set with its privacy officer): the child may still need the file.
    "DESTRUCTION_LONG_MONTHS": env.int("PRIVACY_DESTRUCTION_LONG_MONTHS", default=24),
}
