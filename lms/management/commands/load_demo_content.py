"""Load the demo curriculum, its media and the demo accounts. Safe to run again: it only adds what is missing."""

import json
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files import File
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, Locale, Page, Site

from accessibility.signals import narration_on_publish_paused
from assessments.demo import load_demo_assessments
from courses.demo.illustrations import describe
from courses.models import Audience, CourseIndexPage, CoursePage, HomePage, LessonPage, Topic
from lms.sanitize import clean_html

DEMO_DIR = Path(__file__).resolve().parents[3] / "courses" / "demo"
CONTENT_DIR = DEMO_DIR / "content"
MEDIA_DIR = DEMO_DIR / "media"
LANGUAGES = {"zh": "zh-hans", "en": "en"}

SITE_TEXT = {
    "zh": {
        "home_title": "数字素养课堂",
        "home_intro": "免费学用手机、学种地新技术、学直播卖农产品。一步一步教，字大，能听。",
        "index_title": "全部课程",
        "index_intro": "选一个主题，挑一门适合您的课。每门课都可以免费学。",
    },
    "en": {
        "home_title": "Digital Literacy Classroom",
        "home_intro": "Free lessons on using a smartphone, new farming technology and selling produce by livestream. "
        "Step by step, in large type, and you can listen too.",
        "index_title": "All courses",
        "index_intro": "Pick a topic and choose a course that suits you. Every course is free.",
    },
}
TOPICS = [
    (
        "phone-skills",
        "手机技能",
        "Phone skills",
        "打电话、发语音、视频、扫码、付款、防诈骗",
        "Calls, voice messages, video, QR codes, paying, avoiding scams",
    ),
    (
        "smart-agriculture",
        "智慧农业",
        "Smart farming",
        "天气、市场价格、传感器、无人机",
        "Weather, market prices, sensors, drones",
    ),
    (
        "livestream-selling",
        "直播电商",
        "Livestream selling",
        "开直播，把家乡的好东西卖出去",
        "Go live and sell your home-grown produce",
    ),
]
AUDIENCES = [
    ("farmers", "农民朋友", "Farmers"),
    ("elderly", "老年人", "Older people"),
    ("students", "学生", "Students"),
    ("everyone", "所有人", "Everyone"),
]
DEMO_PASSWORDS = {
    "admin": "admin-demo-2026",
    "trainer": "trainer-demo-2026",
    "learner1": "learner-demo-2026",
    "learner2": "learner-demo-2026",
}


class Command(BaseCommand):
    help = "Create the demo courses (Chinese and English), their media and the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--accounts",
            action="store_true",
            help="Also create the demo accounts when DEBUG is off (they are always created in development).",
        )

    def handle(self, *args, **options):
        loader = DemoLoader(self.stdout)
        with narration_on_publish_paused(), transaction.atomic():
            loader.load_content()
        self.stdout.write(f"Demo content: {loader.created} new object(s).")
        if settings.DEBUG or options["accounts"]:
            loader.load_accounts()


class DemoLoader:
    """Creates each demo object unless one with the same identity already exists."""

    def __init__(self, stdout):
        self.stdout = stdout
        self.created = 0
        self.locales = {}
        self.images = {}
        self.documents = {}

    # Content -----------------------------------------------------------------------------------
    def load_content(self):
        self.locales = {short: Locale.objects.get_or_create(language_code=code)[0] for short, code in LANGUAGES.items()}
        self.collection = self._collection()
        topics = self._snippets(Topic, [(s, zh, en, {"summary": (szh, sen)}) for s, zh, en, szh, sen in TOPICS])
        audiences = self._snippets(Audience, [(s, zh, en, {}) for s, zh, en in AUDIENCES])
        homes = self._home_pages()
        indexes = {
            lang: self._child_page(
                homes[lang],
                CourseIndexPage,
                "courses",
                lang,
                homes["zh"] if lang == "en" else None,
                title=SITE_TEXT[lang]["index_title"],
                intro=SITE_TEXT[lang]["index_intro"],
            )
            for lang in ("zh", "en")
        }
        media_texts = json.loads((CONTENT_DIR / "media_texts.json").read_text(encoding="utf-8"))
        for path in sorted(CONTENT_DIR.glob("*.json")):
            if path.name == "media_texts.json":
                continue
            self._course(json.loads(path.read_text(encoding="utf-8")), indexes, topics, audiences, media_texts)
        # Quizzes in the lessons and a final test per course.
        load_demo_assessments(self, CONTENT_DIR)

    def _collection(self):
        root = Collection.get_first_root_node()
        existing = root.get_children().filter(name="Demo content").first()
        if existing:
            return existing
        self.created += 1
        return root.add_child(name="Demo content")

    def _snippets(self, model, rows):
        by_slug = {}
        for slug, name_zh, name_en, extra in rows:
            zh = model.objects.filter(slug=slug, locale=self.locales["zh"]).first()
            if zh is None:
                zh = model.objects.create(
                    slug=slug,
                    name=name_zh,
                    locale=self.locales["zh"],
                    sort_order=len(by_slug),
                    **{k: v[0] for k, v in extra.items()},
                )
                self.created += 1
            if not model.objects.filter(translation_key=zh.translation_key, locale=self.locales["en"]).exists():
                model.objects.create(
                    slug=slug,
                    name=name_en,
                    locale=self.locales["en"],
                    translation_key=zh.translation_key,
                    sort_order=zh.sort_order,
                    **{k: v[1] for k, v in extra.items()},
                )
                self.created += 1
            by_slug[slug] = zh
        return by_slug

    def _home_pages(self):
        site = Site.objects.get(is_default_site=True)
        zh = HomePage.objects.filter(locale=self.locales["zh"]).first()
        if zh is None:
            root = Page.get_first_root_node()
            zh = HomePage(
                title=SITE_TEXT["zh"]["home_title"],
                slug="digital-literacy",
                intro=SITE_TEXT["zh"]["home_intro"],
                locale=self.locales["zh"],
            )
            root.add_child(instance=zh)
            zh.save_revision().publish()
            previous_root = site.root_page
            site.root_page = zh
            site.site_name = SITE_TEXT["zh"]["home_title"]
            site.save()
            if previous_root.specific_class is Page and previous_root.depth == 2:
                previous_root.delete()  # Wagtail's "Welcome" placeholder page
            self.created += 1
        en = self._translation(
            zh,
            HomePage,
            Page.get_first_root_node(),
            "en",
            slug="digital-literacy-en",
            title=SITE_TEXT["en"]["home_title"],
            intro=SITE_TEXT["en"]["home_intro"],
        )
        return {"zh": zh, "en": en}

    def _translation(self, source, page_class, parent, lang, **fields):
        existing = page_class.objects.filter(translation_key=source.translation_key, locale=self.locales[lang]).first()
        if existing:
            return existing
        page = page_class(locale=self.locales[lang], translation_key=source.translation_key, **fields)
        return self._add(parent, page)

    def _add(self, parent, page):
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created += 1
        return page

    def _child_page(self, parent, page_class, slug, lang, source_parent, **fields):
        """The page with ``slug`` under ``parent``; English pages are translations of the Chinese ones."""
        if lang == "zh":
            existing = parent.get_children().filter(slug=slug).first()
            if existing:
                return existing.specific
            return self._add(parent, page_class(slug=slug, locale=self.locales["zh"], **fields))
        source = source_parent.get_children().filter(slug=slug).first().specific
        return self._translation(source, page_class, parent, lang, slug=slug, **fields)

    def _image(self, key, lang, extension="png", folder="img"):
        cache_key = (key, lang, extension)
        if cache_key not in self.images:
            title = f"{key} ({lang})"
            image = Image.objects.filter(title=title, collection=self.collection).first()
            if image is None:
                path = MEDIA_DIR / folder / f"{key}.{lang}.{extension}"
                with path.open("rb") as handle:
                    image = Image(title=title, collection=self.collection)
                    image.file = File(handle, name=path.name)
                    image.save()
                self.created += 1
            self.images[cache_key] = image
        return self.images[cache_key]

    def _document(self, filename, title):
        if filename not in self.documents:
            document = Document.objects.filter(title=title, collection=self.collection).first()
            if document is None:
                path = next(MEDIA_DIR.glob(f"*/{filename}"))
                with path.open("rb") as handle:
                    document = Document(title=title, collection=self.collection)
                    document.file = File(handle, name=path.name)
                    document.save()
                self.created += 1
            self.documents[filename] = document
        return self.documents[filename]

    def _course(self, data, indexes, topics, audiences, media_texts):
        for lang in ("zh", "en"):
            text = data[lang]
            course = self._child_page(
                indexes[lang],
                CoursePage,
                data["slug"],
                lang,
                indexes["zh"] if lang == "en" else None,
                title=text["title"],
                summary=text["summary"],
                outcomes="\n".join(text["outcomes"]),
                trainer_notes=text["trainer_notes"],
                level=data["level"],
                topic=topics[data["topic"]],
                cover_image=self._image(data["cover"], lang),
                is_featured=True,
            )
            if not course.audiences.exists():
                course.audiences.set([audiences[slug] for slug in data["audiences"]])
                course.save_revision().publish()
            for lesson in data["lessons"]:
                self._child_page(
                    course,
                    LessonPage,
                    lesson["slug"],
                    lang,
                    course.get_translation(self.locales["zh"]) if lang == "en" else None,
                    title=lesson[lang]["title"],
                    intro=lesson[lang]["intro"],
                    estimated_minutes=lesson["minutes"],
                    body=[self._block(block, lang, media_texts) for block in lesson[lang]["body"]],
                )

    def _block(self, block, lang, media_texts):
        kind, value = block["type"], block["value"]
        language = LANGUAGES[lang]
        if kind == "paragraph":
            value = clean_html(value)
        elif kind == "image":
            value = {
                "image": self._image(value["illustration"], lang).pk,
                "alt": value["alt"],
                "decorative": False,
                "caption": value.get("caption", ""),
            }
        elif kind == "steps":
            value = [
                {
                    "text": step["text"],
                    "tip": step.get("tip", ""),
                    "screenshot": self._image(step["screenshot"], lang).pk if step.get("screenshot") else None,
                    "screenshot_alt": describe(step["screenshot"], language) if step.get("screenshot") else "",
                }
                for step in value
            ]
        elif kind == "audio":
            name = value["media"]
            value = {
                "title": "语音消息示例" if lang == "zh" else "Example voice message",
                "audio": self._document(f"{name}.{lang}.mp3", f"{name} ({lang})").pk,
                "transcript": media_texts[name][lang],
            }
        elif kind == "video":
            name = value["media"]
            value = {
                "title": "怎样打视频电话" if lang == "zh" else "How to make a video call",
                "video": self._document(f"{name}.{lang}.mp4", f"{name} ({lang})").pk,
                "captions": self._document(f"{name}.{lang}.vtt", f"{name} captions ({lang})").pk,
                "poster": self._image(name, lang, extension="jpg", folder="video").pk,
                "transcript": "\n".join(media_texts[name][lang]),
            }
        return {"type": kind, "value": value}

    # Accounts ----------------------------------------------------------------------------------
    def load_accounts(self):
        User = get_user_model()
        trainers, _ = Group.objects.get_or_create(name="Trainers")
        specs = [
            ("admin", {"is_staff": True, "is_superuser": True, "email": "admin@example.com"}, "管理员"),
            # Not staff: trainers work on /groups/ on the learner site; the "Trainers" role is what they need.
            ("trainer", {"email": "trainer@example.com"}, "王老师"),
            ("learner1", {"phone": "+8613800000001", "phone_verified": True}, "李奶奶"),
            ("learner2", {"email": "learner2@example.com"}, "张小明"),
        ]
        for username, fields, display_name in specs:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(username=username, **fields)
                user.set_password(DEMO_PASSWORDS[username])
                user.save()
                user.learner_profile.display_name = display_name
                user.learner_profile.save()
                if user.email:
                    EmailAddress.objects.get_or_create(
                        user=user, email=user.email, defaults={"verified": True, "primary": True}
                    )
            if username == "trainer":
                user.groups.add(trainers)
                if user.is_staff:  # made by an older version of this command
                    user.is_staff = False
                    user.save(update_fields=["is_staff"])
        self.stdout.write("Demo accounts (development only; sign in at /accounts/login/):")
        for username, fields, _name in specs:
            login = fields.get("phone") or username
            self.stdout.write(f"  {username:<9} sign in as {login:<15} password {DEMO_PASSWORDS[username]}")
        call_command("load_demo_groups", stdout=self.stdout)
