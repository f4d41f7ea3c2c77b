"""`{% once_token %}`: the one-time token for a create form written out by hand in a template.

A form rendered from a Django form gets its token from core.idempotency.OnceFormMixin;
a small hand-written form (one click: "Op de agenda") uses this tag, and its view
still validates the token through a form with the mixin.
"""

import uuid

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from core.idempotency import TOKEN_FIELD

register = template.Library()


@register.simple_tag
def once_token() -> SafeString:
    return format_html('<input type="hidden" name="{}" value="{}" data-once-token>', TOKEN_FIELD, uuid.uuid4())
