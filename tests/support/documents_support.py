"""Real file bytes for document tests: what libmagic recognises, made here (no fixture files)."""

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile

from casework.documents import services as svc
from privacy.models import RetentionClass, RetentionCountsFrom

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4cf0000000049454e44ae426082"
)
HTML = b"<!doctype html><html><body><script>alert(1)</script></body></html>"


def docx_bytes(text: str = "Rapport") -> bytes:
    from docx import Document as Docx

    out = io.BytesIO()
    doc = Docx()
    doc.add_paragraph(text)
    doc.save(out)
    return out.getvalue()


def ensure_retention_classes() -> None:
    """The two seeded classes, again after a transactional test's flush removed the migration's rows."""
    for code, name, years, counts_from in [
        ("jeugdwet-20", "Jeugdwet: 20 jaar na einde hulp", 20, RetentionCountsFrom.HELP_ENDED),
        ("ots-voogdij-30", "OTS of voogdij: 30 jaar na meerderjarigheid", 30, RetentionCountsFrom.YOUNGEST_ADULT),
    ]:
        RetentionClass.objects.get_or_create(
            code=code, defaults={"name": name, "years": years, "counts_from": counts_from, "legal_basis": "Jeugdwet"}
        )


def upload(content: bytes = PDF, name: str = "beschikking.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def store(*, actor, family, content: bytes = PDF, title: str = "Beschikking OTS", **extra):
    ensure_retention_classes()
    values = {
        "kind": "beschikking",
        "title": title,
        "dated_on": dt.date(2026, 11, 2),
        "written_by": "Rechtbank Noord-Nederland",
        "filename": "beschikking.pdf",
        **extra,
    }
    return svc.document_store(actor=actor, family=family, content=content, **values)
