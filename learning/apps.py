from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = _("Learning progress")

    def ready(self):
        from xapi.consumers import register

        from . import signals  # noqa: F401
        from .projection import PROGRESS_CONSUMER

        register(PROGRESS_CONSUMER)
