"""The Chinese catalogue is complete: no untranslated and no fuzzy entries, and it is compiled."""

import json
import re
from pathlib import Path

import polib
from django.conf import settings
from django.utils import translation

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def test_chinese_catalogue_is_complete():
    catalogue = polib.pofile(str(CATALOGUE))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not untranslated, f"untranslated: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:10]}"
    assert len(catalogue) > 150


def test_placeholders_survive_translation():
    for entry in polib.pofile(str(CATALOGUE)).translated_entries():
        for placeholder in ("%(", "{{"):
            assert entry.msgid.count(placeholder) == entry.msgstr.count(placeholder) or entry.msgid_plural, entry.msgid


def test_catalogue_is_compiled_and_used():
    assert CATALOGUE.with_suffix(".mo").exists()
    with translation.override("zh-hans"):
        assert translation.gettext("Mark as done") != "Mark as done"


# Words Wagtail's admin also uses; the project's own meanings carry a msgctxt (pgettext), so a bare
# entry here would replace Wagtail's translation in its admin ("Pages" read 翻页 in the menu).
WAGTAIL_WORDS = ["Pages", "Level", "Task", "Group", "group", "From", "To", "Time", "Text", "Caption", "Next", "active"]


def test_no_bare_entry_overrides_a_word_wagtail_translates_differently():
    bare = {entry.msgid for entry in polib.pofile(str(CATALOGUE)) if entry.msgctxt is None}
    assert not bare & set(WAGTAIL_WORDS)
    with translation.override("zh-hans"):
        assert translation.gettext("Pages") == "页面"  # Wagtail's own word, not the project's 翻页
        assert translation.pgettext("pagination", "Pages") == "翻页"
        assert translation.pgettext("heading", "Level") == "标题级别"
        assert translation.pgettext("course difficulty", "Level") == "难度"


def test_admin_menu_and_lesson_editor_read_wagtails_words_in_chinese(admin_client, phone_course):
    from courses.models import LessonPage

    menu = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    # The sidebar is rendered from JSON props; Wagtail's "Pages" menu item is 页面, not 翻页.
    assert re.search(r'"label": ?"(页面|\\u9875\\u9762)"', menu)
    assert "翻页" not in menu and json.dumps("翻页")[1:-1] not in menu

    lesson = LessonPage.objects.child_of(phone_course).first()
    editor = admin_client.get(f"/admin/pages/{lesson.pk}/edit/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    # The heading block's level, in the block definitions (JSON, possibly with \u escapes).
    assert "标题级别" in editor or json.dumps("标题级别")[1:-1] in editor
    assert "难度" not in editor and json.dumps("难度")[1:-1] not in editor
    for english in ("Content metrics", "Reading time", "Autosave is paused", "Toggle checks"):
        assert english not in editor, english


def chinese_entries():
    for entry in polib.pofile(str(CATALOGUE)).translated_entries():
        yield entry, entry.msgstr or "".join(entry.msgstr_plural.values())


def test_learners_are_addressed_as_nin_and_codes_sent_by_sms_are_yanzhengma():
    # 你 nowhere (not even 你们: no string needs it); 代码 only for the administrative division code.
    assert [entry.msgid for entry, text in chinese_entries() if "你" in text] == []
    assert [entry.msgid for entry, text in chinese_entries() if "代码" in text.replace("区划代码", "")] == []
    # allauth's strings about the code sent by SMS, which the project words again (lms/third_party_translations.py).
    reworded = (Path(settings.BASE_DIR) / "lms" / "third_party_translations.py").read_text(encoding="utf-8")
    sms = [
        entry
        for entry, _text in chinese_entries()
        if "code" in entry.msgid.lower()
        and "country code" not in entry.msgid
        and f'gettext_noop("{entry.msgid}")' in reworded
    ]
    assert len(sms) >= 10 and all("验证码" in entry.msgstr for entry in sms)
    with translation.override("zh-hans"):
        assert "验证码" in translation.gettext("Incorrect code.")  # allauth's own says 错误代码。


def test_chinese_strings_use_chinese_punctuation():
    ascii_next_to_hanzi = re.compile(r"[\u4e00-\u9fff][,;:?!(]|[,;:?!)][\u4e00-\u9fff]|[\u4e00-\u9fff]\.$")
    assert [text for _entry, text in chinese_entries() if ascii_next_to_hanzi.search(text)] == []
