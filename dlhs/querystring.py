"""The rules every listing applies to its query string: news, people and search alike.

- A parameter given twice (``?tag=a&tag=b``, ``?q=a&q=b``, ``?page=1&page=2``) is a 400: the
  request is ambiguous, and guessing which value was meant hides broken links.
- Free text (a search) keeps its printable characters, its spaces collapsed, and is cut to
  ``MAX_TEXT_LENGTH`` characters, so no typed query can reach the database as a 500.
- A slug (a tag, category, role, program or research interest) matches ``SLUG``, or the
  address names nothing: a 404, like an unknown page.

Templates change one parameter and keep the rest with Django's ``{% querystring %}`` tag.
"""

import re

from django.core.exceptions import BadRequest
from django.http import Http404

MAX_TEXT_LENGTH = 100
SLUG = re.compile(r"[-\w]{1,100}")


def single(params, name):
    """The one value of ``name`` in ``params`` (a QueryDict), stripped; "" when absent."""
    values = params.getlist(name)
    if len(values) > 1:
        raise BadRequest(f"Give “{name}” at most once.")
    return values[0].strip() if values else ""


def reject_repeats(params, names):
    """A 400 if any of ``names`` is given more than once."""
    for name in names:
        single(params, name)


def text(params, name):
    """Free text, as a search backend or a name filter should see it."""
    printable = "".join(char if char.isprintable() else " " for char in single(params, name))
    return " ".join(printable.split())[:MAX_TEXT_LENGTH].strip()


def slug(params, name, what=None, lower=False):
    """A slug, or "" when absent; a value that cannot be a slug is a 404."""
    value = single(params, name)
    if lower:
        value = value.lower()
    if value and not SLUG.fullmatch(value):
        raise Http404(f"No such {what or name}")
    return value
