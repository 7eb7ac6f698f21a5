"""The queue survives a restart of PostgreSQL and of the worker (real processes).

PostgreSQL is a private server of this test (initdb in a temporary folder, its own port), so
it can be stopped and started again without touching the database the rest of the suite uses.
It runs in the PostgreSQL half of the suite, where PostgreSQL's programs are known to be there.
"""

import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg
import pytest

from tests.servers import environment, free_port, manage
from tests.site.test_task_processes import Site, wait_for

pytestmark = [
    pytest.mark.servers,
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
        reason="PostgreSQL restarts are tested in the PostgreSQL run",
    ),
]


class PrivatePostgres:
    """A PostgreSQL server in a folder of its own, started and stopped by the test."""

    def __init__(self, folder):
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not found:
            pytest.skip("PostgreSQL's initdb is not installed")
        self.bin = Path(found[-1]).parent
        self.folder, self.port = folder, free_port()
        # PostgreSQL refuses to run as root: as root, run it as the postgres user.
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_owner:
            shutil.chown(folder, "postgres", "postgres")
        self.run("initdb", "-D", str(folder / "data"), "-A", "trust", "-U", "root", "--no-sync")

    def run(self, program, *args):
        subprocess.run(
            [*self.as_owner, str(self.bin / program), *args], check=True, capture_output=True
        )

    def start(self):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        data, log = str(self.folder / "data"), str(self.folder / "server.log")
        self.run("pg_ctl", "-D", data, "-l", log, "-w", "-o", options, "start")

    def stop(self):
        self.run("pg_ctl", "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop")

    def url(self, name):
        return f"postgres://root@127.0.0.1:{self.port}/{name}"


@pytest.fixture(scope="module")
def site():
    # Not under pytest's own temporary folder, which only root may enter.
    folder = Path(tempfile.mkdtemp(prefix="dlhs-pg-"))
    folder.chmod(0o755)
    server = PrivatePostgres(folder)
    server.start()
    with psycopg.connect(server.url("postgres"), autocommit=True) as connection:
        connection.execute("CREATE DATABASE queue")
    env = environment(
        {
            "DJANGO_SETTINGS_MODULE": "tests.settings_servers",
            "DATABASE_URL": server.url("queue"),
            "MEDIA_ROOT": str(folder / "media"),
            "TASKS_BACKEND": "database",
            "TASKS_WORKER_TIMEOUT_SECONDS": "4",
            "TASKS_RETRY_DELAY_SECONDS": "1",
            "PYTHONUNBUFFERED": "1",
        },
        without=["REDIS_URL", "PAGE_CACHE_", "TASKS_"],
    )
    manage(env, "migrate", "--noinput", "-v0")
    running = Site(env, folder)
    running.server = server
    running.worker = running.start("run_worker")
    try:
        yield running
    finally:
        running.stop()
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def enqueue_note(site, notes, label):
    site.shell(
        f"from tests.sample_tasks import take_time; take_time.enqueue({str(notes)!r}, 0, {label!r})"
    )


def finished(notes, label):
    return notes.exists() and f"finished {label} " in notes.read_text()


def test_the_worker_carries_on_after_postgresql_restarts(site):
    notes = site.folder / "restart.txt"
    enqueue_note(site, notes, "before")
    wait_for(lambda: finished(notes, "before"), 60, "the first task")

    site.server.stop()
    time.sleep(3)  # long enough for the worker (polling every second) to find it gone
    site.server.start()
    enqueue_note(site, notes, "after")

    wait_for(lambda: finished(notes, "after"), 90, "a task enqueued after the restart")
    assert site.worker.poll() is None, "the worker must survive the restart, not exit"


def test_tasks_enqueued_while_no_worker_runs_are_done_by_the_next_one(site):
    notes = site.folder / "no-worker.txt"
    site.worker.terminate()
    site.worker.wait(timeout=60)
    for label in ("one", "two"):
        enqueue_note(site, notes, label)

    site.worker = site.start("run_worker")

    wait_for(lambda: finished(notes, "one") and finished(notes, "two"), 90, "both tasks")
