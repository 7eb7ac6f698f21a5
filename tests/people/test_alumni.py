"""The alumni page: the alumni directory, alumni news with its feeds, and the form link."""

import datetime

import pytest

from people.models import AlumniUpdateFormPage
from tests import factories
from tests.query_counts import render_queries


@pytest.fixture
def alumni_page(home):
    about = factories.AboutPageFactory(parent=home)
    return factories.AlumniPageFactory(parent=about)


@pytest.mark.django_db
class TestAlumniDirectory:
    def test_grouped_by_program_then_year(self, client, alumni_page, make_person, programs):
        make_person(
            "Ann Zed", "Zed", ["alumni"], program=programs["hils-phd"], graduation_year=2019
        )
        make_person(
            "Bo Abel", "Abel", ["alumni"], program=programs["hils-phd"], graduation_year=2019
        )
        make_person("Cy Old", "Old", ["alumni"], program=programs["hils-phd"], graduation_year=2012)
        make_person("Di Ed", "Ed", ["alumni"], program=programs["mhpe"], graduation_year=2020)
        make_person("Ev Who", "Who", ["alumni"])
        make_person("Current Student", "Student", ["student"], program=programs["mhpe"])
        make_person("Draft Alum", "Draft", ["alumni"], program=programs["mhpe"], live=False)

        response = client.get(alumni_page.url)
        assert response.status_code == 200
        directory = [
            (
                program.short_name if program else None,
                [(year, [person.title for person in people]) for year, people in years],
            )
            for program, years in response.context["alumni_directory"]
        ]
        assert directory == [
            ("HILS PhD", [(2019, ["Bo Abel", "Ann Zed"]), (2012, ["Cy Old"])]),
            ("MHPE", [(2020, ["Di Ed"])]),
            (None, [(None, ["Ev Who"])]),
        ]
        html = response.content.decode()
        assert "Class of 2019" in html
        assert "Other programs" in html
        assert "Current Student" not in html
        assert "Draft Alum" not in html

    def test_query_count_does_not_grow_with_alumni(
        self, client, alumni_page, make_person, programs
    ):
        def add(start, stop):
            for number in range(start, stop):
                make_person(
                    f"Alum {number:03d}",
                    f"Family{number:03d}",
                    ["alumni"],
                    program=list(programs.values())[number % 3],
                    graduation_year=2000 + number % 20,
                )

        def count():
            _, queries = render_queries(client, alumni_page.url)
            return len(queries)

        add(0, 5)
        with_five = count()
        add(5, 60)
        assert count() == with_five


@pytest.mark.django_db
class TestAlumniNews:
    def test_latest_five_tagged_stories_with_feed_links(self, client, home, alumni_page):
        news = factories.NewsIndexPageFactory(parent=home)
        for day in range(1, 8):
            factories.NewsPageFactory(
                parent=news,
                title=f"Alumni story {day}",
                date=datetime.date(2025, 1, day),
                tags=["alumni"],
            )
        factories.NewsPageFactory(
            parent=news, title="Research story", date=datetime.date(2025, 2, 1), tags=["AI"]
        )
        factories.NewsPageFactory(parent=news, title="Alumni draft", tags=["alumni"], live=False)
        response = client.get(alumni_page.url)
        assert [story.title for story in response.context["alumni_news"]] == [
            "Alumni story 7",
            "Alumni story 6",
            "Alumni story 5",
            "Alumni story 4",
            "Alumni story 3",
        ]
        html = response.content.decode()
        assert "Research story" not in html
        assert "Alumni draft" not in html
        assert 'href="/news/feed/rss/?tag=alumni" type="application/rss+xml"' in html
        assert 'href="/news/feed/atom/?tag=alumni" type="application/atom+xml"' in html
        assert '<link rel="alternate" type="application/rss+xml"' in html
        assert 'href="/news/?tag=alumni"' in html

    def test_editors_choose_the_tag(self, client, home, alumni_page):
        news = factories.NewsIndexPageFactory(parent=home)
        factories.NewsPageFactory(parent=news, title="Grad story", tags=["graduates"])
        alumni_page.news_tag = "graduates"
        alumni_page.save_revision().publish()
        response = client.get(alumni_page.url)
        assert [story.title for story in response.context["alumni_news"]] == ["Grad story"]
        assert "/news/feed/rss/?tag=graduates" in response.content.decode()

    def test_without_a_news_section_there_are_no_feed_links(self, client, alumni_page):
        response = client.get(alumni_page.url)
        assert response.status_code == 200
        assert response.context["alumni_news"] == []
        assert "feed/rss" not in response.content.decode()


@pytest.mark.django_db
def test_share_your_news_call_to_action(client, alumni_page):
    assert "Send us your update" not in client.get(alumni_page.url).content.decode()
    form_page = AlumniUpdateFormPage(title="Share your news", slug="share-your-news")
    alumni_page.add_child(instance=form_page)
    form_page.save_revision().publish()
    response = client.get(alumni_page.url)
    assert response.context["share_news_page"] == form_page
    assert 'href="/about/alumni/share-your-news/"' in response.content.decode()
