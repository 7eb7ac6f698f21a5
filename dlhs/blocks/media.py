"""Blocks that show pictures and recordings: an image, link cards and a video."""

from django.forms.utils import ErrorList
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

from dlhs.blocks.links import LinkBlock


def library_image():
    """An image of the library for block previews (the oldest), or None while it is empty."""
    return get_image_model().objects.order_by("pk").first()


class ImageBlock(blocks.StructBlock):
    """A picture with the alt text this place needs; the caption and credit are optional."""

    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=255,
        help_text="Describe what the picture shows for people who cannot see it.",
    )
    caption = blocks.CharBlock(required=False, max_length=255)
    credit = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "image"
        label = "Image"
        template = "blocks/image_block.html"
        description = "A picture from the image library, with its alt text and a caption."

    def get_preview_value(self):
        return self.normalize(
            {
                "image": library_image(),
                "alt_text": "Students and faculty talking around a table",
                "caption": "A seminar of the department",
                "credit": "",
            }
        )


class LinkCardBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, help_text="Leave empty to use the page's title.")
    text = blocks.TextBlock(required=False)
    image = ImageChooserBlock(required=False)
    image_alt_text = blocks.CharBlock(
        required=False, help_text="Needed when the card has an image that says something."
    )
    link = LinkBlock()

    class Meta:
        description = "A card with a title, a sentence and an optional picture, leading to a page."
        preview_value = {
            "title": "Our history",
            "text": "How the department came to be.",
            "link": {"link_url": "https://example.edu/history"},
        }

    def clean(self, value):
        value = super().clean(value)
        if value.get("image") and not value.get("image_alt_text"):
            raise StructBlockValidationError(
                block_errors={
                    "image_alt_text": ErrorList(["Describe the image for screen readers."])
                }
            )
        return value


class LinkCardsBlock(blocks.StructBlock):
    """A row of cards, each leading to a page: the way into a section of the site."""

    heading = blocks.CharBlock(required=False, max_length=255)
    cards = blocks.ListBlock(LinkCardBlock(), min_num=1)

    class Meta:
        icon = "grip"
        label = "Link cards"
        template = "blocks/link_cards_block.html"
        description = "A row of cards, each leading to a page: the way into a section."
        preview_value = {
            "heading": "Explore the department",
            "cards": [
                {
                    "title": "Our history",
                    "text": "How the department came to be.",
                    "link": {"link_url": "https://example.edu/history"},
                },
                {
                    "title": "Strategic plan",
                    "text": "Where we are going.",
                    "link": {"link_url": "https://example.edu/plan"},
                },
            ],
        }


class VideoBlock(blocks.StructBlock):
    """A recorded talk or webinar: embedded from YouTube, Vimeo or another oEmbed site."""

    title = blocks.CharBlock(max_length=255)
    video = EmbedBlock(
        required=False, help_text="The video's address on YouTube, Vimeo or Kaltura."
    )
    description = blocks.TextBlock(required=False)
    link = LinkBlock(required=False, help_text="Where to watch when the video cannot be embedded.")

    class Meta:
        icon = "media"
        label = "Video"
        template = "blocks/video_block.html"
        description = "A recorded talk or webinar from YouTube, Vimeo or Kaltura."
        # No video address: a preview must not wait for a video site to answer.
        preview_value = {
            "title": "The annual lecture",
            "description": "A recording of last year's lecture.",
            "link": {"label": "Watch the recording", "link_url": "https://example.edu/lecture"},
        }

    def clean(self, value):
        value = super().clean(value)
        if not value.get("video") and not value["link"].has_target:
            raise StructBlockValidationError(
                block_errors={"video": ErrorList(["Give the video's address or a link to it."])}
            )
        return value
