"""The people directory's query string, checked before it reaches the database.

Only slugs that exist are accepted (an unknown role, program or interest is a 404, like an
out-of-range page); the name search is trimmed, stripped of control characters (PostgreSQL
refuses NUL bytes) and cut to a sensible length, and a parameter given twice is a 400 (the
rules of ``dlhs.querystring``), so no query string can cause a 500.
"""

import itertools
import unicodedata
from dataclasses import dataclass, field

from django.http import Http404
from taggit.models import Tag

from dlhs import querystring

MAX_QUERY_TERMS = 6
FILTER_NAMES = ("role", "program", "interest", "q", "page")


@dataclass
class DirectoryFilters:
    role: object = None
    program: object = None
    interest: object = None
    query: str = ""
    roles: list = field(default_factory=list)
    programs: list = field(default_factory=list)

    @property
    def active(self):
        return bool(self.role or self.program or self.interest or self.query)

    @property
    def terms(self):
        return self.query.split()[:MAX_QUERY_TERMS]


def pick(options, slug, what):
    if not slug:
        return None
    for option in options:
        if option.slug == slug:
            return option
    raise Http404(f"No such {what}")


def read_filters(params, roles, programs):
    """The filters in ``params`` (request.GET), checked against ``roles`` and ``programs``."""
    querystring.reject_repeats(params, FILTER_NAMES)
    filters = DirectoryFilters(roles=roles, programs=programs)
    filters.role = pick(roles, querystring.slug(params, "role"), "role")
    filters.program = pick(programs, querystring.slug(params, "program"), "program")
    filters.query = querystring.text(params, "q")
    interest = querystring.slug(params, "interest", what="research interest")
    if interest:
        filters.interest = (
            Tag.objects.filter(slug=interest, people_researchinteresttag_items__isnull=False)
            .distinct()
            .first()
        )
        if filters.interest is None:
            raise Http404("No such research interest")
    return filters


def initial_letter(name):
    """The letter a family name is filed under: accents dropped, digits and signs under #."""
    decomposed = unicodedata.normalize("NFKD", name.strip())
    first = next((char for char in decomposed if not unicodedata.combining(char)), "")
    return first.upper() if first.isalpha() else "#"


def by_initial(people):
    """``people`` (already A–Z) as (letter, [person, …]) pairs for headings."""
    return [
        (letter, list(group))
        for letter, group in itertools.groupby(people, lambda p: initial_letter(p.family_name))
    ]


def group_alumni(alumni):
    """``alumni`` (ordered by program, then year) as [(program, [(year, [person, …]), …]), …]."""
    return [
        (
            program,
            [
                (year, list(group))
                for year, group in itertools.groupby(people, lambda person: person.graduation_year)
            ],
        )
        for program, people in itertools.groupby(alumni, lambda person: person.program)
    ]
