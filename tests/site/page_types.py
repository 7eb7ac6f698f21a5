"""Addresses of the demo site (pages/demo/builder.py): one page of every public page type,
and the other public routes. Tests that read every page type take their lists from here."""

LECTURESHIP = "/about/hiss-lectureship/"
LECTURE = f"{LECTURESHIP}learning-from-every-encounter/"
STORY = "/news/adults-dont-trust-health-care-to-use-ai-responsibly/"
PROFILE = "/people/helen-k-morgan/"
ALUMNI_FORM = "/about/alumni/share-your-news/"

PAGE_TYPES = {
    "home": "/",
    "about": "/about/",
    "history": "/about/history/",
    "lectureship": LECTURESHIP,
    "lecture": LECTURE,
    "strategic plan": "/about/strategic-plan/",
    "DEI": "/about/dei/",
    "alumni": "/about/alumni/",
    "alumni form": ALUMNI_FORM,
    "news": "/news/",
    "story": STORY,
    "people": "/people/",
    "profile": PROFILE,
}

OTHER_ROUTES = {
    "RSS feed": "/news/feed/rss/",
    "Atom feed": "/news/feed/atom/",
    "series calendar": f"{LECTURESHIP}calendar/",
    "lecture calendar": f"{LECTURE}calendar/",
    "contact card": f"{PROFILE}vcard/",
    "sitemap": "/sitemap.xml",
    "robots.txt": "/robots.txt",
    "health check": "/healthz",
}
