"""Fixtures for the news tests: a news section, its categories and a way to add stories."""

import datetime

import pytest

from tests.factories import NewsCategoryFactory, NewsIndexPageFactory, NewsPageFactory


@pytest.fixture
def news_index(home):
    return NewsIndexPageFactory(parent=home, intro="News from the department.")


@pytest.fixture
def health_lab(db):
    return NewsCategoryFactory(name="Health Lab", slug="health-lab")


@pytest.fixture
def department_news(db):
    return NewsCategoryFactory(name="Department News", slug="department-news")


@pytest.fixture
def add_story(news_index, department_news):
    """``add_story("Title", date=..., tags=[...], ...)``: a live story in the news section."""

    def add(title, date=datetime.date(2025, 6, 1), **fields):
        fields.setdefault("category", department_news)
        return NewsPageFactory(parent=news_index, title=title, date=date, **fields)

    return add
