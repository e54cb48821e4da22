"""A real server (runserver on 127.0.0.1 with a throwaway SQLite database) and Debian's Chromium.

The browser tests drive the site the way a learner's phone does, so they run against the same
development server `make run` starts, not against Django's test client.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-domain-reliability",
    "--disable-features=AutofillServerCommunication,OptimizationHints,MediaRouter,Translate",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def live_server_info():
    if not Path(CHROMIUM).exists():
        if os.environ.get("LMS_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required (apt-get install chromium) but missing.")
        pytest.skip("Chromium is not installed (apt-get install chromium fonts-noto-cjk).")
    workdir = Path(tempfile.mkdtemp(prefix="lms-browser-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(workdir / "media"),
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    commands = (
        ["migrate", "--no-input", "-v0"],
        ["load_demo_content"],
        # Read-aloud audio for the first course page and lesson, in both languages.
        ["generate_narration", "--course", "smartphone-basics", "--limit", "2"],
    )
    for command in commands:
        subprocess.run(manage + command, env=env, cwd=ROOT, check=True, capture_output=True)
    port = _free_port()
    log_path = workdir / "server.log"
    log = log_path.open("w")
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    for _attempt in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=2)
            break
        except OSError:
            time.sleep(0.2)
    else:
        server.terminate()
        pytest.fail("The development server did not start.")
    yield {"url": base, "log": log_path, "manage": manage, "env": env}
    server.terminate()
    server.wait(timeout=10)
    log.close()
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def live_site(live_server_info):
    return live_server_info["url"]


@pytest.fixture(scope="session")
def live_manage(live_server_info):
    """Run a manage.py command against the live site's database; returns what it printed."""

    def run(*command):
        result = subprocess.run(
            [*live_server_info["manage"], *command],
            env=live_server_info["env"],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        return result.stdout

    return run


@pytest.fixture(scope="session")
def server_log(live_server_info):
    """The development server's console, where SMS codes are "sent" in development."""
    return live_server_info["log"]


@pytest.fixture(scope="session")
def browser(live_site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    """A fresh 360x740 phone-sized browser context."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=1, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


def screenshot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path
