"""What search engines and link previews read: metadata, JSON-LD, sitemap, robots, redirects."""

import json
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from dlhs.models import SiteSettings
from tests import factories

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def head_of(response):
    return BeautifulSoup(response.content, "html.parser").head


def json_ld_items(response):
    scripts = BeautifulSoup(response.content, "html.parser").select(
        'script[type="application/ld+json"]'
    )
    return [json.loads(script.string) for script in scripts]


def meta(head, **attrs):
    tag = head.find("meta", attrs=attrs)
    return tag["content"] if tag else None


@pytest.mark.django_db
class TestHomeMetadata:
    def test_title_description_canonical_and_link_preview(self, client, home):
        home.search_description = "The department's home on the web."
        home.hero_image = factories.SiteImageFactory(
            description="People at a whiteboard", file=factories.jpeg_file(size=(1600, 1000))
        )
        home.save()

        response = client.get("/")
        head = head_of(response)

        assert head.title.string == (
            "Department of Learning Health Sciences | University of Michigan Medical School"
        )
        assert meta(head, name="description") == "The department's home on the web."
        assert head.find("link", rel="canonical")["href"] == "http://localhost/"
        assert meta(head, property="og:url") == "http://localhost/"
        assert meta(head, property="og:description") == "The department's home on the web."
        image = meta(head, property="og:image")
        assert image.startswith("http://") and "fill-1200x630" in image
        assert meta(head, property="og:image:width") == "1200"
        assert meta(head, property="og:image:height") == "630"
        assert meta(head, property="og:image:alt") == "People at a whiteboard"
        assert meta(head, name="twitter:card") == "summary_large_image"
        assert BeautifulSoup(response.content, "html.parser").html["lang"] == "en"

    def test_description_falls_back_to_the_intro_and_image_to_the_site_default(self, client, home):
        home.intro = "An introduction that is used when no search description is set."
        home.save()
        settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        settings.default_share_image = factories.SiteImageFactory(description="The logo")
        settings.save()

        head = head_of(client.get("/"))

        assert meta(head, name="description").startswith("An introduction that is used")
        assert meta(head, property="og:image:alt") == "The logo"

    def test_long_descriptions_are_cut_to_160_characters(self, client, home):
        home.intro = "word " * 100
        home.save()

        assert len(meta(head_of(client.get("/")), name="description")) <= 160

    def test_the_home_page_describes_the_department(self, client, home):
        settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        settings.phone = "734-555-0100"
        settings.linkedin_url = "https://www.linkedin.com/company/example"
        settings.save()

        items = json_ld_items(client.get("/"))

        organisation = next(item for item in items if item["@type"] == "CollegeOrUniversity")
        assert organisation["@context"] == "https://schema.org"
        assert organisation["name"] == "Department of Learning Health Sciences"
        assert organisation["parentOrganization"]["name"] == "University of Michigan Medical School"
        assert organisation["telephone"] == "734-555-0100"
        assert organisation["sameAs"] == ["https://www.linkedin.com/company/example"]
        assert not [item for item in items if item["@type"] == "BreadcrumbList"]

    def test_json_ld_cannot_break_out_of_its_script_element(self, client, home):
        settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        settings.department_name = "</script><script>alert(1)</script>"
        settings.save()

        response = client.get("/")

        assert "<script>alert(1)</script>" not in response.content.decode()
        organisation = json_ld_items(response)[0]
        assert organisation["name"] == "</script><script>alert(1)</script>"


@pytest.mark.django_db
class TestSitemapAndRobots:
    def test_sitemap_lists_exactly_the_live_public_pages(self, client, home):
        about = factories.AboutPageFactory(parent=home)
        visible = factories.StandardPageFactory(parent=about, title="Visible", slug="visible")
        factories.StandardPageFactory(parent=about, title="Draft", slug="draft", live=False)
        private = factories.StandardPageFactory(parent=about, title="Private", slug="private")
        from wagtail.models import PageViewRestriction

        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

        response = client.get("/sitemap.xml")

        assert response.status_code == 200
        root = ET.fromstring(response.content)
        locations = {node.text for node in root.findall("sm:url/sm:loc", SITEMAP_NS)}
        assert locations == {
            "http://localhost/",
            "http://localhost/about/",
            "http://localhost/about/visible/",
        }
        assert visible.pk
        lastmods = root.findall("sm:url/sm:lastmod", SITEMAP_NS)
        assert len(lastmods) == 3

    def test_robots_keeps_crawlers_out_of_the_admin_and_points_to_the_sitemap(self, client):
        response = client.get("/robots.txt")

        lines = response.content.decode().splitlines()
        assert response["Content-Type"].startswith("text/plain")
        assert "User-agent: *" in lines
        assert "Disallow: /admin/" in lines
        assert "Sitemap: http://testserver/sitemap.xml" in lines


@pytest.mark.django_db
def test_old_addresses_redirect_to_their_new_pages(client, home):
    about = factories.AboutPageFactory(parent=home)
    Redirect.objects.create(old_path="/dept/lhs/about", redirect_page=about, is_permanent=True)

    response = client.get("/dept/lhs/about/")

    assert response.status_code == 301
    assert response["Location"].endswith("/about/")
