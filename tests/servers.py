"""Real server processes for tests that need the site as a visitor meets it.

Used by the browser tests (one server) and the two-node test (two servers, one database).
A server is gunicorn over a database of its own: a SQLite file in a temporary folder, or, when
``DATABASE_URL`` names PostgreSQL, a throwaway database on that server (each user names its
own, so two test modules can never drop each other's), copied from one migrated per session.
"""

import atexit
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from http.cookies import SimpleCookie
from http.server import ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STARTUP_SECONDS = 120


@contextmanager
def http_server_in_thread(handler_class, server_class=ThreadingHTTPServer):
    """A local HTTP server answering with ``handler_class`` on a thread; its base URL."""
    server = server_class(("127.0.0.1", 0), handler_class)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def throwaway_database(folder, purpose):
    """A migrated database for servers started by tests, and a function that removes it.

    A SQLite file in ``folder``, or, when ``DATABASE_URL`` names PostgreSQL, a database of its
    own on that server (named after ``purpose`` and this process, so two test modules never
    drop each other's). Either is a copy of one database migrated once per test session:
    migrating takes over half a minute, copying a moment. Callers still run ``migrate``, which
    then applies nothing and runs only the post-migrate steps for their own settings.
    """
    template = _migrated_template()
    url = os.environ.get("DATABASE_URL", "")
    if not _is_postgres(url):
        path = Path(folder) / f"{purpose}.sqlite3"
        shutil.copyfile(template, path)
        return f"sqlite:///{path}", lambda: None

    server, name = _own_database(url, purpose)
    _run_on_postgres(server, f'DROP DATABASE IF EXISTS "{name}"')
    _run_on_postgres(server, f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return f"{server}/{name}", lambda: _run_on_postgres(
        server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
    )


_templates = {}


def _migrated_template():
    """The session's migrated database (a SQLite path or a PostgreSQL name): the one
    ``keep_migrated_database`` kept, else one migrated now. Removed when the tests end."""
    url = os.environ.get("DATABASE_URL", "")
    if url not in _templates:
        template, template_url = _new_template(url, create=True)
        env = environment(
            {"DJANGO_SETTINGS_MODULE": "dlhs.settings.test", "DATABASE_URL": template_url},
            without=["SITE_URL"],
        )
        manage(env, "migrate", "--noinput", "-v0")
        _templates[url] = template
    return _templates[url]


def keep_migrated_database(connection):
    """Keep a copy of the test database, just migrated, as the servers' template.

    Called once per session before any test writes (tests/conftest.py), so no server needs
    migrating of its own. SQLite's test database lives in memory: its backup is a file.
    """
    url = os.environ.get("DATABASE_URL", "")
    template, _ = _new_template(url, create=False)
    if _is_postgres(url):
        connection.close()  # a template must have no one connected
        server = url.rpartition("/")[0]
        source = connection.settings_dict["NAME"]
        _run_on_postgres(server, f'CREATE DATABASE "{template}" TEMPLATE "{source}"')
    else:
        connection.ensure_connection()
        target = sqlite3.connect(template)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    _templates[url] = template


def _new_template(url, create):
    """A name for the session's template database and its URL; removed at exit."""
    if _is_postgres(url):
        server, template = _own_database(url, "migrated")
        _run_on_postgres(server, f'DROP DATABASE IF EXISTS "{template}"')
        if create:
            _run_on_postgres(server, f'CREATE DATABASE "{template}"')
        atexit.register(
            _run_on_postgres, server, f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)'
        )
        return template, f"{server}/{template}"
    folder = tempfile.mkdtemp(prefix="dlhs-migrated-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    template = str(Path(folder) / "migrated.sqlite3")
    return template, f"sqlite:///{template}"


def _own_database(url, purpose):
    """The server of a PostgreSQL ``url`` and, on it, a database name of this process's own."""
    server, _, name = url.rpartition("/")
    return server, f"{name.split('?')[0]}_{purpose}_{os.getpid()}"


def _is_postgres(url):
    return url.startswith(("postgres://", "postgresql://"))


def _run_on_postgres(server, statement):
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(statement)


def environment(overrides=(), without=()):
    """This process's environment without the variables named in ``without`` (names, or
    prefixes ending in ``_``), plus ``overrides``: for a process that reads settings afresh."""
    overrides = dict(overrides)
    env = {
        key: value
        for key, value in os.environ.items()
        if not any(key == name or (name.endswith("_") and key.startswith(name)) for name in without)
    }
    env.update(overrides)
    return env


def run_manage(env, *args, timeout=600):
    """Run a management command in its own process with ``env``; the completed process."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def manage(env, *args, timeout=600):
    """Run a management command in its own process; its output, or a failure that shows it."""
    completed = run_manage(env, *args, timeout=timeout)
    if completed.returncode:
        raise AssertionError(
            f"manage.py {' '.join(args)} failed:\n{completed.stdout}\n{completed.stderr}"
        )
    return completed.stdout


def prepare_demo_site(env, editor, password, timeout=600):
    """Migrate, load a small demo and add a superuser, while static files are collected.

    Hashing and compressing every static file takes as long as migrating: both run at once.
    """
    collectstatic = subprocess.Popen(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_demo_content", "--news", "3", "--people", "3", "-v0")
        manage(
            env,
            "shell",
            "--no-startup",
            "-c",
            "from django.contrib.auth import get_user_model; "
            f"get_user_model().objects.create_superuser({editor!r}, 'e@example.edu', "
            f"{password!r})",
        )
        output, _ = collectstatic.communicate(timeout=timeout)
    finally:
        if collectstatic.poll() is None:
            collectstatic.kill()
    assert collectstatic.returncode == 0, output


@contextmanager
def gunicorn(env, port, log_path):
    """A gunicorn server (one worker, four threads) on loopback, stopped on leaving."""
    url = f"http://127.0.0.1:{port}"
    with open(log_path, "w") as log:
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
            _wait_until_healthy(url, process, log_path)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=60)


def _wait_until_healthy(url, process, log_path):
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=10) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:  # not listening yet, refused, or too slow to answer (a busy machine)
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not start:\n{Path(log_path).read_text()}")
        time.sleep(0.3)


class RedisServer:
    """A redis-server of our own on a free port (no disk), which a test may stop and restart."""

    def __init__(self, folder):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.folder = folder
        self.process = None

    def start(self):
        import redis

        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--save", "", "--appendonly", "no"],
            cwd=self.folder,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                return
            except redis.ConnectionError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def stop(self):
        if self.process:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None


def cookies_set_by(response):
    """Cookies from a `requests` response's Set-Cookie, Secure ones included (loopback has no
    TLS, so `requests` would not send those back by itself)."""
    jar = SimpleCookie()
    for header in response.raw.headers.getlist("Set-Cookie"):
        jar.load(header)
    return {name: morsel.value for name, morsel in jar.items()}


def csrf_token_in(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def sign_in(base_url, username, password):
    """Sign in through the admin form; return the session and CSRF cookies."""
    import requests

    form = requests.get(f"{base_url}/admin/login/", timeout=60)
    cookies = cookies_set_by(form)
    response = requests.post(
        f"{base_url}/admin/login/",
        data={
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": csrf_token_in(form.text),
            "next": "/admin/",
        },
        cookies=cookies,
        allow_redirects=False,
        timeout=60,
    )
    assert response.status_code == 302, response.text[:500]
    cookies.update(cookies_set_by(response))
    assert "sessionid" in cookies
    return cookies


def post_admin_form(base_url, path, cookies, fields):
    """Submit an admin form as a browser would: read its CSRF token first."""
    import requests

    form = requests.get(f"{base_url}{path}", cookies=cookies, timeout=60)
    assert form.status_code == 200, form.text[:500]
    response = requests.post(
        f"{base_url}{path}",
        data={"csrfmiddlewaretoken": csrf_token_in(form.text), **fields},
        cookies=cookies,
        allow_redirects=False,
        timeout=60,
    )
    assert response.status_code == 302, response.text[:2000]
    return response


class VarnishServer:
    """varnishd of our own on a free port, with the project's VCL in front of ``backend_url``."""

    def __init__(self, backend_url):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # varnishd reads its VCL as its own unprivileged user: not under pytest's private
        # temporary folders (mode 0700), in a readable folder of its own instead.
        self.folder = Path(tempfile.mkdtemp(prefix="dlhs-varnish-"))
        self.folder.chmod(0o755)
        self.backend = urllib.parse.urlsplit(backend_url)
        self.process = None

    def start(self):
        # The VCL's include is found beside the including file first: a copy of it, here,
        # includes this test's backend rather than the compose stack's.
        vcl = self.folder / "dlhs.vcl"
        shutil.copyfile(ROOT / "deploy" / "varnish" / "dlhs.vcl", vcl)
        (self.folder / "backends.vcl").write_text(
            f'backend app {{ .host = "127.0.0.1"; .port = "{self.backend.port}"; }}\n'
            "sub dlhs_choose_backend {}\n"
        )
        self.log = self.folder / "varnish.log"
        self.process = subprocess.Popen(  # noqa: S603
            [
                "varnishd",
                "-F",
                "-a",
                f"127.0.0.1:{self.port}",
                "-f",
                str(vcl),
                "-p",
                f"vcl_path={self.folder}",
                "-n",
                str(self.folder / "instance"),
                "-s",
                "malloc,32m",
            ],
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=10):  # noqa: S310
                    return
            except urllib.error.HTTPError:  # answering (a 503 before the backend is up)
                return
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"varnishd did not start:\n{self.log.read_text()}")
            time.sleep(0.3)

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.process = None
        shutil.rmtree(self.folder, ignore_errors=True)
