"""How a model points at a picture of the image library."""

from django.conf import settings
from django.db import models


def image_field(help_text="", **options):
    """An optional image: left empty, not deleted with it, when the image is deleted."""
    return models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
        **options,
    )
