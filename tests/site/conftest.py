"""The demo site, built once per test module for tests that read every page type."""

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import override_settings
from wagtail.embeds.finders import get_finders

from dlhs import editorial
from pages.demo.builder import DemoBuilder

# Enough stories and people for a second page of the news list and of the directory.
DEMO_NEWS_COUNT = 16
DEMO_PEOPLE_COUNT = 30


@pytest.fixture(scope="module")
def demo_site_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The whole demo tree, built once for the module and rolled back after its last test.

    Each test still gets pytest-django's own transaction (``db``) inside this one, so what a
    test writes is undone before the next test; only the demo content is shared.
    """
    media = tmp_path_factory.getbasetemp() / "media"
    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=media,
            # No network in tests: the stand-in oEmbed finder of the pages tests.
            WAGTAILEMBEDS_FINDERS=[{"class": "tests.pages.embed_finder.StandInFinder"}],
        ),
    ):
        get_finders.cache_clear()
        with transaction.atomic():
            DemoBuilder(report=lambda line: None).build(
                news_count=DEMO_NEWS_COUNT, people_count=DEMO_PEOPLE_COUNT
            )
            yield
            transaction.set_rollback(True)
        get_finders.cache_clear()


@pytest.fixture
def demo_site(demo_site_once, db):
    """Use the module's demo tree in a test (inside the test's own transaction)."""


# Members of the editorial groups (dlhs/editorial.py), for the permission tests.
def member_of(group_name, username, django_user_model):
    user = django_user_model.objects.create_user(
        username=username,
        email=f"{username}@example.edu",
        password="pw",  # noqa: S106
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db, django_user_model):
    return member_of(editorial.EDITORS, "editor", django_user_model)


@pytest.fixture
def moderator(db, django_user_model):
    return member_of(editorial.MODERATORS, "moderator", django_user_model)


@pytest.fixture
def news_editor(db, django_user_model):
    return member_of(editorial.NEWS_EDITORS, "newsie", django_user_model)


@pytest.fixture
def anonymous(client):
    """A visitor with no session: the bad-input gates' client."""
    return client


@pytest.fixture
def cache_reads(monkeypatch):
    """The names of the reads the code makes of the default cache ("get", "get_many").

    A get_many that this backend answers with gets counts once, as one round trip to Redis.
    """
    from django.core.cache import caches

    backend = caches["default"]
    reads, depth = [], [0]

    def counted(name, read):
        def counted_read(*args, **kwargs):
            if not depth[0]:
                reads.append(name)
            depth[0] += 1
            try:
                return read(*args, **kwargs)
            finally:
                depth[0] -= 1

        return counted_read

    for name in ("get", "get_many"):
        monkeypatch.setattr(backend, name, counted(name, getattr(backend, name)))
    return reads
