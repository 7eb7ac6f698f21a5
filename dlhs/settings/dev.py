"""Local development: debug pages, console e-mail, a throwaway secret key."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
INSTALLED_APPS = ["whitenoise.runserver_nostatic", *INSTALLED_APPS]
SECURE_SSL_REDIRECT = bool(SECURE_SSL_REDIRECT_FROM_ENV)
SERVE_MEDIA = True
# Templates change under `make run` without a publish to retire cached pages: off unless asked.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0)  # noqa: F405
