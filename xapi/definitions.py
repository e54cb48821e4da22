"""The merged Activity definition per activity id, as the Activities resource returns it.

Why this module exists: the Activities resource (Communication 2.5) answers with everything the LRS
knows about an Activity, and that knowledge is spread over every statement that mentions it: as the
object, in context activities, inside a SubStatement. Reading statements at request time cannot be
complete (or fast), so ``xapi.services.store_statements`` folds each batch's definitions into one
``ActivityDefinition`` row per id with :func:`merge_definition`, in a fixed number of queries, and
the migration that created the table replays the stored statements through the same functions.

Merging: language maps (``name``, ``description``, and each interaction component's
``description``) are united, a later statement's text winning for a language both give; interaction
components are matched by their ``id``; ``extensions`` are united key by key; any other property
(``type``, ``moreInfo``, ``interactionType``, ``correctResponsesPattern``) takes the later value.
"""

LANGUAGE_MAPS = ("name", "description")
COMPONENT_LISTS = ("choices", "scale", "source", "target", "steps")


def statement_definitions(data):
    """``(activity id, definition)`` for every Activity with a definition that a statement mentions, in order."""
    found = []

    def add(activity):
        if isinstance(activity, dict) and activity.get("definition") and "id" in activity:
            found.append((activity["id"], activity["definition"]))

    def collect(statement):
        obj = statement.get("object") or {}
        object_type = obj.get("objectType", "Activity")
        if object_type == "Activity":
            add(obj)
        context_activities = (statement.get("context") or {}).get("contextActivities") or {}
        for activities in context_activities.values():
            for activity in activities if isinstance(activities, list) else [activities]:
                add(activity)
        if object_type == "SubStatement":
            collect(obj)

    collect(data)
    return found


def _merge_components(old, new):
    by_id = {component.get("id"): dict(component) for component in old}
    for component in new:
        known = by_id.get(component.get("id"))
        if known is None:
            by_id[component.get("id")] = dict(component)
            continue
        for key, value in component.items():
            if key == "description" and isinstance(value, dict) and isinstance(known.get(key), dict):
                known[key] = {**known[key], **value}
            else:
                known[key] = value
    return list(by_id.values())


def merge_definition(old, new):
    """``old`` with what ``new`` (a later statement's definition) adds or changes; neither is modified."""
    merged = dict(old or {})
    for key, value in (new or {}).items():
        previous = merged.get(key)
        if key in (*LANGUAGE_MAPS, "extensions") and isinstance(value, dict) and isinstance(previous, dict):
            merged[key] = {**previous, **value}
        elif key in COMPONENT_LISTS and isinstance(value, list) and isinstance(previous, list):
            merged[key] = _merge_components(previous, value)
        else:
            merged[key] = value
    return merged


def merge_definitions(known, definitions):
    """Fold ``(activity id, definition)`` pairs (in order) into ``known`` ({id: definition}).

    Returns the ids whose merged definition changed.
    """
    changed = set()
    for activity_id, definition in definitions:
        previous = known.get(activity_id)
        merged = merge_definition(previous, definition)
        if merged != previous:
            known[activity_id] = merged
            changed.add(activity_id)
    return changed


def merge_batch(known, statements):
    """Fold the definitions of ``statements`` (in order) into ``known``; returns the ids that changed."""
    return merge_definitions(known, (pair for data in statements for pair in statement_definitions(data)))
