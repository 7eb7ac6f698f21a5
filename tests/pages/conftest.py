"""Fixtures for the department's pages."""

import copy

import pytest
from django.core.cache import cache
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from wagtail.embeds.finders import get_finders

NEWS_TEASER_TEMPLATE = "blocks/news_teaser_block.html"


@pytest.fixture(autouse=True)
def news_teaser_template(settings):
    """Pages with a news teaser render even before the news app ships the teaser's template.

    The stand-in is only used while the real template is missing: once it exists it wins, so
    these tests then render the page exactly as visitors see it.
    """
    try:
        get_template(NEWS_TEASER_TEMPLATE)
        return
    except TemplateDoesNotExist:
        pass
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["APP_DIRS"] = False
    templates[0]["OPTIONS"]["loaders"] = [
        "django.template.loaders.filesystem.Loader",
        "django.template.loaders.app_directories.Loader",
        (
            "django.template.loaders.locmem.Loader",
            {NEWS_TEASER_TEMPLATE: '<section class="block"><h2>{{ value.heading }}</h2></section>'},
        ),
    ]
    settings.TEMPLATES = templates


@pytest.fixture(autouse=True)
def offline_embeds(settings):
    """No network in tests: a stand-in oEmbed finder that knows one video and fails otherwise."""
    settings.WAGTAILEMBEDS_FINDERS = [{"class": "tests.pages.embed_finder.StandInFinder"}]
    get_finders.cache_clear()
    yield
    get_finders.cache_clear()


@pytest.fixture(autouse=True)
def fresh_cache():
    """Wagtail caches the site's root paths; a test that replaces the home page must not leak."""
    cache.clear()
    yield
    cache.clear()
