"""The demo's people: the seed's three with their roles and stories, and generated ones."""

import pytest
from django.utils.html import escape

from news.models import NewsPage
from pages.demo.builder import DemoBuilder
from pages.demo.copy import news, people
from people.models import AlumniUpdateFormPage, PersonPage


@pytest.fixture
def demo(db):
    DemoBuilder(report=lambda line: None).build(news_count=0, people_count=30)


@pytest.mark.django_db
def test_seed_people_have_the_seed_roles_and_stories(demo, client):
    seed_slugs = [person["slug"] for person in people.PEOPLE]
    roles = {
        person.slug: person.role_slugs()
        for person in PersonPage.objects.filter(slug__in=seed_slugs)
    }
    assert roles == {person["slug"]: set(person["roles"]) for person in people.PEOPLE}
    for person in people.PEOPLE:
        page = PersonPage.objects.get(slug=person["slug"])
        stories_about_them = [
            story for story in news.STORIES if person["slug"] in story.get("people", ())
        ]
        assert [story.slug for story in page.stories()] == [
            story["slug"] for story in stories_about_them
        ]
        html = client.get(page.url).content.decode()
        for story in stories_about_them:
            assert escape(story["title"]) in html


@pytest.mark.django_db
def test_generated_people_exercise_filters_and_pagination(demo, client):
    assert PersonPage.objects.live().count() == len(people.PEOPLE) + 30
    response = client.get("/people/")
    assert response.context["page_obj"].paginator.num_pages == 2
    for role in ("faculty", "staff", "student", "alumni"):
        assert client.get("/people/", {"role": role}).context["page_obj"].paginator.count > 0
    assert client.get("/people/", {"program": "mhpe"}).context["page_obj"].paginator.count > 0
    assert client.get("/about/alumni/").context["alumni_directory"]


@pytest.mark.django_db
def test_demo_form_uses_the_program_list_and_a_year(demo, client):
    form_page = AlumniUpdateFormPage.objects.get()
    assert {field.field_type for field in form_page.form_fields.all()} >= {"program", "year"}
    html = client.get(form_page.url).content.decode()
    for program in people.PROGRAMS:
        assert f'<option value="{escape(program["name"])}">' in html


@pytest.mark.django_db
def test_building_twice_adds_nothing(demo):
    lines = []
    DemoBuilder(report=lines.append).build(news_count=0, people_count=30)
    assert lines == []


def test_generated_pages_are_indexed_in_bulk_and_saving_indexes_again(demo):
    from wagtail.models import ReferenceIndex

    DemoBuilder(report=lambda line: None).build(news_count=4, people_count=30)
    assert PersonPage.objects.live().search("sample").count() == 30
    assert NewsPage.objects.live().search("sample").count() == 4

    # The per-save index handlers are back once the generated pages are in.
    person = PersonPage.objects.get(slug="sample-person-0001")
    person.short_bio = "Studies zymurgy in learning systems."
    person.save()
    assert list(PersonPage.objects.search("zymurgy")) == [person]

    portrait_holder = PersonPage.objects.exclude(photo=None).first()
    references = ReferenceIndex.get_references_for_object(portrait_holder)
    references.delete()
    portrait_holder.save()
    assert references.exists()
