"""The browser-test server serves the demo site and Chromium can read it."""

from pages.demo.copy import home


def test_home_page_shows_the_department(page):
    response = page.goto("/")
    assert response.status == 200
    assert home.PAGE["title"] in page.title()
    assert page.locator("main h1").count() == 1
