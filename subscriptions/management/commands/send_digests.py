"""Run one digest round now, in the foreground (the scheduler runs it every morning)."""

from django.core.management.base import BaseCommand, CommandError

from subscriptions.models import Mailing
from subscriptions.tasks import deliver_digests, start_digest_round


class Command(BaseCommand):
    help = (
        "Send the e-mail digests that are due, one batch after another in this process. "
        "With --force every confirmed subscriber counts as due, whatever their frequency."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Treat every confirmed subscriber as due (only those with news get mail).",
        )

    def handle(self, *args, force=False, **options):
        failures = []

        def send_batch(subscriber_ids, mailing_id, round_started):
            try:
                deliver_digests(subscriber_ids, mailing_id, round_started)
            except Exception as error:  # noqa: BLE001 - reported below; other batches go on
                failures.append(error)

        mailing = Mailing.objects.get(pk=start_digest_round(force, send_batch).pk)
        self.stdout.write(
            f"Digest round: {mailing.recipients} due, {mailing.sent} sent, "
            f"{mailing.nothing_new} with nothing new, {mailing.refused} refused."
        )
        if failures:
            raise CommandError(f"{len(failures)} batch(es) failed: {failures[0]!r}")
