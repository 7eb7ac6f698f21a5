"""The anonymous page cache: fast for visitors, never stale for anyone."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories


@pytest.fixture
def about(home):
    return factories.AboutPageFactory(parent=home, show_in_menus=True)


def stored_pages():
    """Whole pages in the local-memory cache of the tests."""
    from django.core.cache import cache

    return sum(":page-cache:" in key and "generation" not in key for key in cache._cache)


@pytest.mark.django_db
class TestAnonymousPageCache:
    def test_second_visit_is_served_from_the_cache_without_queries(
        self, client, home, django_assert_num_queries
    ):
        first = client.get("/")
        assert first["X-Page-Cache"] == "miss"

        with django_assert_num_queries(0):
            second = client.get("/")

        assert second["X-Page-Cache"] == "hit"
        assert second.content == first.content
        assert second["Content-Type"] == first["Content-Type"]
        assert "Content-Security-Policy" in second

    def test_a_hit_keeps_the_policy_it_was_stored_with_without_building_it(
        self, client, home, monkeypatch
    ):
        import csp.middleware

        built = []
        build_policy = csp.middleware.build_policy
        monkeypatch.setattr(
            csp.middleware,
            "build_policy",
            lambda *args, **kwargs: built.append(1) or build_policy(*args, **kwargs),
        )
        first = client.get("/")
        assert built  # the page rendered: the policy was built for it
        built.clear()

        second = client.get("/")

        assert second["X-Page-Cache"] == "hit"
        assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
        assert second["X-Content-Type-Options"] == "nosniff"
        assert built == []

    def test_a_page_whose_policy_has_its_own_nonce_is_not_stored(self, rf):
        from django.http import HttpResponse

        from dlhs.cache import is_cacheable_response

        request = rf.get("/")
        assert is_cacheable_response(request, HttpResponse("page"))
        request._csp_nonce = "a-nonce-for-this-response-only"
        assert not is_cacheable_response(request, HttpResponse("page"))

    def test_static_files_pass_by_it(self, rf, settings):
        from dlhs.cache import is_cacheable_request

        assert is_cacheable_request(rf.get("/about/"))
        assert not is_cacheable_request(rf.get(f"{settings.STATIC_URL}css/site.css"))

    def test_a_hit_reads_the_cache_once(self, client, home, cache_reads):
        # One round trip to Redis per cached page: the page and the generation together.
        client.get("/")
        cache_reads.clear()

        assert client.get("/")["X-Page-Cache"] == "hit"
        assert cache_reads == ["get_many"]

    def test_a_page_rendered_after_a_change_replaces_the_entry_it_retires(
        self, client, home, about
    ):
        client.get("/")
        client.get("/about/")
        assert stored_pages() == 2
        about.title = "About the department"
        about.save_revision().publish()

        assert client.get("/")["X-Page-Cache"] == "miss"
        assert client.get("/")["X-Page-Cache"] == "hit"
        assert stored_pages() == 2  # the old home page's entry was overwritten, not added to

    def test_publishing_any_page_refreshes_every_cached_page(self, client, home, about):
        client.get("/")
        assert client.get("/")["X-Page-Cache"] == "hit"

        about.title = "About the department"
        about.save_revision().publish()

        response = client.get("/")
        assert response["X-Page-Cache"] == "miss"
        assert "About the department" in response.content.decode()  # the menu changed

    def test_a_page_stored_before_the_publish_commits_is_not_served_after_it(
        self, client, home, about, django_capture_on_commit_callbacks
    ):
        # A visitor's request between the publish signal and the commit reads the old
        # content; what it stores must not outlive the commit.
        with django_capture_on_commit_callbacks(execute=False) as on_commit:
            about.title = "About the department"
            about.save_revision().publish()
            assert client.get("/")["X-Page-Cache"] == "miss"
            assert client.get("/")["X-Page-Cache"] == "hit"
        assert on_commit
        for callback in on_commit:
            callback()

        assert client.get("/")["X-Page-Cache"] == "miss"

    def test_unpublishing_moving_and_deleting_refresh_it_too(self, client, home, about):
        other = factories.StandardPageFactory(parent=home, title="Research", show_in_menus=True)
        for change in (
            lambda: other.unpublish(),
            lambda: factories.StandardPageFactory(parent=about).move(home, pos="last-child"),
            lambda: other.delete(),
        ):
            client.get("/")
            assert client.get("/")["X-Page-Cache"] == "hit"
            change()
            assert client.get("/")["X-Page-Cache"] == "miss"

    def test_site_settings_changes_refresh_it(self, client, home):
        from wagtail.models import Site

        from dlhs.models import SiteSettings

        client.get("/")
        settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        settings.alert_enabled = True
        settings.alert_text = "Closed today"
        settings.save()

        assert "Closed today" in client.get("/").content.decode()

    def test_signed_in_editors_never_get_cached_pages(self, client, home, admin_user, about):
        client.get("/")  # an anonymous visit fills the cache
        client.force_login(admin_user)

        response = client.get("/")

        assert "X-Page-Cache" not in response

    def test_saving_a_draft_keeps_serving_the_published_page(self, client, home):
        client.get("/")
        home.hero_heading = "Draft heading"
        home.save_revision()  # saved, not published

        response = client.get("/")
        assert response["X-Page-Cache"] == "hit"
        assert "Draft heading" not in response.content.decode()

    def test_previews_are_never_cached(self, client, home, admin_user, about):
        client.force_login(admin_user)
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[about.pk])

        response = client.get(url)

        assert "X-Page-Cache" not in response

    def test_parameters_pages_read_are_part_of_the_key(self, client, home):
        client.get("/?page=1")

        assert client.get("/?page=1")["X-Page-Cache"] == "hit"
        assert client.get("/?page=2")["X-Page-Cache"] == "miss"
        # Their order is not.
        client.get("/?q=a&page=1")
        assert client.get("/?page=1&q=a")["X-Page-Cache"] == "hit"

    def test_other_parameters_are_answered_from_the_clean_address(self, client, home):
        clean = client.get("/")

        for query in ("utm_source=mail&utm_campaign=x", "fbclid=abc", "gclid=1", "nonsense=1"):
            response = client.get(f"/?{query}")
            assert response["X-Page-Cache"] == "hit", query
            assert response.content == clean.content

    def test_other_parameters_never_add_entries(self, client, home):
        for number in range(20):  # a cold cache: each of these is rendered, none is stored
            response = client.get(f"/?utm_x={number}")
            assert response.status_code == 200
            assert response["X-Page-Cache"] == "miss"
        assert stored_pages() == 0

        client.get("/")
        assert stored_pages() == 1

    def test_one_visitor_adds_a_bounded_number_of_entries(self, client, home, settings):
        settings.PAGE_CACHE_STORES_PER_VISITOR = 3
        for number in range(5):
            client.get(f"/?q={number}")

        assert [client.get(f"/?q={n}")["X-Page-Cache"] for n in range(5)] == [
            "hit",
            "hit",
            "hit",
            "miss",
            "miss",
        ]
        # Another visitor's pages are stored as usual.
        other = "198.51.100.7"
        client.get("/?q=9", REMOTE_ADDR=other)
        assert client.get("/?q=9", REMOTE_ADDR=other)["X-Page-Cache"] == "hit"

    def test_a_lost_generation_number_never_brings_back_old_pages(self, client, home, about):
        from django.core.cache import cache

        from dlhs.cache import GENERATION_KEY

        client.get("/")
        about.title = "About the department"
        about.save_revision().publish()
        cache.delete(GENERATION_KEY)  # as when Redis, full, evicts it

        assert "About the department" in client.get("/").content.decode()

    def test_errors_and_posts_are_not_cached(self, client, home):
        client.get("/missing/")
        assert client.get("/missing/").status_code == 404
        assert "X-Page-Cache" not in client.get("/missing/")
        assert "X-Page-Cache" not in client.post("/")

    def test_the_cache_can_be_switched_off(self, client, home, settings):
        settings.PAGE_CACHE_SECONDS = 0
        client.get("/")

        assert "X-Page-Cache" not in client.get("/")

    def test_whole_pages_can_be_left_to_an_http_cache_while_fragments_stay(
        self, client, home, settings
    ):
        settings.PAGE_CACHE_WHOLE_PAGES = False
        with CaptureQueriesContext(connection) as first:
            client.get("/")
        with CaptureQueriesContext(connection) as second:
            response = client.get("/")

        assert "X-Page-Cache" not in response and stored_pages() == 0
        assert 0 < len(second) < len(first)  # rendered again, with the shared fragments


@pytest.mark.django_db
def test_main_menu_is_cached_between_publishes(rf, home, about, django_assert_num_queries):
    from dlhs.templatetags.navigation_tags import main_menu

    request = rf.get("/")
    first = main_menu({"request": request})
    with django_assert_num_queries(1):  # the site lookup; the menu itself comes from the cache
        second = main_menu({"request": rf.get("/")})

    assert first == second
    assert [item["title"] for item in first["menu_items"]] == ["About"]
