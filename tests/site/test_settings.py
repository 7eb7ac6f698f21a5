"""Production settings, read in a fresh process as a deployment would read them."""

import secrets

import pytest

from tests.servers import environment
from tests.servers import run_manage as run_manage_in


def run_manage(*args, **env_overrides):
    env = environment(
        env_overrides, without=["SECRET_KEY", "SECURE_SSL_REDIRECT", "DJANGO_SETTINGS_MODULE"]
    )
    return run_manage_in(env, *args, timeout=120)


def test_production_settings_pass_the_deployment_checklist():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="dlhs.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="dlhs.example.edu",
        # No Site to compare with ALLOWED_HOSTS; test_site_address.py checks a migrated one.
        DATABASE_URL="sqlite://:memory:",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DJANGO_SETTINGS_MODULE="dlhs.settings.production")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_a_malformed_boolean_is_reported_by_name():
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="dlhs.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        SECURE_SSL_REDIRECT="perhaps",
    )

    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT must be true or false" in result.stderr


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("", True), ("true", True), ("0", False), ("off", False)],
)
def test_ssl_redirect_is_on_in_production_unless_turned_off(raw, expected):
    result = run_manage(
        "shell",
        "--verbosity=0",
        "-c",
        "from django.conf import settings; print(settings.SECURE_SSL_REDIRECT, settings.DEBUG)",
        DJANGO_SETTINGS_MODULE="dlhs.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        SECURE_SSL_REDIRECT=raw,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(expected), "False"]


def test_database_url_selects_the_database_and_keeps_connections():
    result = run_manage(
        "shell",
        "--verbosity=0",
        "-c",
        "from django.conf import settings; d = settings.DATABASES['default'];"
        "print(d['ENGINE'], d['NAME'], d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])",
        DJANGO_SETTINGS_MODULE="dlhs.settings.dev",
        DATABASE_URL="postgres://someone@db.example:5432/dlhs",
        CONN_MAX_AGE="120",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "dlhs", "120", "True"]


def test_redis_url_switches_the_cache_to_redis():
    result = run_manage(
        "shell",
        "--verbosity=0",
        "-c",
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
        DJANGO_SETTINGS_MODULE="dlhs.settings.dev",
        REDIS_URL="redis://127.0.0.1:6379/3",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "dlhs.redis_cache.DegradingRedisCache"
