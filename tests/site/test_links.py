"""Every link an editor makes leads only to pages visitors may see (dlhs/links.py).

A link to a draft, to an unpublished page or to a private page (password, sign-in) is not
shown: no address, no button, no card. Each place an editor makes a link is tried with a
target in each state, and with a live, public target to show the link is there at all.
"""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from wagtail.models import PageViewRestriction, Site

from dlhs.models import NavigationLink, SiteSettings
from pages.models import AlumniSpotlight, DEIInitiative
from tests import factories

STATES = ["live", "draft", "unpublished", "private", "in a private section"]
LABEL = "Target page"


def link(page):
    return {"label": "", "page": page, "document": None, "link_url": ""}


def make_target(home, state):
    parent = home
    if state == "in a private section":
        parent = factories.StandardPageFactory(parent=home, title="Members", slug="members")
        PageViewRestriction.objects.create(page=parent, restriction_type="login")
    target = factories.StandardPageFactory(parent=parent, title=LABEL, slug="target")
    address = target.url
    if state == "draft":
        target.live = False
        target.save()
    elif state == "unpublished":
        target.unpublish()
    elif state == "private":
        PageViewRestriction.objects.create(page=target, restriction_type="password", password="x")
    return target, address


def home_with_body(home, block):
    home.body = [block]
    home.save_revision().publish()
    return home.url


def navigation(placement):
    def place(home, target):
        settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        NavigationLink.objects.create(
            settings=settings, label="Go there", link_page=target, placement=placement
        )
        return home.url

    return place


def call_to_action(home, target):
    value = {"heading": "Act", "text": "", "link": link(target)}
    return home_with_body(home, ("call_to_action", value))


def link_cards(home, target):
    card = {"title": "", "text": "", "image": None, "image_alt_text": "", "link": link(target)}
    return home_with_body(home, ("link_cards", {"heading": "Explore", "cards": [card]}))


def video(home, target):
    value = {"title": "A talk", "video": None, "description": "", "link": link(target)}
    return home_with_body(home, ("video", value))


def rich_text(home, target):
    paragraph = f'<p>Read <a linktype="page" id="{target.pk}">the target</a>.</p>'
    return home_with_body(home, ("paragraph", paragraph))


def hero_button(home, target):
    home.hero_link = target
    home.save_revision().publish()
    return home.url


def dei_initiative(home, target):
    dei = factories.DEIPageFactory(parent=factories.AboutPageFactory(parent=home))
    DEIInitiative.objects.create(page=dei, title="Mentoring", description="", link_page=target)
    return dei.url


def alumni_spotlight(home, target):
    alumni = factories.AlumniPageFactory(parent=factories.AboutPageFactory(parent=home))
    AlumniSpotlight.objects.create(
        page=alumni, name="Grace", story="Leads a lab.", link_page=target
    )
    return alumni.url


PLACES = {
    "footer link": navigation(NavigationLink.FOOTER),
    "utility link": navigation(NavigationLink.UTILITY),
    "call to action": call_to_action,
    "link card": link_cards,
    "video link": video,
    "rich-text link": rich_text,
    "home page button": hero_button,
    "DEI initiative": dei_initiative,
    "alumni spotlight": alumni_spotlight,
}


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("place", PLACES)
def test_a_link_is_shown_only_while_its_page_is_live_and_public(client, home, place, state):
    cache.clear()
    target, address = make_target(home, state)
    visit = PLACES[place](home, target)

    response = client.get(visit)

    assert response.status_code == 200
    hrefs = [a.get("href") for a in BeautifulSoup(response.content, "html.parser").find_all("a")]
    assert (address in hrefs) == (state == "live"), hrefs
    assert "" not in hrefs  # a hidden link leaves no empty address behind


@pytest.mark.django_db
def test_a_list_of_links_asks_the_database_once(home, django_assert_num_queries):
    from dlhs.links import resolve_links

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    for number in range(5):
        page = factories.StandardPageFactory(parent=home, title=f"Page {number}")
        NavigationLink.objects.create(settings=settings, label=str(number), link_page=page)
    links = list(NavigationLink.objects.select_related("link_page"))
    home.get_url()  # the site's root paths, read once per process and cached

    # The view restrictions; which of the pages are public follows from their paths.
    with django_assert_num_queries(1):
        addresses = [link.url for link in resolve_links(links)]

    assert all(addresses)
