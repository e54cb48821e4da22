"""A lesson finished offline reaches the LRS exactly once after the network comes back."""

import json

import pytest

from .conftest import screenshot
from .test_offline import controlled_by_service_worker

pytestmark = pytest.mark.browser

PENDING = "window.lmsXapi.pending().then(items => items.length)"


def sign_in(page, live_site):
    page.goto(f"{live_site}/accounts/login/")
    page.fill("#id_login", "learner2@example.com")
    page.fill("#id_password", "learner-demo-2026")
    page.locator("#main form[action*=login] button[type=submit]").first.click()
    page.wait_for_load_state()


def statements(page, **filters):
    query = "&".join(f"{k}={v}" for k, v in filters.items())
    script = (
        "q => fetch('/xapi/statements?' + q, {headers: {'X-Experience-API-Version': '1.0.3'}})"
        ".then(r => r.json()).then(d => d.statements)"
    )
    return page.evaluate(script, query)


def test_lesson_finished_offline_is_recorded_once_after_reconnecting(phone, live_site):
    sign_in(phone, live_site)
    phone.goto(f"{live_site}/courses/smartphone-basics/")
    lesson_url = phone.locator(".lesson-list a").nth(2).get_attribute("href")
    phone.goto(f"{live_site}{lesson_url}")
    controlled_by_service_worker(phone)
    config = json.loads(phone.locator("[data-xapi]").get_attribute("data-xapi"))
    phone.wait_for_function(f"{PENDING}.then(n => n === 0)", timeout=15000)
    opened = statements(phone, verb=config["verbs"]["experienced"]["id"], activity=config["lesson"])
    assert opened, "opening the lesson was recorded"

    phone.context.set_offline(True)
    phone.locator("form[data-mark-done] button").click()
    phone.wait_for_selector("[data-offline-done]:not([hidden])")
    screenshot(phone, "zh-xapi-finished-offline")
    assert phone.evaluate(PENDING) >= 1
    phone.reload()  # still offline: the page comes from the service worker, the queue from IndexedDB
    assert phone.evaluate(PENDING) >= 1

    phone.context.set_offline(False)
    phone.evaluate("window.dispatchEvent(new Event('online'))")
    phone.wait_for_function(f"{PENDING}.then(n => n === 0)", timeout=20000)
    # Delivery is asynchronous: wait until the LRS answers with the statement, then count.
    completed = []
    for _attempt in range(40):
        completed = statements(phone, verb=config["verbs"]["completed"]["id"], activity=config["lesson"])
        if completed:
            break
        phone.wait_for_timeout(250)
    assert len(completed) == 1
    assert completed[0]["context"]["contextActivities"]["parent"][0]["id"] == config["course"]
    phone.evaluate("window.lmsXapi.flush()")  # sending again changes nothing
    assert len(statements(phone, verb=config["verbs"]["completed"]["id"], activity=config["lesson"])) == 1

    phone.goto(f"{live_site}/courses/smartphone-basics/")
    assert phone.locator(".lesson-list li").nth(2).locator(".status-done").count() == 1
    screenshot(phone, "zh-xapi-progress-after-reconnect")


def test_time_on_a_lesson_is_reported_when_the_page_is_hidden(phone, live_site):
    sign_in(phone, live_site)
    phone.goto(f"{live_site}/courses/smartphone-basics/")
    phone.goto(live_site + phone.locator(".lesson-list a").nth(1).get_attribute("href"))
    config = json.loads(phone.locator("[data-xapi]").get_attribute("data-xapi"))
    phone.wait_for_timeout(6000)
    # The phone switches to another app: the page becomes hidden.
    phone.evaluate(
        "Object.defineProperty(document, 'hidden', {value: true, configurable: true});"
        "document.dispatchEvent(new Event('visibilitychange'))"
    )
    phone.wait_for_function(f"{PENDING}.then(n => n === 0)", timeout=15000)
    progressed = []
    for _attempt in range(40):
        progressed = statements(phone, verb=config["verbs"]["progressed"]["id"], activity=config["lesson"])
        if progressed:
            break
        phone.wait_for_timeout(250)
    durations = [float(s["result"]["duration"][2:-1]) for s in progressed]
    assert durations and 5 <= max(durations) < 60
