"""The task queue in one process: retries with back-off, taking over a dead worker's task,
the periodic jobs, and what staff see (report, dashboard warning, /healthz/worker).

The worker here is django-tasks-db's own, run in batch mode in the test process; tests that
start worker, scheduler and web processes are in test_task_processes.py.
"""

import datetime
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page

from dlhs.background import requeue_abandoned_tasks, retry_delay
from dlhs.editorial import EDITORS, MODERATORS
from dlhs.models import WorkerHeartbeat
from dlhs.schedule import PERIODIC_JOBS
from dlhs.tasks import publish_scheduled_pages
from tests import sample_tasks

DATABASE_QUEUE = override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
    TASKS_BACKEND="database",
    TASKS_RETRY_DELAY_SECONDS=60,
    TASKS_WORKER_TIMEOUT_SECONDS=120,
)


def run_ready_tasks():
    from django_tasks_db.management.commands import db_worker

    # The worker recycles its database connection between tasks; inside a test's transaction
    # (PostgreSQL) that would close the connection the test is using.
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def make_due(result):
    DBTaskResult.objects.filter(pk=result.pk).update(run_after=timezone.now())


def user_in(group_name, username):
    user = get_user_model().objects.create_user(username, password="x")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def heartbeat(seconds_ago, worker_id="w1", role=WorkerHeartbeat.Role.WORKER):
    now = timezone.now()
    return WorkerHeartbeat.objects.create(
        worker_id=worker_id,
        role=role,
        hostname="test",
        pid=1,
        started_at=now - datetime.timedelta(hours=1),
        seen_at=now - datetime.timedelta(seconds=seconds_ago),
    )


@pytest.mark.django_db
@DATABASE_QUEUE
def test_a_failing_task_is_recorded_and_retried_with_growing_delays_up_to_its_limit():
    sample_tasks.fail_always.enqueue("the mail server said no")

    delays = []
    for attempt in (1, 2, 3):
        run_ready_tasks()
        failed = DBTaskResult.objects.failed().order_by("-finished_at").first()
        assert failed.args_kwargs["kwargs"].get("attempt", 1) == attempt
        assert failed.exception_class_path == "builtins.RuntimeError"
        assert "the mail server said no" in failed.traceback
        retry = DBTaskResult.objects.filter(status="READY").first()
        if attempt == 3:
            assert retry is None  # attempts=3: given up
            break
        assert retry.args_kwargs == {
            "args": ["the mail server said no"],
            "kwargs": {"attempt": attempt + 1},
        }
        delays.append(round((retry.run_after - failed.finished_at).total_seconds()))
        make_due(retry)

    assert delays == [60, 120] == [retry_delay(1), retry_delay(2)]
    assert DBTaskResult.objects.failed().count() == 3


@pytest.mark.django_db
@DATABASE_QUEUE
def test_the_task_of_a_silent_worker_is_run_again_and_a_living_workers_is_not():
    long_ago = timezone.now() - datetime.timedelta(minutes=10)
    heartbeat(seconds_ago=600, worker_id="dead")
    heartbeat(seconds_ago=5, worker_id="alive")
    orphan = sample_tasks.take_time.enqueue("/dev/null", 0).db_result
    busy = sample_tasks.take_time.enqueue("/dev/null", 0).db_result
    for result, worker in [(orphan, "dead"), (busy, "alive")]:
        DBTaskResult.objects.filter(pk=result.pk).update(
            status="RUNNING", started_at=long_ago, worker_ids=[worker]
        )

    assert requeue_abandoned_tasks() == [orphan.pk]
    orphan.refresh_from_db()
    busy.refresh_from_db()
    assert (orphan.status, busy.status) == ("READY", "RUNNING")


@pytest.mark.django_db
def test_periodic_jobs_include_scheduled_publishing_every_minute_and_daily_session_clearing():
    schedules = {job.task.name: job.cron for job in PERIODIC_JOBS}
    assert schedules["publish_scheduled_pages"] == "* * * * *"
    assert schedules["clear_expired_sessions"].endswith(" * * *")  # once a day
    now = timezone.now()
    publishing = next(job for job in PERIODIC_JOBS if job.task.name == "publish_scheduled_pages")
    assert now <= publishing.next_run(now) <= now + datetime.timedelta(minutes=1)


@pytest.mark.django_db
def test_the_publishing_task_publishes_a_page_whose_go_live_time_has_come(home):
    page = home.add_child(instance=Page(title="Soon", slug="soon", live=False))
    revision = page.save_revision()
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(seconds=1)
    revision.save()

    publish_scheduled_pages.enqueue()  # the immediate backend of the test settings

    page.refresh_from_db()
    assert page.live


@pytest.mark.django_db
@DATABASE_QUEUE
def test_the_report_shows_failures_with_their_error_and_the_next_periodic_runs(client):
    sample_tasks.fail_always.enqueue("SMTP 451 try again later")
    run_ready_tasks()
    heartbeat(seconds_ago=3, worker_id="worker-on-web1")

    client.force_login(user_in(MODERATORS, "moderator"))
    response = client.get("/admin/reports/background-tasks/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "fail_always" in html
    assert "RuntimeError: SMTP 451 try again later" in html
    assert "Failures in the last day: 1" in html
    assert "Publish and unpublish scheduled pages" in html
    assert "Worker test:1" in html
    failed_only = client.get("/admin/reports/background-tasks/?status=SUCCESSFUL")
    assert "SMTP 451" not in failed_only.content.decode()


@pytest.mark.django_db
def test_editors_may_not_see_the_report(client):
    client.force_login(user_in(EDITORS, "editor"))
    assert client.get("/admin/reports/background-tasks/").status_code in (302, 403)


@pytest.mark.django_db
@DATABASE_QUEUE
@pytest.mark.parametrize(
    ("seen_seconds_ago", "group", "warned"),
    [(None, MODERATORS, True), (400, MODERATORS, True), (30, MODERATORS, False)]
    + [(None, EDITORS, False)],
)
def test_moderators_are_warned_when_no_worker_has_run_for_five_minutes(
    client, seen_seconds_ago, group, warned
):
    if seen_seconds_ago is not None:
        heartbeat(seen_seconds_ago)
    client.force_login(user_in(group, "someone"))
    html = client.get("/admin/").content.decode()
    assert ("Background tasks are not running" in html) is warned


@pytest.mark.django_db
@DATABASE_QUEUE
@pytest.mark.parametrize(("seen_seconds_ago", "status"), [(None, 503), (600, 503), (10, 200)])
def test_healthz_worker_says_whether_the_heartbeat_is_fresh(client, seen_seconds_ago, status):
    if seen_seconds_ago is not None:
        heartbeat(seen_seconds_ago)
    assert client.get("/healthz/worker").status_code == status
    assert client.get("/healthz").status_code == 200  # the web servers stay in service


def test_an_app_registers_its_periodic_job_once(monkeypatch):
    from dlhs import schedule, tasks

    monkeypatch.setattr(schedule, "PERIODIC_JOBS", list(schedule.PERIODIC_JOBS))
    job = schedule.PeriodicJob("An app's weekly job", "0 6 * * 1", tasks.clear_expired_sessions)
    schedule.register(job)
    schedule.register(job)
    assert [j.name for j in schedule.PERIODIC_JOBS].count("An app's weekly job") == 1
