"""docker-compose.yml, read as Compose reads it (no Docker engine runs here).

The default stack is db, web, worker and scheduler; the `scale` profile adds two app servers behind
nginx with shared Redis and an S3-compatible bucket. These tests hold the wiring together:
dependencies exist and wait on health checks that exist, every app server gets the shared
configuration, and nginx forwards to both and says who the visitor is.
"""

import re
from pathlib import Path

import pytest
import yaml

PROJECT_DIR = Path(__file__).resolve().parents[2]
COMPOSE_FILE = PROJECT_DIR / "docker-compose.yml"
NGINX_CONF = PROJECT_DIR / "deploy" / "nginx" / "dlhs.conf"
VARNISH_DIR = PROJECT_DIR / "deploy" / "varnish"
SCALE_APP_SERVERS = ("web1", "web2")


def interpolate(value):
    """Compose's ${NAME:-default} with nothing set, and $$ for a literal dollar."""
    if isinstance(value, str):
        value = re.sub(r"\$\{(\w+):?-([^}]*)\}", lambda match: match.group(2), value)
        value = re.sub(r"\$\{(\w+):\?[^}]*\}", "required", value)
        return value.replace("$$", "$")
    if isinstance(value, dict):
        return {key: interpolate(item) for key, item in value.items()}
    if isinstance(value, list):
        return [interpolate(item) for item in value]
    return value


@pytest.fixture(scope="module")
def compose():
    return interpolate(yaml.safe_load(COMPOSE_FILE.read_text()))


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


def active_services(services, profile=None):
    return {
        name
        for name, service in services.items()
        if not service.get("profiles") or profile in service["profiles"]
    }


def started_by_up(services, *names):
    """The services `docker compose up NAME...` starts: those named and their dependencies."""
    started, waiting = set(), list(names)
    while waiting:
        name = waiting.pop()
        if name not in started:
            started.add(name)
            waiting.extend(services[name].get("depends_on", {}))
    return started


def test_the_default_stack_is_the_site_a_worker_and_a_scheduler(services):
    assert active_services(services) == {"db", "web", "worker", "scheduler"}
    assert "REDIS_URL" not in services["web"]["environment"]
    assert "MEDIA_S3_BUCKET" not in services["web"]["environment"]


def test_the_scale_profile_adds_two_app_servers_behind_nginx_with_redis_and_minio(services):
    scale = active_services(services, "scale") - active_services(services)

    assert scale == {
        "redis",
        "minio",
        "minio-bucket",
        "migrate",
        "web1",
        "web2",
        "scale-worker",
        "scale-scheduler",
        "varnish",
        "nginx",
    }
    assert services["nginx"]["ports"] == ["8080:8080"]
    for name in SCALE_APP_SERVERS:
        assert "ports" not in services[name], f"{name} must only be reached through nginx"


def test_every_dependency_exists_and_waits_for_something_that_can_report_it(services):
    for name, service in services.items():
        for dependency, rule in service.get("depends_on", {}).items():
            assert dependency in services, f"{name} depends on a missing {dependency}"
            # A service of the default stack must not need one that only runs with a profile.
            if not service.get("profiles"):
                assert not services[dependency].get("profiles"), (name, dependency)
            condition = rule["condition"]
            if condition == "service_healthy":
                assert "healthcheck" in services[dependency], (name, dependency)
            elif condition == "service_completed_successfully":
                assert services[dependency]["restart"] == "no", (name, dependency)
            else:
                assert condition == "service_started", (name, dependency)


def test_app_servers_share_cache_sessions_media_and_trust_one_proxy(services):
    environments = [services[name]["environment"] for name in SCALE_APP_SERVERS]
    assert environments[0] == environments[1]
    environment = environments[0]

    assert environment["DJANGO_SETTINGS_MODULE"] == "dlhs.settings.production"
    assert environment["DATABASE_URL"] == "postgres://dlhs:dlhs@db:5432/dlhs"
    assert environment["REDIS_URL"].startswith("redis://redis:6379/")
    assert environment["TRUSTED_PROXY_COUNT"] == "2"  # nginx and Varnish
    assert environment["FRONTEND_CACHE_URL"] == "http://varnish:6081"
    assert environment["SERVE_MEDIA"] == "false"
    assert environment["MEDIA_S3_ENDPOINT_URL"] == "http://minio:9000"
    # The app's keys are MinIO's own, with the same defaults.
    minio = services["minio"]["environment"]
    assert environment["MEDIA_S3_ACCESS_KEY_ID"] == minio["MINIO_ROOT_USER"]
    assert environment["MEDIA_S3_SECRET_ACCESS_KEY"] == minio["MINIO_ROOT_PASSWORD"]
    # Migrations and scheduled publishing run with the same configuration.
    assert services["migrate"]["environment"] == environment
    assert services["scale-scheduler"]["environment"] == environment
    assert services["scale-worker"]["environment"] == environment
    for name in SCALE_APP_SERVERS:
        assert services[name]["depends_on"]["migrate"]["condition"] == (
            "service_completed_successfully"
        )
        assert "migrate" not in str(services[name].get("command", ""))


def test_the_bucket_job_makes_the_bucket_the_app_uses_and_publishes_only_renditions(services):
    environment = services["web1"]["environment"]
    script = " ".join(services["minio-bucket"]["command"])
    bucket = environment["MEDIA_S3_BUCKET"]

    assert f"mc mb --ignore-existing dlhs/{bucket}" in script
    assert re.findall(r"mc anonymous set (\S+) (\S+)", script) == [
        ("download", f"dlhs/{bucket}/images")
    ]


def test_nginx_forwards_through_varnish_to_both_app_servers_and_names_the_visitor(services):
    conf = NGINX_CONF.read_text()
    mount = f"./{NGINX_CONF.relative_to(PROJECT_DIR)}:/etc/nginx/conf.d/default.conf:ro"

    assert services["nginx"]["volumes"] == [mount]
    upstream = re.search(r"upstream dlhs_app \{(.*?)\}", conf, re.S).group(1)
    assert re.findall(r"server (\S+?);", upstream) == ["varnish:6081"]
    assert "-a :6081" in " ".join(services["varnish"]["command"])
    backends = (VARNISH_DIR / "backends.vcl").read_text()
    assert re.findall(r'\.host = "(\S+?)";\s*\.port = "8000";', backends) == list(SCALE_APP_SERVERS)
    assert services["varnish"]["volumes"] == [
        f"./{VARNISH_DIR.relative_to(PROJECT_DIR)}:/etc/varnish:ro"
    ]
    site = conf[conf.index("location / {") :]
    assert "proxy_pass http://dlhs_app;" in site
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in site
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in site
    assert "proxy_set_header Host $http_host;" in site
    # nginx serves no file of its own: no root, alias or try_files.
    assert not re.search(r"^\s*(root|alias|try_files)\s", conf, re.M)
    assert conf.count("{") == conf.count("}")


def test_public_picture_addresses_lead_through_nginx_to_the_bucket(services):
    environment = services["web1"]["environment"]
    conf = NGINX_CONF.read_text()
    host, _, path = environment["MEDIA_S3_CUSTOM_DOMAIN"].partition("/")

    assert host == "localhost:" + services["nginx"]["ports"][0].split(":")[0]
    location = conf[
        conf.index(f"location /{path}/images/ {{") : conf.index(f"location /{path}/ {{")
    ]
    bucket = environment["MEDIA_S3_BUCKET"]
    assert f"proxy_pass http://minio:9000/{bucket}/images/;" in location
    # Everything else under the media prefix (originals, documents) is not public.
    assert re.search(rf"location /{path}/ \{{\s*return 404;\s*\}}", conf)


def test_the_cache_redis_has_a_memory_limit_and_evicts_the_least_recently_used(services):
    command = services["redis"]["command"]
    options = dict(zip(command[1::2], command[2::2], strict=False))

    assert command[0] == "redis-server"
    assert re.fullmatch(r"\d+(mb|gb)", options["--maxmemory"])
    assert options["--maxmemory-policy"] == "allkeys-lru"


@pytest.mark.parametrize(
    ("profile", "up"),
    [(None, active_services), ("scale", lambda services: started_by_up(services, "nginx"))],
)
def test_each_stack_runs_workers_and_exactly_one_scheduler(services, profile, up):
    started = up(services)
    runs = [" ".join(services[name].get("command") or []) for name in started]
    assert sum("manage.py run_scheduler" in command for command in runs) == 1
    assert sum("manage.py run_worker" in command for command in runs) >= 1
    assert not any("run_scheduled_publishing" in command for command in runs)
