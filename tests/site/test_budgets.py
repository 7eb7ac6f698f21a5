"""Front-end budgets: small CSS and HTML, no render-blocking script, light pictures.

Pages are the demo site's, one of every public page type, read as a browser reads them.
Static files are collected with the production storage into a temporary folder and served by
whitenoise as production serves them.
"""

import gzip
import json
import re
from pathlib import Path

import brotli
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.management import call_command
from django.test import RequestFactory, override_settings
from whitenoise.middleware import WhiteNoiseMiddleware

from dlhs.settings import base as base_settings
from news.models import NewsPage
from pages.demo_content import DemoBuilder
from pages.models import LecturePage
from people.models import PersonPage

CSS_BUDGET = 30 * 1024
HTML_BUDGET = 60 * 1024
FAR_FUTURE = "max-age=315360000, public, immutable"
# Scripts that hold data, not code: the browser neither runs nor waits for them.
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}


@pytest.fixture
def public_pages(db):
    DemoBuilder(report=lambda line: None).build()
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
        "search": "/search/?q=health",
        "not found": "/no-such-page/",
    }


def fetch(client, path):
    response = client.get(path)
    assert response.status_code == (404 if path == "/no-such-page/" else 200), path
    return response.content


def test_the_stylesheet_is_within_budget():
    size = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").stat().st_size

    assert size < CSS_BUDGET, f"site.css is {size} bytes"


def test_every_public_page_is_within_the_html_budget(client, public_pages, subtests):
    for name, path in public_pages.items():
        with subtests.test(page=name):
            size = len(fetch(client, path))
            assert size < HTML_BUDGET, f"{name} is {size} bytes"


def test_no_script_blocks_rendering_and_none_is_inline(client, public_pages, subtests):
    scripts_seen = 0
    for name, path in public_pages.items():
        with subtests.test(page=name):
            soup = BeautifulSoup(fetch(client, path), "html.parser")
            for script in soup.find_all("script"):
                kind = script.get("type", "").strip().lower()
                if kind in DATA_SCRIPT_TYPES:
                    assert not script.get("src")
                    continue
                scripts_seen += 1
                assert script.get("src"), f"inline script on {name}: {str(script)[:120]}"
                assert script.has_attr("defer") or script.has_attr("async") or kind == "module", (
                    f"render-blocking script on {name}: {script}"
                )
            # Nor any inline event handler.
            for tag in soup.find_all(True):
                handlers = [attr for attr in tag.attrs if attr.lower().startswith("on")]
                assert not handlers, f"{name}: <{tag.name} {handlers}>"
    assert scripts_seen >= len(public_pages)  # the site script was found and checked


def image_checks(soup):
    """Problems with the pictures of a page, and the number of pictures checked."""
    problems = []
    images = soup.find_all("img")
    for position, img in enumerate(images):
        label = img.get("src", "")[-60:]
        if not (img.get("width", "").isdigit() and img.get("height", "").isdigit()):
            problems.append(f"{label}: no explicit width and height")
        if img.get("alt") is None:
            problems.append(f"{label}: no alt attribute")
        picture = img.parent if img.parent.name == "picture" else None
        if picture is not None:
            types = [source.get("type") for source in picture.find_all("source")]
            if types[:2] != ["image/avif", "image/webp"]:
                problems.append(f"{label}: sources are {types}, not AVIF then WebP")
            if not re.search(r"\.(jpe?g|png)$", img["src"]):
                problems.append(f"{label}: the fallback is not JPEG or PNG")
            if not all(source.get("srcset") for source in picture.find_all("source")):
                problems.append(f"{label}: a source without srcset")
        elif not img.get("srcset"):
            problems.append(f"{label}: neither <picture> nor srcset")
        eager_allowed = position == 0 and img.find_parent(class_=re.compile("hero|profile"))
        if img.get("loading") != "lazy" and not eager_allowed:
            problems.append(f"{label}: not lazy (picture {position + 1})")
    return problems, len(images)


def test_pictures_have_sizes_modern_formats_and_load_lazily_below_the_hero(
    client, public_pages, subtests
):
    pictures_checked = 0
    for name, path in public_pages.items():
        with subtests.test(page=name):
            problems, count = image_checks(BeautifulSoup(fetch(client, path), "html.parser"))
            pictures_checked += count
            assert not problems, problems
    assert pictures_checked >= 20


def test_the_hero_picture_is_loaded_first(client, public_pages):
    soup = BeautifulSoup(fetch(client, public_pages["story"]), "html.parser")
    first = soup.main.find("img")

    assert first.get("loading") == "eager"
    assert all(img.get("loading") == "lazy" for img in soup.main.find_all("img")[1:])


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory):
    """This project's own static files, collected with the production storage."""
    root = tmp_path_factory.mktemp("collected-static")
    production = {
        "STATIC_ROOT": root,
        "STORAGES": {**settings.STORAGES, "staticfiles": base_settings.STORAGES["staticfiles"]},
        # Wagtail's admin files are not what visitors download; leaving them out keeps this fast.
        "STATICFILES_FINDERS": ["django.contrib.staticfiles.finders.FileSystemFinder"],
        "WHITENOISE_USE_FINDERS": False,
        "WHITENOISE_AUTOREFRESH": False,
    }
    with override_settings(**production):
        call_command("collectstatic", "--noinput", verbosity=0)
        yield root


def test_collected_css_has_a_hashed_name_and_compressed_copies(collected_static):
    manifest = json.loads((collected_static / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/site.css"]

    assert re.fullmatch(r"css/site\.[0-9a-f]{12}\.css", hashed)
    original = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_bytes()
    assert (collected_static / hashed).read_bytes() == original
    assert gzip.decompress((collected_static / f"{hashed}.gz").read_bytes()) == original
    assert brotli.decompress((collected_static / f"{hashed}.br").read_bytes()) == original


def test_whitenoise_serves_hashed_css_compressed_and_cached_for_ever(collected_static):
    manifest = json.loads((collected_static / "staticfiles.json").read_text())
    hashed_url = settings.STATIC_URL + manifest["paths"]["css/site.css"]
    with override_settings(DEBUG=False):
        serve_static = WhiteNoiseMiddleware(lambda request: pytest.fail("not a static file"))
        request = RequestFactory().get(hashed_url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        response = serve_static(request)

        assert response.status_code == 200
        assert response["Cache-Control"] == FAR_FUTURE
        assert response["Content-Encoding"] == "br"
        assert response["Content-Type"].startswith("text/css")
        assert "Accept-Encoding" in response["Vary"]

        # The unhashed name still works but is only cached briefly.
        plain = serve_static(RequestFactory().get(settings.STATIC_URL + "css/site.css"))
        assert "immutable" not in plain["Cache-Control"]
        assert plain["Cache-Control"] == f"max-age={settings.WHITENOISE_MAX_AGE}, public"
