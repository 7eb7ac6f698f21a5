"""How a model points at a picture of the image library."""

from django.conf import settings

from dlhs.fields import optional_reference


def image_field(help_text="", **options):
    """An optional image: left empty, not deleted with it, when the image is deleted."""
    return optional_reference(settings.WAGTAILIMAGES_IMAGE_MODEL, help_text=help_text, **options)
