"""An oEmbed finder for tests: embeds YouTube addresses, and is 'unreachable' for the rest."""

from wagtail.embeds.exceptions import EmbedNotFoundException
from wagtail.embeds.finders.base import EmbedFinder

EMBEDDABLE = "https://www.youtube.com/watch?v="


class StandInFinder(EmbedFinder):
    def __init__(self, **options):
        pass

    def accept(self, url):
        return True

    def find_embed(self, url, max_width=None, max_height=None):
        if not url.startswith(EMBEDDABLE):
            # What the oEmbed finder raises when the provider cannot be reached.
            raise EmbedNotFoundException
        video_id = url.removeprefix(EMBEDDABLE)
        return {
            "title": "A video",
            "author_name": "DLHS",
            "provider_name": "YouTube",
            "type": "video",
            "thumbnail_url": "",
            "width": 640,
            "height": 360,
            "html": f'<iframe title="A video" src="https://www.youtube-nocookie.com/embed/{video_id}"'
            ' width="640" height="360"></iframe>',
        }
