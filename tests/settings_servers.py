"""Settings for the worker, scheduler and web processes that tests start: the test settings,
but tasks and e-mail as the environment configures them (as in production)."""

from dlhs.settings import base
from dlhs.settings.test import *  # noqa: F403

TASKS = base.TASKS
EMAIL_BACKEND = base.EMAIL_BACKEND
