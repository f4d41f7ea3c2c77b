"""What every page of the family file shares: logging the view."""

from django.shortcuts import render

from privacy.services import access_log_view


def render_family(request, template: str, *, family, what: str, context: dict):
    """Render a page that shows this family's data, and log that it was seen.

    Every page of the file goes through here, forms included (they list the
    family's members and plan): no page can forget the access log.
    """
    access_log_view(request=request, family_id=family.pk, what=what)
    return render(request, template, {"family": family, **context})
