"""Remind learners of assignments due soon or overdue. Run daily (cron); running it twice sends nothing twice."""

from django.core.management.base import BaseCommand

from groups.services import send_reminders


class Command(BaseCommand):
    help = "Send in-app (and SMS) reminders for unfinished assignments due within N days, and once when overdue."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=2, help="Remind this many days before the due date.")

    def handle(self, *args, **options):
        sent = send_reminders(days_before=options["days"])
        self.stdout.write(f"Reminders sent: {sent}")
