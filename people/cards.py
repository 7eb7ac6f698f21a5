"""The directory's person cards, each rendered once for every page and worker until content
changes.

A card shows a person's name, degrees, roles, program and photo (six renditions to look up),
the same on every directory page that lists them, whatever the filters. The directory reads
its people for their names and order only; the cards come from the fragment cache in one
read, and only the people whose card is not kept are read in full and rendered.
"""

from django.template.loader import get_template
from wagtail.models import Site

from dlhs.cache import cached_fragments

CARD_TEMPLATE = "people/includes/person_card.html"


def person_cards(request, people, profiles):
    """{person's pk: the card's HTML} for ``people``; anyone no longer public is left out.

    ``profiles`` is the queryset that reads a person with what a card shows.
    """
    template = get_template(CARD_TEMPLATE)

    def render(missing):
        found = profiles.in_bulk(missing)
        return {
            pk: template.render({"person": person, "request": request})
            for pk, person in found.items()
        }

    site = Site.find_for_request(request)  # addresses are relative within the site
    return cached_fragments(
        "person-card", [person.pk for person in people], render, site and site.pk
    )


def with_cards(request, people, profiles):
    """``people``, each with its ``card`` (HTML), in their order."""
    people = list(people)
    cards = person_cards(request, people, profiles)
    for person in people:
        person.card = cards.get(person.pk)
    return [person for person in people if person.card is not None]
