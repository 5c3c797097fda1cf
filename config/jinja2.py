"""The Jinja2 environment of the public pages (jinja2/): the readers' pages render through
Jinja2, which compiles a template to Python functions, a cheaper render than the Django
engine's (docs/rendering.md); the admin stays on Django templates (templates/).

A page must come out byte for byte as the Django engine made it (tests/test_rendered_pages.py),
so the environment does what Django's does where the two differ:

- `{{ value }}` goes through `django_value`, Django's `render_value_in_context`: local time,
  numbers and dates localised (a decimal comma in Ukrainian and Bokmål), escaped with
  Django's escape (`&#x27;` where markupsafe writes `&#39;`), left alone when safe (a
  SafeString has `__html__`, so markupsafe's escaping keeps it as it is);
- `{% translate %}` and `{% blocktranslate %}` keep Django's syntax, so `makemessages` finds
  their msgids as before and the catalogues apply unchanged: see `DjangoTranslation`;
- a template's trailing newline is kept, and the newline after a tag too, as Django keeps
  them;
- the project's template tags are the same functions, called as globals and filters.
"""

import html
from collections import namedtuple
from decimal import Decimal
from itertools import groupby
from operator import attrgetter

from django.conf import settings
from django.template import TemplateSyntaxError, defaultfilters
from django.templatetags.static import static
from django.utils import translation
from django.utils.formats import localize
from django.utils.functional import Promise
from django.utils.html import conditional_escape, strip_spaces_between_tags
from django.utils.timezone import template_localtime
from jinja2 import ChainableUndefined, Environment, Undefined, nodes, pass_context, pass_environment
from jinja2.ext import Extension
from markupsafe import Markup

from content import site_url
from content.negotiation import language_links
from content.templatetags.reference import abbreviated, long_date, number, prose, tr, tr_list
from content.templatetags.structured_data import structured_data
from linking.share import addresses
from salaries.templatetags.salary_format import amount, band_range, percent_of, salary_line


class DjangoUndefined(ChainableUndefined):
    """A missing variable or attribute, as Django's engine treats one: it prints nothing,
    its attributes are missing too, and a comparison with it is false (Django's {% if %}
    is false when a comparison fails), where Jinja2's would raise."""

    def _false(self, other):
        return False

    __lt__ = __le__ = __gt__ = __ge__ = _false


def django_value(value):
    """What Django's engine prints for `{{ value }}` (render_value_in_context)."""
    if isinstance(value, str):
        # Most values: text, escaped unless it is safe already.
        if hasattr(value, "__html__"):
            return value.__html__()
        return Markup(html.escape(value))
    if type(value) is int and not settings.USE_THOUSAND_SEPARATOR:
        return Markup(value)  # what localize makes of it (numberformat's fast path)
    if isinstance(value, Undefined):
        return Markup()  # a missing variable or attribute prints nothing, as in Django
    if isinstance(value, Promise):
        value = str(value)
    value = localize(template_localtime(value))
    if not isinstance(value, str):
        value = str(value)
    return conditional_escape(value)


class DjangoTranslation(Extension):
    """Django's `{% translate %}` and `{% blocktranslate %}` in Jinja2, with Django's syntax,
    msgids and output: the translation itself is never escaped, the values put into it are,
    as `django_value` prints them.

        {% translate "Search" context "button" %}  {% translate "Copy" as label %}
        {% blocktranslate count count=n with letter=letter|upper %}…{{ count }}…{{ letter }}…
        {% plural %}…{% endblocktranslate %}
    """

    tags = {"translate", "blocktranslate"}

    def parse(self, parser):
        token = next(parser.stream)
        if token.value == "translate":
            return self._parse_translate(parser, token.lineno)
        return self._parse_blocktranslate(parser, token.lineno)

    def _parse_translate(self, parser, lineno):
        message = parser.stream.expect("string").value
        message_context = target = None
        while parser.stream.current.type != "block_end":
            keyword = parser.stream.expect("name").value
            if keyword == "context":
                message_context = parser.stream.expect("string").value
            elif keyword == "as":
                target = parser.stream.expect("name").value
            else:
                parser.fail(f"translate: unknown option {keyword!r}", lineno)
        call = self.call_method(
            "_translate", [nodes.Const(message), nodes.Const(message_context)], lineno=lineno
        )
        if target:
            return nodes.Assign(nodes.Name(target, "store"), call, lineno=lineno)
        return nodes.Output([call], lineno=lineno)

    def _parse_blocktranslate(self, parser, lineno):
        values = {}
        counter_name = counter = message_context = None
        while parser.stream.current.type != "block_end":
            keyword = parser.stream.expect("name").value
            if keyword == "context":
                message_context = parser.stream.expect("string").value
                continue
            if keyword not in ("with", "count"):
                parser.fail(f"blocktranslate: unknown option {keyword!r}", lineno)
            while parser.stream.current.type == "name" and parser.stream.look().test("assign"):
                name = next(parser.stream).value
                next(parser.stream)
                value = parser.parse_expression()
                if keyword == "count" and counter is None:
                    counter_name, counter = name, value
                else:
                    values[name] = value
        parser.stream.expect("block_end")
        names, singular = self._parse_body(parser, lineno, allow_plural=counter is not None)
        plural = None
        if parser.stream.current.test("name:plural"):
            next(parser.stream)
            parser.stream.expect("block_end")
            plural_names, plural = self._parse_body(parser, lineno, allow_plural=False)
            names += plural_names
        next(parser.stream)  # endblocktranslate: the parser expects its block_end
        if counter is not None:
            values[counter_name] = counter
        referenced = [
            nodes.Pair(nodes.Const(name), values.get(name, nodes.Name(name, "load")))
            for name in dict.fromkeys(names)
        ]
        call = self.call_method(
            "_blocktranslate",
            [
                nodes.Const(singular),
                nodes.Const(plural),
                nodes.Const(message_context),
                counter if counter is not None else nodes.Const(None),
                nodes.Dict(referenced),
            ],
            lineno=lineno,
        )
        return nodes.Output([call], lineno=lineno)

    @staticmethod
    def _parse_body(parser, lineno, allow_plural):
        """The msgid as Django's BlockTranslateNode makes it: the text with % doubled, each
        {{ name }} as %(name)s; and the names."""
        names, parts = [], []
        while True:
            current = parser.stream.current
            if current.type == "data":
                parts.append(current.value.replace("%", "%%"))
                next(parser.stream)
            elif current.type == "variable_begin":
                next(parser.stream)
                name = parser.stream.expect("name").value
                names.append(name)
                parts.append(f"%({name})s")
                parser.stream.expect("variable_end")
            elif current.type == "block_begin":
                next(parser.stream)
                if parser.stream.current.test("name:endblocktranslate") or (
                    allow_plural and parser.stream.current.test("name:plural")
                ):
                    return names, "".join(parts)
                parser.fail("blocktranslate holds only text and {{ name }}", lineno)
            else:
                parser.fail("blocktranslate is not closed", lineno)

    @staticmethod
    def _translate(message, message_context):
        # As TranslateNode: the literal's % are doubled in the msgid and restored after.
        msgid = message.replace("%", "%%")
        if message_context:
            text = translation.pgettext(message_context, msgid)
        else:
            text = translation.gettext(msgid)
        return Markup(text.replace("%%", "%"))

    @staticmethod
    def _blocktranslate(singular, plural, message_context, count, values):
        if plural is not None:
            if not isinstance(count, (Decimal, float, int)):
                raise TemplateSyntaxError(f"blocktranslate: count {count!r} is not a number")
            if message_context:
                text = translation.npgettext(message_context, singular, plural, count)
            else:
                text = translation.ngettext(singular, plural, count)
        elif message_context:
            text = translation.pgettext(message_context, singular)
        else:
            text = translation.gettext(singular)
        return Markup(text % {name: django_value(value) for name, value in values.items()})


url = site_url.path  # {% url %}


def url_in(language, name, *args, **kwargs):
    """The address of `name` in `language` ({% language %}{% url %}{% endlanguage %})."""
    with translation.override(language):
        return url(name, *args, **kwargs)


GroupedResult = namedtuple("GroupedResult", ["grouper", "list"])


def regroup(items, attribute):
    """Django's {% regroup %}: runs of items with the same `attribute`, in their order."""
    return [
        GroupedResult(key, list(group)) for key, group in groupby(items, key=attrgetter(attribute))
    ]


def spaceless(value):
    """{% spaceless %}: no whitespace between tags, none around the whole."""
    return Markup(strip_spaces_between_tags(str(value).strip()))


def date(value, arg=None):
    return defaultfilters.date(template_localtime(value), arg)


@pass_environment
def link_and_embed(environment, obj, section, section_name):
    """The "Link and embed" panel of `obj` (linking/share.py)."""
    template = environment.get_template("linking/includes/link_and_embed.html")
    return Markup(template.render(addresses=addresses(obj, section), section_name=section_name))


def language_links_of(request):
    """The page's links in every language (content.negotiation.language_links): base.html
    asks for them only when the view gave none, as a Django context processor's give way to
    the view's context (the Jinja2 backend's would replace it)."""
    return language_links(request)["language_links"]


@pass_context
def structured_data_script(context):
    """The page's schema.org graph (content/templatetags/structured_data.py)."""
    return structured_data(context)


def environment(**options):
    options["undefined"] = DjangoUndefined
    env = Environment(
        **options,
        extensions=[DjangoTranslation],
        finalize=django_value,
        keep_trailing_newline=True,
    )
    env.globals.update(
        {
            "get_language": translation.get_language,
            "static": static,
            "url": url,
            "url_in": url_in,
            "regroup": regroup,
            "tr": tr,
            "tr_list": tr_list,
            "abbreviated": abbreviated,
            "prose": prose,
            "band_range": band_range,
            "salary_line": salary_line,
            "amount": amount,
            "link_and_embed": link_and_embed,
            "language_links_of": language_links_of,
            "structured_data_script": structured_data_script,
        }
    )
    env.filters.update(
        {
            "long_date": long_date,
            "number": number,
            "percent_of": percent_of,
            "truncatechars": defaultfilters.truncatechars,
            "force_escape": defaultfilters.force_escape,
            "date": date,
            "spaceless": spaceless,
        }
    )
    return env
