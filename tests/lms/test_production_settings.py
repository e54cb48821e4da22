"""Production settings refuse to start without their environment and pass Django's deploy checks."""

import os
import subprocess
import sys

from django.conf import settings

ROOT = settings.BASE_DIR


def run_manage(*args, env_extra=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env["DJANGO_SETTINGS_MODULE"] = "lms.settings.production"
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)


def test_production_refuses_to_start_without_environment():
    result = run_manage("check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in result.stderr


def test_production_passes_deploy_checks():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_extra={
            "DJANGO_SECRET_KEY": "x" * 20 + "-a-long-random-production-secret-" + "y" * 20,
            "DJANGO_ALLOWED_HOSTS": "lms.example.org",
            "DATABASE_URL": "sqlite:////tmp/lms-deploy-check.sqlite3",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "x" * 20 + "-a-long-random-production-secret-" + "y" * 20,
    "DJANGO_ALLOWED_HOSTS": "lms.example.org",
    "DATABASE_URL": "sqlite:////tmp/lms-deploy-check.sqlite3",
}
SHOW_LIMIT_SETTINGS = (
    "import redis; from django.conf import settings; "
    "print(settings.CACHES['default']['BACKEND'], settings.ALLAUTH_TRUSTED_PROXY_COUNT)"
)


def test_sign_in_limits_count_in_a_shared_cache_and_trust_the_configured_proxies():
    """Issue #18: no per-process memory cache, and X-Forwarded-For trusted only when configured."""
    env = dict(PRODUCTION_ENV)
    default = run_manage("shell", "-c", SHOW_LIMIT_SETTINGS, env_extra=env)
    assert default.stdout.splitlines()[-1].split() == ["django.core.cache.backends.db.DatabaseCache", "0"]
    env.update({"LMS_REDIS_URL": "redis://127.0.0.1:6379/0", "LMS_TRUSTED_PROXY_COUNT": "1"})
    configured = run_manage("shell", "-c", SHOW_LIMIT_SETTINGS, env_extra=env)
    assert configured.stdout.splitlines()[-1].split() == ["django.core.cache.backends.redis.RedisCache", "1"]
