"""The task queue as it runs: gunicorn, `manage.py run_worker` and `manage.py run_scheduler` as
real processes over one database (a SQLite file, or a throwaway PostgreSQL database when
DATABASE_URL names PostgreSQL), a real SMTP server (aiosmtpd) that is not there at first.

Timings are shortened by the environment: a worker is taken for dead after 4 s of silence and
the first retry waits 1 s. The scheduler keeps the real schedule (publishing every minute).
"""

import re
import secrets
import signal
import subprocess
import sys
import time

import pytest
import requests

from tests.servers import ROOT, environment, free_port, gunicorn, manage, throwaway_database

pytestmark = pytest.mark.servers

FORM_PAGE = """
from pages.models import HomePage
from people.models import AlumniUpdateFormField, AlumniUpdateFormPage
from tests import factories
about = factories.AboutPageFactory(parent=HomePage.objects.get())
alumni = factories.AlumniPageFactory(parent=about)
page = AlumniUpdateFormPage(
    title="Share your news", slug="share-your-news", to_address="alumni@example.edu",
    from_address="noreply@example.edu", subject="An alumni update",
    thank_you_text="<p>Thank you, we read every update.</p>",
    form_fields=[AlumniUpdateFormField(label="Your news", field_type="multiline", required=True)],
)
alumni.add_child(instance=page)
page.save_revision().publish()
print(page.url)
"""


def wait_for(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"Waited {seconds} s for {what}")


class Site:
    def __init__(self, env, folder):
        self.env, self.folder = env, folder
        self.workers = []

    def shell(self, code):
        return manage(self.env, "shell", "-v0", "--no-startup", "-c", code).strip()

    def start(self, command):
        log = open(self.folder / f"{command}-{len(self.workers)}.log", "w")  # noqa: SIM115
        process = subprocess.Popen(
            [sys.executable, "manage.py", command], cwd=ROOT, env=self.env, stdout=log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.workers.append(process)
        return process

    def statuses(self, task_name):
        return self.shell(
            "from django_tasks_db.models import DBTaskResult as R; "
            f"print(' '.join(R.objects.filter(task_path__endswith='.{task_name}')"
            ".order_by('enqueued_at').values_list('status', flat=True)))"
        ).split()

    def stop(self):
        for process in self.workers:
            if process.poll() is None:
                process.terminate()
        for process in self.workers:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture(scope="module")
def smtp_port():
    return free_port()  # nothing listens there until a test starts the mail server


@pytest.fixture(scope="module")
def site(tmp_path_factory, smtp_port):
    folder = tmp_path_factory.mktemp("tasks")
    database_url, drop_database = throwaway_database(folder, "tasks")
    env = environment(
        {
            "DJANGO_SETTINGS_MODULE": "tests.settings_servers",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(folder / "media"),
            "TASKS_BACKEND": "database",
            "TASKS_WORKER_TIMEOUT_SECONDS": "4",
            "TASKS_RETRY_DELAY_SECONDS": "1",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "PYTHONUNBUFFERED": "1",
        },
        without=["REDIS_URL", "PAGE_CACHE_", "TASKS_", "EMAIL_"],
    )
    manage(env, "migrate", "--noinput", "-v0")
    running = Site(env, folder)
    running.form_url = running.shell(FORM_PAGE)
    running.worker = running.start("run_worker")
    running.start("run_scheduler")
    try:
        with gunicorn(env, free_port(), folder / "gunicorn.log") as url:
            running.url = url
            yield running
    finally:
        running.stop()
        drop_database()


class MailServer:
    """An SMTP server that accepts everything and keeps it."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(envelope)
        return "250 Message accepted"


def test_the_alumni_form_thanks_the_visitor_while_mail_is_refused_and_mails_once_it_is_taken(
    site, smtp_port
):
    from aiosmtpd.controller import Controller

    visitor = requests.Session()
    form = visitor.get(site.url + site.form_url, timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    response = visitor.post(
        site.url + site.form_url,
        data={"csrfmiddlewaretoken": token, "your_news": "I joined Example Health."},
        headers={"Referer": site.url + site.form_url},
        timeout=30,
    )

    assert response.status_code == 200
    assert "Thank you, we read every update." in response.text
    assert site.shell("from wagtail.contrib.forms.models import FormSubmission as S; "
                      "print(S.objects.count())") == "1"  # fmt: skip
    # The worker took the task from the web process and the refused connection was recorded.
    wait_for(lambda: "FAILED" in site.statuses("send_notification_email"), 30, "a refusal")

    mail_server = MailServer()
    controller = Controller(mail_server, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        wait_for(lambda: mail_server.messages, 60, "the retried mail")
    finally:
        controller.stop()
    message = mail_server.messages[0]
    assert message.rcpt_tos == ["alumni@example.edu"]
    assert "I joined Example Health." in message.content.decode()
    assert site.statuses("send_notification_email")[-1] == "SUCCESSFUL"


def test_a_failing_task_is_retried_until_it_succeeds(site):
    notes, allowed = site.folder / "retry.txt", site.folder / "retry-allowed"
    site.shell(
        f"from tests.sample_tasks import fail_until_allowed; "
        f"fail_until_allowed.enqueue({str(notes)!r}, {str(allowed)!r})"
    )
    wait_for(lambda: "FAILED" in site.statuses("fail_until_allowed"), 30, "the first failure")
    allowed.touch()
    wait_for(lambda: notes.exists() and "done" in notes.read_text(), 60, "a successful retry")
    statuses = site.statuses("fail_until_allowed")
    assert statuses[-1] == "SUCCESSFUL" and "FAILED" in statuses


def test_a_task_whose_worker_is_killed_runs_again_on_a_new_worker(site):
    notes = site.folder / "killed.txt"
    site.shell(
        f"from tests.sample_tasks import take_time; take_time.enqueue({str(notes)!r}, 6, 'k')"
    )
    wait_for(lambda: notes.exists() and "started" in notes.read_text(), 30, "the task to start")
    site.worker.send_signal(signal.SIGKILL)
    site.worker.wait(timeout=10)
    site.worker = site.start("run_worker")

    wait_for(lambda: "finished" in notes.read_text(), 60, "the task to run again")
    lines = notes.read_text().split("\n")
    assert sum(line.startswith("started k") for line in lines) == 2
    assert sum(line.startswith("finished k") for line in lines) == 1
    assert site.statuses("take_time") == ["SUCCESSFUL"]


def test_two_workers_never_run_the_same_task(site):
    notes = site.folder / "two-workers.txt"
    site.start("run_worker")
    site.shell(
        "from tests.sample_tasks import take_time\n"
        f"for n in range(20): take_time.enqueue({str(notes)!r}, 0.2, f'task-{{n}}')"
    )
    wait_for(lambda: notes.exists() and notes.read_text().count("finished") == 20, 90, "20 tasks")
    started = [line.split()[1] for line in notes.read_text().splitlines() if "started" in line]
    assert sorted(started) == sorted(f"task-{n}" for n in range(20))


def test_a_page_goes_live_at_its_go_live_time_with_nothing_but_the_scheduler_and_worker(site):
    # Scheduled a moment ahead, and not live when the command that scheduled it ends.
    assert (
        site.shell(
            "import datetime\n"
            "from django.utils import timezone\n"
            "from pages.models import HomePage\n"
            "from tests import factories\n"
            "page = factories.StandardPageFactory(parent=HomePage.objects.get(), slug='soon', "
            "live=False, go_live_at=timezone.now() + datetime.timedelta(seconds=3))\n"
            "page.save_revision().publish()\n"
            "page.refresh_from_db()\n"
            "print(page.live)\n"
        )
        == "False"
    )
    is_live = "from wagtail.models import Page; print(Page.objects.get(slug='soon').live)"
    # Published by the first run of the every-minute job after the go-live time.
    wait_for(lambda: site.shell(is_live) == "True", 120, "the page to go live")
    assert requests.get(site.url + "/soon/", timeout=30).status_code == 200


RQ_REDIS_URL = "redis://127.0.0.1:6379/11"


def test_with_tasks_backend_redis_an_rq_worker_runs_and_retries_tasks(site):
    import redis

    queue = redis.Redis.from_url(RQ_REDIS_URL)
    queue.flushdb()  # this test's own Redis database
    rq_site = Site({**site.env, "TASKS_BACKEND": "redis", "REDIS_URL": RQ_REDIS_URL}, site.folder)
    notes, allowed = site.folder / "rq.txt", site.folder / "rq-allowed"
    rq_site.start("run_worker")
    try:
        rq_site.shell(
            "from tests.sample_tasks import fail_until_allowed, take_time\n"
            f"take_time.enqueue({str(notes)!r}, 0, 'rq')\n"
            f"fail_until_allowed.enqueue({str(notes)!r}, {str(allowed)!r})\n"
        )
        wait_for(lambda: notes.exists() and "attempt" in notes.read_text(), 30, "a first try")
        allowed.touch()
        wait_for(lambda: "done" in notes.read_text(), 60, "the retry deferred in Redis")
    finally:
        rq_site.stop()
        queue.flushdb()
    lines = notes.read_text().splitlines()
    assert any(line.startswith("finished rq") for line in lines)
    assert len([line for line in lines if line.startswith("attempt")]) >= 2
