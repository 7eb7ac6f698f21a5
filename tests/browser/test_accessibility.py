"""axe-core finds no WCAG 2.x A or AA violation on any kind of public page, wide or narrow.

One page of every public page type is checked at desktop (1280 px) and mobile (390 px) width,
each in a fresh browser context. The addresses come from the demo content in the server's own
database, so renaming a demo page does not silently drop it from the check.
"""

import json
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from pages.demo.copy import alumni
from tests.browser.conftest import DESKTOP, MOBILE

# Every WCAG 2.0, 2.1 and 2.2 rule at levels A and AA that axe-core has (nothing disabled).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}

# Printed by ``manage.py shell`` against the server's database: one address per page type.
PAGE_URLS_CODE = """
import json
from django.db.models import Count
from events.models import EventIndexPage, EventPage
from news.models import NewsIndexPage, NewsPage, NewsPageTag
from pages.models import (
    AboutPage, AlumniPage, DEIPage, HistoryPage, HomePage, LectureshipPage,
    StrategicPlanPage,
)
from people.models import AlumniUpdateFormPage, PeopleIndexPage, PersonPage

def url(model, **filters):
    return model.objects.live().public().filter(**filters).order_by("path").first().url

# The tag with the most stories, so the filtered list is a real list.
tag = (
    NewsPageTag.objects.values("tag__slug").annotate(stories=Count("id"))
    .order_by("-stories", "tag__slug").first()["tag__slug"]
)
news = url(NewsIndexPage)
print(json.dumps({
    "home": url(HomePage),
    "about": url(AboutPage),
    "history": url(HistoryPage),
    "lectureship": url(LectureshipPage),
    "lecture": url(EventPage, series__slug="hiss-lectureship"),
    "strategic plan": url(StrategicPlanPage),
    "DEI": url(DEIPage),
    "alumni": url(AlumniPage),
    "news list": news,
    "news list by tag": f"{news}?tag={tag}",
    "news list page 2": f"{news}?page=2",
    # A story of this site (not one first published elsewhere) that names people.
    "story": url(NewsPage, source_url="", related_people__isnull=False),
    "people list": url(PeopleIndexPage),
    # A profile that is linked from stories, so its news list shows too.
    "profile": url(PersonPage, news_mentions__isnull=False),
    "search results": "/search/?q=learning",
    "alumni update form with errors": url(AlumniUpdateFormPage),
    "events": url(EventIndexPage),
    # The recorded webinar: video with captions, transcript, speakers.
    "event": url(EventPage, transcript__gt=""),
    "cancelled event": url(EventPage, status="cancelled"),
    "event series": url(EventIndexPage) + "series/lhs-collaboratory/",
    "not found": "/no-such-page-here/",
}))
"""

PAGE_TYPES = [
    "home",
    "about",
    "history",
    "lectureship",
    "lecture",
    "strategic plan",
    "DEI",
    "alumni",
    "news list",
    "news list by tag",
    "news list page 2",
    "story",
    "people list",
    "profile",
    "search results",
    "alumni update form with errors",
    "events",
    "event",
    "cancelled event",
    "event series",
    "not found",
]
WIDTHS = {"desktop": DESKTOP, "mobile": MOBILE}


@pytest.fixture(scope="session")
def page_urls(site_server):
    return json.loads(site_server.shell(PAGE_URLS_CODE).strip().splitlines()[-1])


@pytest.fixture(scope="session")
def axe():
    return Axe()


def describe(violations):
    """The violations as a reader wants them: rule, impact, what to fix, and where."""
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{', '.join(tag for tag in violation['tags'] if tag.startswith('wcag'))}]"
        )
        for node in violation["nodes"]:
            lines.append(f"    {' '.join(str(part) for part in node['target'])}")
            lines.append(f"        {node['failureSummary'].replace(chr(10), ' ')}")
    return "\n".join(lines)


def test_every_page_type_has_an_address(page_urls):
    assert sorted(page_urls) == sorted(PAGE_TYPES)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_no_wcag_violations(page_type, width, page_urls, new_page, axe):
    page = new_page(viewport=WIDTHS[width])
    response = page.goto(page_urls[page_type])
    if page_type == "not found":
        assert response.status == 404
    else:
        assert response.status == 200
    if page_type == "alumni update form with errors":
        with page.expect_navigation():
            page.get_by_role("button", name="Send your update").click()
        assert page.locator(".errorlist").count() > 0, "the empty form shows no errors"

    results = axe.run(page, options=AXE_OPTIONS)
    if width == "mobile":
        # Reflow (WCAG 1.4.10): nothing makes a narrow screen scroll sideways.
        scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
        assert scroll_width <= MOBILE["width"], f"{page.url} is {scroll_width} px wide"

    violations = results.response["violations"]
    assert violations == [], (
        f"{len(violations)} WCAG violation(s) on the {page_type} page "
        f"({page.url}) at {WIDTHS[width]['width']} px:\n{describe(violations)}"
    )


def test_axe_reports_a_violation_it_is_shown(page_urls, page, axe):
    """The check itself works: a field without a label on a real page is reported."""
    page.goto(page_urls["home"])
    page.evaluate("() => document.querySelector('main').append(document.createElement('input'))")

    violations = axe.run(page, options=AXE_OPTIONS).response["violations"]

    assert "label" in [violation["id"] for violation in violations], describe(violations)


def test_search_results_do_not_cover_the_page(page_urls, page):
    """A result's title link is a plain link: it does not stretch over the header like a card's."""
    page.goto(page_urls["search results"])
    for target in [page.locator("#site-search"), page.locator(".search-results a").first]:
        target.scroll_into_view_if_needed()
        box = target.bounding_box()
        centre = [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2]
        hit = target.evaluate(
            "(element, [x, y]) => { const hit = document.elementFromPoint(x, y);"
            " return hit === element ? '' : hit.outerHTML.slice(0, 160); }",
            centre,
        )
        assert hit == "", f"a click on {target} lands on {hit}"


def test_form_errors_are_announced_and_tied_to_their_fields(page_urls, page):
    page.goto(page_urls["alumni update form with errors"])
    with page.expect_navigation():
        page.get_by_role("button", name="Send your update").click()

    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_have_accessible_name(re.compile("Please correct"))
    invalid_fields = page.locator("form [aria-invalid=true]")
    assert invalid_fields.count() >= 4
    for index in range(invalid_fields.count()):
        expect(invalid_fields.nth(index)).to_have_accessible_description("This field is required.")
    first_label = alumni.UPDATE_FORM_FIELDS[0]["label"]
    first_field = page.get_by_label(first_label)
    expect(first_field).to_have_accessible_name(f"{first_label} (required)")

    summary.get_by_role("link", name=re.compile(f"^{re.escape(first_label)}")).click()

    expect(first_field).to_be_focused()
