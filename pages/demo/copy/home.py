"""The home page: the department's welcome and the cards that lead into each section."""

from pages.demo.copy import news

PAGE = {"title": "Learning Health Sciences", "slug": "home"}

SITE_NAME = "Department of Learning Health Sciences"

WELCOME = {
    "hero_heading": "Revolutionizing learning, transforming health",
    "intro": "The Department of Learning Health Sciences advances the sciences that make "
    "learning effective, routine and sustainable, from individuals to systems that span "
    "states and nations.",
}

HERO_IMAGE = {
    "title": "Group discussion at a whiteboard",
    "alt": "Illustration of a group discussion: three people take notes at a table while a "
    "colleague draws a cycle on a whiteboard.",
    "scene": "group_discussion",
}

HERO_LINK = {"page": "about", "label": "About the department"}

BODY = [
    (
        "link_cards",
        {
            "heading": "Explore the department",
            "cards": [
                {
                    "text": "Our mission, vision and the concept of learning.",
                    "link": {"page": "about"},
                },
                {"text": "Faculty, staff, students and alumni.", "link": {"page": "people"}},
                {"text": "Meet alumni and share your news with us.", "link": {"page": "alumni"}},
                {
                    "text": "Knowledge exchange between faculty and visiting scholars.",
                    "link": {"page": "lectureship"},
                },
            ],
        },
    ),
    news.FEATURED_NEWS,
]
