"""Publish and unpublish pages on their go-live and expiry dates, every minute, until stopped."""

import signal
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections


class Command(BaseCommand):
    help = (
        "Run Wagtail's publish_scheduled every --interval seconds (default 60) until stopped; "
        "`make serve` and docker-compose run it beside the web server."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=60)

    def handle(self, *args, interval, **options):
        self.running = True
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        self.stdout.write(f"Publishing scheduled pages every {interval} s.")
        while self.running:
            close_old_connections()
            try:
                call_command("publish_scheduled", verbosity=0)
            except Exception as error:  # noqa: BLE001 - one failed run must not stop the loop
                self.stderr.write(f"publish_scheduled failed: {error!r}")
            for _ in range(interval):
                if not self.running:
                    break
                time.sleep(1)

    def stop(self, *args):
        self.running = False
