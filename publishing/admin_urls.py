from django.urls import path

from publishing import admin_views as views

app_name = "publishing"

urlpatterns = [
    path("reviews/", views.review_queue, name="review-queue"),
    path("background/", views.background_work, name="background-work"),
    path("background/<uuid:result_id>/retry/", views.background_retry, name="background-retry"),
    path("<str:kind>/<int:pk>/", views.publishing_page, name="publishing"),
    path("<str:kind>/<int:pk>/publish/", views.publish, name="publish"),
    path("<str:kind>/<int:pk>/submit/", views.submit, name="submit"),
    path("<str:kind>/<int:pk>/unpublish/", views.unpublish, name="unpublish"),
    path("<str:kind>/<int:pk>/schedule/", views.schedule, name="schedule"),
    path(
        "<str:kind>/<int:pk>/schedule/<int:entry>/cancel/",
        views.schedule_cancel,
        name="schedule-cancel",
    ),
    path("<str:kind>/<int:pk>/rollback/<int:number>/", views.rollback, name="rollback"),
    path("<str:kind>/<int:pk>/preview/<str:language>/", views.preview, name="preview"),
]
