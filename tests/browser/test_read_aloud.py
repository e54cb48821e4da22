"""The read-aloud player in a real Chromium: plays the generated narration and follows along; says so
when the recording could not be made, and then offers the browser's own voice only where it has one."""

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("prefix", "lang"), [("", "zh"), ("/en", "en")])
def test_player_reads_the_lesson_and_highlights_the_paragraph(phone, live_site, prefix, lang):
    phone.goto(f"{live_site}{prefix}/courses/smartphone-basics/")
    phone.locator(".lesson-list a").first.click()
    player = phone.locator("[data-read-aloud]")
    assert player.locator("audio source").count() == 2
    assert player.locator("audio").get_attribute("preload") == "none"
    assert player.get_attribute("data-narration") == "ready"
    play = player.locator("[data-play]")
    # The controls stay hidden until read-aloud.js has started (no player without JavaScript).
    play.wait_for(state="visible", timeout=10000)
    player.scroll_into_view_if_needed()
    screenshot(phone, f"{lang}-read-aloud-ready")
    box = play.bounding_box()
    assert box["height"] >= 48 and box["width"] >= 48
    player.locator(".read-aloud-more > summary").click()  # speed and saving are folded under "更多" (More)
    player.locator("[data-rate='1.25']").click()
    play.click()
    phone.wait_for_function("document.querySelector('[data-narration-audio]').currentTime > 1.5", timeout=20000)
    assert phone.evaluate("document.querySelector('[data-narration-audio]').playbackRate") == 1.25
    assert play.get_attribute("aria-pressed") == "true"
    phone.wait_for_selector("[data-say].reading", timeout=10000)
    screenshot(phone, f"{lang}-read-aloud-playing")
    play.click()
    phone.wait_for_function("document.querySelector('[data-play]').getAttribute('aria-pressed') === 'false'")
    assert phone.evaluate("document.querySelector('[data-narration-audio]').paused")


def test_elder_mode_puts_the_player_first(phone, live_site):
    phone.context.add_cookies([{"name": "lms_display", "value": "large.normal.1.0", "url": live_site}])
    phone.goto(f"{live_site}/courses/smartphone-basics/")
    player_top = phone.locator("[data-read-aloud]").bounding_box()["y"]
    # Before the breadcrumb, which comes first in the page's own order.
    assert player_top < phone.locator(".breadcrumb").bounding_box()["y"]
    assert player_top < phone.locator("h1").bounding_box()["y"]
    assert phone.locator("[data-play]").bounding_box()["height"] >= 60
    screenshot(phone, "zh-read-aloud-elder-course")


# In the live site's database: narrate the second lesson of the phone course with the bundled speech
# engine unloadable, as on a machine where it cannot run. Prints the status and the lesson's URL.
FAIL_SECOND_LESSON = """
from accessibility import speech
from accessibility.narration import generate_narration
from courses.models import CoursePage

speech.espeakng_loader.get_library_path = lambda: "/nonexistent/libespeak-ng.so"
course = CoursePage.objects.get(slug="smartphone-basics", locale__language_code="zh-hans")
lesson = course.get_children().live().order_by("path").specific()[1]
print("narration:", generate_narration(lesson).status, lesson.url)
"""

# A browser that has a Mandarin voice (desktop Chrome, many phones' Chrome), recording what it is asked to say.
FAKE_MANDARIN_VOICE = """
(() => {
  const voice = {lang: "zh-CN", name: "Test Mandarin", default: true, localService: true, voiceURI: "test"};
  window.spoken = [];
  const synth = {
    speaking: false, paused: false, pending: false,
    getVoices: () => [voice],
    speak: (u) => { window.spoken.push({text: u.text, lang: u.lang, voice: u.voice && u.voice.name}); },
    cancel: () => {}, pause: () => {}, resume: () => {},
    addEventListener: () => {}, removeEventListener: () => {},
  };
  Object.defineProperty(window, "speechSynthesis", {configurable: true, get: () => synth});
  // The real utterance accepts only the browser's own voice objects.
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
})();
"""


@pytest.fixture(scope="module")
def failed_lesson(live_site, live_manage):
    output = live_manage("shell", "-c", FAIL_SECOND_LESSON)
    status, path = next(line for line in output.splitlines() if line.startswith("narration:")).split()[1:]
    assert status == "failed"
    return live_site + path


def test_failed_recording_is_said_plainly_and_not_put_first_in_elder_mode(phone, live_site, failed_lesson):
    # Headless Chromium has speechSynthesis but no voice at all: nothing may be said about one.
    phone.context.add_cookies([{"name": "lms_display", "value": "large.normal.1.0", "url": live_site}])
    phone.goto(failed_lesson)
    player = phone.locator("[data-read-aloud]")
    assert player.get_attribute("data-narration") == "failed"
    assert player.locator("[data-no-recording]").inner_text() == "这一页的朗读录音没能生成。"
    assert "准备中" not in player.inner_text()
    assert phone.evaluate("speechSynthesis.getVoices().length") == 0
    assert player.locator("[data-browser-voice]").is_hidden()
    assert player.locator("[data-controls]").is_hidden()
    assert player.locator("audio").count() == 0
    # Elder mode puts only a box with a recording first: this one keeps its place after the breadcrumb.
    assert player.bounding_box()["y"] > phone.locator(".breadcrumb").bounding_box()["y"]
    player.scroll_into_view_if_needed()
    screenshot(phone, "zh-read-aloud-failed-elder")


def test_failed_recording_offers_the_browsers_own_voice_where_it_has_one(phone, failed_lesson):
    phone.add_init_script(FAKE_MANDARIN_VOICE)
    phone.goto(failed_lesson)
    player = phone.locator("[data-read-aloud]")
    offer = player.locator("[data-browser-voice]")
    offer.wait_for(state="visible", timeout=10000)
    assert offer.inner_text() == "您可以改用浏览器自带的声音来朗读。"
    assert player.locator("[data-no-recording]").inner_text() == "这一页的朗读录音没能生成。"
    play = player.locator("[data-play]")
    assert play.is_visible() and play.bounding_box()["height"] >= 48
    player.scroll_into_view_if_needed()
    screenshot(phone, "zh-read-aloud-failed-browser-voice")
    play.click()
    first_text = phone.evaluate("document.querySelector('[data-say]').textContent.trim()")
    assert phone.evaluate("window.spoken") == [{"text": first_text, "lang": "zh-CN", "voice": "Test Mandarin"}]
    assert "reading" in phone.locator("[data-say]").first.get_attribute("class")
    assert play.get_attribute("aria-pressed") == "true"


def test_player_stays_in_reach_while_it_reads(phone, live_site):
    """Elder mode at A++: once reading starts the player sticks to the top of the screen (pause in reach)."""
    phone.context.add_cookies([{"name": "lms_display", "value": "xlarge.normal.1.0", "url": live_site}])
    phone.goto(f"{live_site}/courses/smartphone-basics/power-and-charging/")
    play = phone.locator("[data-play]")
    play.wait_for(state="visible", timeout=10000)
    play.click()
    phone.wait_for_function("document.querySelector('[data-narration-audio]').currentTime > 1", timeout=20000)
    phone.evaluate("() => window.scrollTo(0, 2500)")
    phone.wait_for_timeout(300)
    box = play.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 740, f"the pause button is off screen: {box}"
    assert play.get_attribute("aria-pressed") == "true"
    bar = phone.locator("[data-read-aloud]").bounding_box()
    assert bar["height"] <= 120, f"the sticky bar takes {bar['height']}px"
    screenshot(phone, "zh-read-aloud-sticky")
    play.click()
    phone.wait_for_function("document.querySelector('[data-narration-audio]').paused")
    # Paused, it is an ordinary part of the page again and scrolls away with it.
    phone.evaluate("() => window.scrollTo(0, 2500)")
    phone.wait_for_timeout(300)
    box = play.bounding_box()
    assert box["y"] + box["height"] < 0
