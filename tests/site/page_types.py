"""Where the demo site shows one page of every public page type (after DemoBuilder built it)."""

from news.models import NewsPage
from pages.models import LecturePage
from people.models import PersonPage


def demo_page_paths():
    """An address of each public page type of the demo site, by a readable name."""
    return {
        "home": "/",
        "about": "/about/",
        "history": "/about/history/",
        "lectureship": "/about/hiss-lectureship/",
        "lecture": LecturePage.objects.live().first().url,
        "strategic plan": "/about/strategic-plan/",
        "DEI": "/about/dei/",
        "alumni": "/about/alumni/",
        "alumni form": "/about/alumni/share-your-news/",
        "news": "/news/",
        "story": NewsPage.objects.live().get(slug__startswith="adults-dont-trust").url,
        "people": "/people/",
        "profile": PersonPage.objects.get(slug="helen-k-morgan").url,
    }
