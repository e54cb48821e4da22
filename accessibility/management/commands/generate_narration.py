"""Generate read-aloud narration for published pages (after bulk loads, or to repair failures)."""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from accessibility.models import Narration, ReadAloudMixin
from accessibility.narration import generate_narration
from accessibility.speech import SpeechUnavailable, check_speech


class Command(BaseCommand):
    help = "Generate narration audio for live pages with read-aloud: all that lack it, or a selection."

    def add_arguments(self, parser):
        parser.add_argument("page_ids", nargs="*", type=int, help="Only these pages.")
        parser.add_argument("--course", help="Only this course (slug) and its lessons, in every language.")
        parser.add_argument("--limit", type=int, help="At most this many pages per language (in page order).")
        parser.add_argument("--all", action="store_true", help="Also re-check pages whose narration is ready.")
        parser.add_argument(
            "--check", action="store_true", help="Only say whether this machine can make narration (for `make run`)."
        )

    def handle(self, *args, page_ids, course, limit, all, check, **options):
        if check:
            self.check_speech()
            return
        pages = Page.objects.live().order_by("path")
        if page_ids:
            pages = pages.filter(pk__in=page_ids)
        if course:
            roots = Page.objects.live().filter(slug=course)
            if not roots.exists():
                raise CommandError(f"No live course with the slug {course!r}.")
            pages = pages.filter(
                pk__in=[p.pk for root in roots for p in Page.objects.descendant_of(root, inclusive=True)]
            )
        if not (all or page_ids):
            pages = pages.exclude(pk__in=Narration.objects.filter(status=Narration.Status.READY).values("page_id"))
        per_language, counts = {}, {}
        for page in pages.specific():
            if not isinstance(page, ReadAloudMixin):
                continue
            language = page.locale_id
            if limit is not None and per_language.get(language, 0) >= limit:
                continue
            per_language[language] = per_language.get(language, 0) + 1
            narration = generate_narration(page)
            counts[narration.status] = counts.get(narration.status, 0) + 1
            if narration.status == Narration.Status.FAILED:
                self.stderr.write(f"{page.pk} {page.title}: {narration.error}")
        summary = ", ".join(f"{number} {status}" for status, number in sorted(counts.items()))
        self.stdout.write(f"Narration: {summary or 'nothing to do'}")

    def check_speech(self):
        try:
            version = check_speech()
        except SpeechUnavailable as error:
            self.stderr.write(
                f"Read-aloud: recordings cannot be made on this machine ({error}). Pages will say so and "
                "offer the browser's own voice where it has one. Narration needs the Python packages "
                "espeakng-loader, soundfile and soxr from requirements.txt: run `make setup` again; see README."
            )
            return
        self.stdout.write(f"Read-aloud: espeak-ng {version} (from espeakng-loader) can make the recordings.")
