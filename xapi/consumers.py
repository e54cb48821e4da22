"""Apps above the store react to stored statements by registering here; the store knows none of them.

The xAPI store sits at the bottom of the layer table (docs/architecture.md): it must not import the
progress projection, certificates or any later reader of statements. Each of those registers a
``StatementConsumer`` from its ``AppConfig.ready``; ``xapi.services.store_statements`` calls every
consumer inside the storing transaction, in registration order, and ``replay_statements`` (used by
``manage.py rebuild_progress`` and by voiding) replays through the very same consumers.
"""

from collections.abc import Callable
from dataclasses import dataclass

from .models import Statement


@dataclass(frozen=True)
class StatementConsumer:
    """What one app does with statements.

    ``apply(row)`` is called for every stored statement that is not a voiding statement, when it is
    stored and again, in order, on replay: it must give the same result both times. ``after_store(row)``
    runs only when the statement is first stored (it may store further statements, which are then
    stored, consumed and replayed like any other). ``reset(learner)`` forgets what ``apply`` built for
    one learner (or for everyone, with ``None``) before a replay.
    """

    name: str
    apply: Callable[[Statement], None]
    reset: Callable[[object], None]
    after_store: Callable[[Statement], None] | None = None


_consumers: dict[str, StatementConsumer] = {}


def register(consumer):
    """Add (or replace, by name) a consumer; called from ``AppConfig.ready``."""
    _consumers[consumer.name] = consumer
    return consumer


def registered():
    return list(_consumers.values())


def consume_stored(rows):
    """Hand freshly stored statements (not voiding ones) to every consumer, in order."""
    consumers = registered()
    for row in rows:
        if row.learner_id is None:
            continue
        for consumer in consumers:
            consumer.apply(row)
        for consumer in consumers:
            if consumer.after_store is not None:
                consumer.after_store(row)


def replay_statements(*, learner=None):
    """Forget what every consumer built (for one learner, or everyone) and replay the statements in
    the order they were stored. Returns the number of statements replayed."""
    consumers = registered()
    for consumer in consumers:
        consumer.reset(learner)
    statements = Statement.objects.filter(voided=False, learner__isnull=False).select_related("learner")
    if learner is not None:
        statements = statements.filter(learner=learner)
    count = 0
    for row in statements.order_by("id").iterator(chunk_size=2000):
        for consumer in consumers:
            consumer.apply(row)
        count += 1
    return count
