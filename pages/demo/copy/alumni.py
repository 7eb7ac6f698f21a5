"""The Alumni page, its sample spotlights and the "Share your news" form below it.

The seed names no alumni (its people are students and faculty), so the spotlights are
labelled samples.
"""

PAGE = {
    "slug": "alumni",
    "title": "Alumni",
    "intro": "Meet alumni from our graduate programs and stay up-to-date with news from our "
    "department.",
}

SPOTLIGHTS = [
    {
        "name": "Sample spotlight: a HILS graduate",
        "headline": "Health Infrastructures and Learning Systems (sample)",
        "story": "A short story about a graduate: where they work now and what they took from "
        "the program. Editors replace this sample with real spotlights, or choose a person "
        "with an alumni profile.",
    },
    {
        "name": "Sample spotlight: an MHPE graduate",
        "headline": "Master of Health Professions Education (sample)",
        "story": "A second sample: a graduate who leads education in a health system and "
        "brings learning health system ideas to it.",
    },
]

UPDATE_FORM = {
    "slug": "share-your-news",
    "title": "Share your news",
    "intro": "<p>Tell us what you have been doing since you graduated: a new position, a "
    "publication, an award. We may share it with the department.</p>",
    "thank_you_text": "<p>Thank you! We read every update and will be in touch before we "
    "publish anything.</p>",
    "to_address": "dlhs-alumni@example.edu",
    "from_address": "noreply@example.edu",
    "subject": "An alumni update from the website",
}

UPDATE_FORM_FIELDS = [
    {"label": "Your name", "field_type": "singleline", "required": True},
    # "program" lists the Programs snippets, so a new program needs no form edit.
    {"label": "Program", "field_type": "program", "required": True},
    {"label": "Graduation year", "field_type": "year", "required": True},
    {"label": "Your news", "field_type": "multiline", "required": True},
    {"label": "Link", "field_type": "url", "required": False},
    {
        "label": "Your e-mail address, if you would like to hear when your news is published",
        "field_type": "email",
        "required": False,
    },
    {
        "label": "I agree that the department may publish this update",
        "field_type": "checkbox",
        "required": True,
    },
]
