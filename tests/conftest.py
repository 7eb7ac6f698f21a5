"""Fixtures shared by every test package."""

import pytest
from wagtail.models import Page, Site

from tests.servers import keep_migrated_database


@pytest.fixture(scope="session", autouse=True)
def migrated_database_for_servers(request):
    """When the run starts servers (tests marked servers or browser), keep the test database
    as migrations left it, before any test writes to it: each server's database is a copy
    (tests/servers.py) rather than another half minute of migrating."""
    if not any(
        item.get_closest_marker("servers") or item.get_closest_marker("browser")
        for item in request.session.items
    ):
        return
    from django.db import connection

    configured = connection.settings_dict["NAME"]
    request.getfixturevalue("django_db_setup")
    if connection.settings_dict["NAME"] == configured:
        return  # no test of this run uses the database, so no test database was made
    with request.getfixturevalue("django_db_blocker").unblock():
        keep_migrated_database(connection)


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
