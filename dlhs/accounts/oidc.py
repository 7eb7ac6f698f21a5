"""Single sign-on through the university's OpenID Connect provider (mozilla-django-oidc).

What this adds to the library:

- endpoints not configured are read from the issuer's discovery document when first needed,
  never at start-up, so a provider that is down costs single sign-on only;
- the ID token's issuer, audience and expiry are checked (the library checks the signature and
  the nonce only), and any refused token is a failed sign-in, not an error page;
- the groups claim decides membership of the editorial groups (OIDC_GROUP_MAP); an account is
  created on first sign-in only for someone the map makes an editor;
- a sign-in the ID token reports as multi-factor (``amr`` or ``acr`` in OIDC_MFA_VALUES)
  passes the site's second factor (dlhs/accounts/two_factor.py).

Sign-out is Wagtail's own: it ends the local session (the provider's session is its own).
"""

import logging
import threading

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import Group
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.shortcuts import redirect
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from dlhs.accounts import two_factor

logger = logging.getLogger(__name__)

# Setting name → the discovery document's key for it.
DISCOVERED_ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}


class ProviderUnavailable(Exception):
    pass


_discovery_lock = threading.Lock()
_discovered = {}


def discovery_document():
    """The issuer's /.well-known/openid-configuration, fetched once per process."""
    issuer = settings.OIDC_ISSUER
    with _discovery_lock:
        if issuer not in _discovered:
            try:
                response = requests.get(
                    f"{issuer}/.well-known/openid-configuration",
                    timeout=settings.OIDC_TIMEOUT_SECONDS,
                )
                response.raise_for_status()
                document = response.json()
            except (requests.RequestException, ValueError) as error:
                raise ProviderUnavailable(f"discovery at {issuer} failed: {error}") from error
            if not isinstance(document, dict) or document.get("issuer", "").rstrip("/") != issuer:
                raise ProviderUnavailable(f"{issuer} publishes another issuer's configuration")
            _discovered[issuer] = document
        return _discovered[issuer]


def forget_discovery():
    with _discovery_lock:
        _discovered.clear()


def endpoint(setting_name):
    configured = getattr(settings, setting_name, "")
    if configured:
        return configured
    value = discovery_document().get(DISCOVERED_ENDPOINTS[setting_name], "")
    if not value and setting_name != "OIDC_OP_USER_ENDPOINT":
        raise ProviderUnavailable(f"the provider names no {DISCOVERED_ENDPOINTS[setting_name]}")
    return value


def editorial_groups(claims):
    """The site groups the university's groups claim maps to."""
    claimed = claims.get(settings.OIDC_GROUPS_CLAIM) or []
    if isinstance(claimed, str):
        claimed = [claimed]
    if not isinstance(claimed, list):
        return set()
    return {settings.OIDC_GROUP_MAP[name] for name in claimed if name in settings.OIDC_GROUP_MAP}


def multi_factor_at_provider(id_token_claims):
    """Whether the provider's signed ID token says this sign-in used more than one factor."""
    trusted = set(settings.OIDC_MFA_VALUES)
    methods = id_token_claims.get("amr") or []
    if isinstance(methods, str):
        methods = [methods]
    said = {str(method) for method in methods} | {str(id_token_claims.get("acr", ""))}
    return bool(trusted & said)


class UniversitySignInBackend(OIDCAuthenticationBackend):
    """Signs in people the provider vouches for; finds them by e-mail address."""

    def __init__(self, *args, **kwargs):
        # The library reads every endpoint here, on each authenticate() call of any kind
        # (password sign-ins included); they are looked up only when a provider answer comes.
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None
        from django.contrib.auth import get_user_model

        self.UserModel = get_user_model()

    @property
    def OIDC_OP_TOKEN_ENDPOINT(self):  # noqa: N802 (the library's attribute name)
        return endpoint("OIDC_OP_TOKEN_ENDPOINT")

    @property
    def OIDC_OP_USER_ENDPOINT(self):  # noqa: N802
        return endpoint("OIDC_OP_USER_ENDPOINT")

    @property
    def OIDC_OP_JWKS_ENDPOINT(self):  # noqa: N802
        return endpoint("OIDC_OP_JWKS_ENDPOINT")

    def authenticate(self, request, **kwargs):
        if request is None or "code" not in request.GET:
            return None  # a password sign-in, or no answer from the provider
        try:
            return super().authenticate(request, **kwargs)
        except (
            SuspiciousOperation,
            ProviderUnavailable,
            requests.RequestException,
            jwt.PyJWTError,
            ValueError,
        ) as error:
            logger.warning("Single sign-on refused: %s", error)
            return None

    def _verify_jws(self, payload, key):
        header = jwt.get_unverified_header(payload)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation(f"ID token signed with {header.get('alg')!r}")
        try:
            return jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.OIDC_ISSUER,
                options={"require": ["exp", "iat", "aud", "iss", "sub"]},
                leeway=30,
            )
        except jwt.PyJWTError as error:
            raise SuspiciousOperation(f"ID token refused: {error}") from error

    def get_userinfo(self, access_token, id_token, payload):
        # Read from the ID token alone, which is signed; a userinfo answer cannot add it.
        self.multi_factor = multi_factor_at_provider(payload)
        # The groups claim may come in the ID token, the userinfo answer, or both.
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            userinfo = super().get_userinfo(access_token, id_token, payload)
            if isinstance(userinfo, dict):
                if userinfo.get("sub") not in (None, payload.get("sub")):
                    raise SuspiciousOperation("userinfo is for another subject")
                claims.update(userinfo)
        return claims

    def verify_claims(self, claims):
        return bool(claims.get("email")) and claims.get("email_verified", True) is not False

    def get_username(self, claims):
        return claims["email"].strip().lower()[:150]

    def create_user(self, claims):
        if not editorial_groups(claims):
            logger.warning(
                "Single sign-on: no account made for %s, whose groups are not editors'",
                claims.get("email"),
            )
            return None
        user = self.UserModel.objects.create_user(
            self.get_username(claims), email=claims["email"].strip()
        )
        return self.update_user(user, claims)

    def update_user(self, user, claims):
        user.first_name = str(claims.get("given_name", user.first_name))[:150]
        user.last_name = str(claims.get("family_name", user.last_name))[:150]
        user.save(update_fields=["first_name", "last_name"])
        wanted = editorial_groups(claims)
        managed = Group.objects.filter(name__in=set(settings.OIDC_GROUP_MAP.values()))
        user.groups.remove(*[group for group in managed if group.name not in wanted])
        user.groups.add(*[group for group in managed if group.name in wanted])
        user.second_factor_at_provider = getattr(self, "multi_factor", False)
        return user


class UniversitySignInView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider's authorisation endpoint."""

    def __init__(self, *args, **kwargs):
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID

    def get(self, request):
        if not settings.OIDC_ENABLED:
            raise Http404("Single sign-on is not configured.")
        try:
            self.OIDC_OP_AUTH_ENDPOINT = endpoint("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except ProviderUnavailable as error:
            logger.warning("Single sign-on unavailable: %s", error)
            messages.error(request, "The university sign-in is not answering; try again later.")
            return redirect("wagtailadmin_login")
        return super().get(request)


class UniversityCallbackView(OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back with a code."""

    def get(self, request):
        if not settings.OIDC_ENABLED:
            raise Http404("Single sign-on is not configured.")
        return super().get(request)

    def login_success(self):
        response = super().login_success()
        if getattr(self.user, "second_factor_at_provider", False):
            two_factor.passed_at_provider(self.request)
        return response

    def login_failure(self):
        messages.error(self.request, "Signing in through the university did not work.")
        return super().login_failure()
