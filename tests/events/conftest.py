"""Fixtures for the calendar tests: the calendar, its vocabularies and a way to add events."""

import datetime

import pytest

from tests.factories import (
    EventAudienceFactory,
    EventIndexPageFactory,
    EventKindFactory,
    EventPageFactory,
    EventSeriesFactory,
)


@pytest.fixture
def event_index(home):
    return EventIndexPageFactory(parent=home)


@pytest.fixture
def seminar(db):
    return EventKindFactory(name="Seminar", slug="seminar")


@pytest.fixture
def webinar(db):
    return EventKindFactory(name="Webinar", slug="webinar")


@pytest.fixture
def alumni(db):
    return EventAudienceFactory(name="Alumni", slug="alumni")


@pytest.fixture
def public(db):
    return EventAudienceFactory(name="Public", slug="public")


@pytest.fixture
def collaboratory(db):
    return EventSeriesFactory(name="LHS Collaboratory", slug="lhs-collaboratory")


@pytest.fixture
def add_event(event_index, seminar):
    """``add_event("Title", days=7, **fields)``: a live event ``days`` from today."""

    def add(title, days=7, **fields):
        fields.setdefault("kind", seminar)
        fields.setdefault("start_date", datetime.date.today() + datetime.timedelta(days=days))
        return EventPageFactory(parent=event_index, title=title, **fields)

    return add
