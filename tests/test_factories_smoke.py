import pytest

from tests import factories


@pytest.mark.django_db
def test_factories_build_a_connected_tree(home):
    alumni_role = factories.PersonRoleFactory(name="Alumni", slug="alumni")
    people = factories.PeopleIndexPageFactory(parent=home)
    person = factories.PersonPageFactory(parent=people, roles=[alumni_role])
    news = factories.NewsIndexPageFactory(parent=home)
    story = factories.NewsPageFactory(parent=news, tags=["alumni", "AI"])
    factories.NewsPagePersonFactory(page=story, person=person)
    about = factories.AboutPageFactory(parent=home)
    lectureship = factories.LectureshipPageFactory(parent=about)
    factories.LectureFactory(parent=lectureship, image=factories.SiteImageFactory())

    assert sorted(story.tags.names()) == ["AI", "alumni"]
    assert list(person.roles.values_list("slug", flat=True)) == ["alumni"]
    assert list(person.stories()) == [story]
    assert lectureship.upcoming_lectures().count() == 1
