"""Saving a course on a phone, then reading it with the network off, in a real Chromium."""

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.browser

COURSE = "/courses/smartphone-basics/"


def controlled_by_service_worker(page):
    """Wait until the service worker is active, then reload so that it controls the page."""
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")


def cache_names(page):
    return page.evaluate("caches.keys()")


def test_save_a_course_and_read_it_offline(phone, live_site):
    phone.goto(f"{live_site}{COURSE}")
    controlled_by_service_worker(phone)
    block = phone.locator(".offline-save")
    block.wait_for(state="visible")
    cache = f"course-{block.get_attribute('data-course-id')}"
    save = block.locator("[data-offline-save]")
    assert save.inner_text() == "保存这门课，没网也能看"
    assert block.locator("[data-offline-remove]").is_hidden()
    lessons = phone.locator(".lesson-list a")
    lesson_urls = [lessons.nth(i).get_attribute("href") for i in range(lessons.count())]
    video_lesson = next(url for url in lesson_urls if "video-calls" in url)  # pictures, a video and captions

    save.click()
    phone.wait_for_selector(".offline-save[data-state=saved]", timeout=120_000)
    assert "保存到手机" in block.locator("[data-offline-status]").inner_text()
    assert block.locator("[data-offline-remove]").is_visible()
    assert cache in cache_names(phone)
    saved = phone.evaluate(f"caches.open('{cache}').then(c => c.keys()).then(k => k.map(r => new URL(r.url).pathname))")
    assert set(lesson_urls) <= set(saved)
    listed = phone.evaluate("url => fetch(url).then(r => r.json())", block.get_attribute("data-files-url"))
    required = {f["url"] for f in listed["files"] if not f["alternative"]}
    assert required <= set(saved)
    alternatives = {f["url"] for f in listed["files"] if f["alternative"]}
    if any(group["element"] == "picture" for group in listed["alternatives"]):
        # Chromium reads AVIF, so the WebP and PNG copies of the pictures stay on the server.
        assert any(url.endswith(".avif") for url in alternatives & set(saved))
        assert not any(url.endswith((".png", ".webp")) for url in alternatives & set(saved))
    if any(group["element"] == "audio" for group in listed["alternatives"]):
        # Recordings offered as Opus and MP3: Chromium plays Opus, so only that one is stored.
        assert not any(url.endswith(".mp3") for url in alternatives & set(saved))
    block.scroll_into_view_if_needed()
    screenshot(phone, "zh-offline-1-saved")

    context = phone.context
    context.set_offline(True)
    try:
        # A lesson never opened before comes from the saved copy, with its pictures and video.
        phone.goto(f"{live_site}{video_lesson}")
        assert phone.locator(".lesson-body").count() == 1
        assert phone.locator("h1").count() == 1 and "没有联网" not in phone.locator("h1").inner_text()
        phone.wait_for_function("(i => i.complete && i.naturalWidth > 0)(document.querySelector('.lesson-body img'))")
        video = phone.locator(".lesson-body video source").get_attribute("src")
        ranged = phone.evaluate(
            """src => fetch(src, {headers: {Range: "bytes=0-99"}})
                .then(r => r.arrayBuffer().then(b => [r.status, b.byteLength]))""",
            video,
        )
        assert ranged == [206, 100]  # the video player's byte ranges are answered from the phone
        screenshot(phone, "zh-offline-2-lesson")

        # A page neither visited nor saved: the offline page, listing the saved course.
        phone.goto(f"{live_site}/courses/livestream-selling/")
        assert phone.locator("h1").inner_text() == "您现在没有联网"
        phone.locator("[data-saved-courses]").wait_for(state="visible")
        assert phone.locator(f"[data-saved-courses] a[href='{COURSE}']").count() == 1
        assert phone.locator("[data-offline-retry]").is_visible()
        screenshot(phone, "zh-offline-3-offline-page")

        phone.goto(f"{live_site}/en/courses/livestream-selling/")
        assert phone.locator("h1").inner_text() == "You are offline"
        assert phone.locator("html").get_attribute("lang") == "en"
        screenshot(phone, "en-offline-4-offline-page")
    finally:
        context.set_offline(False)

    phone.goto(f"{live_site}{COURSE}")
    phone.wait_for_selector(".offline-save[data-state=saved]")
    assert block.locator("[data-offline-save]").inner_text() == "更新手机上保存的课程"
    block.locator("[data-offline-remove]").click()
    phone.wait_for_selector(".offline-save[data-state=idle]")
    assert cache not in cache_names(phone)
    assert block.locator("[data-offline-status]").inner_text() == "已从手机上删除保存的课程。"
    block.scroll_into_view_if_needed()
    screenshot(phone, "zh-offline-5-removed")


def test_saving_refuses_when_the_phone_is_nearly_full(phone, live_site):
    phone.add_init_script(
        "navigator.storage.estimate = () => Promise.resolve({quota: 50 * 1024 * 1024, usage: 49.5 * 1024 * 1024});"
    )
    phone.goto(f"{live_site}{COURSE}")
    block = phone.locator(".offline-save")
    block.wait_for(state="visible")
    block.locator("[data-offline-save]").click()
    status = block.locator("[data-offline-status]")
    phone.wait_for_function("document.querySelector('[data-offline-status]').textContent.includes('空间不够')")
    assert "0.5 MB" in status.inner_text()  # what is free, in plain numbers
    assert block.get_attribute("data-state") == "idle"
    assert not any(name.startswith("course-") for name in cache_names(phone))
    block.scroll_into_view_if_needed()
    screenshot(phone, "zh-offline-6-no-space")
