from django.urls import path

from courses.admin_views import CourseTrainersView

app_name = "courses_admin"
urlpatterns = [
    path("<int:page_id>/trainers/", CourseTrainersView.as_view(), name="trainers"),
]
