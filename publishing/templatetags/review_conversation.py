"""{% review_conversation kind object_id [language] %}: a document's review history (who
submitted, asked for changes, approved, and what they said), on the publishing page and in
the workspace editor."""

from django import template

from content import languages
from publishing.reviews import conversation

register = template.Library()


@register.inclusion_tag("admin/publishing/review_conversation.html")
def review_conversation(kind, object_id, language=None):
    events = conversation(kind=kind, object_id=object_id, language=language)
    for event in events:
        event.language_name = languages.get(event.request.language).name
    return {"events": events, "one_language": language is not None}
