"""The Roland (Red) Hiss Lectureship and two sample lectures (events of its series), one past
and one upcoming.

The seed says nothing about Dr. Hiss or the lectures: the sample text says so rather than
invent a speaker.
"""

import datetime

PAGE = {
    "slug": "hiss-lectureship",
    "title": "Roland (Red) Hiss Lectureship",
    "intro": "Join in our knowledge exchange between current faculty and visiting scholars.",
    "namesake": "<p>The lectureship is named in honor of Roland (Red) Hiss. <em>Sample text: "
    "the department adds his biography here.</em></p>",
    "purpose": "<p>The lectureship is a knowledge exchange between current faculty and visiting "
    "scholars: a visiting scholar lectures, and the department's faculty, staff and students "
    "join the conversation.</p>",
    "how_to_attend": "<p>Each lecture's page gives its date, time and place, and its "
    "registration or online link when it has one. Add one lecture or the whole series to your "
    "calendar from this page.</p>",
}

HERO_IMAGE = {
    "title": "Lecture hall",
    "alt": "Illustration of a lecture: a speaker at a lectern in front of a projected slide "
    "and rows of seats.",
    "scene": "lecture_hall",
}

SPEAKER_PHOTO = {
    "title": "Portrait placeholder: visiting scholar",
    "alt": "Placeholder silhouette in place of a visiting scholar's photograph.",
    "portrait": (0, 39, 76),
}

SAMPLE_SPEAKER = "Visiting scholar (sample lecture)"

# The lectures are events of this series (copy/events.py names it) and of the kind "Lecture".
SERIES_SLUG = "hiss-lectureship"
KIND = "Lecture"

PLACE = {
    "attendance": "in_person",
    "place": "Taubman Health Sciences Library",
    "address": "1135 Catherine St, Ann Arbor, MI 48109",
    "start_time": datetime.time(16, 0),
    "end_time": datetime.time(17, 30),
}

# A lecture's date is (years from the year of the load, month, day), so one stays past and
# one upcoming whenever the demo is built.
LECTURES = [
    {
        "slug": "learning-from-every-encounter",
        "title": "Learning from every encounter",
        "when": (-1, 10, 15),
        "speakers": [
            {
                "name": SAMPLE_SPEAKER,
                "affiliation": "Professor of Health Informatics, a visiting university",
            }
        ],
        "summary": "How health systems turn the data of routine care into knowledge, and "
        "knowledge back into better practice.",
        "body": [
            ("heading", {"heading_text": "About the speaker", "level": "h2"}),
            ("paragraph", "<p>A sample past lecture: editors replace it with the series' own.</p>"),
        ],
        "no_registration_needed": True,
        **PLACE,
    },
    {
        "slug": "scaling-learning-health-systems",
        "title": "Scaling learning health systems across states and nations",
        "when": (1, 4, 16),
        "speakers": [
            {
                "name": SAMPLE_SPEAKER,
                "affiliation": "Director of a learning health system network, "
                "a partner institution",
            }
        ],
        "summary": "What it takes for learning to happen at the scale of whole states and nations.",
        "body": [
            ("heading", {"heading_text": "About the speaker", "level": "h2"}),
            (
                "paragraph",
                "<p>A sample upcoming lecture: editors replace it with the series' own.</p>",
            ),
        ],
        "no_registration_needed": True,
        **PLACE,
        "attendance": "hybrid",
        "join_url": "https://umich.zoom.us/",
    },
]
