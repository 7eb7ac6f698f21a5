"""Fixtures shared by every test package."""

import pytest
from wagtail.models import Page, Site


@pytest.fixture(autouse=True)
def fresh_cache():
    """The page cache outlives a test's database transaction, so each test starts empty."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path_factory):
    """Uploads and renditions go to a throwaway folder per test session."""
    settings.MEDIA_ROOT = tmp_path_factory.getbasetemp() / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def home(db):
    """The site's home page, created by the pages app's migration."""
    from pages.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def site(home):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def root_page(db):
    return Page.objects.get(depth=1)
