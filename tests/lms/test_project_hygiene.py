"""Migrations are committed, ruff is clean, and the admin speaks Chinese to authors."""

import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command


@pytest.mark.django_db
def test_no_missing_migrations():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_ruff_is_clean():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "."], cwd=settings.BASE_DIR, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


@pytest.mark.django_db
def test_admin_editor_shows_chinese_help_texts(admin_client):
    from courses.models import CoursePage

    course = CoursePage.objects.filter(locale__language_code="zh-hans").first()
    html = admin_client.get(f"/admin/pages/{course.pk}/edit/").content.decode()
    assert "每行写一条。" in html  # "One item per line."
    assert "只给培训老师看，学员看不到。" in html  # "Shown to trainers only, never to learners."
