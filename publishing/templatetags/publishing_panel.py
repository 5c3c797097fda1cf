"""The publishing panel of a content form: per language, as published or how many changes
readers do not see yet, a preview, and publish or submit for review, without leaving the
form. The kernel's change form loads it; publishing owns what it shows."""

from django import template
from django.urls import reverse

from articles.parts import PUBLISHABLE
from content.published import label
from metrics.models import Metric
from publishing.admin_views import language_states
from roles.models import Role

register = template.Library()


@register.inclusion_tag("admin/publishing/panel.html", takes_context=True)
def publishing_panel(context, obj):
    request = context["request"]
    if obj is None or obj.pk is None or type(obj) not in PUBLISHABLE:
        return {"show": False}
    published, states = language_states(obj, request.user)
    kind = label(type(obj))
    return {
        "show": True,
        "obj": obj,
        "kind": kind,
        "published": published,
        "states": states,
        "previewable": type(obj) in (Role, Metric),
        "publishing_url": reverse(
            "admin:publishing:publishing", kwargs={"kind": kind, "pk": obj.pk}
        ),
        "here": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
