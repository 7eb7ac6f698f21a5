"""Real-browser tests: Debian's Chromium, driven by Playwright, against a real server.

The server is a separate gunicorn process (test settings, one worker) over a database of its
own, built once per run with the demo content: SQLite in a temporary folder, or, when
``DATABASE_URL`` names PostgreSQL, a throwaway database on the same server. Tests therefore see
the site exactly as a visitor does, and the test process never touches that database itself:
``run_manage`` runs management commands against it.

Every test in this folder is marked ``browser`` (``make test-fast`` leaves them out).
"""

import os
from pathlib import Path

import pytest

from tests.servers import free_port, gunicorn, manage, throwaway_database

CHROMIUM = "/usr/bin/chromium"
# Actions and assertions wait this long (ms); a busy CI runner can take seconds per admin save.
WAIT_MS = 15_000
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(config, items):
    folder = Path(__file__).parent
    for item in items:
        if folder in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


class SiteServer:
    """The running site: its address and a way to run management commands against it."""

    def __init__(self, url, env):
        self.url = url
        self.env = env

    def run_manage(self, *args):
        return manage(self.env, *args)

    def shell(self, code):
        """Run Python in ``manage.py shell`` against the server's database."""
        return self.run_manage("shell", "--no-startup", "-c", code)


@pytest.fixture(scope="session")
def site_server(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("browser-site")
    database_url, drop_database = throwaway_database(tmp_path, "browser")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dlhs.settings.test",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(tmp_path / "media"),
        "SERVE_MEDIA": "true",
        "WAGTAILADMIN_BASE_URL": url,
        "PYTHONUNBUFFERED": "1",
        # Moderators must sign in with a second factor (tests/browser/test_editorial_workflow.py).
        "TWO_FACTOR_REQUIRED": "true",
    }
    try:
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_demo_content", "-v0")
        with gunicorn(env, port, tmp_path / "gunicorn.log"):
            yield SiteServer(url, env)
    finally:
        drop_database()


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-deps` (apt-get install chromium).")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=WAIT_MS)
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
        context.set_default_timeout(WAIT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A desktop-width page in a fresh context."""
    return new_page()
