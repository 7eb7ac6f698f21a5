"""Build the department's demo site from the client's About page."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from pages.demo.builder import DemoBuilder


class Command(BaseCommand):
    help = (
        "Build the demo site: every section of the client's About page, its news and people, "
        "plus generated stories and people on request. Safe to run again: nothing is added twice "
        "and nothing an editor changed is overwritten."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--news", type=int, default=30, metavar="N", help="Generated stories (default 30)."
        )
        parser.add_argument(
            "--people", type=int, default=40, metavar="N", help="Generated people (default 40)."
        )

    def handle(self, *args, news, people, **options):
        if news < 0 or people < 0:
            raise CommandError("--news and --people take a number of 0 or more.")
        self.verbosity = options["verbosity"]
        builder = DemoBuilder(report=self.report, progress=self.progress)
        started = time.monotonic()
        self.lines = 0
        builder.build(news_count=news, people_count=people)
        if not self.lines:
            self.stdout.write("Demo content is already in place; nothing changed.")
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Demo content ready in {time.monotonic() - started:.1f} s.")
            )

    def report(self, line):
        self.lines += 1
        if self.verbosity:
            self.stdout.write(f"  {line}")

    def progress(self, items, total, label):
        """Yield ``items``, drawing a progress bar on a terminal or a count every tenth."""
        interactive = sys.stdout.isatty() and self.verbosity
        step = max(1, total // 10)
        for done, item in enumerate(items, start=1):
            yield item
            if not self.verbosity:
                continue
            if interactive:
                filled = int(30 * done / total)
                bar = "#" * filled + "-" * (30 - filled)
                self.stdout.write(f"\r  [{bar}] {done}/{total} {label}", ending="")
                if done == total:
                    self.stdout.write("")
            elif done % step == 0 or done == total:
                self.stdout.write(f"  {done}/{total} {label}")
