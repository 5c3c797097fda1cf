"""Link previews for knowledge bases: a card per role and metric (title, summary, and the
first lines of each section) as JSON that any site may read, and the one script a knowledge
base includes to show it when a reader hovers or focuses a link to this site.

The cards are stored pages, rendered when the role or metric is published.
"""

from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from content.published import find, instance, part_rows
from content.site_url import absolute
from metrics.models import Metric
from roles.models import Role, Section

# The first lines of a section: what fits in a card beside the title and summary.
FIRST_LINES = 240
SCRIPT = "js/link-preview.js"


def first_lines(text, size=FIRST_LINES):
    """The start of a text as plain words, cut at a word and marked when cut."""
    words = " ".join(
        line.strip().removeprefix("- ") for line in (text or "").splitlines() if line.strip()
    )
    if len(words) <= size:
        return words
    return words[:size].rsplit(" ", 1)[0] + "…"


def _card_response(card):
    response = JsonResponse(card, json_dumps_params={"ensure_ascii": False})
    # Any knowledge base's page reads it (a CORS request, with no credentials).
    response["Access-Control-Allow-Origin"] = "*"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


def _not_found():
    response = _card_response({"error": _("There is no such page.")})
    response.status_code = 404
    return response


@require_safe
def role_card(request, slug):
    published = find(Role, slug)
    if published is None:
        return _not_found()
    role = instance(published)
    sections = part_rows(published).get(Section, [])
    return _card_response(
        {
            "language": get_language(),
            "url": absolute(role.get_absolute_url()),
            "title": role.title,
            "summary": role.summary,
            "sections": {
                section.key: {"heading": section.heading, "text": first_lines(section.body)}
                for section in sorted(sections, key=lambda s: (s.order, s.pk))
            },
        }
    )


@require_safe
def metric_card(request, code):
    published = find(Metric, code)
    if published is None:
        return _not_found()
    metric = instance(published)
    return _card_response(
        {
            "language": get_language(),
            "url": absolute(metric.get_absolute_url()),
            "title": metric.name,
            "summary": metric.definition,
            "sections": {
                "calculation": {
                    "heading": _("How it is calculated"),
                    "text": first_lines(metric.calculation),
                }
            },
        }
    )


@cache
def _script():
    return Path(finders.find(SCRIPT)).read_bytes()


@require_safe
def preview_script(request):
    """The script knowledge bases include, at an address that never changes (static files'
    names change with their content in production)."""
    body = _script() if not settings.DEBUG else Path(finders.find(SCRIPT)).read_bytes()
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=60 * 60)
    return response
