"""Two-factor sign-in: who must have it, how codes are checked, and that no login path skips it."""

import re
from http.cookies import SimpleCookie

import pytest
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import PageViewRestriction

from dlhs.accounts.two_factor import REMEMBER_COOKIE
from tests.accounts.conftest import PASSWORD, authenticator, sign_in
from tests.accounts.totp import totp, wrong_code
from tests.factories import StandardPageFactory

VERIFY = "/admin/two-factor/verify/"
ENROL = "/admin/two-factor/enrol/"


def enter_code(client, code, remember=False, next_url="/admin/"):
    data = {"code": code, "next": next_url}
    if remember:
        data["remember"] = "on"
    return client.post(VERIFY, data)


def is_in_admin(client):
    return client.get("/admin/").status_code == 200


@pytest.mark.django_db
class TestWhoMustHaveASecondFactor:
    def test_a_moderator_without_a_device_is_sent_to_enrolment(self, client, moderator):
        sign_in(client, moderator)

        response = client.get("/admin/pages/")

        assert response.status_code == 302
        assert response["Location"] == f"{ENROL}?next=%2Fadmin%2Fpages%2F"
        assert client.get("/admin/").status_code == 302

    def test_a_superuser_without_a_device_is_sent_to_enrolment(self, client, django_user_model):
        admin = django_user_model.objects.create_superuser("root", "r@example.edu", PASSWORD)
        sign_in(client, admin)
        assert client.get("/admin/")["Location"].startswith(ENROL)

    def test_the_code_page_can_load_the_admins_icons(self, client, moderator):
        authenticator(moderator)
        sign_in(client, moderator)
        # The admin's script puts the answer into the page: a redirect would add a second page.
        assert client.get("/admin/sprite/").status_code == 200

    def test_an_editor_without_a_device_goes_straight_in(self, client, editor):
        sign_in(client, editor)
        assert is_in_admin(client)

    def test_an_editor_who_enrolled_is_asked_for_the_code(self, client, editor):
        authenticator(editor)
        sign_in(client, editor)
        assert client.get("/admin/")["Location"].startswith(VERIFY)

    def test_switched_off_nobody_must_enrol(self, client, moderator, settings):
        settings.TWO_FACTOR_REQUIRED = False
        sign_in(client, moderator)
        assert is_in_admin(client)

    def test_wagtails_page_login_does_not_skip_the_second_factor(self, client, moderator, home):
        device = authenticator(moderator)
        private = StandardPageFactory(parent=home, title="Staff only")
        PageViewRestriction.objects.create(page=private, restriction_type="login")

        response = client.post(
            f"/_util/login/?next={private.url}",
            {"username": "mo", "password": PASSWORD, "next": private.url},
        )
        assert response.status_code == 302

        for path in (private.url, "/admin/", "/admin/pages/"):
            assert client.get(path)["Location"].startswith(VERIFY)
        enter_code(client, totp(device.key), next_url=private.url)
        assert client.get(private.url).status_code == 200


@pytest.mark.django_db
class TestEnrolment:
    def test_scanning_the_qr_code_and_typing_a_code_turns_it_on(self, client, moderator):
        sign_in(client, moderator)

        page = client.get(ENROL)
        assert page.status_code == 200
        html = page.content.decode()
        assert re.search(r"<svg[^>]*>.*</svg>", html, re.S)  # the QR code, inline
        device = TOTPDevice.objects.get(user=moderator, confirmed=False)
        assert device.key  # its secret is what the app gets
        wrong = client.post(ENROL, {"code": wrong_code(device.key)})
        assert "That code is not right" in wrong.content.decode()
        # django-otp makes the next try wait a second after a failure; a person would.
        TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)

        done = client.post(ENROL, {"code": totp(device.key), "next": "/admin/"})

        assert done.status_code == 200
        codes = re.findall(r"<li><code>(\w+)</code></li>", done.content.decode())
        assert len(codes) == 10
        device.refresh_from_db()
        assert device.confirmed
        assert is_in_admin(client)

    def test_a_stolen_password_cannot_enrol_a_new_authenticator(self, client, moderator):
        authenticator(moderator)
        sign_in(client, moderator)
        assert client.get(ENROL)["Location"] == VERIFY
        assert not TOTPDevice.objects.filter(user=moderator, confirmed=False).exists()


@pytest.mark.django_db
class TestCodes:
    def test_the_apps_code_signs_in(self, client, moderator):
        device = authenticator(moderator)
        sign_in(client, moderator)

        response = enter_code(client, totp(device.key), next_url="/admin/pages/")

        assert response.status_code == 302
        assert response["Location"] == "/admin/pages/"
        assert is_in_admin(client)

    def test_a_wrong_code_does_not(self, client, moderator):
        device = authenticator(moderator)
        sign_in(client, moderator)

        response = enter_code(client, wrong_code(device.key))

        assert response.status_code == 200
        assert "That code is not right" in response.content.decode()
        assert not is_in_admin(client)

    def test_a_used_code_does_not_work_again(self, client, moderator):
        device = authenticator(moderator)
        code = totp(device.key)
        sign_in(client, moderator)
        enter_code(client, code)
        assert is_in_admin(client)
        client.post("/admin/logout/")

        sign_in(client, moderator)
        response = enter_code(client, code)

        assert response.status_code == 200
        assert not is_in_admin(client)

    def test_a_recovery_code_works_once(self, client, moderator):
        from dlhs.accounts.two_factor import new_recovery_codes

        authenticator(moderator)
        recovery = new_recovery_codes(moderator)[0]
        sign_in(client, moderator)
        assert enter_code(client, recovery).status_code == 302
        assert is_in_admin(client)
        assert not StaticToken.objects.filter(token=recovery).exists()
        client.post("/admin/logout/")

        sign_in(client, moderator)
        assert enter_code(client, recovery).status_code == 200
        assert not is_in_admin(client)

    def test_wrong_codes_are_throttled_like_wrong_passwords(self, client, moderator, settings):
        device = authenticator(moderator)
        sign_in(client, moderator)
        bad = wrong_code(device.key)
        answers = [enter_code(client, bad).status_code for _ in range(settings.LOGIN_FAILURE_LIMIT)]
        assert answers == [200] * (settings.LOGIN_FAILURE_LIMIT - 1) + [429]

        response = enter_code(client, totp(device.key))

        assert response.status_code == 429
        assert not is_in_admin(client)


@pytest.mark.django_db
class TestRememberThisBrowser:
    def test_the_browser_is_remembered_for_a_bounded_time(self, client, moderator, settings):
        device = authenticator(moderator)
        sign_in(client, moderator)
        response = enter_code(client, totp(device.key), remember=True)
        cookie = SimpleCookie(response.cookies.output(header=""))[REMEMBER_COOKIE]
        assert int(cookie["max-age"]) == 14 * 24 * 3600
        assert cookie["httponly"]
        client.post("/admin/logout/")

        sign_in(client, moderator)

        assert is_in_admin(client)

    def test_a_reset_forgets_remembered_browsers(self, client, moderator, django_user_model):
        from dlhs.accounts.two_factor import reset_second_factor

        device = authenticator(moderator)
        sign_in(client, moderator)
        enter_code(client, totp(device.key), remember=True)
        client.post("/admin/logout/")
        reset_second_factor(moderator)

        sign_in(client, moderator)

        assert client.get("/admin/")["Location"].startswith(ENROL)

    def test_a_cookie_of_another_user_is_worthless(self, client, moderator, editor):
        device = authenticator(moderator)
        authenticator(editor)
        sign_in(client, moderator)
        enter_code(client, totp(device.key), remember=True)
        client.post("/admin/logout/")

        sign_in(client, editor)

        assert client.get("/admin/")["Location"].startswith(VERIFY)


def assert_refused(response):
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


@pytest.mark.django_db
class TestModeratorsResetAColleague:
    def signed_in_moderator(self, client, moderator):
        device = authenticator(moderator)
        sign_in(client, moderator)
        enter_code(client, totp(device.key))

    def test_a_moderator_resets_an_editors_second_factor(self, client, moderator, editor):
        authenticator(editor)
        self.signed_in_moderator(client, moderator)
        overview = client.get("/admin/two-factor/")
        assert "Reset second factor of ed" in overview.content.decode()

        response = client.post(f"/admin/two-factor/{editor.pk}/reset/")

        assert response.status_code == 302
        assert not TOTPDevice.objects.filter(user=editor).exists()

    def test_an_editor_cannot_reset_anyone(self, client, moderator, editor):
        authenticator(moderator)
        sign_in(client, editor)
        # Wagtail answers a refused admin view with its "no permission" redirect home.
        assert_refused(client.get("/admin/two-factor/"))
        assert_refused(client.post(f"/admin/two-factor/{moderator.pk}/reset/"))
        assert TOTPDevice.objects.filter(user=moderator).exists()

    def test_a_moderator_cannot_reset_a_superuser(self, client, moderator, django_user_model):
        admin = django_user_model.objects.create_superuser("root", "r@example.edu", PASSWORD)
        authenticator(admin)
        self.signed_in_moderator(client, moderator)
        assert_refused(client.post(f"/admin/two-factor/{admin.pk}/reset/"))
        assert TOTPDevice.objects.filter(user=admin).exists()
