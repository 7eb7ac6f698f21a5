"""The sites' root paths, which every page address is made from, are read once per request."""

import pytest
from django.core.cache import cache
from wagtail.models import Page, Site

from dlhs import site_roots
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def reads(monkeypatch):
    """How many times the sites' root paths were read from Wagtail's cache (or the database)."""
    counted = []
    read = site_roots.site_root_paths.read

    def counting_read():
        counted.append(1)
        return read()

    monkeypatch.setattr(site_roots.site_root_paths, "read", counting_read)
    return counted


def card(page):
    link = {"label": "", "page": page, "document": None, "link_url": ""}
    return {"title": "", "text": "", "image": None, "image_alt_text": "", "link": link}


def test_a_page_with_many_links_reads_the_site_roots_once(client, home, reads, settings):
    settings.PAGE_CACHE_SECONDS = 0
    pages = [factories.StandardPageFactory(parent=home, title=f"Place {n}") for n in range(4)]
    home.body = [("link_cards", {"heading": "Explore", "cards": [card(page) for page in pages]})]
    home.save_revision().publish()
    cache.clear()
    reads.clear()

    html = client.get("/").content.decode()

    assert len(reads) == 1
    assert all(f'href="{page.url}"' in html for page in pages)


def address(page):
    """The page's address, from a fresh copy (Wagtail also keeps the roots on the instance)."""
    return Page.objects.get(pk=page.pk).get_url()


def test_a_site_changed_during_a_request_is_seen_by_the_rest_of_it(home, reads):
    site = Site.objects.get(is_default_site=True)
    site_roots.site_root_paths.start()
    try:
        assert address(home) == "/"
        assert address(home) == "/" and len(reads) == 1
        site.hostname, site.port = "alumni.example.edu", 443
        site.save()  # Wagtail empties its cache of site roots; the request's read goes too

        assert Page.objects.get(pk=home.pk).get_full_url() == "https://alumni.example.edu/"
        assert len(reads) == 2
    finally:
        site_roots.site_root_paths.finish()


def test_outside_a_request_each_address_reads_afresh(home, reads):
    address(home)
    address(home)

    assert len(reads) == 2
    assert not site_roots.site_root_paths.in_request()
