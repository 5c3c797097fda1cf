"""{% structured_data %}: the page's schema.org graph as a JSON-LD data block."""

from django import template
from django.utils.safestring import mark_safe

from content.structured_data import as_script, page_graph

register = template.Library()


@register.simple_tag(takes_context=True)
def structured_data(context):
    links = context.get("language_links")
    if not links:
        return ""  # not a page of the site's languages (an error page, the admin)
    graph = page_graph(
        context.get("structured_data"),
        page_url=links["canonical"],
        title=context.get("title") or "",
        description=context.get("description") or "",
    )
    # as_script escapes <, > and &: the text cannot close the element.
    return mark_safe(f'<script type="application/ld+json">{as_script(graph)}</script>\n')
