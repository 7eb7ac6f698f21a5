"""The periodic jobs, with their schedules: the one list that `manage.py run_scheduler`
enqueues from and Reports → Background tasks shows. Times are in TIME_ZONE.

The core's own jobs are listed here; an app above the core adds its own with
``register(PeriodicJob(...))`` from its ``AppConfig.ready()``, so the core never imports it."""

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.utils import timezone
from django_tasks.base import Task

from dlhs import tasks


@dataclass(frozen=True)
class PeriodicJob:
    """A task enqueued on a cron schedule ("minute hour day month weekday")."""

    name: str
    cron: str
    task: Task

    def trigger(self):
        return CronTrigger.from_crontab(self.cron, timezone=ZoneInfo(settings.TIME_ZONE))

    def next_run(self, after=None):
        return self.trigger().get_next_fire_time(None, after or timezone.now())


PERIODIC_JOBS = [
    PeriodicJob(
        "Publish and unpublish scheduled pages", "* * * * *", tasks.publish_scheduled_pages
    ),
    PeriodicJob("Clear expired sessions", "30 3 * * *", tasks.clear_expired_sessions),
    PeriodicJob("Forget old task results", "45 3 * * *", tasks.forget_old_task_results),
]


def register(job):
    """Adds an app's periodic job (once: ready() may run again in tests)."""
    if all(existing.name != job.name for existing in PERIODIC_JOBS):
        PERIODIC_JOBS.append(job)
