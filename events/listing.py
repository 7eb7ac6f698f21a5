"""What the calendar may be asked for: ``?kind=``, ``?series=``, ``?audience=`` (slugs) and
``?year=YYYY`` (the academic year YYYY–YY+1, July to June, for past events).

``dlhs.querystring``'s rules: a parameter given twice is a 400; a value that cannot be a slug
or a year, or that names no kind, series or audience of the calendar's events, is a 404.
Without ``?year=`` the calendar shows what is still to come, soonest first.
"""

import re
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.http import Http404

from dlhs import querystring
from events import schedule

YEAR = re.compile(r"[1-9][0-9]{3}")
FILTER_NAMES = ("kind", "series", "audience", "year")


@dataclass(frozen=True)
class EventFilters:
    kind: str = ""
    series: str = ""
    audience: str = ""
    year: int | None = None

    @classmethod
    def from_query(cls, query):
        querystring.reject_repeats(query, (*FILTER_NAMES, "page"))
        year = querystring.single(query, "year")
        if year and not YEAR.fullmatch(year):
            raise Http404("No such academic year")
        return cls(
            kind=querystring.slug(query, "kind", lower=True),
            series=querystring.slug(query, "series", lower=True),
            audience=querystring.slug(query, "audience", lower=True),
            year=int(year) if year else None,
        )

    def __bool__(self):
        return bool(self.kind or self.series or self.audience or self.year)

    def as_query(self):
        return {name: getattr(self, name) for name in FILTER_NAMES if getattr(self, name)}

    def apply(self, events):
        if self.kind:
            events = events.filter(kind__slug=self.kind)
        if self.series:
            events = events.filter(series__slug=self.series)
        if self.audience:
            tagged = events.model.audiences.through.objects.filter(
                eventaudience__slug=self.audience
            )
            events = events.filter(pk__in=tagged.values("eventpage_id"))
        if self.year:
            return events.in_academic_year(self.year).order_by("-starts_at", "-pk")
        return events.upcoming()


@dataclass(frozen=True)
class Choice:
    """A kind, series, audience or year to filter by; ``url`` toggles it in the listing."""

    value: str | int
    label: str
    selected: bool = False
    url: str = ""


def with_urls(choices, name, query, base):
    """``choices`` with the listing's address that selects each (or, if selected, drops it),
    other filters kept and the page number dropped."""
    linked = []
    for choice in choices:
        params = query.copy()
        params.pop("page", None)
        if choice.selected:
            params.pop(name, None)
        else:
            params[name] = choice.value
        linked.append(replace(choice, url=f"{base}?{urlencode(params)}" if params else base))
    return linked


def vocabulary(model, events):
    """The (slug, name) pairs of the kinds, series or audiences ``events`` have, A–Z."""
    rows = model.objects.filter(events__in=events.values("pk")).distinct().order_by("name")
    return list(rows.values_list("slug", "name"))


def vocabulary_choices(pairs, selected, not_found):
    """``pairs`` (from ``vocabulary``) as choices, the selected one marked; 404 if unknown."""
    choices = [Choice(slug, name, slug == selected) for slug, name in pairs]
    if selected and not any(choice.selected for choice in choices):
        raise Http404(not_found)
    return choices


def year_choices(events, selected):
    """The academic years with past events, newest first; 404 for a year without events."""
    months = events.past().order_by().datetimes("starts_at", "month", tzinfo=schedule.site_zone())
    years = sorted({schedule.academic_year_of(month) for month in months}, reverse=True)
    if selected and selected not in years:
        raise Http404("No events in that academic year")
    return [Choice(year, schedule.academic_year_label(year), year == selected) for year in years]
