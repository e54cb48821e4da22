from django.urls import path

from . import views

app_name = "learning"
urlpatterns = [
    path("my-courses/", views.my_courses, name="my_courses"),
    path("courses/<int:course_id>/join/", views.join_course, name="join_course"),
    path("lessons/<int:lesson_id>/done/", views.mark_lesson_done, name="mark_lesson_done"),
    path("lessons/<int:lesson_id>/practice/", views.practice_task_done, name="practice_task_done"),
]
