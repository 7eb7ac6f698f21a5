"""Profile pages: every field, the person's stories and lectures, the vCard and JSON-LD."""

import datetime
import json
import re

import pytest
import vobject
from wagtail.test.utils import WagtailPageTestCase

from dlhs.models import SiteSettings
from events.models import EventSpeaker
from pages.models import HomePage
from people.models import PeopleIndexPage, PersonPage
from tests import factories
from tests.query_counts import render_queries


@pytest.fixture
def morgan(make_person, programs):
    person = make_person(
        "Helen K. Morgan",
        "Morgan",
        ["faculty"],
        degrees="M.D., Ph.D.",
        pronouns="she/her",
        job_title="Clinical Professor of Obstetrics and Gynecology",
        short_bio="Faculty chair-elect for women’s careers.",
        bio="<p>Helen works on <b>medical education</b>.</p>",
        email="hmorgan@example.edu",
        phone="+1 (734) 555-0100",
        office="1111 Med Sci, 1301 Catherine St.",
        orcid="0000-0002-1825-0097",
        google_scholar_url="https://scholar.google.com/citations?user=abc",
        linkedin_url="https://www.linkedin.com/in/example",
        website_url="https://example.edu/morgan",
        accepting_students=True,
        photo=factories.SiteImageFactory(description="Helen Morgan at a lectern"),
    )
    person.appointments.create(title="Chair-elect", organisation="Women’s careers")
    person.research_interests.add("medical education", "women in medicine")
    person.save()
    return person


def json_ld(html):
    """The page's one schema.org Person (a BreadcrumbList stands beside it)."""
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    people = [item for item in map(json.loads, found) if item["@type"] == "Person"]
    assert len(people) == 1
    return people[0]


@pytest.mark.django_db
class TestProfile:
    def test_shows_every_field(self, client, morgan):
        response = client.get("/people/helen-k-morgan/")
        assert response.status_code == 200
        html = response.content.decode()
        assert html.count("<h1") == 1
        for text in [
            "Helen K. Morgan",
            ", M.D., Ph.D.",
            "Pronouns: she/her",
            "Clinical Professor of Obstetrics and Gynecology",
            "Chair-elect, Women’s careers",
            "Accepting new students",
            "<b>medical education</b>",
            'href="mailto:hmorgan@example.edu"',
            'href="tel:+17345550100"',
            "1111 Med Sci, 1301 Catherine St.",
            'href="https://orcid.org/0000-0002-1825-0097"',
            'href="https://scholar.google.com/citations?user=abc"',
            'href="https://www.linkedin.com/in/example"',
            'href="https://example.edu/morgan"',
            'href="/people/?interest=medical-education"',
            'alt="Helen Morgan at a lectern"',
            'href="/people/helen-k-morgan/vcard/"',
        ]:
            assert text in html, text

    def test_links_have_names_that_say_whose(self, client, morgan):
        html = client.get("/people/helen-k-morgan/").content.decode()
        assert 'Google Scholar<span class="visually-hidden"> profile of Helen K. Morgan' in html
        assert 'LinkedIn<span class="visually-hidden"> profile of Helen K. Morgan' in html

    def test_student_and_alumni_details(self, client, make_person, programs):
        make_person(
            "Elif Abbott",
            "Abbott",
            ["alumni"],
            program=programs["hils-phd"],
            graduation_year=2019,
            current_position="Data scientist, Example Health",
        )
        make_person(
            "Katie Lynch", "Lynch", ["student"], program=programs["mhpe"], graduation_year=2027
        )
        alumna = client.get("/people/elif-abbott/").content.decode()
        assert "Health Infrastructures and Learning Systems (HILS) PhD" in alumna
        assert "<dt>Graduated</dt><dd>2019</dd>" in alumna
        assert "Data scientist, Example Health" in alumna
        student = client.get("/people/katie-lynch/").content.decode()
        assert "<dt>Expected to graduate</dt><dd>2027</dd>" in student

    def test_an_alumna_s_roles_are_read_once_for_the_page_and_its_json_ld(
        self, client, make_person, programs
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        make_person("Elif Abbott", "Abbott", ["alumni"], program=programs["hils-phd"])

        with CaptureQueriesContext(connection) as queries:
            html = client.get("/people/elif-abbott/").content.decode()

        assert "alumniOf" in json_ld(html)
        role_reads = 'SELECT "people_personrole"'
        assert len([query for query in queries if query["sql"].startswith(role_reads)]) == 1

    def test_lists_stories_newest_first_without_drafts_or_other_people(
        self, client, home, morgan, make_person
    ):
        other = make_person("Katie Lynch", "Lynch", ["student"])
        news = factories.NewsIndexPageFactory(parent=home)
        older = factories.NewsPageFactory(
            parent=news, title="Older story", date=datetime.date(2024, 3, 1)
        )
        newer = factories.NewsPageFactory(
            parent=news,
            title="Newer story",
            date=datetime.date(2025, 7, 14),
            source_url="https://medicine.umich.edu/medschool/news/x",
            source_name="Medical School News",
        )
        draft = factories.NewsPageFactory(parent=news, title="Draft story", live=False)
        unrelated = factories.NewsPageFactory(parent=news, title="Someone else's story")
        for story in (older, newer, draft):
            factories.NewsPagePersonFactory(page=story, person=morgan)
        factories.NewsPagePersonFactory(page=unrelated, person=other)

        response = client.get("/people/helen-k-morgan/")
        assert [story.title for story in response.context["stories"]] == [
            "Newer story",
            "Older story",
        ]
        html = response.content.decode()
        assert html.index("Newer story") < html.index("Older story")
        assert 'href="https://medicine.umich.edu/medschool/news/x"' in html
        assert f'href="{older.url}"' in html
        assert '<time datetime="2025-07-14">July 14, 2025</time>' in html
        assert "Draft story" not in html
        assert "Someone else" not in html

    def test_the_stories_are_read_as_headlines_in_one_query(self, client, home, morgan):
        news = factories.NewsIndexPageFactory(parent=home)
        lab = factories.NewsCategoryFactory(name="Lab news")

        def add(count):
            for _ in range(count):
                story = factories.NewsPageFactory(
                    parent=news, category=lab, hero_image=factories.SiteImageFactory()
                )
                factories.NewsPagePersonFactory(page=story, person=morgan)

        add(1)
        _, with_one = render_queries(client, morgan.url)
        add(5)
        response, with_six = render_queries(client, morgan.url)

        assert len(with_six) == len(with_one)
        assert response.content.decode().count("Lab news") == 6
        reads = [sql for sql in with_six if 'FROM "news_newspage"' in sql]
        assert len(reads) == 1
        assert '"news_newspage"."body"' not in reads[0]  # nor the picture and its renditions
        assert '"news_newspage"."hero_image_id"' not in reads[0]

    def test_lists_lectures_given(self, client, home, morgan):
        about = factories.AboutPageFactory(parent=home)
        lectureship = factories.LectureshipPageFactory(parent=about)
        given = factories.LectureFactory(parent=lectureship, title="Learning from every patient")
        EventSpeaker.objects.create(page=given, person=morgan)
        other = factories.LectureFactory(parent=lectureship, title="Someone else's lecture")
        EventSpeaker.objects.create(page=other, name="A guest")
        html = client.get("/people/helen-k-morgan/").content.decode()
        assert "Learning from every patient" in html
        assert "Someone else's lecture" not in html

    def test_drafts_are_not_served(self, client, make_person):
        make_person("Draft Person", "Person", live=False)
        assert client.get("/people/draft-person/").status_code == 404

    def test_unknown_routes_are_404(self, client, morgan):
        assert client.get("/people/helen-k-morgan/vcard.vcf").status_code == 404
        assert client.get("/people/helen-k-morgan/nonsense/").status_code == 404


@pytest.mark.django_db
class TestJsonLd:
    def test_is_a_schema_org_person(self, client, morgan):
        SiteSettings.objects.update_or_create(
            site_id=morgan.get_site().pk,
            defaults={
                "department_name": "Department of Learning Health Sciences",
                "parent_organisation": "University of Michigan Medical School",
            },
        )
        data = json_ld(client.get("/people/helen-k-morgan/").content.decode())
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "Person"
        assert data["name"] == "Helen K. Morgan"
        assert data["honorificSuffix"] == "M.D., Ph.D."
        assert data["jobTitle"] == "Clinical Professor of Obstetrics and Gynecology"
        assert data["url"] == "http://localhost/people/helen-k-morgan/"
        assert data["email"] == "mailto:hmorgan@example.edu"
        assert data["worksFor"]["name"] == "Department of Learning Health Sciences"
        assert data["worksFor"]["parentOrganization"]["name"] == (
            "University of Michigan Medical School"
        )
        assert "https://orcid.org/0000-0002-1825-0097" in data["sameAs"]
        assert sorted(data["knowsAbout"]) == ["medical education", "women in medicine"]
        assert data["image"].startswith("http://testserver/")

    def test_the_interests_are_read_once_for_the_page_and_its_json_ld(self, client, morgan):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            html = client.get("/people/helen-k-morgan/").content.decode()

        assert "women in medicine" in json_ld(html)["knowsAbout"]
        assert '>women in medicine<span class="visually-hidden">' in html  # the profile's list
        tags = [query for query in queries if query["sql"].startswith('SELECT "taggit_tag"')]
        assert len(tags) == 1

    def test_text_cannot_close_the_script_element(self, client, make_person):
        make_person(
            "Eve Example",
            "Example",
            job_title="</script><script>alert(1)</script> & more",
        )
        html = client.get("/people/eve-example/").content.decode()
        assert "</script><script>alert(1)" not in html
        assert json_ld(html)["jobTitle"] == "</script><script>alert(1)</script> & more"


def unfold(text):
    return text.replace("\r\n ", "")


@pytest.mark.django_db
class TestVCard:
    def test_download(self, client, morgan):
        response = client.get("/people/helen-k-morgan/vcard/")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/vcard; charset=utf-8"
        assert response["Content-Disposition"] == 'attachment; filename="helen-k-morgan.vcf"'

    def test_parses_with_the_fields_of_the_profile(self, client, morgan):
        text = client.get("/people/helen-k-morgan/vcard/").content.decode()
        card = vobject.readOne(text)
        assert card.version.value == "4.0"
        assert card.fn.value == "Helen K. Morgan, M.D., Ph.D."
        assert card.n.value.family == "Morgan"
        assert card.n.value.given == "Helen"
        assert card.n.value.additional == "K."
        assert card.title.value == "Clinical Professor of Obstetrics and Gynecology"
        assert card.email.value == "hmorgan@example.edu"
        assert card.tel.value == "tel:+17345550100"
        urls = [url.value for url in card.contents["url"]]
        assert "http://localhost/people/helen-k-morgan/" in urls
        assert "https://orcid.org/0000-0002-1825-0097" in urls
        assert card.note.value == "Faculty chair-elect for women’s careers."
        assert card.uid.value == f"urn:uuid:{morgan.translation_key}"
        assert "ORG" in unfold(text)

    def test_follows_the_rfc_6350_text_rules(self, client, morgan):
        raw = client.get("/people/helen-k-morgan/vcard/").content
        text = raw.decode("utf-8")
        lines = text.split("\r\n")
        assert text.endswith("\r\n")
        assert lines[0] == "BEGIN:VCARD"
        assert lines[1] == "VERSION:4.0"
        assert lines[-2] == "END:VCARD"
        assert "\n" not in text.replace("\r\n", "")
        assert all(len(line.encode("utf-8")) <= 75 for line in lines)
        unfolded = unfold(text)
        assert "N:Morgan;Helen;K.;;M.D.,Ph.D.\r\n" in unfolded
        assert "ADR;TYPE=work:;1111 Med Sci\\, 1301 Catherine St.;;;;;\r\n" in unfolded

    def test_commas_semicolons_and_newlines_are_escaped(self, client, make_person):
        make_person(
            "Lee; Ann, Jr.",
            "Lee; Ann",
            job_title="Director, Research; Education\\Training",
            short_bio="Line one\nline two",
        )
        text = client.get("/people/lee-ann-jr/vcard/").content.decode()
        unfolded = unfold(text)
        assert "FN:Lee\\; Ann\\, Jr.\r\n" in unfolded
        assert "N:Lee\\; Ann;Jr.;;;\r\n" in unfolded
        assert "TITLE:Director\\, Research\\; Education\\\\Training\r\n" in unfolded
        assert "NOTE:Line one line two\r\n" in unfolded
        card = vobject.readOne(text)
        assert card.fn.value == "Lee; Ann, Jr."
        assert card.title.value == "Director, Research; Education\\Training"
        assert card.n.value.family == "Lee; Ann"

    def test_long_non_ascii_lines_fold_between_characters(self, client, make_person):
        make_person("Zoë Ångström", "Ångström", job_title="Professorin für Lernwissenschaft " * 6)
        raw = client.get("/people/zoe-angstrom/vcard/").content
        for line in raw.split(b"\r\n"):
            assert len(line) <= 75
            line.decode("utf-8")  # a split multi-byte character would raise here
        card = vobject.readOne(raw.decode("utf-8"))
        assert card.title.value == "Professorin für Lernwissenschaft " * 6


class TestPageStructure(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        home = HomePage.objects.get()
        cls.index = factories.PeopleIndexPageFactory(parent=home)
        role = factories.PersonRoleFactory(name="Faculty", slug="faculty")
        cls.person = factories.PersonPageFactory(
            parent=cls.index, title="Helen K. Morgan", family_name="Morgan", roles=[role]
        )

    def test_tree_rules(self):
        self.assertAllowedParentPageTypes(PersonPage, {PeopleIndexPage})
        self.assertAllowedSubpageTypes(PeopleIndexPage, {PersonPage})
        self.assertCanCreateAt(PeopleIndexPage, PersonPage)

    def test_routable_renderable_previewable(self):
        self.assertPageIsRoutable(self.person)
        self.assertPageIsRoutable(self.person, "vcard/")
        self.assertPageIsRenderable(self.person)
        self.assertPageIsRenderable(self.person, "vcard/")
        self.assertPageIsRenderable(self.index)
        self.assertPageIsPreviewable(self.person)
        self.assertPageIsPreviewable(self.index)


@pytest.mark.django_db
def test_a_photo_missing_from_storage_does_not_break_the_profile(client, make_person):
    photo = factories.SiteImageFactory()
    make_person("Lost Photo", "Photo", photo=photo)
    photo.file.storage.delete(photo.file.name)
    response = client.get("/people/lost-photo/")
    assert response.status_code == 200
    assert "image" not in json_ld(response.content.decode())
    card = vobject.readOne(client.get("/people/lost-photo/vcard/").content.decode())
    assert "photo" not in card.contents
