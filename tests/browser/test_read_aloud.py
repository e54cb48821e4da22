"""The read-aloud player in a real Chromium: plays the generated narration and follows along."""

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
    play = player.locator("[data-play]")
    # The controls stay hidden until read-aloud.js has started (no player without JavaScript).
    play.wait_for(state="visible", timeout=10000)
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
    heading_top = phone.locator("h1").bounding_box()["y"]
    assert player_top < heading_top
    assert phone.locator("[data-play]").bounding_box()["height"] >= 60
    screenshot(phone, "zh-read-aloud-elder-course")


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
