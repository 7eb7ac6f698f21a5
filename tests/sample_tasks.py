"""Tasks that tests enqueue to watch the worker: each leaves lines in a file it is given."""

import os
import time
from pathlib import Path

from dlhs.background import retried


def note(path, line):
    with open(path, "a") as file:
        file.write(f"{line}\n")


@retried(attempts=3)
def fail_always(message):
    raise RuntimeError(message)


@retried(attempts=5)
def fail_until_allowed(path, allowed_path):
    """Fails (and is retried) until ``allowed_path`` exists."""
    note(path, f"attempt {os.getpid()}")
    if not Path(allowed_path).exists():
        raise RuntimeError("not allowed yet")
    note(path, "done")


@retried(attempts=1)
def take_time(path, seconds, label=""):
    note(path, f"started {label} {os.getpid()}")
    time.sleep(seconds)
    note(path, f"finished {label} {os.getpid()}")
