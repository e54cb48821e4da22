"""A community trainer's class on 360x740 phones: group, PIN account, assignment, login card, progress.

Two phones: the trainer's and the learner's. The learner has no e-mail or phone number; they sign in
with the login card's QR link, later with the user name and PIN, see the assignment first on their
home page and finish a lesson; the trainer's group page then shows their progress.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from .conftest import screenshot
from .test_accessibility import axe_violations

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 1}


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def check_page(page, name, focus):
    """Fits a 360 px screen, passes axe-core, and is kept as screenshots (top, and at ``focus``) to look at."""
    assert no_horizontal_scroll(page), f"{name} scrolls sideways"
    screenshot(page, f"trainer-{name}")
    page.locator(focus).first.scroll_into_view_if_needed()
    screenshot(page, f"trainer-{name}-detail")
    problems = axe_violations(page, "normal")
    assert not problems, f"{name}:\n" + "\n".join(problems)


def sign_in(page, site, login, password, prefix=""):
    page.goto(f"{site}{prefix}/accounts/login/")
    page.fill("#id_login", login)
    page.fill("#id_password", password)
    page.locator("#main form[action*=login] button[type=submit]").first.click()
    page.wait_for_load_state()


def test_trainer_runs_a_class_and_sees_a_pin_learner_progress(browser, live_site):
    trainer_context = browser.new_context(**PHONE, locale="zh-CN")
    learner_context = browser.new_context(**PHONE, locale="zh-CN")
    trainer = trainer_context.new_page()
    learner = learner_context.new_page()
    try:
        sign_in(trainer, live_site, "trainer", "trainer-demo-2026")
        trainer.locator(".site-menu > summary").click()
        trainer.locator(".site-nav a[href='/groups/']").click()
        trainer.locator("a[href='/groups/new/']").click()
        trainer.fill("#id_name", "石桥村手机课")
        trainer.fill("#id_place", "石桥村")
        trainer.locator("#main form button[type=submit]").first.click()
        trainer.wait_for_load_state()
        group_url = trainer.url
        assert re.search(r"/groups/\d+/$", group_url)
        assert trainer.locator("h1").inner_text() == "石桥村手机课"

        # A learner without e-mail or phone: an account made on the spot, and a login card.
        trainer.locator("a[href$='/learners/add/']").click()
        trainer.fill("#id_new-display_name", "钱阿姨")
        trainer.locator("form:has(input[value=new]) button[type=submit]").click()
        trainer.wait_for_load_state()
        assert trainer.locator(".login-card").count() == 1
        username = trainer.locator(".login-card dd.card-secret").nth(0).inner_text()
        pin = trainer.locator(".login-card dd.card-secret").nth(1).inner_text()
        assert re.fullmatch(r"\d{6}", pin) and username.startswith("qianay")
        link = trainer.locator(".login-card figure").get_attribute("data-sign-in-url")
        assert trainer.locator(".login-card svg.qr").count() == 1
        check_page(trainer, "zh-login-card", ".login-card")

        # Assign a course with a due date.
        trainer.goto(group_url)
        trainer.locator("a[href$='/assign/']").first.click()
        trainer.locator("label:has-text('智能手机入门') input").check()
        trainer.locator("#main form button[type=submit]").click()
        due = timezone.localdate() + timedelta(days=7)
        trainer.fill("#id_due_date", due.isoformat())
        trainer.fill("#id_message", "下周上课前学完第一课")
        trainer.locator("#main form button[type=submit]").click()
        trainer.wait_for_load_state()
        assert trainer.url == group_url
        assert trainer.locator(".progress-grid .cell-not_started").count() == 1

        # The learner scans the card's QR code: signed in at once, the assignment comes first.
        learner.goto(link)
        learner.wait_for_load_state()
        assert learner.locator("#assigned-heading").count() == 1
        assigned = learner.locator(".assigned-list li").first
        assert "智能手机入门" in assigned.inner_text() and "王老师" in assigned.inner_text()
        assert f"{due.year}" in assigned.inner_text()
        screenshot(learner, "trainer-zh-learner-home-assigned")
        # The link was used up.
        other = browser.new_context(**PHONE).new_page()
        other.goto(link)
        assert other.locator("h1").count() == 1 and "/groups/sign-in/" in other.url
        other.context.close()

        # The learner finishes the first lesson.
        assigned.locator("a").first.click()
        learner.locator("form[action*='/join/'] button").click()
        learner.locator(".lesson-done-box button").click()
        learner.wait_for_load_state()
        assert learner.locator(".messages .message").count() == 1

        # The trainer sees the progress.
        trainer.goto(group_url)
        cell = trainer.locator(".progress-grid .cell-in_progress")
        assert cell.count() == 1 and "%" in cell.inner_text()
        check_page(trainer, "zh-group-page", ".grid-scroll")
        trainer.locator(".progress-grid tbody th a").first.click()
        learner_page = trainer.url
        assert trainer.locator("h1").inner_text() == "钱阿姨"
        assert trainer.locator("#courses-heading ~ ul li").count() >= 1
        check_page(trainer, "zh-learner-page", "#assigned-heading")

        # The same pages in English; a new PIN and card from the learner page.
        trainer.goto(group_url.replace(live_site, live_site + "/en"))
        assert trainer.locator("html").get_attribute("lang") == "en"
        check_page(trainer, "en-group-page", ".grid-scroll")
        trainer.goto(learner_page.replace(live_site, live_site + "/en"))
        check_page(trainer, "en-learner-page", "#assigned-heading")
        trainer.locator("form[action$='/reset-pin/'] button").click()
        trainer.wait_for_load_state()
        new_pin = trainer.locator(".login-card dd.card-secret").nth(1).inner_text()
        check_page(trainer, "en-login-card", ".login-card")

        # Signing in with the user name and the new PIN, on another phone.
        second = browser.new_context(**PHONE, locale="en-GB").new_page()
        sign_in(second, live_site, username, new_pin, prefix="/en")
        second.goto(f"{live_site}/en/")
        assert second.locator("#assigned-heading").count() == 1
        assert "Smartphone" in second.locator(".assigned-list").inner_text()
        screenshot(second, "trainer-en-learner-home-assigned")
        second.context.close()
    finally:
        trainer_context.close()
        learner_context.close()
