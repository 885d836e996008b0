from django.urls import path

from showcase import views

app_name = "showcase"

# Mounted at /producers/ beside the producers app's own join/ and mine/ pages.
urlpatterns = [
    path("", views.directory, name="directory"),
    path("<int:pk>/", views.producer, name="producer"),
    path("<int:pk>/products/<int:product_pk>/", views.product, name="product"),
]
