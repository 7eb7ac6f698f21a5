"""Editors' accounts: the second factor, single sign-on through OpenID Connect, password sign-in.

Nothing of single sign-on is active unless OIDC_CLIENT_ID is set. README lists every variable.
"""

from django.core.exceptions import ImproperlyConfigured

from .environment import env, env_bool, env_int, env_list

# --- Two-factor sign-in (dlhs/two_factor.py) ---------------------------------------------

# Moderators and superusers must have a second factor; everyone else may enrol. Off: nobody
# must, and those who enrolled are still asked for their code.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", True)
# "Remember this browser" skips the code in that browser for this many days; 0 offers no such
# choice. Bounded, so a lost laptop stops being a second factor within a month at most.
TWO_FACTOR_REMEMBER_DAYS = env_int("TWO_FACTOR_REMEMBER_DAYS", 14)
TWO_FACTOR_REMEMBER_DAYS_MAX = 30
if not 0 <= TWO_FACTOR_REMEMBER_DAYS <= TWO_FACTOR_REMEMBER_DAYS_MAX:
    raise ImproperlyConfigured(
        f"TWO_FACTOR_REMEMBER_DAYS must be between 0 and {TWO_FACTOR_REMEMBER_DAYS_MAX}."
    )
# How many single-use recovery codes an enrolment (or a fresh set) gives.
TWO_FACTOR_RECOVERY_CODES = 10
# The name authenticator apps show for the account.
OTP_TOTP_ISSUER = env("TWO_FACTOR_ISSUER", "DLHS website")

# --- Single sign-on (dlhs/oidc.py, mozilla-django-oidc) --------------------------------------

OIDC_ENABLED = bool(env("OIDC_CLIENT_ID"))
OIDC_RP_CLIENT_ID = env("OIDC_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env("OIDC_CLIENT_SECRET")
# The provider's issuer (https://login.example.edu/realms/staff). Endpoints not given below are
# read from its discovery document (/.well-known/openid-configuration) when first needed.
OIDC_ISSUER = env("OIDC_ISSUER").rstrip("/")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env("OIDC_USERINFO_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_JWKS_ENDPOINT")
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = env("OIDC_SCOPES", "openid email profile")
# The claim (in the ID token or the userinfo answer) that lists the person's groups at the
# university, and which of those groups make an editor of which kind here:
# "lhs-web-editors=Editors,lhs-web-moderators=Moderators,lhs-news=News editors".
OIDC_GROUPS_CLAIM = env("OIDC_GROUPS_CLAIM", "groups")
OIDC_GROUP_MAP = {}
for pair in env_list("OIDC_GROUP_MAP"):
    claim_group, _, site_group = pair.partition("=")
    if not claim_group.strip() or not site_group.strip():
        raise ImproperlyConfigured(
            f"OIDC_GROUP_MAP takes university=site group pairs, not {pair!r}."
        )
    OIDC_GROUP_MAP[claim_group.strip()] = site_group.strip()
# A university sign-in that its provider reports as multi-factor passes the site's second
# factor too: the ID token's `amr` claim (RFC 8176) holds one of these values, or its `acr`
# is one ("mfa", "https://refeds.org/profile/mfa"). Empty: the site asks for its own code.
OIDC_MFA_VALUES = env_list("OIDC_MFA_VALUES")
# Accounts are created on first sign-in only for people the group map makes editors.
OIDC_CREATE_USER = True
OIDC_TIMEOUT_SECONDS = env_int("OIDC_TIMEOUT_SECONDS", 10)
OIDC_TIMEOUT = OIDC_TIMEOUT_SECONDS
OIDC_VERIFY_SSL = True
OIDC_STORE_ID_TOKEN = False
OIDC_USE_PKCE = True
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_authentication_callback"
LOGIN_REDIRECT_URL = "/admin/"
LOGIN_REDIRECT_URL_FAILURE = "/admin/login/?sso=failed"
LOGOUT_REDIRECT_URL = "/admin/login/"
ALLOW_LOGOUT_GET_METHOD = False

# With single sign-on on, password sign-in can be switched off for everyone but the named
# emergency accounts (user names), kept for when the university's provider is down.
PASSWORD_SIGN_IN = env_bool("PASSWORD_SIGN_IN", True)
PASSWORD_SIGN_IN_ACCOUNTS = env_list("PASSWORD_SIGN_IN_ACCOUNTS")
if not PASSWORD_SIGN_IN and not OIDC_ENABLED:
    raise ImproperlyConfigured("PASSWORD_SIGN_IN=false needs single sign-on (OIDC_CLIENT_ID).")
if OIDC_ENABLED:
    if not OIDC_RP_CLIENT_SECRET:
        raise ImproperlyConfigured("OIDC_CLIENT_ID needs OIDC_CLIENT_SECRET.")
    if not OIDC_ISSUER:
        raise ImproperlyConfigured("OIDC_CLIENT_ID needs OIDC_ISSUER.")

# --- Who may sign in how ------------------------------------------------------------------

# First axes: a locked account or address is refused before any password is checked
# (security.py, dlhs/throttle.py). Axes' full backend (not the standalone one) also loads users
# from sessions, so a session recorded against the first backend (Django's and Wagtail's test
# log-ins) still works. Then passwords (for everyone, or for the emergency accounts only), then
# the university's provider when configured. The last one signs nobody in: it lets a person
# into the admin to edit their own profile page (people/accounts.py).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend"
    if PASSWORD_SIGN_IN
    else "dlhs.accounts.passwords.EmergencyAccountsBackend",
    *(["dlhs.accounts.oidc.UniversitySignInBackend"] if OIDC_ENABLED else []),
    "people.accounts.ProfileOwnerBackend",
]
WAGTAIL_PASSWORD_RESET_ENABLED = PASSWORD_SIGN_IN
LOGIN_URL = "wagtailadmin_login"
OIDC_AUTHENTICATE_CLASS = "dlhs.accounts.oidc.UniversitySignInView"
OIDC_CALLBACK_CLASS = "dlhs.accounts.oidc.UniversityCallbackView"
