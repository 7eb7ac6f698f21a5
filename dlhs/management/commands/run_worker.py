"""Run background tasks until stopped: django-tasks-db's worker (or an RQ worker when
TASKS_BACKEND=redis) with a heartbeat, run again when the database goes away for a while."""

import logging
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import InterfaceError, OperationalError, close_old_connections

from dlhs.background import Heartbeat
from dlhs.models import WorkerHeartbeat

logger = logging.getLogger(__name__)
DATABASE_RETRY_SECONDS = 5


class Command(BaseCommand):
    help = (
        "Run background tasks until stopped (SIGTERM finishes the current task first). "
        "`make serve`, `make run` and docker-compose's worker service start one; start more "
        "for more throughput: two workers never take the same task."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=1, help="seconds between looks at an empty queue"
        )

    def handle(self, *args, interval, **options):
        if settings.TASKS_BACKEND == "immediate":
            raise CommandError("TASKS_BACKEND=immediate runs every task at once; no worker.")
        heartbeat = Heartbeat(WorkerHeartbeat.Role.WORKER)
        heartbeat.start()
        if settings.TASKS_BACKEND == "redis":
            # RQ's own scheduler moves deferred tasks (retries) onto the queue when due.
            call_command(
                "rqworker", "default", job_class="django_tasks_rq.Job", with_scheduler=True,
                name=heartbeat.worker_id,
            )  # fmt: skip
            return
        self.run_database_worker(heartbeat.worker_id, interval)

    def run_database_worker(self, worker_id, interval):
        from django_tasks_db.management.commands.db_worker import Worker

        worker = Worker(
            queue_names=["*"],
            excluded_queue_names=[],
            interval=interval,
            batch=False,
            backend_name="default",
            startup_delay=True,
            max_tasks=None,
            worker_id=worker_id,
        )
        worker.configure_signals()
        self.stdout.write(f"Worker {worker_id} is taking tasks from the database.")
        while worker.running:
            try:
                worker.run()
            except (OperationalError, InterfaceError):
                # PostgreSQL restarting, say: the tasks wait in the database meanwhile.
                logger.warning("The database went away; trying again shortly", exc_info=True)
                close_old_connections()
                time.sleep(DATABASE_RETRY_SECONDS)
