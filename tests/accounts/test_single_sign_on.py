"""Single sign-on against a real OpenID Connect provider served on 127.0.0.1."""

import time
from urllib.parse import urlsplit

import pytest
import requests
from django.contrib.auth.models import Group

from dlhs.accounts import oidc
from dlhs.editorial import EDITORS, MODERATORS, NEWS_EDITORS
from tests.accounts.conftest import PASSWORD, make_user
from tests.accounts.oidc_provider import CLIENT_ID, CLIENT_SECRET, Provider, new_key

OIDC_BACKEND = "dlhs.accounts.oidc.UniversitySignInBackend"


@pytest.fixture(scope="module")
def served_provider():
    with Provider() as provider:
        yield provider


@pytest.fixture
def provider(served_provider, settings):
    served_provider.reset()
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_ISSUER = served_provider.issuer
    settings.OIDC_GROUP_MAP = {
        "lhs-web-editors": EDITORS,
        "lhs-web-moderators": MODERATORS,
        "lhs-news": NEWS_EDITORS,
    }
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, OIDC_BACKEND]
    oidc.forget_discovery()
    yield served_provider
    oidc.forget_discovery()


def sign_in_through_provider(client, next_url="/admin/"):
    """What a browser does: to the provider and back; the callback's answer."""
    start = client.get("/accounts/oidc/authenticate/", {"next": next_url})
    assert start.status_code == 302
    assert start["Location"].startswith(f"{oidc.settings.OIDC_ISSUER}/authorize?")
    at_provider = requests.get(start["Location"], allow_redirects=False, timeout=5)
    assert at_provider.status_code == 302
    back = urlsplit(at_provider.headers["Location"])
    assert back.path == "/accounts/oidc/callback/"
    return client.get(f"{back.path}?{back.query}")


def signed_in_user(client):
    from django.contrib.auth import get_user

    user = get_user(client)
    return user if user.is_authenticated else None


@pytest.mark.django_db
class TestSignIn:
    def test_the_provider_signs_a_new_editor_in(self, client, provider):
        response = sign_in_through_provider(client)

        assert response.status_code == 302
        assert response["Location"] == "/admin/"
        user = signed_in_user(client)
        assert user.email == "Helen.Morgan@example.edu"
        assert (user.first_name, user.last_name) == ("Helen", "Morgan")
        assert list(user.groups.values_list("name", flat=True)) == [EDITORS]
        assert client.get("/admin/").status_code == 200

    def test_the_groups_claim_is_followed_at_each_sign_in(
        self, client, provider, django_user_model
    ):
        existing = make_user(django_user_model, "hmorgan", EDITORS)
        existing.email = "helen.morgan@example.edu"
        existing.save()
        existing.groups.add(Group.objects.get(name="Editors"))
        provider.person["groups"] = ["lhs-web-moderators", "lhs-news"]

        sign_in_through_provider(client)

        user = signed_in_user(client)
        assert user.pk == existing.pk
        assert set(user.groups.values_list("name", flat=True)) == {MODERATORS, NEWS_EDITORS}

    def test_a_moderator_from_the_provider_still_needs_a_second_factor(
        self, client, provider, settings
    ):
        settings.TWO_FACTOR_REQUIRED = True
        provider.person["groups"] = ["lhs-web-moderators"]

        sign_in_through_provider(client)

        assert client.get("/admin/")["Location"].startswith("/admin/two-factor/enrol/")

    def test_a_sign_in_the_provider_reports_as_multi_factor_needs_no_second_code(
        self, client, provider, settings
    ):
        settings.TWO_FACTOR_REQUIRED = True
        settings.OIDC_MFA_VALUES = ["mfa", "https://refeds.org/profile/mfa"]
        provider.person["groups"] = ["lhs-web-moderators"]
        provider.id_token_changes = {"amr": ["pwd", "mfa"]}

        sign_in_through_provider(client)

        assert client.get("/admin/").status_code == 200
        # A later sign-in in the same session proves its own second factor.
        client.force_login(signed_in_user(client))
        assert client.get("/admin/")["Location"].startswith("/admin/two-factor/enrol/")

    def test_the_refeds_profile_in_acr_counts_too(self, client, provider, settings):
        settings.TWO_FACTOR_REQUIRED = True
        settings.OIDC_MFA_VALUES = ["https://refeds.org/profile/mfa"]
        provider.person["groups"] = ["lhs-web-moderators"]
        provider.id_token_changes = {"acr": "https://refeds.org/profile/mfa"}

        sign_in_through_provider(client)

        assert client.get("/admin/").status_code == 200

    @pytest.mark.parametrize(
        ("trusted", "in_id_token", "in_userinfo"),
        [
            ([], {"amr": ["mfa"]}, {}),  # not trusted unless configured
            (["mfa"], {"amr": ["pwd"]}, {}),  # a password alone
            (["mfa"], {}, {"amr": ["mfa"]}),  # only the signed ID token counts
        ],
    )
    def test_otherwise_the_site_asks_for_its_own_code(
        self, client, provider, settings, trusted, in_id_token, in_userinfo
    ):
        settings.TWO_FACTOR_REQUIRED = True
        settings.OIDC_MFA_VALUES = trusted
        provider.person["groups"] = ["lhs-web-moderators"]
        provider.person.update(in_userinfo)
        provider.id_token_changes = in_id_token

        sign_in_through_provider(client)

        assert client.get("/admin/")["Location"].startswith("/admin/two-factor/enrol/")

    def test_nobody_gets_an_account_without_an_editors_group(self, client, provider):
        provider.person["groups"] = ["staff"]

        response = sign_in_through_provider(client)

        assert response["Location"] == "/admin/login/?sso=failed"
        assert signed_in_user(client) is None

    def test_signing_out_ends_the_local_session(self, client, provider):
        sign_in_through_provider(client)
        assert signed_in_user(client) is not None

        client.post("/admin/logout/")

        assert signed_in_user(client) is None
        assert client.get("/admin/").status_code == 302


@pytest.mark.django_db
class TestRefusedTokens:
    @pytest.mark.parametrize(
        "change",
        [
            pytest.param({"aud": "some-other-client"}, id="wrong audience"),
            pytest.param(
                {"exp": int(time.time()) - 600, "iat": int(time.time()) - 900}, id="expired"
            ),
            pytest.param({"iss": "https://impostor.example.org"}, id="wrong issuer"),
            pytest.param({"nonce": "replayed"}, id="wrong nonce"),
        ],
    )
    def test_a_token_that_is_not_for_us_now_is_refused(self, client, provider, change):
        provider.id_token_changes = change

        response = sign_in_through_provider(client)

        assert response.status_code == 302
        assert response["Location"] == "/admin/login/?sso=failed"
        assert signed_in_user(client) is None

    def test_a_token_signed_with_another_key_is_refused(self, client, provider):
        provider.sign_with = new_key()

        response = sign_in_through_provider(client)

        assert response["Location"] == "/admin/login/?sso=failed"
        assert signed_in_user(client) is None


@pytest.mark.django_db
class TestPasswordsOnlyForEmergencies:
    @pytest.fixture
    def passwords_off(self, provider, settings):
        settings.PASSWORD_SIGN_IN = False
        settings.PASSWORD_SIGN_IN_ACCOUNTS = ["breakglass"]
        settings.AUTHENTICATION_BACKENDS = [
            "axes.backends.AxesBackend",
            "dlhs.accounts.passwords.EmergencyAccountsBackend",
            OIDC_BACKEND,
        ]

    def test_an_ordinary_account_cannot_use_its_password(
        self, client, passwords_off, django_user_model
    ):
        make_user(django_user_model, "ed", EDITORS)
        response = client.post("/admin/login/", {"username": "ed", "password": PASSWORD})
        assert response.status_code == 200
        assert signed_in_user(client) is None
        assert "Sign in with your university account" in response.content.decode()

    def test_an_emergency_account_can(self, client, passwords_off, django_user_model):
        make_user(django_user_model, "breakglass", EDITORS)
        response = client.post("/admin/login/", {"username": "breakglass", "password": PASSWORD})
        assert response.status_code == 302
        assert signed_in_user(client).username == "breakglass"


@pytest.mark.django_db
def test_nothing_is_active_unless_configured(client):
    assert client.get("/accounts/oidc/authenticate/").status_code == 404
    assert client.get("/accounts/oidc/callback/?code=x&state=y").status_code == 404
    assert "university account" not in client.get("/admin/login/").content.decode()


@pytest.mark.django_db
def test_a_provider_that_is_down_costs_single_sign_on_only(client, provider, settings):
    settings.OIDC_ISSUER = "http://127.0.0.1:9"  # nothing listens there
    response = client.get("/accounts/oidc/authenticate/", follow=True)
    assert response.redirect_chain[-1][0] == "/admin/login/"
    assert "not answering" in response.content.decode()
