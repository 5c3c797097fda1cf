"""Reading a review's conversation: the events of a document's reviews, and where each
commented text appears, for the publishing page, the workspace and the mails."""

from collections import defaultdict

from django.apps import apps
from django.utils.text import Truncator

from content.languages import SOURCE
from content.outdated import translated_fields
from publishing.models import ReviewEvent, ReviewRequest


def conversation(*, kind, object_id, language=None):
    """Every event of the document's reviews (in `language` only, when given), oldest
    first, with `place` set on those about one text."""
    events = ReviewEvent.objects.filter(request__kind=kind, request__object_id=object_id)
    if language is not None:
        events = events.filter(request__language=language)
    events = list(events.select_related("request", "author"))
    places = segment_places(e.segment_id for e in events)
    for event in events:
        event.place = places.get(event.segment_id, event.segment_id)
    return events


def open_comments(*, language, kind=None, object_id=None):
    """{segment id: [events]} of the comments on single texts of the reviews still open
    in `language` (of one document, when given): what the translator has to look at."""
    events = ReviewEvent.objects.filter(
        request__language=language,
        request__state__in=ReviewRequest.OPEN,
        action=ReviewEvent.Action.CHANGES_REQUESTED,
    ).exclude(segment_id="")
    if kind is not None:
        events = events.filter(request__kind=kind, request__object_id=object_id)
    found = defaultdict(list)
    for event in events.select_related("author"):
        found[event.segment_id].append(event)
    return dict(found)


def open_document_comments(*, language, kind, object_id):
    """The comments on the whole document of its review still open in `language`."""
    return list(
        ReviewEvent.objects.filter(
            request__language=language,
            request__kind=kind,
            request__object_id=object_id,
            request__state__in=ReviewRequest.OPEN,
            action=ReviewEvent.Action.CHANGES_REQUESTED,
            segment_id="",
        )
        .exclude(text="")
        .select_related("author")
    )


def segment_places(segment_ids):
    """{segment id: "Responsibility “Answer within 24 hours” > title"}: the item a text
    belongs to, named by its English, and the field. One query per kind of item."""
    wanted = defaultdict(dict)
    for segment_id in set(segment_ids):
        kind, _sep, rest = segment_id.partition(":")
        pk, _sep, name = rest.partition(":")
        if pk.isdigit() and name:
            wanted[kind][segment_id] = (int(pk), name)
    places = {}
    for kind, ids in wanted.items():
        try:
            model = apps.get_model(kind)
        except (LookupError, ValueError):
            continue
        names = translated_fields(model)
        objects = model._default_manager.in_bulk({pk for pk, _name in ids.values()})
        for segment_id, (pk, name) in ids.items():
            if name not in names:
                continue
            field = model._meta.get_field(name).verbose_name
            obj = objects.get(pk)
            english = next((getattr(obj, f"{n}_{SOURCE}") for n in names if obj and
                            getattr(obj, f"{n}_{SOURCE}")), "")  # fmt: skip
            item = str(model._meta.verbose_name).capitalize()
            if english:
                item = f"{item} “{Truncator(english).chars(60)}”"
            places[segment_id] = f"{item} › {field}"
    return places
