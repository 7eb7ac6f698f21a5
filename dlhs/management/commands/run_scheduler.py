"""Enqueue the periodic jobs of dlhs/schedule.py on their cron schedules, until stopped."""

import logging
import signal
from zoneinfo import ZoneInfo

from apscheduler.schedulers.blocking import BlockingScheduler
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from dlhs.background import Heartbeat
from dlhs.models import WorkerHeartbeat
from dlhs.schedule import PERIODIC_JOBS

logger = logging.getLogger(__name__)


def enqueue(job):
    close_old_connections()
    job.task.enqueue()
    logger.info("Enqueued %s", job.name)


class Command(BaseCommand):
    help = (
        "Enqueue the periodic jobs (dlhs/schedule.py) when they are due, with APScheduler's "
        "cron triggers; a worker runs them. Run exactly one per site, beside the workers."
    )

    def handle(self, *args, **options):
        scheduler = BlockingScheduler(timezone=ZoneInfo(settings.TIME_ZONE))
        for job in PERIODIC_JOBS:
            # A run missed while the scheduler was down or busy is made up once, not many times.
            scheduler.add_job(
                enqueue, job.trigger(), args=[job], id=job.name, name=job.name,
                coalesce=True, max_instances=1, misfire_grace_time=60,
            )  # fmt: skip
        heartbeat = Heartbeat(WorkerHeartbeat.Role.SCHEDULER)
        heartbeat.start()

        def stop(*args):
            scheduler.shutdown(wait=False)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.stdout.write(f"Scheduling {len(PERIODIC_JOBS)} periodic jobs.")
        scheduler.start()
