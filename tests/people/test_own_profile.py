"""Faculty who edit their own profile: that page only, some fields only, through moderation."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from dlhs.editorial import EDITORS
from people.models import PersonPage


@pytest.fixture
def faculty(django_user_model):
    return django_user_model.objects.create_user("hmorgan", "hmorgan@example.edu", "pw")


@pytest.fixture
def own_profile(make_person, faculty):
    page = make_person("Helen K. Morgan", "Morgan", office_hours="", short_bio="Old bio.")
    page.account = faculty
    page.save_revision().publish()
    return page


@pytest.fixture
def colleague_profile(make_person):
    return make_person("Ravi Patel", "Patel")


def profile_changes(**fields):
    return nested_form_data(
        {
            "short_bio": "Studies how hospitals learn from their own data.",
            "bio": rich_text("<p>Helen leads the learning health systems lab.</p>"),
            "research_interests": "learning health systems, implementation science",
            "orcid": "",
            "google_scholar_url": "",
            "linkedin_url": "",
            "website_url": "https://morgan-lab.example.edu",
            "office_hours": "Tuesdays 2–4 pm",
            "accepting_students": "on",
            "appointments": inline_formset([]),
            "comments": inline_formset([]),
            **fields,
        }
    )


@pytest.mark.django_db
class TestOwnProfile:
    def test_the_dashboard_links_to_the_profile(self, client, faculty, own_profile):
        client.force_login(faculty)
        html = client.get("/admin/").content.decode()
        assert "Your profile" in html
        assert f"/admin/pages/{own_profile.pk}/edit/" in html

    def test_the_form_offers_only_the_owners_fields(self, client, faculty, own_profile):
        client.force_login(faculty)
        response = client.get(f"/admin/pages/{own_profile.pk}/edit/")
        assert response.status_code == 200
        form = response.context["form"]
        assert {"bio", "photo", "office_hours", "accepting_students"} <= set(form.fields)
        assert not {"title", "slug", "roles", "email", "account", "job_title"} & set(form.fields)

    def test_saving_submits_the_changes_for_moderation(self, client, faculty, own_profile):
        client.force_login(faculty)

        response = client.post(
            f"/admin/pages/{own_profile.pk}/edit/",
            profile_changes(title="Dr Nobody", **{"action-submit": "Submit"}),
        )

        assert response.status_code == 302, response.context["form"].errors
        live = PersonPage.objects.get(pk=own_profile.pk)
        assert live.short_bio == "Old bio."  # nothing public until a Moderator approves
        draft = live.get_latest_revision_as_object()
        assert draft.office_hours == "Tuesdays 2–4 pm"
        assert draft.accepting_students
        assert draft.title == "Helen K. Morgan"  # a field the owner may not change
        state = WorkflowState.objects.filter(object_id=str(live.pk)).get()
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        assert state.requested_by == faculty

    def test_every_other_page_is_refused(self, client, faculty, own_profile, colleague_profile):
        client.force_login(faculty)
        edit = f"/admin/pages/{colleague_profile.pk}/edit/"
        refused = [
            ("get", edit),
            ("post", edit),
            ("get", f"/admin/pages/{own_profile.get_parent().pk}/edit/"),
            ("get", f"/admin/pages/{own_profile.pk}/delete/"),
            ("get", f"/admin/pages/{own_profile.pk}/move/"),
        ]
        for method, url in refused:
            data = profile_changes(**{"action-submit": "Submit"}) if method == "post" else {}
            # Scripts get Wagtail's 403; a person its "no permission" message on the dashboard.
            answer = getattr(client, method)(
                url, data, headers={"x-requested-with": "XMLHttpRequest"}
            )
            assert answer.status_code == 403, url
            answer = getattr(client, method)(url, data, follow=True)
            assert answer.redirect_chain == [("/admin/", 302)], url
            assert "you do not have permission" in answer.content.decode()
        assert colleague_profile.revisions.count() == 0  # the factory saves no revision

    def test_an_unlinked_account_has_no_admin_at_all(self, client, faculty, colleague_profile):
        client.force_login(faculty)
        assert client.get("/admin/").status_code == 302
        assert client.get(f"/admin/pages/{colleague_profile.pk}/edit/").status_code == 302

    def test_editors_see_every_field_and_the_account_link(
        self, client, django_user_model, own_profile
    ):
        editor = django_user_model.objects.create_user("ed", "ed@example.edu", "pw")
        editor.groups.add(Group.objects.get(name=EDITORS))
        client.force_login(editor)
        form = client.get(f"/admin/pages/{own_profile.pk}/edit/").context["form"]
        assert {"title", "slug", "roles", "account", "office_hours"} <= set(form.fields)
