"""What the task libraries leave to us: retries with back-off, worker heartbeats, and handing
the task of a worker that died to another.

django-tasks records a task's failure but never runs it again, and django-tasks-db leaves a
task "running" for ever when its worker is killed. Tasks here are written to be safe to run
twice, so both are solved by running them again: a failed one later (``retried``), an
abandoned one once its worker has been silent for ``TASKS_WORKER_TIMEOUT_SECONDS``
(``requeue_abandoned_tasks``, called by every worker's heartbeat).
"""

import functools
import logging
import os
import socket
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections
from django.db.models import Max
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks import task

from dlhs.models import WorkerHeartbeat

logger = logging.getLogger(__name__)


def retry_delay(attempt):
    """Seconds to wait before running a task again after its ``attempt``-th run failed."""
    return settings.TASKS_RETRY_DELAY_SECONDS * 2 ** (attempt - 1)


def retried(*, attempts=5, **task_options):
    """A django-tasks task that, when it raises, is recorded as failed with its error and
    enqueued again after ``retry_delay`` seconds, until it has run ``attempts`` times.

    The attempt number travels as the ``attempt`` keyword argument (shown in the task report);
    callers never pass it. A backend that cannot defer (the immediate one) does not retry.
    """

    def decorate(func):
        @functools.wraps(func)
        def run(*args, attempt=1, **kwargs):
            try:
                return func(*args, **kwargs)
            except Exception:
                if attempt < attempts:
                    enqueue_retry(background_task, attempt, args, kwargs)
                else:
                    logger.error("%s failed %d times; giving up", background_task.name, attempt)
                raise

        background_task = task(**task_options)(run)
        return background_task

    return decorate


def enqueue_retry(background_task, attempt, args, kwargs):
    if not background_task.get_backend().supports_defer:
        logger.warning("%s failed; the %s backend cannot retry it later", background_task.name,
                       settings.TASKS_BACKEND)  # fmt: skip
        return
    delay = retry_delay(attempt)
    later = background_task.using(run_after=timezone.now() + timedelta(seconds=delay))
    later.enqueue(*args, attempt=attempt + 1, **kwargs)
    logger.warning("%s failed (attempt %d); retrying in %d s", background_task.name, attempt, delay)


def worker_cutoff():
    return timezone.now() - timedelta(seconds=settings.TASKS_WORKER_TIMEOUT_SECONDS)


def last_seen(role=WorkerHeartbeat.Role.WORKER):
    return WorkerHeartbeat.objects.filter(role=role).aggregate(last=Max("seen_at"))["last"]


def worker_is_alive():
    seen = last_seen()
    return seen is not None and seen >= worker_cutoff()


def requeue_abandoned_tasks():
    """Mark ready again the tasks still "running" on a worker that has gone silent; the ids
    of those tasks. Harmless when run by several workers at once."""
    if settings.TASKS_BACKEND != "database":
        return []  # RQ has its own: a dead worker's job is moved off its started registry
    from django_tasks_db.models import DBTaskResult

    cutoff = worker_cutoff()
    alive = set(
        WorkerHeartbeat.objects.filter(seen_at__gte=cutoff).values_list("worker_id", flat=True)
    )
    abandoned = [
        result.pk
        for result in DBTaskResult.objects.running()
        .filter(started_at__lt=cutoff)
        .only("pk", "worker_ids")
        if not result.worker_ids or result.worker_ids[-1] not in alive
    ]
    if abandoned:
        DBTaskResult.objects.running().filter(pk__in=abandoned).update(status="READY")
        logger.warning("Running again %d task(s) of silent workers: %s", len(abandoned), abandoned)
    return abandoned


class Heartbeat:
    """A worker's or the scheduler's sign of life, written every ``interval`` seconds by a
    thread of its own so that a long task does not make its worker look dead."""

    def __init__(self, role):
        self.role = role
        self.worker_id = get_random_string(32)
        self.started_at = timezone.now()
        self.interval = max(1, settings.TASKS_WORKER_TIMEOUT_SECONDS // 4)

    def beat(self):
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={
                "role": self.role,
                "hostname": socket.gethostname()[:255],
                "pid": os.getpid(),
                "started_at": self.started_at,
                "seen_at": timezone.now(),
            },
        )

    def beat_and_tidy(self):
        """One beat; a worker also takes over the tasks of dead ones. Never raises: a
        database that is away for a moment must not stop the heartbeat for good."""
        close_old_connections()
        try:
            self.beat()
            if self.role == WorkerHeartbeat.Role.WORKER:
                requeue_abandoned_tasks()
        except Exception:  # noqa: BLE001 - logged; the next beat tries again
            logger.warning("Heartbeat of %s %s failed", self.role, self.worker_id, exc_info=True)
        finally:
            close_old_connections()

    def start(self):
        def run():
            while True:
                self.beat_and_tidy()
                time.sleep(self.interval)

        threading.Thread(target=run, name=f"{self.role}-heartbeat", daemon=True).start()
