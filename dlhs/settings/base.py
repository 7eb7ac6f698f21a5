"""Settings shared by every environment.

The settings package is the one place that reads the process environment (this module and
the four it includes: environment.py, storage.py, security.py, accounts.py); dev.py,
production.py and test.py only change what differs. README lists every variable read here.
"""

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .environment import BASE_DIR, env, env_bool, env_int, env_list, env_site_url

# --- Values taken from the environment -------------------------------------------------
# (A few more: uploads in storage.py, security limits in security.py.)

SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The site's one public address (https://lhs.example.edu). When set, `migrate` points the
# default Wagtail Site at it (dlhs/site_address.py), so canonical links, og:url, the sitemap
# and JSON-LD use it, and it is the admin's base URL for e-mails unless that is set itself.
SITE_URL = env_site_url("SITE_URL")
WAGTAILADMIN_BASE_URL = (
    env("WAGTAILADMIN_BASE_URL") or SITE_URL or "http://127.0.0.1:8000"
).rstrip("/")
REDIS_URL = env("REDIS_URL")
# Requests to other servers (story feeds, link checks: dlhs/outbound.py). Addresses on
# loopback or private networks are refused unless this is on (tests, loopback demos).
OUTBOUND_ALLOW_PRIVATE_NETWORKS = env_bool("OUTBOUND_ALLOW_PRIVATE_NETWORKS", False)
OUTBOUND_TIMEOUT_SECONDS = env_int("OUTBOUND_TIMEOUT_SECONDS", 10)
OUTBOUND_MAX_BYTES = env_int("OUTBOUND_MAX_BYTES", 5 * 1024 * 1024)
OUTBOUND_USER_AGENT = f"dlhs-portal/1.0 (+{WAGTAILADMIN_BASE_URL})"
# None means "the environment's own default": on in production, off elsewhere.
SECURE_SSL_REDIRECT_FROM_ENV = env_bool("SECURE_SSL_REDIRECT", None)
LOG_LEVEL = env("LOG_LEVEL", "INFO").upper()
# Let Django serve uploaded media itself (development and single-machine runs without a proxy).
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
# How many reverse proxies we trust to append the visitor's address to X-Forwarded-For;
# 0 means REMOTE_ADDR is the visitor (used by per-visitor rate limits such as forms').
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more.")

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The admin writes from several requests at once (autosave, editing-session pings, an
    # editor's own save). SQLite's default deferred transactions fail at once with "database
    # is locked" when two of them upgrade to writing; IMMEDIATE ones queue for the lock.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )

DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set EMAIL_USE_TLS (STARTTLS) or EMAIL_USE_SSL, not both.")
# E-mail updates (subscriptions/): the sender of digests and announcements, an optional
# address for mailto unsubscribes (List-Unsubscribe), how long a confirmation link works,
# and how many subscribers one background task writes to.
SUBSCRIPTIONS_FROM_EMAIL = env("SUBSCRIPTIONS_FROM_EMAIL") or DEFAULT_FROM_EMAIL
SUBSCRIPTIONS_UNSUBSCRIBE_MAILTO = env("SUBSCRIPTIONS_UNSUBSCRIBE_MAILTO")
SUBSCRIPTIONS_CONFIRMATION_DAYS = env_int("SUBSCRIPTIONS_CONFIRMATION_DAYS", 7)
SUBSCRIPTIONS_BATCH_SIZE = max(1, env_int("SUBSCRIPTIONS_BATCH_SIZE", 50))
# Messages a mail server deferred (4xx) in an announcement are tried this many more times.
SUBSCRIPTIONS_FOLLOW_UPS = 3

# Background tasks (dlhs/tasks.py, dlhs/schedule.py): "database" keeps the queue in the site's
# own database (no extra server), "redis" in Redis at REDIS_URL (RQ workers), and "immediate"
# runs each task at once inside the process that enqueues it.
TASKS_BACKEND = env("TASKS_BACKEND", "database").strip().lower()
if TASKS_BACKEND not in {"database", "redis", "immediate"}:
    raise ImproperlyConfigured("TASKS_BACKEND must be database, redis or immediate.")
if TASKS_BACKEND == "redis" and not REDIS_URL:
    raise ImproperlyConfigured("TASKS_BACKEND=redis needs REDIS_URL.")
# A worker that has not been heard of for this long is taken for dead: its unfinished task is
# run again by another worker, and /healthz/worker answers 503.
TASKS_WORKER_TIMEOUT_SECONDS = env_int("TASKS_WORKER_TIMEOUT_SECONDS", 120)
# The first retry of a failed task waits this long; each further one twice as long.
TASKS_RETRY_DELAY_SECONDS = env_int("TASKS_RETRY_DELAY_SECONDS", 60)

# The weekly link check (dlhs/link_check.py): seconds to wait for each external address, and
# how many hosts are asked at once (one request at a time to each host).
LINK_CHECK_TIMEOUT_SECONDS = env_int("LINK_CHECK_TIMEOUT_SECONDS", 5)
LINK_CHECK_HOSTS_AT_ONCE = env_int("LINK_CHECK_HOSTS_AT_ONCE", 4)
# A GET that answers with more than this is taken as working (the rest is not read).
LINK_CHECK_MAX_BYTES = 256 * 1024

# --- Application -----------------------------------------------------------------------

INSTALLED_APPS = [
    "dlhs",
    "pages",
    "news",
    "events",
    "people",
    "subscriptions",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    *(["django_rq", "django_tasks_rq"] if TASKS_BACKEND == "redis" else []),
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before the policy: a cached page keeps the policy header it was stored with, so a hit
    # does not build the policy again (dlhs/cache.py). It passes static files by.
    "dlhs.cache.AnonymousPageCacheMiddleware",
    "dlhs.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A session that still owes its second factor gets only the code page (dlhs/accounts).
    "dlhs.accounts.two_factor.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "dlhs.security.SecurityHeadersMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Innermost, so that its 429 page still passes through the security headers above.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dlhs.urls"
WSGI_APPLICATION = "dlhs.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "dlhs.accounts.sign_in_options",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "America/Detroit"
USE_I18N = True
USE_TZ = True

from .storage import *  # noqa: E402, F403

# --- Caching ---------------------------------------------------------------------------

# A Redis outage must cost speed, not pages: the backend gives up after REDIS_TIMEOUT_MS,
# answers as an empty cache would (logging it) and leaves Redis alone for
# REDIS_RETRY_SECONDS before trying again (dlhs/redis_cache.py).
REDIS_TIMEOUT_SECONDS = env_int("REDIS_TIMEOUT_MS", 500) / 1000
REDIS_RETRY_SECONDS = env_int("REDIS_RETRY_SECONDS", 5)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "dlhs.redis_cache.DegradingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "dlhs",
            "TIMEOUT": 300,
            "OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
                "socket_timeout": REDIS_TIMEOUT_SECONDS,
                "RETRY_SECONDS": REDIS_RETRY_SECONDS,
            },
        }
    }
else:
    # The embedded default: files in one folder that every worker process of this machine
    # reads, so a publish seen by one worker empties the page cache for all of them.
    # (Measured against Django's database cache: a hit costs 0.1 ms against 1 ms on
    # PostgreSQL and needs no table nor database round trip; see README, Performance.)
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env("CACHE_DIRECTORY") or str(BASE_DIR / "var" / "cache"),
            "TIMEOUT": 300,
            "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 5000)},
        }
    }

# An HTTP cache in front of the app servers (Varnish, deploy/varnish/dlhs.vcl), purged
# through Wagtail's frontend cache whenever published content changes (dlhs/cache.py).
FRONTEND_CACHE_URL = env("FRONTEND_CACHE_URL")
if FRONTEND_CACHE_URL:
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            # Wagtail's HTTP backend, with a time limit on each PURGE (dlhs/frontend_cache.py).
            "BACKEND": "dlhs.frontend_cache.TimeLimitedHTTPBackend",
            "LOCATION": FRONTEND_CACHE_URL,
            "TIMEOUT": env_int("FRONTEND_CACHE_TIMEOUT_MS", 2000) / 1000,
        }
    }

# Sessions stay in the database only (Django's default), Redis or not: the database is
# shared by every app server already, and a session never depends on the cache. (With
# `cached_db`, a sign-out during a Redis outage would delete the database row but leave the
# cached copy, which would let the session in again once Redis answers.)

# Whole pages and the fragments every page shares (menu, footer, featured stories, search
# results) are cached for anonymous visitors (dlhs/cache.py), in Redis or, without it, in
# the machine's shared cache folder. 0 turns off the page cache and every fragment cache.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# False keeps the fragments and search results but stores no whole page: for a site with an
# HTTP cache in front that keeps whole pages already (deploy/varnish), and for `make bench`,
# which measures what a visitor pays when the page is not in the cache.
PAGE_CACHE_WHOLE_PAGES = env_bool("PAGE_CACHE_WHOLE_PAGES", True)
# The query parameters public pages read. The page cache keys a page by its path and these
# alone: anything else (utm_*, fbclid, gclid, misspellings) is ignored, and a request that
# carries one is answered from the clean address's entry but never stored (dlhs/cache.py).
# A page that starts reading a new parameter must add it here.
PAGE_CACHE_QUERY_PARAMETERS = [
    "page",  # every paginated listing (dlhs/pagination.py)
    "tag",  # news listing and feeds (news/listing.py)
    "category",
    "year",
    "role",  # people directory (people/directory.py)
    "program",
    "interest",
    "q",
    "kind",  # events calendar (events/listing.py), with "year" for academic years
    "series",
    "audience",
    "p",  # sitemap sections (django.contrib.sitemaps)
]
# How many new entries one visitor address may add to the page cache per PAGE_CACHE_SECONDS;
# past that its pages are still served, just not stored. Redis's own memory limit (LRU
# eviction, docker-compose.yml) bounds the whole.
PAGE_CACHE_STORES_PER_VISITOR = env_int("PAGE_CACHE_STORES_PER_VISITOR", 200)
# Changing one of these changes what published pages show, so it empties the page cache
# (publishing, unpublishing, moving and deleting pages always do). View restrictions decide
# what an anonymous visitor may see: a page made private (or a page under a private parent)
# must leave listings, feeds and the home page at once. Group permissions and memberships
# are left out on purpose: an anonymous visitor is in no group, and everyone signed in
# bypasses the cache.
PAGE_CACHE_INVALIDATING_MODELS = [
    "wagtailcore.PageViewRestriction",
    "wagtailcore.CollectionViewRestriction",
    "wagtailcore.Site",
    "dlhs.SiteSettings",
    "dlhs.NavigationLink",
    "dlhs.SiteImage",
    "wagtaildocs.Document",
    "wagtailredirects.Redirect",
    "taggit.Tag",
    "news.NewsCategory",
    "events.EventKind",
    "events.EventAudience",
    "events.EventSeries",
    "people.PersonRole",
    "people.Program",
]

# --- Background tasks ------------------------------------------------------------------

TASKS = {
    "default": {
        "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
        "redis": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]},
        "immediate": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    }[TASKS_BACKEND]
}
if TASKS_BACKEND == "redis":
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 15 * 60}}

# --- Wagtail ---------------------------------------------------------------------------

WAGTAIL_SITE_NAME = "Department of Learning Health Sciences"
WAGTAILIMAGES_IMAGE_MODEL = "dlhs.SiteImage"
# The database's full-text search (PostgreSQL's, or SQLite's FTS5) by default; a site that
# outgrows it sets SEARCH_BACKEND=opensearch or elasticsearch and SEARCH_URLS (and installs
# the client: pip install -e ".[opensearch]" or ".[elasticsearch]"), then runs
# `manage.py update_index`. Those two are untested here (no such server runs on this machine).
SEARCH_BACKEND = env("SEARCH_BACKEND", "database").strip().lower()
SEARCH_BACKEND_MODULES = {
    "database": "wagtail.search.backends.database",
    "opensearch": "wagtail.search.backends.opensearch3",
    "elasticsearch": "wagtail.search.backends.elasticsearch9",
}
if SEARCH_BACKEND not in SEARCH_BACKEND_MODULES:
    raise ImproperlyConfigured("SEARCH_BACKEND must be database, opensearch or elasticsearch.")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": SEARCH_BACKEND_MODULES[SEARCH_BACKEND]}}
if SEARCH_BACKEND != "database":
    WAGTAILSEARCH_BACKENDS["default"].update(
        URLS=env_list("SEARCH_URLS", ["http://127.0.0.1:9200"]), INDEX_PREFIX="dlhs_", TIMEOUT=5
    )
# How long a query's results are reused (never past a publish); 0 ranks every search afresh.
SEARCH_CACHE_SECONDS = env_int("SEARCH_CACHE_SECONDS", 120)
# Kinds of search result offered as filters; every other page counts as "Pages".
SEARCH_RESULT_KINDS = [
    ("news", "News", ["news.NewsPage"]),
    ("people", "People", ["people.PersonPage"]),
    ("events", "Events", ["events.EventPage"]),
]
# Editors may not delete or replace the file of an image or document live pages use
# (dlhs/library.py); these forms refuse the new file.
WAGTAILIMAGES_IMAGE_FORM_BASE = "dlhs.library.LibraryImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "dlhs.library.LibraryDocumentForm"
WAGTAILDOCS_EXTENSIONS = [
    *["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"],
    # Recordings of events and their WebVTT captions (events/accessibility.py).
    *["mp4", "webm", "vtt"],
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Every step of moderation approves the revision that is published: a page changed after a
# step passed (resubmitted after "Request changes", or edited in review) goes through the
# accessibility check again, so no revision is published without passing it.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
# When the check is the last step to pass, the page goes live in the approving Moderator's name.
WAGTAIL_FINISH_WORKFLOW_ACTION = "dlhs.publishing.publish_approved_revision"
# No Gravatar: it would send a hash of every editor's e-mail address to a third party, and
# the admin's Content-Security-Policy (images from this site only) blocks it anyway. Editors
# without an uploaded avatar get Wagtail's own default picture.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Page editors may have many blocks; Django's default of 1,000 fields is too low for them.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

from .accounts import *  # noqa: E402, F403
from .security import *  # noqa: E402, F403

# --- Logging ---------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        # Wagtail runs search indexing as tasks; a line per task is noise.
        "django_tasks": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # Page edits are already in Wagtail's audit log (Reports → Site history).
        "wagtail": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # Failed sign-ins and lockouts are warnings; a line per successful one is noise.
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # The scheduler says what it enqueues itself; APScheduler's own lines each minute are noise.
        "apscheduler": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
