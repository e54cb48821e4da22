"""Send the statements waiting in the outbox to the external LRS, once or in a loop.

The db_worker retries by itself; this command is for sites without it, for cron, and for pushing
the backlog at once after the remote has come back (``--now``).
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from xapi.forwarding import forward_due, forwarding_enabled, next_attempt_at, retry_now
from xapi.models import OutboxEntry


class Command(BaseCommand):
    help = "Forward the statements waiting in the outbox to the external LRS (LMS_XAPI_FORWARD_ENDPOINT)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep going: sleep until the next attempt is due.")
        parser.add_argument(
            "--interval", type=float, default=60, help="Longest sleep between passes with --loop (seconds)."
        )
        parser.add_argument(
            "--now",
            action="store_true",
            help="Ignore the backoff and retry refused statements too (the admin's Retry now button).",
        )

    def handle(self, *args, loop, interval, now, **options):
        if not forwarding_enabled():
            raise CommandError("Forwarding is off: set LMS_XAPI_FORWARD_ENDPOINT.")
        if interval <= 0:
            raise CommandError("--interval must be more than 0 seconds.")
        if now:
            retry_now()
        self._pass()
        while loop:
            due = next_attempt_at()
            wait = interval if due is None else (due - timezone.now()).total_seconds()
            time.sleep(min(max(wait, 1), interval))
            self._pass()

    def _pass(self):
        result = forward_due()
        waiting = OutboxEntry.objects.filter(refused=False).count()
        refused = OutboxEntry.objects.filter(refused=True).count()
        line = f"Sent {result.sent}, refused {result.refused}; waiting {waiting}, refused in total {refused}."
        if result.skipped and waiting:
            line += f" Backing off until {timezone.localtime(next_attempt_at()):%Y-%m-%d %H:%M:%S %Z}."
        if result.failed:
            line += f" The external LRS failed: {result.error}"
        self.stdout.write(line)
