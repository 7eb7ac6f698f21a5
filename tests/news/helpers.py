"""Reading pages as a browser would: parsed HTML, not string matching."""

from bs4 import BeautifulSoup


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def card_titles(page):
    """The titles of the story cards on a parsed page, in order."""
    return [next(title.a.strings).strip() for title in page.select(".story-card .card__title")]


def card_links(page):
    return [title.a["href"] for title in page.select(".story-card .card__title")]
