"""On 360x740 phones: a learner asks their trainer for help from a lesson; the trainer sees it (inbox count,
the group list's needs-help count, the group page), records a class with "everyone is here" and prints
login cards again. Screenshots of the group list, the attendance form and a printed card are kept."""

import re

import pytest
from django.utils import timezone

from .conftest import screenshot
from .test_trainer_flow import PHONE, check_page, sign_in

pytestmark = pytest.mark.browser


def test_learner_asks_for_help_and_the_trainer_sees_it(browser, live_site):
    learner_context = browser.new_context(**PHONE, locale="zh-CN")
    trainer_context = browser.new_context(**PHONE, locale="zh-CN")
    learner = learner_context.new_page()
    trainer = trainer_context.new_page()
    try:
        # learner1 (李奶奶) is in the demo trainer's group: the help box is under the lesson.
        sign_in(learner, live_site, "learner1", "learner-demo-2026")
        learner.goto(live_site + "/")
        course_href = learner.locator("a[href*='smartphone-basics']").first.get_attribute("href")
        learner.goto(live_site + course_href)
        lesson_href = learner.locator(
            f"#main a[href^='{course_href}']:not([href='{course_href}'])"
        ).first.get_attribute("href")
        learner.goto(live_site + lesson_href)
        box = learner.locator(".ask-help-box")
        assert box.count() == 1
        box.locator("textarea").fill("视频看不了，怎么办？")
        box.locator("button[type=submit]").click()
        learner.wait_for_load_state()
        assert learner.url.endswith(lesson_href)
        assert "培训员已经收到" in learner.locator(".messages").inner_text()  # the learner sees it was sent
        assert learner.locator(".ask-help-box form").count() == 0  # asked once, no second button
        # (The lesson page itself is checked for sideways scrolling by the layout tests, not here.)
        assert learner.evaluate("document.querySelector('.ask-help-box').getBoundingClientRect().right <= innerWidth")
        learner.locator(".ask-help-box").scroll_into_view_if_needed()
        screenshot(learner, "help-zh-lesson-asked")

        # The trainer: an unread count on the inbox link, a count on the group list, the request on the page.
        sign_in(trainer, live_site, "trainer", "trainer-demo-2026")
        trainer.goto(live_site + "/groups/")
        assert trainer.locator(".site-nav .unread-count").count() == 1
        flag = trainer.locator(".group-list .help-flag").first
        assert re.search(r"\d+ 人需要帮助", flag.inner_text())
        check_page(trainer, "zh-group-list-needs-help", ".group-list")
        trainer.locator(".group-list a").first.click()
        trainer.wait_for_load_state()
        group_url = trainer.url
        assert "视频看不了" in trainer.locator(".help-box").inner_text()
        trainer.goto(live_site + "/groups/inbox/")
        assert "视频看不了" in trainer.locator(".inbox").inner_text()

        # The attendance form: today's date in the date input, and "everyone is here".
        trainer.goto(group_url + "attendance/")
        assert trainer.locator("#id_date").input_value() == timezone.localdate().isoformat()
        check_page(trainer, "zh-attendance", "button[name=all_present]")
        trainer.fill("#id_topic", "视频通话")
        trainer.locator("button[name=all_present]").click()
        trainer.wait_for_load_state()
        assert trainer.url == group_url

        # Login cards printed again for the whole group: new QR codes, no PIN, site, group and contact.
        trainer.goto(group_url + "cards/")
        trainer.locator("#main form button[type=submit]").click()
        trainer.wait_for_load_state()
        assert trainer.locator(".login-card").count() >= 1
        card = trainer.locator(".login-card").first
        assert "青山村数字课堂" in card.inner_text() and live_site in card.inner_text()
        assert card.locator(".card-pin-note").count() == 1 and card.locator(".card-contact").count() == 1
        check_page(trainer, "zh-login-card-again", ".login-card")
    finally:
        learner_context.close()
        trainer_context.close()
