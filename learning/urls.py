from django.urls import path

from learning import invitation_views, views

app_name = "learning"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("enrol/<int:course_id>/", views.enrol, name="enrol"),
    path("lessons/<int:lesson_id>/complete/", views.complete_lesson, name="complete_lesson"),
    path("lessons/<int:lesson_id>/quiz/", views.submit_quiz, name="submit_quiz"),
    path("invitations/<str:token>/", invitation_views.invitation, name="invitation"),
]
