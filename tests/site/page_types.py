"""Addresses of the demo site (pages/demo/builder.py): one page of every public page type,
and the other public routes. Tests that read every page type take their lists from here."""

import datetime

LECTURESHIP = "/about/hiss-lectureship/"
# A lecture is an event of the Hiss series, published under the lectureship (same address
# as when lectures were a page type of their own).
LECTURE = f"{LECTURESHIP}learning-from-every-encounter/"
STORY = "/news/adults-dont-trust-health-care-to-use-ai-responsibly/"
PROFILE = "/people/helen-k-morgan/"
ALUMNI_FORM = "/about/alumni/share-your-news/"
EVENT = "/events/essence-of-learning-health-systems/"
# The academic year (July to June) of the demo's sample seminar, 400 days before the load.
_LAST_YEAR = datetime.date.today() - datetime.timedelta(days=400)
PAST_ACADEMIC_YEAR = _LAST_YEAR.year if _LAST_YEAR.month >= 7 else _LAST_YEAR.year - 1

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
    "events": "/events/",
    "past events": f"/events/?year={PAST_ACADEMIC_YEAR}",
    "event": EVENT,
    "cancelled event": "/events/alumni-gathering/",
    "rescheduled event": "/events/thesis-defence/",
    "event series": "/events/series/lhs-collaboratory/",
}

OTHER_ROUTES = {
    "RSS feed": "/news/feed/rss/",
    "Atom feed": "/news/feed/atom/",
    "series calendar": f"{LECTURESHIP}calendar/",
    "lecture calendar": f"{LECTURE}calendar/",
    "contact card": f"{PROFILE}vcard/",
    "events calendar": "/events/calendar/",
    "event calendar": f"{EVENT}calendar/",
    "series calendar of events": "/events/series/lhs-collaboratory/calendar/",
    "kind calendar": "/events/kind/webinar/calendar/",
    "events RSS feed": "/events/feed/rss/",
    "events Atom feed": "/events/feed/atom/",
    "sitemap": "/sitemap.xml",
    "robots.txt": "/robots.txt",
    "health check": "/healthz",
}
