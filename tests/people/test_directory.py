"""The people directory at /people/: filters, A–Z order, pagination and bad input."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dlhs.cache import fragment_key
from tests import factories
from tests.query_counts import render_queries

CARD_NAME = re.compile(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>')


def names(response):
    return CARD_NAME.findall(response.content.decode())


def listed(response):
    return [person.title for person in response.context["page_obj"].object_list]


@pytest.fixture
def seed_people(make_person, programs):
    return {
        "morgan": make_person("Helen K. Morgan", "Morgan", ["faculty"], degrees="M.D."),
        "lewicki": make_person(
            "Patrick Lewicki", "Lewicki", ["student"], program=programs["hils-ms"]
        ),
        "lynch": make_person("Katie Lynch", "Lynch", ["student"], program=programs["hils-phd"]),
        "abbott": make_person(
            "Elif Abbott",
            "Abbott",
            ["alumni"],
            program=programs["hils-phd"],
            graduation_year=2019,
        ),
        "baker": make_person("Rosa Baker", "Baker", ["staff", "alumni"], program=programs["mhpe"]),
    }


@pytest.mark.django_db
class TestFilters:
    def test_everyone_in_family_name_order(self, client, seed_people):
        response = client.get("/people/")
        assert response.status_code == 200
        assert names(response) == [
            "Elif Abbott",
            "Rosa Baker",
            "Patrick Lewicki",
            "Katie Lynch",
            "Helen K. Morgan",
        ]

    def test_role(self, client, seed_people):
        response = client.get("/people/", {"role": "student"})
        assert names(response) == ["Patrick Lewicki", "Katie Lynch"]
        assert response.context["filters"].role.slug == "student"

    def test_person_with_two_roles_is_listed_once_under_each(self, client, seed_people):
        assert names(client.get("/people/", {"role": "alumni"})) == ["Elif Abbott", "Rosa Baker"]
        assert names(client.get("/people/", {"role": "staff"})) == ["Rosa Baker"]
        assert names(client.get("/people/")).count("Rosa Baker") == 1

    def test_program(self, client, seed_people):
        response = client.get("/people/", {"program": "hils-phd"})
        assert names(response) == ["Elif Abbott", "Katie Lynch"]

    def test_name_search_matches_every_word_in_any_case(self, client, seed_people):
        assert names(client.get("/people/", {"q": "helen morgan"})) == ["Helen K. Morgan"]
        assert names(client.get("/people/", {"q": "LEWI"})) == ["Patrick Lewicki"]
        assert names(client.get("/people/", {"q": "  katie   "})) == ["Katie Lynch"]
        assert names(client.get("/people/", {"q": "helen lynch"})) == []

    def test_filters_combine(self, client, seed_people):
        response = client.get("/people/", {"role": "student", "program": "hils-phd", "q": "k"})
        assert names(response) == ["Katie Lynch"]
        response = client.get("/people/", {"role": "faculty", "program": "hils-phd"})
        assert names(response) == []
        assert "No one matches these filters" in response.content.decode()

    def test_research_interest(self, client, seed_people):
        seed_people["morgan"].research_interests.add("medical education")
        seed_people["morgan"].save()
        response = client.get("/people/", {"interest": "medical-education"})
        assert response.status_code == 200
        assert names(response) == ["Helen K. Morgan"]

    def test_empty_values_mean_no_filter(self, client, seed_people):
        response = client.get("/people/", {"role": "", "program": "", "q": ""})
        assert len(names(response)) == 5
        assert not response.context["filters"].active

    def test_form_shows_the_chosen_filters(self, client, seed_people):
        html = client.get("/people/", {"role": "student", "q": "lynch"}).content.decode()
        assert '<option value="student" selected>Students</option>' in html
        assert 'name="q" value="lynch"' in html
        assert re.search(r'<a href="\?role=student[^"]*" aria-current="page">Students</a>', html)
        assert '<label for="people-role">Role</label>' in html
        assert '<label for="people-program">Program</label>' in html
        assert '<label for="people-q">Name</label>' in html
        assert '<button type="submit">' in html


@pytest.mark.django_db
class TestBadInput:
    @pytest.mark.parametrize(
        "params",
        [
            {"role": "wizard"},
            {"program": "astrology"},
            {"interest": "no-such-interest"},
            {"interest": "not a slug!"},
            {"role": "faculty\x00"},
            {"role": "<script>alert(1)</script>"},
            {"program": "x" * 5000},
            {"page": "0"},
            {"page": "abc"},
            {"page": "99"},
            {"page": "9" * 40},
        ],
    )
    def test_unknown_values_are_404(self, client, seed_people, params):
        assert client.get("/people/", params).status_code == 404

    @pytest.mark.parametrize(
        "query",
        ["morgan\x00", "\x00", "%", "_", "' OR 1=1 --", "m" * 10_000, "😀", "\u202e", "<b>"],
    )
    def test_hostile_name_searches_are_answered(self, client, seed_people, query):
        response = client.get("/people/", {"q": query})
        assert response.status_code == 200
        cleaned = response.context["filters"].query
        assert "\x00" not in cleaned
        assert len(cleaned) <= 100

    def test_nul_byte_is_dropped_not_searched(self, client, seed_people):
        assert names(client.get("/people/", {"q": "morgan\x00"})) == ["Helen K. Morgan"]

    def test_wildcards_are_literal(self, client, seed_people):
        assert names(client.get("/people/", {"q": "%"})) == []
        assert names(client.get("/people/", {"q": "_"})) == []

    def test_search_text_is_escaped(self, client, seed_people):
        html = client.get("/people/", {"q": '"><script>x</script>'}).content.decode()
        assert "<script>x</script>" not in html


@pytest.mark.django_db
class TestOrderAndPagination:
    def test_family_names_sort_case_insensitively(self, client, make_person):
        for title, family in [
            ("Zoe Zhang", "Zhang"),
            ("ann abbott", "abbott"),
            ("Rosa de la Cruz", "de la Cruz"),
            ("Bob Baker", "Baker"),
            ("Ada Baker", "Baker"),
        ]:
            make_person(title, family)
        response = client.get("/people/")
        assert names(response) == [
            "ann abbott",
            "Ada Baker",
            "Bob Baker",
            "Rosa de la Cruz",
            "Zoe Zhang",
        ]
        letters = [letter for letter, _ in response.context["people_by_initial"]]
        assert letters == ["A", "B", "D", "Z"]
        assert '<h2 class="people-letter">D</h2>' in response.content.decode()

    def test_drafts_and_private_profiles_are_not_listed(self, client, make_person):
        make_person("Shown Person", "Shown")
        make_person("Draft Person", "Draft", live=False)
        assert names(client.get("/people/")) == ["Shown Person"]

    def test_24_people_fit_on_one_page(self, client, make_person):
        for number in range(24):
            make_person(f"Person {number:02d}", f"Family{number:02d}")
        response = client.get("/people/")
        assert len(names(response)) == 24
        assert 'class="pagination"' not in response.content.decode()
        assert client.get("/people/", {"page": 2}).status_code == 404

    def test_the_25th_goes_to_page_two_and_filters_are_kept(self, client, make_person):
        for number in range(25):
            make_person(f"Alum {number:02d}", f"Family{number:02d}", ["alumni"])
        make_person("Not An Alum", "Aaron", ["staff"])
        first = client.get("/people/", {"role": "alumni"})
        assert len(names(first)) == 24
        html = first.content.decode()
        assert 'href="?role=alumni&amp;page=2"' in html
        assert "Showing 1–24 of 25 people" in html
        second = client.get("/people/", {"role": "alumni", "page": 2})
        assert names(second) == ["Alum 24"]
        assert client.get("/people/", {"role": "alumni", "page": 3}).status_code == 404


def queries_for(client, url):
    _, queries = render_queries(client, url)
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("cache_seconds", [300, 0], ids=["cards-kept", "caches-off"])
def test_query_count_does_not_grow_with_people(
    client, make_person, programs, settings, cache_seconds
):
    settings.PAGE_CACHE_SECONDS = cache_seconds  # 0: every card is read and rendered
    urls = ["/people/", "/people/?role=alumni&program=mhpe&q=person"]

    def add_people(start, stop):
        for number in range(start, stop):
            make_person(
                f"Person {number:03d}",
                f"Family{number:03d}",
                ["alumni", "faculty"] if number % 2 else ["alumni"],
                program=programs["mhpe"],
                graduation_year=2010 + number % 10,
                # Only the first page of 24 is shown, so only those need photos.
                photo=factories.SiteImageFactory(
                    file=factories.jpeg_file(size=(40, 40), colour=(number, 40, 80))
                )
                if number < 30
                else None,
            )

    add_people(0, 5)
    with_five = [queries_for(client, url) for url in urls]
    add_people(5, 200)
    with_two_hundred = [queries_for(client, url) for url in urls]
    assert with_five == with_two_hundred
    # The site chrome (menu, breadcrumbs, settings) takes about a dozen of these.
    assert max(with_five) <= 20


@pytest.mark.django_db
def test_roles_and_programs_are_read_once_per_change(client, make_person, programs):
    make_person("Helen K. Morgan", "Morgan", program=programs["mhpe"])

    def queries(url):
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    client.get("/people/")  # every shared fragment is built
    # Other addresses, so that each is a page-cache miss too: only the fragments are shared.
    warm = queries("/people/?role=faculty")
    cache.delete(fragment_key("people-vocabularies"))
    assert queries("/people/?role=faculty&page=1") == warm + 2  # the roles, the programs
    assert client.get("/people/?role=emeriti").status_code == 404

    factories.PersonRoleFactory(name="Emeriti", slug="emeriti")  # a change to a snippet
    assert client.get("/people/?role=emeriti").status_code == 200
    assert 'value="emeriti"' in client.get("/people/").content.decode()


@pytest.mark.django_db
def test_each_card_is_rendered_once_per_change_whatever_the_filters(client, seed_people):
    def full_reads(url):
        """The queries that read whole profiles (a bio is on no card): the cards not kept."""
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        reads = [query["sql"] for query in context.captured_queries if '"bio"' in query["sql"]]
        return response, reads

    response, reads = full_reads("/people/")
    assert len(reads) == 1 and len(names(response)) == 5  # every card, in one read
    # Another address, so a page-cache miss: the students' cards are the ones already made.
    response, reads = full_reads("/people/?role=student")
    assert names(response) == ["Patrick Lewicki", "Katie Lynch"] and reads == []

    morgan = seed_people["morgan"]
    morgan.job_title = "Chair of the department"
    morgan.save_revision().publish()
    response, reads = full_reads("/people/?role=faculty")
    assert "Chair of the department" in response.content.decode() and len(reads) == 1


@pytest.mark.django_db
def test_directory_cards_show_what_a_visitor_needs(client, make_person, programs):
    photo = factories.SiteImageFactory(description="Katie smiling in front of a mural")
    make_person(
        "Katie Lynch",
        "Lynch",
        ["student"],
        program=programs["hils-phd"],
        pronouns="she/her",
        job_title="HILS PhD candidate",
        photo=photo,
        degrees="M.P.H.",
    )
    html = client.get("/people/").content.decode()
    assert "she/her" in html
    assert "HILS PhD candidate" in html
    assert '<li class="label">Student</li>' in html
    assert "HILS PhD" in html
    assert ", M.P.H." in html
    assert 'alt="Katie smiling in front of a mural"' in html
    assert "<picture" in html
