from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = _("Learning groups")

    def ready(self):
        from xapi.consumers import StatementConsumer, register

        from .consumers import after_store

        # Only tells trainers (once) when a stored result newly flags a learner; builds nothing to replay.
        register(StatementConsumer(name="groups.needs_help", apply=_nothing, reset=_nothing, after_store=after_store))


def _nothing(*_args):
    return None
