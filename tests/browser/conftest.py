"""Real-browser tests: Debian's Chromium, driven by Playwright, against a real server.

The server is a separate gunicorn process (test settings, one worker) over a database of its
own, built once per run with the demo content: SQLite in a temporary folder, or, when
``DATABASE_URL`` names PostgreSQL, a throwaway database on the same server. Tests therefore see
the site exactly as a visitor does, and the test process never touches that database itself:
``run_manage`` runs management commands against it.

Every test in this folder is marked ``browser`` (``make test-fast`` leaves them out).
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parent.parent.parent
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(config, items):
    folder = Path(__file__).parent
    for item in items:
        if folder in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _server_database(tmp_path):
    """A database URL for the server, and a function that removes it afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{tmp_path / 'browser.sqlite3'}", lambda: None

    import psycopg

    server, _, name = url.rpartition("/")
    name = f"{name.split('?')[0]}_browser_{os.getpid()}"
    admin = f"{server}/postgres"

    def run(statement):
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(statement)

    run(f'DROP DATABASE IF EXISTS "{name}"')
    run(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}", lambda: run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class SiteServer:
    """The running site: its address and a way to run management commands against it."""

    def __init__(self, url, env):
        self.url = url
        self.env = env

    def run_manage(self, *args, input=None):
        completed = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            input=input,
            capture_output=True,
            text=True,
            check=False,
        )
        if completed.returncode:
            raise AssertionError(
                f"manage.py {' '.join(args)} failed:\n{completed.stdout}\n{completed.stderr}"
            )
        return completed.stdout

    def shell(self, code):
        """Run Python in ``manage.py shell`` against the server's database."""
        return self.run_manage("shell", "--no-startup", "-c", code)


@pytest.fixture(scope="session")
def site_server(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("browser-site")
    database_url, drop_database = _server_database(tmp_path)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dlhs.settings.test",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(tmp_path / "media"),
        "SERVE_MEDIA": "true",
        "WAGTAILADMIN_BASE_URL": url,
        "PYTHONUNBUFFERED": "1",
    }
    server = SiteServer(url, env)
    server.run_manage("migrate", "--noinput", "-v0")
    server.run_manage("load_demo_content", "-v0")

    log = open(tmp_path / "gunicorn.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(  # noqa: S603
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "dlhs.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--threads",
            "4",
            "--worker-class",
            "gthread",
            "--timeout",
            "120",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=5) as response:  # noqa: S310
                    if response.status == 200:
                        break
            except OSError:  # not listening yet, refused, or too slow to answer (a busy machine)
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    "The browser-test server did not start:\n"
                    + (tmp_path / "gunicorn.log").read_text()
                )
            time.sleep(0.3)
        yield server
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
        drop_database()


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-deps` (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def new_page(chromium, site_server):
    """Open pages in fresh browser contexts: ``new_page(viewport=MOBILE)``."""
    contexts = []

    def open_page(viewport=DESKTOP, **options):
        context = chromium.new_context(viewport=viewport, base_url=site_server.url, **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A desktop-width page in a fresh context."""
    return new_page()
