"""The calendar: its kinds, audiences and series, and sample events of every status.

The seed names the "Essence of Learning Health Systems" webinar and the Hiss Lectureship;
everything else (dates, speakers, the Collaboratory's sessions) is a sample and says so.
An event's date is (days from the day of the load), so the calendar always has past and
upcoming events and a past academic year.
"""

import datetime

INDEX = {
    "slug": "events",
    "title": "Events",
    "intro": "Lectures, seminars, webinars, defences and gatherings of the department. "
    "Subscribe to the whole calendar or to one series.",
}

KINDS = ["Lecture", "Seminar", "Webinar", "Thesis defence", "Information session", "Reunion"]
AUDIENCES = ["Public", "Students", "Alumni", "Faculty and staff"]

SERIES = [
    {
        "name": "Roland (Red) Hiss Lectureship",
        "slug": "hiss-lectureship",
        "description": "A knowledge exchange between current faculty and visiting scholars.",
    },
    {
        "name": "LHS Collaboratory",
        "slug": "lhs-collaboratory",
        "description": "Sample series: a monthly online session where learning health system "
        "projects share their work in progress.",
        "frequency": "monthly",
        "weekday": 1,  # Tuesday
        "week_of_month": 2,
        "start_time": datetime.time(12, 0),
        "end_time": datetime.time(13, 0),
        "place": "Online (Zoom)",
        "join_url": "https://umich.zoom.us/",
        # The sessions run September to April of the academic year of the load.
        "months": ((9, 1), (4, 30)),
    },
]

PLACE = {
    "place": "Taubman Health Sciences Library",
    "address": "1135 Catherine St, Ann Arbor, MI 48109",
}

TRANSCRIPT = (
    "<p><strong>Host:</strong> Welcome to “The Essence of Learning Health Systems”. This is a "
    "sample transcript: the department replaces it with the webinar's own.</p>"
    "<p><strong>Speaker:</strong> A learning health system uses data from ongoing health care "
    "encounters, continuously aggregates, analyzes and learns from each encounter, and "
    "incorporates new knowledge into practice.</p>"
)

CAPTIONS = (
    b"WEBVTT\n\n00:00:00.000 --> 00:00:04.000\n"
    b"Welcome to The Essence of Learning Health Systems (sample captions).\n"
)

EVENTS = [
    {
        "slug": "essence-of-learning-health-systems",
        "title": "The Essence of Learning Health Systems",
        "kind": "webinar",
        "audiences": ["public", "students"],
        "days": -45,
        "start_time": datetime.time(12, 0),
        "end_time": datetime.time(13, 0),
        "attendance": "online",
        "join_url": "https://umich.zoom.us/",
        "no_registration_needed": True,
        "summary": "What makes a health system learn: the cycle from data to knowledge to "
        "practice, in one hour. Watch the recording with its transcript.",
        "recording": True,
        "speakers": [{"name": "Faculty speaker (sample)", "affiliation": "DLHS"}],
    },
    {
        "slug": "hils-information-session",
        "title": "HILS graduate programs information session (sample)",
        "kind": "information-session",
        "audiences": ["students", "public"],
        "days": 21,
        "start_time": datetime.time(17, 0),
        "end_time": datetime.time(18, 0),
        "attendance": "hybrid",
        "join_url": "https://umich.zoom.us/",
        "registration_url": "https://medicine.umich.edu/dept/lhs",
        "room": "Room 2901",
        **PLACE,
        "summary": "Sample event: meet the faculty and students of the Health Infrastructures "
        "and Learning Systems programs.",
    },
    {
        "slug": "alumni-gathering",
        "title": "Alumni gathering (sample, cancelled)",
        "kind": "reunion",
        "audiences": ["alumni"],
        "days": 35,
        "all_day": True,
        "attendance": "in_person",
        "no_registration_needed": True,
        **PLACE,
        "status": "cancelled",
        "status_note": "Sample: the gathering will not take place this year.",
        "summary": "Sample cancelled event: an afternoon for alumni of the department.",
    },
    {
        "slug": "thesis-defence-new-date",
        "title": "PhD thesis defence (sample)",
        "kind": "thesis-defence",
        "audiences": ["faculty-and-staff", "students"],
        "days": 49,
        "start_time": datetime.time(10, 0),
        "end_time": datetime.time(12, 0),
        "attendance": "in_person",
        "no_registration_needed": True,
        **PLACE,
        "summary": "Sample event: a doctoral candidate defends their thesis, now on its new date.",
    },
    {
        "slug": "thesis-defence",
        "title": "PhD thesis defence (sample, rescheduled)",
        "kind": "thesis-defence",
        "audiences": ["faculty-and-staff", "students"],
        "days": 14,
        "start_time": datetime.time(10, 0),
        "end_time": datetime.time(12, 0),
        "attendance": "in_person",
        "no_registration_needed": True,
        **PLACE,
        "status": "rescheduled",
        "status_note": "Sample: the committee moved the defence.",
        "rescheduled_to": "thesis-defence-new-date",
        "summary": "Sample rescheduled event: the old date of the defence.",
    },
    {
        "slug": "learning-health-systems-seminar-last-year",
        "title": "Seminar on learning communities (sample, past academic year)",
        "kind": "seminar",
        "audiences": ["faculty-and-staff"],
        "days": -400,
        "start_time": datetime.time(15, 0),
        "end_time": datetime.time(16, 0),
        "attendance": "in_person",
        "no_registration_needed": True,
        **PLACE,
        "summary": "Sample past event of the previous academic year.",
    },
]
