"""The statistics pages and the lesson editor on an administrator's 1280x800 screen, in Chinese.

Checks, on every statistics page: no JavaScript error in the console (``initDateChooser is not
defined`` was thrown on each), the date fields open Wagtail's date picker, the page body does not
scroll sideways; on the overview and the region table axe-core finds no chart without an accessible
name (``svg-img-alt``) and no scrolling region a keyboard cannot reach (``scrollable-region-focusable``).
Screenshots: ``artifacts/screenshots/admin-*.png``.
"""

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 800}, "device_scale_factor": 1, "locale": "zh-CN"}
STATISTICS = ["", "courses/", "regions/", "people/", "groups/", "trends/", "gaps/", "export/learners/"]
AXE_RULES = ["svg-img-alt", "scrollable-region-focusable", "role-img-alt", "aria-allowed-role"]


@pytest.fixture
def admin_page(browser, live_site):
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    page.goto(f"{live_site}/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "admin-demo-2026")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")
    yield page
    context.close()


def collect_errors(page):
    errors = []
    page.on("pageerror", lambda error: errors.append(f"pageerror: {error}"))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("requestfailed", lambda request: errors.append(f"request failed: {request.url}"))
    return errors


def test_statistics_pages_have_no_script_errors_a_date_picker_and_no_sideways_scrolling(admin_page, live_site):
    errors = collect_errors(admin_page)
    for path in STATISTICS:
        admin_page.goto(f"{live_site}/admin/statistics/{path}")
        admin_page.wait_for_load_state("networkidle")
        assert errors == [], (path, errors)
        overflow = admin_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, (path, overflow)
        admin_page.click("#id_start")
        admin_page.wait_for_selector(".xdsoft_datetimepicker", state="visible", timeout=5000)
        admin_page.keyboard.press("Escape")


def test_statistics_overview_and_regions_pass_axe_chart_and_scroll_rules(admin_page, live_site):
    from axe_playwright_python.sync_playwright import Axe

    for path, name in (("", "overview"), ("regions/", "regions"), ("trends/", "trends"), ("gaps/", "gaps")):
        admin_page.goto(f"{live_site}/admin/statistics/{path}")
        admin_page.wait_for_load_state("networkidle")
        options = {"runOnly": {"type": "rule", "values": AXE_RULES}, "resultTypes": ["violations"]}
        violations = Axe().run(admin_page, options=options).response["violations"]
        assert [(v["id"], [node["target"] for node in v["nodes"]]) for v in violations] == [], name
        charts = admin_page.locator("svg[role=img]")
        for index in range(charts.count()):
            label = charts.nth(index).evaluate(
                "svg => (svg.getAttribute('aria-labelledby') || '').split(' ')"
                ".map(id => document.getElementById(id)?.textContent.trim()).join(' ')"
            )
            assert label.strip(), (name, index)
        overflow = admin_page.evaluate("document.body.scrollWidth - document.body.clientWidth")
        assert overflow <= 0, (name, overflow)
        screenshot(admin_page, f"admin-statistics-{name}")


def test_lesson_editor_in_chinese(admin_page, live_site):
    # The admin's own page API finds the demo lesson "和家人视频通话" by its slug.
    found = admin_page.request.get(f"{live_site}/admin/api/main/pages/?slug=video-calls&locale=zh-hans").json()
    admin_page.goto(f"{live_site}/admin/pages/{found['items'][0]['id']}/edit/")
    admin_page.wait_for_load_state("networkidle")
    body = admin_page.locator("body").inner_text()
    for english in ("Go to the first error", "Autosave is paused", "Reading time"):
        assert english not in body
    screenshot(admin_page, "admin-lesson-editor")
    admin_page.locator("[role=tab]").nth(1).click()  # the Promote tab, with the slug field
    screenshot(admin_page, "admin-lesson-editor-promote")
