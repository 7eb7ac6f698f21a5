"""Keyboard use: the skip link, the menu button at mobile width, and a visible focus."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, MOBILE

# True when the element shows where focus is: an outline or a box-shadow of its own, or an
# outline on an ancestor (a card outlines itself when its title link has focus).
SHOWS_FOCUS = """element => {
    const outlined = style => style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const own = getComputedStyle(element);
    if (outlined(own) || own.boxShadow !== "none") return true;
    for (let parent = element.parentElement; parent; parent = parent.parentElement) {
        if (outlined(getComputedStyle(parent))) return true;
    }
    return false;
}"""

FOCUSED_ELEMENT = "() => document.activeElement"


def focused(page):
    return page.evaluate_handle(FOCUSED_ELEMENT).as_element()


def describe_focused(page):
    return page.evaluate(
        "() => { const e = document.activeElement; return e.outerHTML.slice(0, 160); }"
    )


def tab_to(page, locator, limit=15):
    """Press Tab until ``locator`` has focus; fail if it is not among the first ``limit`` stops."""
    target = locator.element_handle()
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("target => document.activeElement === target", target):
            return
    raise AssertionError(f"{locator} is not among the first {limit} Tab stops")


@pytest.fixture
def mobile_home(new_page):
    page = new_page(viewport=MOBILE)
    page.goto("/")
    return page


@pytest.mark.parametrize("viewport", [MOBILE, DESKTOP], ids=["mobile", "desktop"])
def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(new_page, viewport):
    page = new_page(viewport=viewport)
    page.goto("/")
    skip_link = page.locator("a.skip-link")
    expect(skip_link).not_to_be_in_viewport()

    page.keyboard.press("Tab")

    expect(skip_link).to_be_focused()
    expect(skip_link).to_have_text("Skip to main content")
    expect(skip_link).to_be_in_viewport(ratio=1)
    assert skip_link.evaluate(SHOWS_FOCUS)

    page.keyboard.press("Enter")

    expect(page.locator("main#main")).to_be_focused()
    # The next Tab continues from the main content, not from the header.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")


def test_menu_button_opens_and_closes_the_menu_from_the_keyboard(mobile_home):
    page = mobile_home
    toggle = page.get_by_role("button", name="Menu")
    nav_links = page.locator("#site-nav .site-nav__list a")
    first_link = nav_links.first
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(first_link).to_be_hidden()

    tab_to(page, toggle)
    assert toggle.evaluate(SHOWS_FOCUS), "the focused menu button shows no focus indicator"

    # Closed, the menu's links are not Tab stops: the next one is past the header.
    page.keyboard.press("Tab")
    assert not page.evaluate(
        "() => document.getElementById('site-nav').contains(document.activeElement)"
    )
    page.keyboard.press("Shift+Tab")
    expect(toggle).to_be_focused()

    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    assert nav_links.count() >= 3
    for index in range(nav_links.count()):
        expect(nav_links.nth(index)).to_be_visible()
    expect(page.locator("#site-search")).to_be_visible()

    page.keyboard.press("Tab")
    expect(first_link).to_be_focused()
    assert first_link.evaluate(SHOWS_FOCUS), "a focused menu link shows no focus indicator"

    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    expect(first_link).to_be_hidden()

    page.keyboard.press("Space")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(first_link).to_be_visible()

    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(first_link).to_be_hidden()
    expect(toggle).to_be_focused()


def test_navigation_shows_without_a_menu_button_at_desktop_width(page):
    page.goto("/")
    expect(page.locator(".menu-toggle")).to_be_hidden()
    nav_links = page.locator("#site-nav .site-nav__list a")
    assert nav_links.count() >= 3
    for index in range(nav_links.count()):
        expect(nav_links.nth(index)).to_be_visible()
    tab_to(page, nav_links.first)


@pytest.mark.parametrize(
    "address, viewport",
    [("/", MOBILE), ("/", DESKTOP), ("/search/?q=learning", DESKTOP)],
    ids=["home-mobile", "home-desktop", "search-desktop"],
)
def test_every_tab_stop_shows_focus(new_page, address, viewport):
    page = new_page(viewport=viewport)
    page.goto(address)
    if viewport is MOBILE:
        page.get_by_role("button", name="Menu").click()
    stops = 0
    while True:
        page.keyboard.press("Tab")
        element = focused(page)
        # Each stop is marked when reached; the walk ends back on the body or on a marked one.
        if element.evaluate(
            "e => { if (e === document.body || e.hasAttribute('data-tab-stop')) return true;"
            " e.setAttribute('data-tab-stop', ''); return false; }"
        ):
            break
        stops += 1
        assert element.evaluate(SHOWS_FOCUS), f"no visible focus on {describe_focused(page)}"
    # A header, a menu, a search form, content links and a footer: more than a handful of stops.
    assert stops > 10
