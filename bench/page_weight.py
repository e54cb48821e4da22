"""Page weight and first paint per page type on a slow phone network, against a baseline in the same run.

Run with `make bench` (after bench/run.py), or on its own: `.venv/bin/python bench/page_weight.py`.

It builds a throwaway SQLite database with the demo content, runs collectstatic into a temporary
folder, and starts `manage.py runserver` with the production settings, so pages are gzipped by Django,
static files come hashed and Brotli-compressed from whitenoise, and media come from Django
(LMS_SERVE_MEDIA=1). Debian's Chromium then opens each page type on a 360x740 screen over an emulated
slow 3G line (400 kbit/s each way, 400 ms latency, no cache) and records, from the DevTools protocol,
the bytes each request put on the wire (headers included) by resource type, the number of requests and
the first contentful paint. Only what loads before the reader scrolls is counted; service workers are
blocked, so the offline cache a service worker may fill later is not part of a page's weight.

The baseline is a static page holding nothing but the site's own stylesheet and a heading: its bytes
and first paint are what any page here costs at least on this line, and the ratios say how much more
each page costs, whatever the machine's speed. Bytes hardly vary between runs; paint times do, so each
page is loaded several times and the median is shown.

Budgets for a lesson page (KB = 1000 bytes): HTML, CSS and JavaScript at most 50 KB on the wire; at
most 150 KB with everything a 360 px screen loads first (images included).
"""

import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

WORKDIR = Path(tempfile.mkdtemp(prefix="lms-page-weight-"))
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
        "DATABASE_URL": f"sqlite:///{WORKDIR / 'db.sqlite3'}",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_ROOT": str(WORKDIR / "static"),
        "DJANGO_MEDIA_ROOT": str(WORKDIR / "media"),
        "LMS_SERVE_MEDIA": "1",
    }
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.templatetags.static import static  # noqa: E402
from whitenoise.compress import Compressor  # noqa: E402

KB = 1000
BUDGET_TEXT = 50 * KB  # HTML + CSS + JavaScript, compressed
BUDGET_TOTAL = 150 * KB  # everything a 360 px screen loads before scrolling
REPEAT = 3
VIEWPORT = {"width": 360, "height": 740}
# "Slow 3G": 400 kbit/s down and up, 400 ms added to every request.
SLOW_3G = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 400_000 / 8,
    "uploadThroughput": 400_000 / 8,
    "connectionType": "cellular3g",
}
TYPES = ["document", "stylesheet", "script", "image", "media", "font", "other"]
LABELS = {"document": "HTML", "stylesheet": "CSS", "script": "JS"}
CDP_TYPES = {
    "Document": "document",
    "Stylesheet": "stylesheet",
    "Script": "script",
    "Image": "image",
    "Media": "media",
    "TextTrack": "media",
    "Font": "font",
}
BASELINE_HTML = """<!DOCTYPE html>
<html lang="zh-Hans"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Baseline</title><link rel="stylesheet" href="{css}"></head>
<body><main class="wrap"><h1>数字素养课堂</h1><p>Baseline: the site's stylesheet and nothing else.</p></main></body>
</html>
"""


def build_site():
    call_command("migrate", verbosity=0)
    call_command("load_demo_content", accounts=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    call_command("collectstatic", interactive=False, verbosity=0)
    baseline = Path(os.environ["DJANGO_STATIC_ROOT"]) / "bench" / "baseline.html"
    baseline.parent.mkdir(parents=True, exist_ok=True)
    baseline.write_text(BASELINE_HTML.format(css=static("lms/css/site.css")), encoding="utf-8")
    Compressor(quiet=True).compress(str(baseline))
    return "/static/bench/baseline.html"


def page_urls():
    from courses.models import CoursePage

    course = CoursePage.objects.get(slug="smartphone-basics", locale__language_code="zh-hans")
    lessons = list(course.lessons())
    video_lesson = next(lesson for lesson in lessons if any(b.block_type == "video" for b in lesson.body))
    return [
        ("home", "/"),
        ("catalogue", course.get_parent().url),
        ("course", course.url),
        ("lesson with images", lessons[0].url),
        ("lesson with video", video_lesson.url),
        ("sign-in", "/accounts/login/"),
    ]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server():
    port = free_port()
    log = (WORKDIR / "server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    for _attempt in range(150):
        try:
            fetch(base + "/", timeout=30)
            return server, base
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("The server did not start:\n" + (WORKDIR / "server.log").read_text()[-3000:])


def fetch(url, accept_encoding="identity", timeout=300):
    """GET a URL of the local server; return its headers."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": accept_encoding})  # noqa: S310 (http only)
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        response.read()
        return response.headers


def load(browser, url):
    """Open url on a phone over slow 3G; return bytes by type, request count and first contentful paint."""
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1, locale="zh-CN", service_workers="block")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    requests = {}

    def sent(event):
        url = event["request"]["url"]
        # data: URLs (the video player's own icons) cost nothing on the wire; Chromium asks for
        # /favicon.ico on its own, at a moment of its choosing, so it would only add noise.
        if url.startswith("data:") or url.endswith("/favicon.ico"):
            return
        entry = requests.setdefault(event["requestId"], {"type": "other", "bytes": 0, "done": False})
        if event.get("redirectResponse"):
            entry["bytes"] += event["redirectResponse"].get("encodedDataLength", 0)
            entry["redirects"] = entry.get("redirects", 0) + 1
        entry["type"] = CDP_TYPES.get(event.get("type"), "other")

    def finished(event):
        if event["requestId"] in requests:
            requests[event["requestId"]]["bytes"] += event["encodedDataLength"]
            requests[event["requestId"]]["done"] = True

    cdp.on("Network.requestWillBeSent", sent)
    cdp.on("Network.loadingFinished", finished)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    page.goto(url, wait_until="load", timeout=180_000)
    page.wait_for_load_state("networkidle", timeout=180_000)
    fcp = page.evaluate(
        "() => (performance.getEntriesByType('paint').find(e => e.name === 'first-contentful-paint') || {}).startTime"
    )
    context.close()
    by_type = dict.fromkeys(TYPES, 0)
    for entry in requests.values():
        by_type[entry["type"]] += entry["bytes"]
    unfinished = [entry for entry in requests.values() if not entry["done"]]
    if unfinished:
        print(f"  warning: {len(unfinished)} request(s) of {url} had not finished", file=sys.stderr)
    count = len(requests) + sum(entry.get("redirects", 0) for entry in requests.values())
    return {"bytes": by_type, "requests": count, "fcp": fcp}


def measure(browser, url):
    runs = [load(browser, url) for _ in range(REPEAT)]
    first = runs[0]
    first["fcp"] = statistics.median(run["fcp"] for run in runs if run["fcp"] is not None)
    return first


def kb(n):
    return f"{n / KB:.1f}"


def main():
    try:
        return run()
    finally:
        shutil.rmtree(WORKDIR, ignore_errors=True)


def run():
    print(f"Building a throwaway site in {WORKDIR} ...", flush=True)
    baseline_path = build_site()
    pages = page_urls()
    server, base = start_server()
    try:
        for _name, path in pages:
            fetch(base + path)  # renders every image rendition once, before anything is timed
        css_url = base + static("lms/css/site.css")
        css = fetch(css_url, "br, gzip")
        html = fetch(base + dict(pages)["lesson with images"], "br, gzip")
        print(
            f"Serving check: {static('lms/css/site.css')}: Content-Encoding {css.get('Content-Encoding')}, "
            f"Cache-Control {css.get('Cache-Control')}; gzip-only client gets "
            f"{fetch(css_url, 'gzip').get('Content-Encoding')}; lesson HTML: Content-Encoding "
            f"{html.get('Content-Encoding')}"
        )

        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            baseline = measure(browser, base + baseline_path)
            results = [(name, measure(browser, base + path)) for name, path in pages]
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)

    print(
        f"\nPage weight on a 360x740 screen over slow 3G (400 kbit/s, 400 ms), before scrolling; "
        f"KB = 1000 bytes on the wire; first contentful paint is the median of {REPEAT} loads."
    )
    header = f"{'page':<20}" + "".join(f"{LABELS.get(t, t):>8}" for t in TYPES)
    header += f"{'total':>8}{'x base':>8}{'reqs':>6}{'FCP ms':>8}{'x base':>8}"
    print(header)
    print("-" * len(header))
    base_total = sum(baseline["bytes"].values())
    for name, result in [("baseline: CSS only", baseline), *results]:
        total = sum(result["bytes"].values())
        row = f"{name:<20}" + "".join(f"{kb(result['bytes'][t]):>8}" for t in TYPES)
        row += f"{kb(total):>8}{total / base_total:>8.1f}{result['requests']:>6}"
        row += f"{result['fcp']:>8.0f}{result['fcp'] / baseline['fcp']:>8.2f}"
        print(row)

    print("\nBudget for a lesson page (HTML+CSS+JS <= 50 KB; all first-screen bytes <= 150 KB):")
    failed = False
    for name, result in results:
        if not name.startswith("lesson"):
            continue
        text = sum(result["bytes"][t] for t in ("document", "stylesheet", "script"))
        total = sum(result["bytes"].values())
        ok_text, ok_total = text <= BUDGET_TEXT, total <= BUDGET_TOTAL
        failed = failed or not (ok_text and ok_total)
        print(
            f"  {name:<20} HTML+CSS+JS {kb(text)} KB {'PASS' if ok_text else 'FAIL'}; "
            f"total {kb(total)} KB {'PASS' if ok_total else 'FAIL'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
