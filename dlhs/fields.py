"""The one way a model points at something an editor may remove later."""

from django.db import models


def optional_reference(to, related_name="+", **options):
    """An optional link to another model: left empty, not deleted with it, when the other
    is deleted (a page, document, image, person or vocabulary entry)."""
    return models.ForeignKey(
        to, null=True, blank=True, on_delete=models.SET_NULL, related_name=related_name, **options
    )
