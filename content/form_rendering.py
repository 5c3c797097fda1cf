"""The renderer of the content forms' widgets, labels and error lists.

A role's change form has some 2,500 widgets, and as many labels and (mostly empty) error
lists: one Django template render each was a third of the form's CPU (docs/editing.md).
The most frequent (labels, inputs, text areas) are written out in Python; selects and
error lists render through Django's own Jinja2 ports of its templates
(django/forms/jinja2/), in the public pages' Jinja2 environment (config/jinja2.py), which
prints values as Django's engine does. Either way they come out in the same bytes
(tests/articles/test_admin_form_cost.py renders a whole form both ways and compares);
every other template (the admin's own widgets, the form layouts) stays on Django's engine.
"""

from pathlib import Path

import django.forms
from django.forms.renderers import DjangoTemplates
from django.template import engines
from django.utils.functional import cached_property
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData
from jinja2 import ChoiceLoader, DictLoader, FileSystemLoader

# The templates whose Jinja2 port prints what Django's engine prints, checked one by one:
# the selects and error lists these forms have. Django's engine keeps a template's final
# newline and Jinja2 here does not: it matters only where a template is included in the
# middle of another, the options of a select (SELECT below).
PORTED = {
    "django/forms/errors/list/default.html",
    "django/forms/errors/list/ul.html",
    "django/forms/widgets/select.html",
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


def _formatted(value):
    """Django's `{{ value|stringformat:'s' }}`: "%s" % value, escaped unless it was safe."""
    try:
        text = "%s" % value  # noqa: UP031 (what the filter does, tuples and all)
    except (ValueError, TypeError):
        return ""
    return text if isinstance(value, SafeData) else escape(text)


def _attrs(attrs):
    """django/forms/attrs.html and widgets/attrs.html."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{_formatted(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(context):
    widget = context["widget"]
    value = "" if widget["value"] is None else f' value="{_formatted(widget["value"])}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{value}{_attrs(widget["attrs"])}>'
    )


def _textarea(context):
    widget = context["widget"]
    value = conditional_escape(widget["value"]) if widget["value"] else ""
    return (
        f'<textarea name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{value}</textarea>"
    )


def _label(context):
    label = conditional_escape(context["label"])
    if not context["use_tag"]:
        return label
    tag = conditional_escape(context["tag"])
    return f"<{tag}{_attrs(context['attrs'])}>{label}</{tag}>"


# The templates a form prints thousands of times, written out in Python as Django's
# templates print them (tests/articles/test_admin_form_cost.py compares a whole form).
WRITTEN_OUT = {
    "django/forms/label.html": _label,
    "django/forms/widgets/checkbox.html": _input,
    "django/forms/widgets/hidden.html": _input,
    "django/forms/widgets/input.html": _input,
    "django/forms/widgets/number.html": _input,
    "django/forms/widgets/text.html": _input,
    "django/forms/widgets/textarea.html": _textarea,
}


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
        if template_name in WRITTEN_OUT:
            return WRITTEN_OUT[template_name](context).strip()
        if template_name in PORTED:
            return self.jinja2.get_template(template_name).render(context).strip()
        return super().render(template_name, context, request)
