from django.urls import path

from producers import views

app_name = "producers"

urlpatterns = [
    path("join/", views.join, name="join"),
    path("mine/", views.my_producers, name="mine"),
    path("requests/<int:pk>/cancel/", views.cancel_join_request, name="cancel_join_request"),
    path("mine/<int:pk>/edit/", views.edit_my_producer, name="edit_mine"),
    path("mine/<int:pk>/public-listing/", views.public_listing, name="public_listing"),
    path("mine/<int:pk>/named-publicly/", views.named_publicly, name="named_publicly"),
    path("mine/<int:pk>/invite-code/", views.new_invite_code, name="new_invite_code"),
    path("geo/districts/", views.geo_districts, name="geo_districts"),
    path("geo/subdistricts/", views.geo_subdistricts, name="geo_subdistricts"),
]
