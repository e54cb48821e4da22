"""The catalogue: filters, pagination and a query count that does not grow with the number of courses."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import CoursePage, LessonPage


def card_titles(response):
    assert response.status_code == 200
    return [h.get_text(strip=True) for h in BeautifulSoup(response.content, "html.parser").select(".course-card h2")]


@pytest.mark.django_db
def test_catalogue_lists_the_three_demo_courses(client):
    assert len(card_titles(client.get("/courses/"))) == 3
    assert len(card_titles(client.get("/en/courses/"))) == 3


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected_slugs"),
    [
        ("topic=phone-skills", {"smartphone-basics"}),
        ("topic=smart-agriculture", {"smart-agriculture"}),
        ("audience=elderly", {"smartphone-basics"}),
        ("audience=farmers", {"smart-agriculture", "livestream-selling", "smartphone-basics"}),
        ("level=beginner", {"smartphone-basics"}),
        ("topic=phone-skills&level=advanced", set()),
        ("topic=no-such-topic", set()),
        ("level=<script>", {"smartphone-basics", "smart-agriculture", "livestream-selling"}),
    ],
)
def test_filters(client, catalogue, query, expected_slugs):
    titles = set(card_titles(client.get(f"/courses/?{query}")))
    expected = {CoursePage.objects.get(slug=s, locale=catalogue.locale).title for s in expected_slugs}
    assert titles == expected


@pytest.mark.django_db
def test_card_shows_lesson_count_and_minutes(client, phone_course):
    doc = BeautifulSoup(client.get("/en/courses/?topic=phone-skills").content, "html.parser")
    meta = doc.select_one(".course-card .meta").get_text(" ", strip=True)
    lessons = phone_course.lessons()
    minutes = sum(lesson.estimated_minutes for lesson in lessons)
    assert f"{lessons.count()} lessons" in meta
    assert f"about {minutes} minutes" in meta


def add_courses(catalogue, count):
    template = CoursePage.objects.filter(locale=catalogue.locale).first()
    for number in range(count):
        course = CoursePage(
            title=f"Extra course {number}",
            slug=f"extra-{number}",
            summary="Extra",
            topic=template.topic,
            cover_image=template.cover_image,
            locale=catalogue.locale,
        )
        catalogue.add_child(instance=course)
        course.audiences.set(list(template.audiences.all()))
        course.save()
        for lesson_number in range(2):
            course.add_child(
                instance=LessonPage(title=f"L{lesson_number}", slug=f"l{lesson_number}", body=[], locale=course.locale)
            )


def count_queries(client, url):
    client.get(url)  # warm caches (site root, renditions)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_catalogue_queries_do_not_grow_with_courses(client, catalogue):
    CoursePage.objects.filter(locale=catalogue.locale).exclude(slug="smartphone-basics").delete()
    one = count_queries(client, "/courses/")
    add_courses(catalogue, 19)
    catalogue.per_page = 12
    twenty = count_queries(client, "/courses/?page=2")
    assert len(card_titles(client.get("/courses/?page=2"))) == 8
    assert one == twenty


@pytest.mark.django_db
def test_course_page_queries_do_not_grow_with_courses(client, catalogue, phone_course, learner_client):
    one = count_queries(learner_client, phone_course.url)
    add_courses(catalogue, 19)
    assert count_queries(learner_client, phone_course.url) == one


@pytest.mark.django_db
def test_pagination_survives_bad_page_numbers(client):
    assert client.get("/courses/?page=abc").status_code == 200
    assert client.get("/courses/?page=999").status_code == 200
