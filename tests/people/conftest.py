"""Fixtures for the people app: the roles and programs of the seed, and a directory."""

import pytest
from django.core.cache import cache

from tests import factories


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counts and cached image renditions must not leak from one test to another
    (database ids are reused after a rollback, so a cached rendition can match a new image)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def roles(db):
    return {
        slug: factories.PersonRoleFactory(name=name, plural_name=plural, slug=slug, sort_order=i)
        for i, (slug, name, plural) in enumerate(
            [
                ("faculty", "Faculty", "Faculty"),
                ("staff", "Staff", "Staff"),
                ("student", "Student", "Students"),
                ("alumni", "Alumni", "Alumni"),
            ]
        )
    }


@pytest.fixture
def programs(db):
    return {
        slug: factories.ProgramFactory(name=name, short_name=short, slug=slug)
        for slug, name, short in [
            ("hils-ms", "Health Infrastructures and Learning Systems (HILS) Master's", "HILS MS"),
            ("hils-phd", "Health Infrastructures and Learning Systems (HILS) PhD", "HILS PhD"),
            ("mhpe", "Master of Health Professions Education", "MHPE"),
        ]
    }


@pytest.fixture
def people_index(home):
    return factories.PeopleIndexPageFactory(parent=home)


@pytest.fixture
def make_person(people_index, roles):
    """``make_person("Helen K. Morgan", "Morgan", roles=["faculty"], **fields)``."""

    def make(title, family_name, roles_=("faculty",), **fields):
        return factories.PersonPageFactory(
            parent=fields.pop("parent", people_index),
            title=title,
            family_name=family_name,
            roles=[roles[slug] for slug in roles_],
            **fields,
        )

    return make
