"""Every user has a learner profile from the moment the account exists."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import LearnerProfile, User


@receiver(post_save, sender=User)
def create_learner_profile(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        LearnerProfile.objects.get_or_create(
            user=instance, defaults={"display_name": instance.get_full_name() or instance.username}
        )
