from django.urls import path

from reports import views

app_name = "otop_reports"
urlpatterns = [
    path("completion/", views.CompletionReportView.as_view(), name="completion"),
    path(
        "completion/results/",
        views.CompletionReportView.as_view(results_only=True),
        name="completion_results",
    ),
    path("summary/", views.SummaryReportView.as_view(), name="summary"),
    path(
        "summary/results/",
        views.SummaryReportView.as_view(results_only=True),
        name="summary_results",
    ),
    path("downloads/", views.DownloadsView.as_view(), name="downloads"),
    path("downloads/<int:pk>/", views.DownloadDetailView.as_view(), name="download_detail"),
    path("downloads/<int:pk>/file/", views.download_file, name="download_file"),
]
