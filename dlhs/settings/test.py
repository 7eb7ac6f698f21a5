"""Test runs: fast hashing, in-memory cache and e-mail, plain static storage."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A test server started by the browser tests names its own folder.
MEDIA_ROOT = Path(env("MEDIA_ROOT") or BASE_DIR / "var" / "test-media")
ALLOWED_HOSTS = ["*"]
SECURE_SSL_REDIRECT = False
WAGTAILADMIN_BASE_URL = "http://testserver"
# The test database keeps the Site its migrations make, whatever the developer's shell says.
SITE_URL = ""
# Static files come from the source folders; no collectstatic before a test run.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# One process, one local-memory cache: the page cache can be tested as production runs it.
PAGE_CACHE_SECONDS = 300
# In-process tests run each task at once; tests that start workers use tests/settings_servers.py.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The tests' remote servers (feeds, link targets) run on 127.0.0.1.
OUTBOUND_ALLOW_PRIVATE_NETWORKS = True
# Most tests sign in with force_login and no second factor; tests of two-factor sign-in (and
# the browser test's server, through the environment) turn the requirement on.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", False)
