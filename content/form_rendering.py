"""The renderer of the content forms' widgets, labels and error lists: Django's own Jinja2
ports of its form templates (django/forms/jinja2/), in the public pages' Jinja2 environment
(config/jinja2.py), which prints values as Django's engine does.

A role's change form has some 2,500 widgets, and as many labels and (mostly empty) error
lists: one Django template render each was a third of the form's CPU (docs/editing.md).
Through Jinja2 they come out in the same bytes (compared byte for byte with
bench/profile_admin_form.py; tests/articles/test_admin_form_cost.py keeps an eye on it);
every other template (the admin's own widgets, the form layouts) stays on Django's engine.
"""

from pathlib import Path

import django.forms
from django.forms.renderers import DjangoTemplates
from django.template import engines
from django.utils.functional import cached_property
from jinja2 import ChoiceLoader, DictLoader, FileSystemLoader

# The templates whose Jinja2 port prints what Django's engine prints, checked one by one
# (the widgets these forms have, their label and error lists). Django's engine keeps a
# template's final newline and Jinja2 here does not: it matters only where a template is
# included in the middle of another, the options of a select (SELECT below).
PORTED = {
    f"django/forms/{name}.html"
    for name in (
        "label",
        "errors/list/default",
        "errors/list/ul",
        "widgets/checkbox",
        "widgets/hidden",
        "widgets/input",
        "widgets/number",
        "widgets/select",
        "widgets/text",
        "widgets/textarea",
    )
}

ERROR_LISTS = {"django/forms/errors/list/default.html", "django/forms/errors/list/ul.html"}

# Django's Jinja2 select.html, with the newline each option's template ends with in
# Django's engine.
SELECT = """\
<select name="{{ widget.name }}"{% include "django/forms/widgets/attrs.html" %}>\
{% for group_name, group_choices, group_index in widget.optgroups %}{% if group_name %}
  <optgroup label="{{ group_name }}">{% endif %}{% for widget in group_choices %}
  {% include widget.template_name %}
{% endfor %}{% if group_name %}
  </optgroup>{% endif %}{% endfor %}
</select>"""


class ContentFormRenderer(DjangoTemplates):
    @cached_property
    def jinja2(self):
        # The public pages' environment (its finalize, undefined and escaping), reading
        # Django's Jinja2 form templates.
        folder = Path(django.forms.__file__).parent / "jinja2"
        loader = ChoiceLoader(
            [DictLoader({"django/forms/widgets/select.html": SELECT}), FileSystemLoader(folder)]
        )
        return engines["jinja2"].env.overlay(loader=loader, keep_trailing_newline=False)

    def render(self, template_name, context, request=None):
        # Most of a form's error lists are empty, and an empty one prints nothing
        # (errors/list/ul.html is all inside {% if errors %}).
        if template_name in ERROR_LISTS and not context["errors"]:
            return ""
        if template_name in PORTED:
            return self.jinja2.get_template(template_name).render(context).strip()
        return super().render(template_name, context, request)
