"""PDFs are rendered from templates with our own static files only, never fetching from the network."""

import logging

from django.template import engines

from config import pdf


def test_pdf_uses_our_stylesheet_and_never_fetches_from_the_network(monkeypatch, caplog):
    source = (
        '<html><head><link rel="stylesheet" href="{{ pdf_static }}css/print.css"></head>'
        '<body><h1>Rapport</h1><img src="https://example.org/tracker.png" alt=""></body></html>'
    )
    template = engines["django"].from_string(source)
    monkeypatch.setattr(pdf, "render_to_string", lambda name, context, request=None: template.render(context))
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        result = pdf.render_pdf(template_name="unused.html", context={})
    assert result.startswith(b"%PDF")
    messages = " ".join(r.getMessage() for r in caplog.records)
    assert "print.css" not in messages  # the stylesheet was found and accepted
    assert "Not fetched while rendering a PDF: https://example.org/tracker.png" in messages
