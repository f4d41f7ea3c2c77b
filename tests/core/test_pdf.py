"""PDFs are rendered from templates with our own static files only, never fetching from the network."""

import logging

from django.template import engines

from core import pdf


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


def test_charts_carry_their_colours_into_the_pdf_only():
    """WeasyPrint ignores the page's CSS inside SVG; web pages must stay free of inline styles (CSP)."""
    from django.template.loader import render_to_string

    chart = {"key": "k", "width": 10, "height": 10, "title": "t", "desc": "d", "lines": [], "rects": [], "texts": []}
    assert "<style>" in render_to_string("teams/figures_chart.html", {"chart": chart, "pdf": True})
    assert "<style>" not in render_to_string("teams/figures_chart.html", {"chart": chart})
