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
from pages.demo.builder import DemoBuilder
from tests.site.page_types import PAGE_TYPES

CSS_BUDGET = 30 * 1024
HTML_BUDGET = 60 * 1024
FAR_FUTURE = "max-age=315360000, public, immutable"
# Scripts that hold data, not code: the browser neither runs nor waits for them.
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}


NOT_FOUND = "/no-such-page/"


@pytest.fixture
def public_pages(client, db):
    """The HTML of one page of every public type, rendered once for all the checks."""
    DemoBuilder(report=lambda line: None).build()
    paths = {
        **PAGE_TYPES,
        "search": "/search/?q=health",
        "not found": NOT_FOUND,
    }
    pages = {}
    for name, path in paths.items():
        response = client.get(path)
        assert response.status_code == (404 if path == NOT_FOUND else 200), path
        pages[name] = response.content
    return pages


def script_problems(soup):
    problems = []
    for script in soup.find_all("script"):
        kind = script.get("type", "").strip().lower()
        if kind in DATA_SCRIPT_TYPES:
            if script.get("src"):
                problems.append(f"a data script with src: {script}")
            continue
        if not script.get("src"):
            problems.append(f"inline script: {str(script)[:120]}")
        elif not (script.has_attr("defer") or script.has_attr("async") or kind == "module"):
            problems.append(f"render-blocking script: {script}")
    # Nor any inline event handler.
    for tag in soup.find_all(True):
        handlers = [attr for attr in tag.attrs if attr.lower().startswith("on")]
        if handlers:
            problems.append(f"<{tag.name} {handlers}>")
    return problems


def picture_problems(soup):
    """What is wrong with the pictures of a page."""
    problems = []
    for position, img in enumerate(soup.find_all("img")):
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
        # Only the first picture, at the top of the page, may load at once.
        eager_allowed = position == 0 and img.find_parent(class_=re.compile("hero|profile"))
        if img.get("loading") != "lazy" and not eager_allowed:
            problems.append(f"{label}: not lazy (picture {position + 1})")
    return problems


def test_the_stylesheet_is_within_budget():
    size = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").stat().st_size

    assert size < CSS_BUDGET, f"site.css is {size} bytes"


def test_public_pages_meet_the_front_end_budgets(public_pages, subtests):
    scripts_checked = pictures_checked = 0
    for name, html in public_pages.items():
        soup = BeautifulSoup(html, "html.parser")
        with subtests.test(page=name, budget="HTML size"):
            assert len(html) < HTML_BUDGET, f"{name} is {len(html)} bytes"
        with subtests.test(page=name, budget="no render-blocking or inline script"):
            assert not script_problems(soup)
        with subtests.test(page=name, budget="pictures"):
            assert not picture_problems(soup)
        scripts_checked += len(soup.select("script[src]"))
        pictures_checked += len(soup.find_all("img"))
    # The checks looked at something: the site script on every page, and the demo pictures.
    assert scripts_checked >= len(public_pages)
    assert pictures_checked >= 20

    # A story's hero picture is the one that loads at once; everything below it waits.
    pictures = BeautifulSoup(public_pages["story"], "html.parser").main.find_all("img")
    assert len(pictures) >= 2
    assert pictures[0].get("loading") == "eager"
    assert pictures[0].find_parent(class_=re.compile("hero"))
    assert all(img.get("loading") == "lazy" for img in pictures[1:])


def test_the_checks_catch_what_they_are_for():
    bad = BeautifulSoup(
        '<script src="/static/a.js"></script><script>alert(1)</script>'
        '<script type="application/ld+json">{}</script><button onclick="x()">b</button>'
        '<img src="/a.jpg" alt=""><img src="/b.webp" width="2" height="2" alt="" loading="lazy">'
        '<picture><source type="image/webp" srcset="/c.webp">'
        '<img src="/c.gif" width="1" height="1" alt="" loading="lazy"></picture>',
        "html.parser",
    )

    assert len(script_problems(bad)) == 3
    assert len(picture_problems(bad)) == 6


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
