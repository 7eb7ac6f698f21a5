"""Generated stories and people, by the thousand for the benchmark (``--news N --people N``).

Every generated page says it is a sample, and its slug is numbered (``sample-story-00001``,
``sample-person-0001``), so a second run adds only the numbers still missing.
"""

import datetime
import random
from contextlib import contextmanager
from itertools import islice

from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from wagtail.models import Page
from wagtail.search.backends import get_search_backends
from wagtail.search.signal_handlers import post_save_signal_handler as index_on_save
from wagtail.signal_handlers import disable_reference_index_auto_update

from news.models import NewsPage
from pages.demo.stream import new_id
from people.models import PersonPage

BATCH = 500  # generated pages committed, and search-indexed, together
STORIES_END = datetime.date(2024, 12, 31)
ROLE_CYCLE = ["faculty", "staff", "student", "alumni", "alumni"]

TOPICS = [
    {
        "title": "Alumni update: learning health systems in practice",
        "teaser": "A graduate of our programs describes building a learning health system.",
        "tags": ["alumni", "learning health systems", "HILS"],
    },
    {
        "title": "New study on data-driven improvement",
        "teaser": "Researchers report how routine care data can drive continuous improvement.",
        "tags": ["research", "AI", "data science"],
    },
    {
        "title": "Students present at a national meeting",
        "teaser": "Students share their work on learning systems with peers across the country.",
        "tags": ["students", "HILS", "education"],
    },
    {
        "title": "Simulation training reaches more learners",
        "teaser": "Simulation-based education expands to more clinical teams.",
        "tags": ["simulation", "education"],
    },
]

GIVEN_NAMES = [
    "Alex", "Amara", "Ben", "Chen", "Dana", "Elif", "Fatima", "Gabriel", "Hana", "Ivan",
    "Jamal", "Keiko", "Lucia", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sanjay",
]  # fmt: skip
FAMILY_NAMES = [
    "Abbott", "Baker", "Castillo", "Dubois", "Eriksen", "Fernandez", "Gupta", "Haddad",
    "Ibrahim", "Jensen", "Kowalski", "Lee", "Mensah", "Nakamura", "Okafor", "Patel",
    "Quintero", "Rossi", "Santos", "Tanaka", "Usman", "Vargas", "Wojcik", "Yilmaz", "Zhang",
]  # fmt: skip
JOB_TITLES = {
    "faculty": "Assistant Professor of Learning Health Sciences",
    "staff": "Program Coordinator",
    "student": "Graduate student",
    "alumni": "Graduate of the department",
}
ALUMNI_POSITION = "Health system analyst"


def paragraph(text):
    """A story body of one paragraph: the seed and generated stories repeat their teaser."""
    return {"type": "paragraph", "value": f"<p>{text}</p>", "id": new_id()}


@contextmanager
def indexed_in_bulk(model):
    """Collect generated pages of ``model`` and add them to the search index in one go.

    A page's save normally updates the search index twice (as a Page and as its own type) and
    the reference index once; for thousands of generated pages that is half the load time.
    Generated pages link to nothing, so the reference index has nothing to record for them.
    """
    added = []
    suspended = [
        sender for sender in (Page, model) if post_save.disconnect(index_on_save, sender=sender)
    ]
    try:
        with disable_reference_index_auto_update():
            yield added
    finally:
        for sender in suspended:
            post_save.connect(index_on_save, sender=sender)
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, added)


def missing_slugs(model, index, prefix, width, count):
    existing = set(
        model.objects.child_of(index).filter(slug__startswith=prefix).values_list("slug", flat=True)
    )
    wanted = [f"{prefix}{number:0{width}d}" for number in range(1, count + 1)]
    return [slug for slug in wanted if slug not in existing]


def number_of(slug):
    return int(slug.rsplit("-", 1)[1])


class Generator:
    """Adds the generated pages; ``report`` and ``progress`` as in ``DemoBuilder``."""

    def __init__(self, report, progress):
        self.report = report
        self.progress = progress

    def add_in_batches(self, model, slugs, label, make):
        """``make(slug)`` a generated page for each slug, committed and indexed in batches."""
        remaining = iter(self.progress(slugs, len(slugs), label))
        while batch := list(islice(remaining, BATCH)):
            with transaction.atomic(), indexed_in_bulk(model) as added:
                added.extend(make(slug) for slug in batch)
        self.report(f"Added {len(slugs)} generated {label}")

    def stories(self, index, categories, count):
        missing = missing_slugs(NewsPage, index, "sample-story-", 5, count)
        if not missing:
            return
        category_list = list(categories.values())
        now = timezone.now()
        self.add_in_batches(
            NewsPage, missing, "stories", lambda slug: story(index, slug, category_list, now)
        )

    def people(self, index, roles, programs, count):
        missing = missing_slugs(PersonPage, index, "sample-person-", 4, count)
        if not missing:
            return
        now = timezone.now()
        self.add_in_batches(
            PersonPage, missing, "people", lambda slug: person(index, slug, roles, programs, now)
        )


def story(index, slug, category_list, now):
    number = number_of(slug)
    topic = TOPICS[number % len(TOPICS)]
    page = NewsPage(
        slug=slug,
        title=f"{topic['title']} (sample story {number})",
        date=STORIES_END - datetime.timedelta(days=number // 3),
        category=category_list[number % len(category_list)],
        teaser=topic["teaser"],
        body=[paragraph(topic["teaser"])],
        live=True,
        first_published_at=now,
        last_published_at=now,
    )
    # Seeded by the story's number: the same tags whichever run makes the story.
    randomiser = random.Random(number)  # noqa: S311 - sample text, not security
    page.tags.add(*randomiser.sample(topic["tags"], k=min(2, len(topic["tags"]))))
    # Generated stories skip revisions: thousands of them would only slow the load.
    index.add_child(instance=page)
    return page


def person(index, slug, roles, programs, now):
    number = number_of(slug)
    given = GIVEN_NAMES[number % len(GIVEN_NAMES)]
    family = FAMILY_NAMES[(number * 7) % len(FAMILY_NAMES)]
    role = ROLE_CYCLE[number % len(ROLE_CYCLE)]
    is_learner = role in {"student", "alumni"}
    program_list = list(programs.values())
    page = PersonPage(
        slug=slug,
        title=f"{given} {family}",
        family_name=family,
        job_title=JOB_TITLES[role],
        short_bio=f"A sample {role} profile for trying out the directory.",
        program=program_list[number % len(program_list)] if is_learner else None,
        graduation_year=2010 + number % 15 if role == "alumni" else None,
        current_position=ALUMNI_POSITION if role == "alumni" else "",
        live=True,
        first_published_at=now,
        last_published_at=now,
    )
    page.roles.set([roles[role]])
    index.add_child(instance=page)
    return page
