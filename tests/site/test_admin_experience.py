"""What staff see in the admin and what site settings change on the public site."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Page

from dlhs import editorial
from dlhs.models import NavigationLink, SiteSettings
from dlhs.wagtail_hooks import DepartmentContentChecker
from tests import factories


@pytest.fixture
def moderator(db, django_user_model):
    user = django_user_model.objects.create_user(username="mod", password="pw")  # noqa: S106
    user.groups.add(Group.objects.get(name=editorial.MODERATORS))
    return user


@pytest.fixture
def editor(db, django_user_model):
    user = django_user_model.objects.create_user(username="ed", password="pw")  # noqa: S106
    user.groups.add(Group.objects.get(name=editorial.EDITORS))
    return user


@pytest.mark.django_db
class TestDashboard:
    def test_stale_pages_are_listed_oldest_first(self, client, home, moderator):
        about = factories.AboutPageFactory(parent=home)
        old = factories.StandardPageFactory(parent=about, title="Old contact page")
        older = factories.StandardPageFactory(parent=about, title="Ancient research page")
        fresh = factories.StandardPageFactory(parent=about, title="Fresh page")
        now = timezone.now()
        Page.objects.filter(pk=old.pk).update(last_published_at=now - datetime.timedelta(days=400))
        Page.objects.filter(pk=older.pk).update(
            last_published_at=now - datetime.timedelta(days=900)
        )
        client.force_login(moderator)

        html = client.get(reverse("wagtailadmin_home")).content.decode()

        assert "All overdue pages" in html
        assert html.index("Ancient research page") < html.index("Old contact page")
        panel = html[html.index("All overdue pages") :]
        assert fresh.title not in panel

    def test_moderators_see_the_latest_submissions_and_editors_do_not(
        self, client, home, moderator, editor
    ):
        from people.models import AlumniUpdateFormPage

        alumni = factories.AlumniPageFactory(parent=factories.AboutPageFactory(parent=home))
        form_page = AlumniUpdateFormPage(title="Share your news", slug="share")
        alumni.add_child(instance=form_page)
        FormSubmission.objects.create(page=form_page, form_data={"your_name": "Ada"})

        client.force_login(moderator)
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        assert "Latest form submissions" in html
        assert reverse("wagtailforms:list_submissions", args=[form_page.pk]) in html

        client.force_login(editor)
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        assert "Latest form submissions" not in html

    def test_admin_carries_the_department_brand(self, client):
        html = client.get(reverse("wagtailadmin_login")).content.decode()

        assert "Sign in to the Learning Health Sciences website" in html
        assert "dlhs-admin-logo.svg" in html


@pytest.mark.django_db
def test_editor_checks_include_the_department_rules(client, home, moderator):
    client.force_login(moderator)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[home.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    for rule in DepartmentContentChecker.axe_run_only:
        assert f'"{rule}"' in html, rule


@pytest.mark.django_db
class TestSiteSettingsOnThePublicSite:
    def settings_for(self, home):
        from wagtail.models import Site

        return SiteSettings.for_site(Site.objects.get(root_page=home))

    def test_alert_banner_shows_only_when_switched_on(self, client, home):
        settings = self.settings_for(home)
        settings.alert_text = "The building is closed on Friday."
        settings.save()
        assert "The building is closed" not in client.get("/").content.decode()

        settings.alert_enabled = True
        settings.alert_link = "https://example.edu/closures"
        settings.save()
        html = client.get("/").content.decode()

        assert "The building is closed on Friday." in html
        assert 'href="https://example.edu/closures"' in html

    def test_contact_details_and_links_reach_header_and_footer(self, client, home):
        settings = self.settings_for(home)
        settings.phone = "734-555-0100"
        settings.email = "dlhs@example.edu"
        settings.linkedin_url = "https://www.linkedin.com/company/example"
        settings.save()
        about = factories.AboutPageFactory(parent=home)
        NavigationLink.objects.create(settings=settings, label="About us", link_page=about)
        NavigationLink.objects.create(
            settings=settings,
            label="Give",
            link_url="https://example.edu/give",
            placement="utility",
        )

        html = client.get("/").content.decode()

        footer = html[html.index('<footer class="site-footer">') :]
        assert 'href="tel:734-555-0100"' in footer
        assert 'href="mailto:dlhs@example.edu"' in footer
        assert 'href="/about/">About us</a>' in footer
        assert "LinkedIn" in footer
        utility = html[
            html.index('aria-label="Utility"') : html.index('<header class="site-header">')
        ]
        assert 'href="https://example.edu/give">Give</a>' in utility

    def test_an_alert_without_text_cannot_be_switched_on(self, home):
        from django.core.exceptions import ValidationError

        settings = self.settings_for(home)
        settings.alert_enabled = True

        with pytest.raises(ValidationError):
            settings.full_clean()

    def test_a_footer_link_needs_exactly_one_target(self, home):
        from django.core.exceptions import ValidationError

        settings = self.settings_for(home)
        both = NavigationLink(
            settings=settings, label="x", link_page=home, link_url="https://x.org"
        )
        neither = NavigationLink(settings=settings, label="y")

        for link in (both, neither):
            with pytest.raises(ValidationError):
                link.clean()


@pytest.mark.django_db
def test_main_menu_lists_pages_shown_in_menus_in_tree_order(client, home):
    factories.AboutPageFactory(parent=home, show_in_menus=True)
    factories.NewsIndexPageFactory(parent=home, show_in_menus=True)
    factories.StandardPageFactory(parent=home, title="Hidden", slug="hidden", show_in_menus=False)

    html = client.get("/").content.decode()
    nav = html[
        html.index('aria-label="Main"') : html.index("</nav>", html.index('aria-label="Main"'))
    ]

    assert nav.index('href="/about/"') < nav.index('href="/news/"')
    assert "Hidden" not in nav
