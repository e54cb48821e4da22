"""A learner's journey on a 360x740 phone screen in both languages, in a real Chromium."""

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.browser


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize(("prefix", "lang"), [("", "zh"), ("/en", "en")])
def test_pages_render_on_a_phone(phone, live_site, prefix, lang):
    phone.goto(f"{live_site}{prefix}/")
    assert phone.locator("h1").count() == 1
    assert phone.locator(".entry-points a").count() == 3
    assert no_horizontal_scroll(phone)
    screenshot(phone, f"{lang}-1-home")

    phone.locator(".site-menu > summary").click()  # on a phone the header's links fold into "菜单" (Menu)
    phone.locator(".site-nav a").first.click()
    assert phone.locator(".course-card").count() == 3
    assert no_horizontal_scroll(phone)
    screenshot(phone, f"{lang}-2-catalogue")

    phone.locator(".filter-box summary").click()
    phone.select_option("#filter-topic", "smart-agriculture")
    phone.locator(".filters button[type=submit]").click()
    assert phone.locator(".course-card").count() == 1
    assert "topic=smart-agriculture" in phone.url

    phone.locator(".course-card a").first.click()
    assert phone.locator(".lesson-list li").count() >= 5
    screenshot(phone, f"{lang}-3-course")

    phone.locator(".lesson-list a").first.click()
    assert phone.locator(".lesson-body").count() == 1
    assert no_horizontal_scroll(phone)
    images = phone.locator(".lesson-body img")
    if images.count():
        assert images.first.get_attribute("alt")
    screenshot(phone, f"{lang}-4-lesson")
    phone.locator(".lesson-done-box").scroll_into_view_if_needed()
    screenshot(phone, f"{lang}-5-lesson-end")


# A learner of its own, so that browser tests run earlier (which join the demo learners to courses) do
# not decide whether there is a course to join.
NEW_LEARNER = """
from django.contrib.auth import get_user_model
get_user_model().objects.filter(username="journey-learner").delete()
get_user_model().objects.create_user(
    username="journey-learner", phone="+8613800000077", phone_verified=True, password="journey-demo-2026"
)
"""


def test_learner_signs_in_joins_and_finishes_a_lesson(phone, live_site, live_manage):
    live_manage("shell", "-c", NEW_LEARNER)
    phone.goto(f"{live_site}/accounts/login/")
    phone.fill("#id_login", "138 0000 0077")
    phone.fill("#id_password", "journey-demo-2026")
    screenshot(phone, "zh-6-sign-in")
    phone.locator("#main form[action*=login] button[type=submit]").first.click()
    phone.wait_for_load_state()
    phone.locator(".site-menu > summary").click()
    assert "退出" in phone.locator(".site-nav").inner_text()

    phone.goto(f"{live_site}/courses/smartphone-basics/")
    phone.locator("form[action*='/join/'] button").click()
    assert "/courses/smartphone-basics/" in phone.url
    first_lesson_url = phone.url
    phone.locator(".lesson-done-box button").click()
    assert phone.url != first_lesson_url  # moved on to lesson 2
    assert phone.locator(".messages .message").count() == 1
    screenshot(phone, "zh-7-after-mark-done")

    phone.goto(f"{live_site}/courses/smartphone-basics/")
    assert phone.locator(".status-done").count() == 1
    assert phone.locator(".progress progress").get_attribute("value") not in (None, "0")
    screenshot(phone, "zh-8-course-progress")

    phone.goto(f"{live_site}/")
    assert phone.locator("#continue-heading").count() == 1
    screenshot(phone, "zh-9-home-continue")

    phone.goto(f"{live_site}/en/courses/smartphone-basics/")
    assert phone.locator(".status-done").count() == 1
    screenshot(phone, "en-8-course-progress")


def test_large_text_mode_on_a_phone(phone, live_site):
    phone.goto(f"{live_site}/courses/smartphone-basics/")
    phone.locator(".display-form button.size-xlarge").click()
    size = phone.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert size >= 30
    assert no_horizontal_scroll(phone)
    screenshot(phone, "zh-10-course-extra-large-text")


def test_sign_up_by_phone_with_sms_code_then_edit_profile(phone, live_site, server_log):
    import re
    import time

    phone.goto(f"{live_site}/accounts/signup/")
    assert phone.locator("#id_phone").get_attribute("inputmode") == "tel"
    phone.fill("#id_display_name", "周大姐")
    phone.fill("#id_phone", "137 0000 1234")
    phone.fill("#id_password1", "rice-paddy-sunrise-7")
    phone.fill("#id_password2", "rice-paddy-sunrise-7")
    screenshot(phone, "zh-11-sign-up")
    phone.locator("#main form[action*=signup] button[type=submit]").click()
    phone.wait_for_load_state()
    assert "/phone/verify/" in phone.url
    screenshot(phone, "zh-12-verify-phone")
    code = None
    for _attempt in range(50):
        found = re.findall(r"SMS to \+8613700001234: .*?(\d{6})", server_log.read_text(encoding="utf-8"))
        if found:
            code = found[-1]
            break
        time.sleep(0.1)
    assert code, "the console SMS sender did not log a code"
    phone.fill("#main input[name=code]", code)
    phone.locator("#main form button[type=submit]").first.click()
    phone.wait_for_load_state()
    assert "/phone/verify/" not in phone.url

    phone.goto(f"{live_site}/accounts/profile/")
    assert phone.locator("#id_display_name").input_value() == "周大姐"
    phone.select_option("#id_province", "420000")
    phone.wait_for_function("document.querySelectorAll('#id_prefecture option').length > 5")
    phone.select_option("#id_prefecture", "429000")
    phone.wait_for_function("document.querySelectorAll('#id_county option').length > 2")
    phone.select_option("#id_county", "429004")
    phone.locator("input[name=area][value=rural]").check()
    assert phone.locator("[data-region-refresh]").is_hidden()
    screenshot(phone, "zh-13-profile")
    phone.locator("#main form button[type=submit]").first.click()
    phone.wait_for_load_state()
    assert phone.locator(".messages .message").count() == 1
    assert phone.locator("#id_county").input_value() == "429004"


def test_my_courses_from_the_menu(phone, live_site):
    """ "My courses" (linked in the menu): joined courses with what is next, the trainer's assignments with
    due dates, and certificates, on one page."""
    phone.goto(f"{live_site}/accounts/login/")
    phone.fill("#id_login", "138 0000 0001")
    phone.fill("#id_password", "learner-demo-2026")
    phone.locator("#main form[action*=login] button[type=submit]").first.click()
    phone.wait_for_load_state()
    phone.goto(f"{live_site}/courses/smartphone-basics/")
    if phone.locator("form[action*='/join/'] button").count():
        phone.locator("form[action*='/join/'] button").click()
        phone.wait_for_load_state()
    phone.locator(".site-menu > summary").click()  # the header's links fold into "菜单" (Menu) on a phone
    phone.locator(".site-nav a", has_text="我的课程").click()
    phone.wait_for_load_state()
    assert phone.url.endswith("/learning/my-courses/")
    assert phone.locator("h1").inner_text().strip() == "我的课程"
    assert phone.locator(".my-course").count() >= 1
    first = phone.locator(".my-course").first
    assert "课" in first.inner_text() and first.locator("a.button").count() == 1  # what is next
    assigned = phone.locator(".assigned-list li")
    assert assigned.count() == 2 and all("截止" in assigned.nth(i).inner_text() for i in range(2))
    assert phone.locator("#certificates-heading").is_visible()
    assert no_horizontal_scroll(phone)
    screenshot(phone, "zh-my-courses-360")
    phone.evaluate("window.scrollTo(0, document.querySelector('#joined-heading').offsetTop - 8)")
    screenshot(phone, "zh-my-courses-360-courses")
