"""One set of query-string rules for news, people and search (dlhs/querystring.py)."""

import pytest
from django.core.exceptions import BadRequest
from django.http import Http404, QueryDict

from dlhs import querystring
from tests import factories

# What each listing reads; every one of them given twice must be a 400.
READS = {
    "/news/": ["tag", "category", "year", "page"],
    "/people/": ["role", "program", "interest", "q", "page"],
    "/search/": ["q", "type", "page"],
}
LONG_TEXT = "learning " * 50


@pytest.fixture
def listings(home):
    factories.NewsIndexPageFactory(parent=home, title="News", slug="news")
    people = factories.PeopleIndexPageFactory(parent=home, title="People", slug="people")
    faculty = factories.PersonRoleFactory(name="Faculty", plural_name="Faculty", slug="faculty")
    factories.PersonPageFactory(parent=people, title="Helen Morgan", roles=[faculty])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "name"), [(path, name) for path, names in READS.items() for name in names]
)
def test_a_repeated_parameter_is_a_bad_request_everywhere(client, listings, path, name):
    assert client.get(f"{path}?{name}=a&{name}=b").status_code == 400


@pytest.mark.django_db
def test_the_same_length_limit_for_every_typed_query(client, listings):
    people = client.get("/people/", {"q": LONG_TEXT}).context["filters"].query
    search = client.get("/search/", {"q": LONG_TEXT}).context["search_query"]

    assert people == search == LONG_TEXT[: querystring.MAX_TEXT_LENGTH].strip()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["/news/?tag=a%20b", "/news/?category=%3Cb%3E", "/people/?role=a%20b"]
)
def test_a_value_that_cannot_be_a_slug_is_not_found(client, listings, query):
    assert client.get(query).status_code == 404


def test_the_rules():
    params = QueryDict("tag=AI&q=%00two%20%20words%1f&twice=1&twice=2&bad=a/b")
    assert querystring.single(params, "missing") == ""
    assert querystring.slug(params, "tag", lower=True) == "ai"
    assert querystring.text(params, "q") == "two words"
    with pytest.raises(BadRequest):
        querystring.single(params, "twice")
    with pytest.raises(BadRequest):
        querystring.reject_repeats(params, ["tag", "twice"])
    with pytest.raises(Http404):
        querystring.slug(params, "bad")
    assert querystring.SLUG.fullmatch("x" * 100)
    assert not querystring.SLUG.fullmatch("x" * 101)


@pytest.mark.django_db
def test_filter_links_keep_the_other_parameters(client, listings):
    html = client.get("/people/", {"q": "morgan", "role": "faculty"}).content.decode()

    assert 'href="?q=morgan"' in html  # "Everyone": the role removed, the search kept
