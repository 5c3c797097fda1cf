"""The admin's fieldset, rendered by Jinja2 (jinja2/admin/fieldset.html, a port of Django's
admin/includes/fieldset.html that prints the same bytes).

A role's change form lays out some 2,500 fields (five languages of every item of its
article), and Django's engine spent most of the form's render on this one include:
docs/editing.md has the figures. templates/admin/includes/fieldset.html, which overrides
Django's, calls this tag with the variables Django's includes pass it.
"""

from django import template
from django.template import engines
from markupsafe import Markup

register = template.Library()

PASSED = ("fieldset", "heading_level", "prefix", "id_prefix", "id_suffix")


def render_fieldset(values):
    return engines["jinja2"].env.get_template("admin/fieldset.html").render(values)


@register.simple_tag(takes_context=True)
def admin_fieldset(context):
    return Markup(render_fieldset({name: context.get(name) for name in PASSED}))
