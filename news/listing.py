"""What the news listing and its feeds may be asked for, and what there is to choose from.

Filters come from the query string: ``?tag=<slug>``, ``?category=<slug>``, ``?year=YYYY``.

- A value that cannot name anything (not a slug, not a four-digit year), or that names a tag,
  category or year without live stories in the section, is a 404: the address is wrong.
- A filter given twice (``?tag=a&tag=b``) is a 400: the request is ambiguous.
  (These are ``dlhs.querystring``'s rules, shared with the people directory and search.)
- Valid filters that together match no story show the listing's empty state.

Facets count, for every tag, category and year of the section, the stories that also match
the *other* filters, so the number beside a choice is what a visitor gets by choosing it.
Two queries count them all, whatever the number of stories.
"""

import re
from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.http import Http404

from dlhs import querystring

# Year 0 would read as "no year" and list everything: a year has four digits, no leading 0.
YEAR = re.compile(r"[1-9][0-9]{3}")
FILTER_NAMES = ("tag", "category", "year")


@dataclass(frozen=True)
class StoryFilters:
    tag: str = ""
    category: str = ""
    year: int | None = None

    @classmethod
    def from_query(cls, query, names=FILTER_NAMES):
        """Read the filters ``names`` from a QueryDict; other parameters are ignored."""
        querystring.reject_repeats(query, (*names, "page"))
        tag = querystring.slug(query, "tag", lower=True) if "tag" in names else ""
        category = querystring.slug(query, "category", lower=True) if "category" in names else ""
        year = querystring.single(query, "year") if "year" in names else ""
        if year and not YEAR.fullmatch(year):
            raise Http404("No such year")
        return cls(tag=tag, category=category, year=int(year) if year else None)

    def __bool__(self):
        return bool(self.tag or self.category or self.year)

    def as_query(self, names=FILTER_NAMES):
        """The filters as query parameters, in a stable order, without empty ones."""
        return {name: getattr(self, name) for name in names if getattr(self, name)}

    def conditions(self, model, leave_out=None):
        """A Q object on ``model`` (NewsPage) for every filter except ``leave_out``."""
        condition = Q()
        if self.tag and leave_out != "tag":
            # A subquery rather than a join, so that counting stories never counts a story
            # once per tag.
            tagged = model.tags.through.objects.filter(tag__slug=self.tag)
            condition &= Q(pk__in=tagged.values("content_object_id"))
        if self.category and leave_out != "category":
            condition &= Q(category__slug=self.category)
        if self.year and leave_out != "year":
            condition &= Q(date__year=self.year)
        return condition

    def apply(self, stories):
        return stories.filter(self.conditions(stories.model))


@dataclass(frozen=True)
class Choice:
    """One tag, category or year a visitor can filter by, with its number of stories."""

    value: str | int
    label: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class StoryFacets:
    tags: list
    categories: list
    years: list
    matching: int = 0  # stories under every filter: the listing's length

    @classmethod
    def count(cls, stories, filters):
        """The facets of ``stories`` (the section's live stories) under ``filters``.

        Raises Http404 when a filter names a tag, category or year the section has no story
        for. Two queries: the tags, then categories, years and the listing's length.
        """
        stories = stories.order_by().prefetch_related(None)
        model = stories.model

        def others(name):
            return filters.conditions(model, leave_out=name)

        tag_matches = Count("pk")
        if filters.category or filters.year:
            matching = stories.filter(others("tag")).values("pk")
            tag_matches = Count("pk", filter=Q(content_object_id__in=matching))
        tag_rows = (
            model.tags.through.objects.filter(content_object__in=stories.values("pk"))
            .values("tag__slug", "tag__name")
            .annotate(count=tag_matches)
            .order_by()
        )
        tags = cls._choices(
            [(row["tag__slug"], row["tag__name"], row["count"]) for row in tag_rows],
            filters.tag,
            "No such tag",
        )

        # Categories, years and the number of stories under every filter in one pass: one
        # row per (category, year), summed here. Stories without a category count for years.
        category_counts, year_counts, matching_all = {}, {}, 0
        rows = (
            stories.annotate(year=ExtractYear("date"))
            .values("category__slug", "category__name", "year")
            .annotate(
                in_category=Count("pk", filter=others("category")),
                in_year=Count("pk", filter=others("year")),
                matching=Count("pk", filter=others(None)),
            )
            .order_by()
        )
        for row in rows:
            if row["category__slug"] is not None:
                key = (row["category__slug"], row["category__name"])
                category_counts[key] = category_counts.get(key, 0) + row["in_category"]
            year = int(row["year"])
            year_counts[year] = year_counts.get(year, 0) + row["in_year"]
            matching_all += row["matching"]
        categories = cls._choices(
            [(slug, name, count) for (slug, name), count in category_counts.items()],
            filters.category,
            "No such category",
        )
        years = cls._choices(
            [(year, str(year), count) for year, count in year_counts.items()],
            filters.year,
            "No such year",
            newest_first=True,
        )
        return cls(tags=tags, categories=categories, years=years, matching=matching_all)

    @staticmethod
    def _choices(rows, selected, not_found, newest_first=False):
        """Choices with stories under the other filters, and the selected one in any case."""
        if selected and selected not in {value for value, _, _ in rows}:
            raise Http404(not_found)
        if newest_first:
            rows = sorted(rows, reverse=True)
        else:
            rows = sorted(rows, key=lambda row: (row[1].casefold(), row[0]))
        return [
            Choice(value, label, count, selected=value == selected)
            for value, label, count in rows
            if count or value == selected
        ]

    def selected(self, name):
        """The chosen tag, category or year (a Choice), or None."""
        for choice in getattr(self, name):
            if choice.selected:
                return choice
        return None

    def describe(self, with_year=True):
        """What the filters show, in words: “Stories in Health Lab tagged “AI” from 2025”."""
        tag, category = self.selected("tags"), self.selected("categories")
        year = self.selected("years") if with_year else None
        if not (tag or category or year):
            return ""
        words = ["Stories"]
        if category:
            words.append(f"in {category.label}")
        if tag:
            words.append(f"tagged “{tag.label}”")
        if year:
            words.append(f"from {year.label}")
        return " ".join(words)
