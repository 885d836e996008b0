"""Drop cached directory pages when anything they show changes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from certificates.models import Certificate
from producers.models import (
    Membership,
    Producer,
    Product,
    ProductPhoto,
    ProductRating,
    ProductStandard,
)
from showcase.directory import forget_cached_pages

SHOWN = (Producer, Product, ProductPhoto, ProductRating, ProductStandard, Membership, Certificate)


@receiver(post_save)
@receiver(post_delete)
def listed_data_changed(sender, **kwargs):
    if sender in SHOWN:
        forget_cached_pages()
