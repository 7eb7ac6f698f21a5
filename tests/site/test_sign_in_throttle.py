"""Sign-in throttling: every way of proving who you are shares one budget of failures.

The budget is counted per account (a user name, a page's password, an e-mail address asking
for a reset) and per client address, in the database, whichever view the attempt came to.
"""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from wagtail.models import PageViewRestriction

from dlhs.editorial import MODERATORS
from tests.factories import StandardPageFactory

ADMIN_LOGIN = "/admin/login/"
PAGE_LOGIN = "/_util/login/"
ATTACKER = "203.0.113.5"
ELSEWHERE = "198.51.100.7"
THIRD = "192.0.2.44"
PASSWORD = "correct horse battery"  # noqa: S105


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser(
        username="staff", email="staff@example.edu", password=PASSWORD
    )


@pytest.fixture
def colleague(django_user_model):
    return django_user_model.objects.create_user(
        username="colleague", email="colleague@example.edu", password=PASSWORD
    )


def sign_in(client, url, username, password, address):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, url, times, username="staff", address=ATTACKER):
    """``times`` wrong passwords; every one but the last is an ordinary form error."""
    responses = [sign_in(client, url, username, "wrong", address) for _ in range(times)]
    assert [response.status_code for response in responses[:-1]] == [200] * (times - 1)
    return responses[-1]


def signed_in_as(client):
    return client.session.get("_auth_user_id")


def assert_locked_page(response, settings):
    assert response.status_code == 429
    assert response["Retry-After"] == str(settings.LOGIN_LOCKOUT_SECONDS)
    html = response.content.decode()
    assert "Too many failed attempts" in html
    assert f"{settings.LOGIN_LOCKOUT_SECONDS // 60} minutes" in html
    assert "<main" in html  # the site's own page, not a bare line of text


@pytest.mark.django_db
class TestEveryLoginPathSharesTheBudget:
    @pytest.mark.parametrize(
        ("failed_on", "then_tried"),
        [(PAGE_LOGIN, ADMIN_LOGIN), (ADMIN_LOGIN, PAGE_LOGIN), (PAGE_LOGIN, PAGE_LOGIN)],
    )
    def test_failures_on_one_login_lock_the_account_and_address_on_the_other(
        self, client, staff, settings, failed_on, then_tried
    ):
        last = fail(client, failed_on, settings.LOGIN_FAILURE_LIMIT)
        assert_locked_page(last, settings)

        # The right password now gets the same answer, from this address or any other.
        for address in (ATTACKER, ELSEWHERE):
            response = sign_in(client, then_tried, "staff", PASSWORD, address)
            assert_locked_page(response, settings)
            assert signed_in_as(client) is None
        assert client.get("/admin/").status_code == 302

    def test_failures_against_many_accounts_lock_the_address(
        self, client, staff, colleague, settings
    ):
        for number in range(settings.LOGIN_FAILURE_LIMIT):
            sign_in(client, PAGE_LOGIN, f"guess{number}", "wrong", ATTACKER)

        response = sign_in(client, ADMIN_LOGIN, "colleague", PASSWORD, ATTACKER)

        assert response.status_code == 429
        assert signed_in_as(client) is None
        response = sign_in(client, ADMIN_LOGIN, "colleague", PASSWORD, ELSEWHERE)
        assert response.status_code == 302
        assert signed_in_as(client) == str(colleague.pk)

    def test_other_accounts_from_other_addresses_can_still_sign_in(
        self, client, staff, colleague, settings
    ):
        fail(client, ADMIN_LOGIN, settings.LOGIN_FAILURE_LIMIT)

        response = sign_in(client, ADMIN_LOGIN, "colleague", PASSWORD, ELSEWHERE)

        assert response.status_code == 302
        assert signed_in_as(client) == str(colleague.pk)

    def test_a_locked_attempt_is_refused_before_the_password_is_checked(
        self, client, staff, settings, monkeypatch
    ):
        fail(client, PAGE_LOGIN, settings.LOGIN_FAILURE_LIMIT)
        checked = []
        original = ModelBackend.authenticate

        def counting(backend, request, **credentials):
            checked.append(credentials.get("username"))
            return original(backend, request, **credentials)

        monkeypatch.setattr(ModelBackend, "authenticate", counting)

        response = sign_in(client, ADMIN_LOGIN, "staff", PASSWORD, ATTACKER)

        assert response.status_code == 429
        assert checked == []

    def test_a_success_forgives_that_accounts_own_mistakes(self, client, staff, settings):
        fail(client, ADMIN_LOGIN, settings.LOGIN_FAILURE_LIMIT - 1)
        assert sign_in(client, ADMIN_LOGIN, "staff", PASSWORD, ATTACKER).status_code == 302
        client.logout()

        assert fail(client, ADMIN_LOGIN, settings.LOGIN_FAILURE_LIMIT - 1).status_code == 200

    def test_signing_in_to_ones_own_account_keeps_the_guesses_at_another(
        self, client, staff, colleague, settings
    ):
        fail(client, ADMIN_LOGIN, settings.LOGIN_FAILURE_LIMIT - 1, username="staff")
        assert sign_in(client, ADMIN_LOGIN, "colleague", PASSWORD, ATTACKER).status_code == 302
        client.logout()

        response = sign_in(client, ADMIN_LOGIN, "staff", "wrong", ATTACKER)

        assert response.status_code == 429


@pytest.fixture
def private_page(home):
    page = StandardPageFactory(parent=home, title="Committee papers", slug="committee")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )
    return page, restriction


def page_password_url(restriction, page):
    return reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])


def try_page_password(client, page, restriction, password, address=ATTACKER):
    return client.post(
        page_password_url(restriction, page),
        {"password": password, "return_url": page.url},
        REMOTE_ADDR=address,
    )


@pytest.mark.django_db
class TestPagePasswordForm:
    def test_wrong_page_passwords_lock_that_restriction_and_the_address(
        self, client, private_page, staff, settings
    ):
        page, restriction = private_page
        for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
            assert try_page_password(client, page, restriction, "wrong").status_code == 200
        assert_locked_page(try_page_password(client, page, restriction, "wrong"), settings)

        # The right password is refused now, from here and from anywhere else...
        for address in (ATTACKER, ELSEWHERE):
            response = try_page_password(client, page, restriction, "letmein", address)
            assert response.status_code == 429
        assert client.get(page.url).status_code == 200
        assert "Committee papers" not in client.get(page.url).content.decode()
        # ...and the address may not sign in either.
        assert sign_in(client, ADMIN_LOGIN, "staff", PASSWORD, ATTACKER).status_code == 429

    def test_the_right_page_password_still_opens_the_page(self, client, private_page):
        page, restriction = private_page

        response = try_page_password(client, page, restriction, "letmein")

        assert response.status_code == 302
        assert "Committee papers" in client.get(page.url).content.decode()


@pytest.mark.django_db
class TestPasswordReset:
    url = "/admin/password_reset/"

    def ask(self, client, email, address=ATTACKER):
        return client.post(self.url, {"email": email}, REMOTE_ADDR=address)

    def test_reset_requests_for_one_account_are_limited(self, client, staff, settings):
        for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
            assert self.ask(client, "staff@example.edu", ELSEWHERE).status_code == 302
        sent = len(mail.outbox)

        response = self.ask(client, "Staff@Example.edu", THIRD)

        assert_locked_page(response, settings)
        assert len(mail.outbox) == sent
        assert sent == settings.LOGIN_FAILURE_LIMIT - 1

    def test_reset_requests_from_one_address_are_limited(self, client, staff, colleague, settings):
        for number in range(settings.LOGIN_FAILURE_LIMIT - 1):
            assert self.ask(client, f"someone{number}@example.edu").status_code == 302

        response = self.ask(client, "colleague@example.edu")

        assert response.status_code == 429
        assert self.ask(client, "colleague@example.edu", ELSEWHERE).status_code == 302
        assert [message.to for message in mail.outbox] == [["colleague@example.edu"]]


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user(username="mo", password=PASSWORD)
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


@pytest.mark.django_db
class TestModeratorsLiftLockouts:
    def test_a_moderator_sees_a_lockout_and_lifts_it(self, client, staff, moderator, settings):
        fail(client, PAGE_LOGIN, settings.LOGIN_FAILURE_LIMIT)
        client.force_login(moderator)

        listing = client.get(reverse("lockouts:index"))

        assert listing.status_code == 200
        html = listing.content.decode()
        assert "staff" in html
        assert ATTACKER in html
        assert "Locked" in html
        attempt = listing.context["object_list"][0]

        confirm = client.get(reverse("lockouts:delete", args=[attempt.pk]))
        assert confirm.status_code == 200
        lifted = client.post(reverse("lockouts:delete", args=[attempt.pk]))
        assert lifted.status_code == 302
        client.logout()

        response = sign_in(client, ADMIN_LOGIN, "staff", PASSWORD, ATTACKER)
        assert response.status_code == 302
        assert signed_in_as(client) == str(staff.pk)

    def test_editors_cannot_see_lockouts(self, client, django_user_model):
        editor = django_user_model.objects.create_user(username="ed", password=PASSWORD)
        editor.groups.add(Group.objects.get(name="Editors"))
        client.force_login(editor)

        response = client.get(reverse("lockouts:index"))

        assert response.status_code in (302, 403)

    def test_nobody_can_invent_or_edit_an_attempt(self, client, staff, settings):
        fail(client, ADMIN_LOGIN, 2)
        attempt = AccessAttempt.objects.get()
        client.force_login(staff)

        assert client.get("/admin/lockouts/new/").status_code != 200
        client.post("/admin/lockouts/new/", {"username": "invented"})
        assert client.get(f"/admin/lockouts/edit/{attempt.pk}/").status_code != 200
        client.post(f"/admin/lockouts/edit/{attempt.pk}/", {"username": "renamed"})

        assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["staff"]
