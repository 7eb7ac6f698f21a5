"""The demo site's copy: one plain-data module per section, read by ``pages.demo.builder``.

Text from the client's About page is reproduced word for word; anything the seed does not
give (lectures, alumni spotlights, the DEI page's initiative) is labelled as a sample.

How the data is written:

- ``PAGE`` is a page's own fields, passed to the model as they are (``slug`` included).
- A picture is ``{"title", "alt", "scene"}`` (a drawing in ``pages.demo.images.SCENES``) or
  ``{"title", "alt", "portrait": (r, g, b)}`` (a silhouette on that colour).
- A body is a list of ``(block type, value)`` pairs as Wagtail's StreamField takes them. Lists
  need no ``item`` wrappers and no ids, and a page chooser takes the name of a demo page
  (``"about"``, ``"history"``, ``"lectureship"``, ``"strategic_plan"``, ``"dei"``,
  ``"alumni"``, ``"news"``, ``"people"``) instead of a page id; the builder fills in the rest.

Tests read the facts they check from these modules, so changing the copy here changes the
site and its tests together.
"""

from pages.demo.copy import (  # noqa: E402 - the package is its sections
    about,
    alumni,
    dei,
    events,
    history,
    home,
    lectureship,
    news,
    people,
    strategic_plan,
)

__all__ = [
    "about",
    "alumni",
    "dei",
    "events",
    "history",
    "home",
    "lectureship",
    "news",
    "people",
    "strategic_plan",
]
