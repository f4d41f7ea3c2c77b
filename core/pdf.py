"""PDFs of printable pages (audit report, team reports), rendered with WeasyPrint.

The PDF is made from the same template as the page, so the two cannot drift
apart. WeasyPrint may only fetch our own static files: a template can never
make the server reach out to the network while it renders personal data.
"""

import mimetypes
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def _static_only_fetcher() -> Any:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        prefix = "file://static/"

        def fetch(self, url: str, headers: Any = None) -> Any:
            if not url.startswith(self.prefix):
                raise ValueError(f"Not fetched while rendering a PDF: {url}")
            found = finders.find(url.removeprefix(self.prefix))
            if not found:
                raise ValueError(f"No such static file: {url}")
            content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=Path(found).read_bytes(), headers={"Content-Type": content_type})

    return StaticOnlyFetcher(allowed_protocols={"file"})


def render_pdf(*, template_name: str, context: dict, request: HttpRequest | None = None) -> bytes:
    """Render a template to PDF bytes.

    In templates rendered for PDF, `{{ pdf_static }}` is the prefix to reach a
    static file, e.g. `{{ pdf_static }}css/print.css`.
    """
    from weasyprint import HTML  # imported late: it loads Pango, which only PDFs need

    html = render_to_string(template_name, {**context, "pdf": True, "pdf_static": "file://static/"}, request=request)
    return HTML(string=html, base_url="file://static/", url_fetcher=_static_only_fetcher()).write_pdf()


def pdf_response(
    *, template_name: str, context: dict, filename: str, request: HttpRequest | None = None
) -> HttpResponse:
    """A PDF download; personal data, so never cached."""
    response = HttpResponse(
        render_pdf(template_name=template_name, context=context, request=request), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


__all__ = ["pdf_response", "render_pdf"]
