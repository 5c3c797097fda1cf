"""Deleted content is unpublished: its addresses answer 410, the pages that showed it are
rendered again without it."""

from content.models import Published
from content.published import label
from publishing.services import content_unpublish


def content_deleted(sender, instance, **kwargs):
    if Published.objects.filter(kind=label(sender), object_id=instance.pk).exists():
        content_unpublish(obj=instance, user=None, deleted=True)
