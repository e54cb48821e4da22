"""Pages with Chinese titles get a readable pinyin slug when the author leaves the slug empty."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.models import LessonPage
from courses.slugs import pinyin_slug


def test_pinyin_slug_groups_syllables_by_word():
    assert pinyin_slug("微信视频通话") == "weixin-shipin-tonghua"
    assert pinyin_slug("第3课：用微信 WiFi 打电话") == "di-3-ke-yong-weixin-wifi-dadianhua"
    assert pinyin_slug("长按电源键开机") == "chang-an-dianyuan-jian-kaiji"  # the project's reading of 长按
    assert pinyin_slug("！？") == ""
    assert len(pinyin_slug("微信视频通话" * 30)) <= 80


@pytest.fixture
def editor_client(client, db):
    # Wagtail's "Moderators" group: authors who may publish ("Editors" may only save drafts).
    editor = get_user_model().objects.create_user(username="lesson-editor", password="x")
    editor.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(editor)
    return client


def lesson_form(client, parent, title, slug=""):
    """The add-lesson form as the browser would send it: every hidden field of the page, plus the content."""
    url = f"/admin/pages/add/courses/lessonpage/{parent.pk}/"
    page = BeautifulSoup(client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content, "html.parser")
    data = {
        field["name"]: field.get("value", "")
        for field in page.select("form#page-edit-form input[type=hidden][name]")
        if not field["name"].startswith("body")
    }
    data.update(
        nested_form_data(
            {
                "title": title,
                "slug": slug,
                "intro": "",
                "estimated_minutes": "10",
                "body": streamfield([("paragraph", rich_text("<p>打开微信，点视频通话。</p>"))]),
                "action-publish": "action-publish",
            }
        )
    )
    return url, data


def test_an_editor_publishes_a_chinese_lesson_with_an_empty_slug(editor_client, phone_course):
    url, data = lesson_form(editor_client, phone_course, "微信视频通话")
    response = editor_client.post(url, data, HTTP_ACCEPT_LANGUAGE="zh-hans")
    # Before: the form came back (status 200) with "This field is required" on the Promote tab.
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").select(".error-message")
    lesson = LessonPage.objects.get(title="微信视频通话")
    assert lesson.live
    assert lesson.slug == "weixin-shipin-tonghua"
    assert lesson.url_path.endswith("/weixin-shipin-tonghua/")
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    # Wagtail's own message, from its zh_Hans catalogue: 页面'微信视频通话'已创建并发布。
    assert any("微信视频通话" in message and "已创建并发布" in message for message in messages), messages
    assert not any("created and published" in message for message in messages)

    # The same title again under the same course: unique among siblings.
    url, data = lesson_form(editor_client, phone_course, "微信视频通话")
    again = editor_client.post(url, data, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert again.status_code == 302, [
        e.text for e in BeautifulSoup(again.content, "html.parser").select(".error-message")
    ]
    slugs = set(LessonPage.objects.filter(title="微信视频通话").values_list("slug", flat=True))
    assert slugs == {"weixin-shipin-tonghua", "weixin-shipin-tonghua-2"}


def test_a_failed_publish_says_so_in_chinese(editor_client, phone_course):
    url, data = lesson_form(editor_client, phone_course, "")  # no title: the form comes back
    response = editor_client.post(url, data, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    html = response.content.decode()
    assert "页面没有创建：有些内容需要修改" in html
    assert "转到第一处错误" in html
    assert "The page could not be created" not in html and "Go to the first error" not in html


def test_a_slug_the_author_types_is_kept(editor_client, phone_course):
    url, data = lesson_form(editor_client, phone_course, "微信视频通话", slug="weixin-video")
    assert editor_client.post(url, data, HTTP_ACCEPT_LANGUAGE="zh-hans").status_code == 302
    assert LessonPage.objects.get(title="微信视频通话").slug == "weixin-video"


def test_pages_made_in_code_get_a_pinyin_slug_too(phone_course):
    lesson = LessonPage(title="扫码付款", body=[("paragraph", RichText("<p>扫一扫</p>"))])
    phone_course.add_child(instance=lesson)
    assert lesson.slug == "saoma-fukuan"
