from django.urls import path

from learning import admin_views

app_name = "learning_admin"
urlpatterns = [
    path("progress/", admin_views.course_progress_index, name="progress_index"),
    path("progress/<int:course_id>/", admin_views.course_progress, name="course_progress"),
    path(
        "progress/<int:course_id>/quiz-statistics/",
        admin_views.course_quiz_statistics,
        name="quiz_statistics",
    ),
    path("cohorts/<int:cohort_id>/enrol/", admin_views.cohort_enrol, name="cohort_enrol"),
    path(
        "cohorts/<int:cohort_id>/invitations/<int:invitation_id>/resend/",
        admin_views.cohort_invitation_resend,
        name="cohort_invitation_resend",
    ),
]
