"""Byte budgets of the pages learners open most, as a 360x740 phone loads them before scrolling.

Bytes are behaviour, not timing, so they are tested here; times are for `make bench`
(bench/page_weight.py). The development server sends static files uncompressed, so HTML, CSS and
JavaScript are gzipped here at level 6, as Django's GZipMiddleware does for HTML; whitenoise sends
static files as Brotli or level-9 gzip, which are smaller, so this is an upper bound. Images count
with their real size: only those the page actually requested before any scrolling.
"""

import gzip

import pytest

pytestmark = pytest.mark.browser

KB = 1000
TEXT_BUDGET = 50 * KB  # HTML + CSS + JavaScript, compressed
FIRST_SCREEN_BUDGET = 150 * KB  # everything a 360 px screen loads before scrolling
TEXT_TYPES = {"document", "stylesheet", "script"}
COURSE = "/courses/smartphone-basics/"
VIDEO_LESSON = "/courses/smartphone-basics/video-calls/"


def first_screen(browser, url):
    """Load url on a 360x740 phone; return its weight in bytes by kind, the image URLs it fetched and its images."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=1, locale="zh-CN", service_workers="block"
    )
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, timeout=120_000)
    page.wait_for_load_state("networkidle", timeout=120_000)
    weight = {"text": 0, "images": 0, "other": 0}
    image_urls = []
    for response in responses:
        # data: URLs cost nothing; Chromium fetches /favicon.ico on its own, not for the page.
        if response.url.startswith("data:") or response.url.endswith("/favicon.ico") or 300 <= response.status < 400:
            continue
        body = response.body()
        kind = response.request.resource_type
        if kind in TEXT_TYPES:
            weight["text"] += len(gzip.compress(body, compresslevel=6))
        elif kind == "image":
            weight["images"] += len(body)
            image_urls.append(response.url)
        else:
            weight["other"] += len(body)
    images = page.evaluate(
        """() => [...document.images].map(img => ({
            top: img.getBoundingClientRect().top + window.scrollY,
            loading: img.getAttribute("loading"),
            fetchpriority: img.getAttribute("fetchpriority"),
            alt: img.getAttribute("alt"),
            src: img.currentSrc,
            inLesson: !!img.closest(".lesson-body"),
        }))"""
    )
    html = page.content()
    context.close()
    return {"weight": weight, "image_urls": image_urls, "images": images, "html": html}


def first_lesson_url(browser, live_site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(live_site + COURSE)
    href = page.locator(".lesson-list a").first.get_attribute("href")
    context.close()
    return href


@pytest.mark.parametrize("which", ["first lesson", "video lesson", "catalogue"])
def test_pages_stay_within_the_byte_budget(browser, live_site, which):
    path = {"video lesson": VIDEO_LESSON, "catalogue": "/courses/"}.get(which) or first_lesson_url(browser, live_site)
    loaded = first_screen(browser, live_site + path)
    weight = loaded["weight"]
    if which == "video lesson":
        assert "<video" in loaded["html"], f"{VIDEO_LESSON} should be the demo lesson with a video"
    if which == "first lesson":
        assert loaded["image_urls"], "the first lesson should show an image on the first screen"
    # Images on a 360 px screen are the 360 px renditions in a modern format, never the PNG fallback.
    for url in loaded["image_urls"]:
        assert url.endswith((".avif", ".webp")), url
        assert "-720" not in url.rsplit("/", 1)[-1], url
    assert weight["text"] <= TEXT_BUDGET, f"{which}: HTML+CSS+JS {weight['text']} bytes compressed"
    total = sum(weight.values())
    assert total <= FIRST_SCREEN_BUDGET, f"{which}: {total} bytes on the first screen ({weight})"


@pytest.mark.parametrize("which", ["first lesson", "catalogue", "course"])
def test_images_below_the_fold_wait_until_needed(browser, live_site, which):
    path = {"catalogue": "/courses/", "course": COURSE}.get(which) or first_lesson_url(browser, live_site)
    images = first_screen(browser, live_site + path)["images"]
    assert images
    eager = [img for img in images if img["loading"] != "lazy"]
    if which == "first lesson":
        # The lesson's first picture opens the lesson: fetched at once, ahead of everything else. How far
        # down it starts depends on what comes before it (the read-aloud player, messages), so it may
        # start a little below the first screen, but never further than half a screen.
        first = next(img for img in images if img["inLesson"])
        assert eager == [first] and first["fetchpriority"] == "high" and first["alt"], first
        assert first["top"] < 740 * 1.5, first
    else:
        assert not eager, eager
    below = [img for img in images if img["top"] >= 740 and img not in eager]
    assert below, "these pages have images further down"
    for img in below:
        assert img["loading"] == "lazy" and img["fetchpriority"] != "high", img
