"""Which language a reader gets, and links to the same page in the others.

Public pages live under a language prefix (/en/, /hi/, …). An unprefixed address is answered
by Django's LocaleMiddleware with a redirect to the reader's language: the remembered choice
(the language cookie), then Accept-Language, then English.
"""

from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.templatetags.static import static
from django.utils.translation import get_language, get_language_from_path

from content import languages, site_url
from content.formatting import babel_locale
from content.site_url import absolute

# Tags Django would not map onto a language we publish (Norwegian "no" and "nn" onto "nb").
ACCEPT_LANGUAGE_ALIASES = {
    alias: language.code for language in languages.LANGUAGES for alias in language.accept_aliases
}


def _rewrite_tag(tag):
    name, _sep, params = tag.strip().partition(";")
    primary, _dash, region = name.partition("-")
    alias = ACCEPT_LANGUAGE_ALIASES.get(primary.lower())
    if alias is None:
        return tag
    rewritten = f"{alias}-{region}" if region else alias
    return f"{rewritten};{params}" if params else rewritten


def with_language_aliases(request):
    """Rewrite the request's Accept-Language tags we do not publish (no, nn) to the language
    that serves those readers (nb)."""
    header = request.META.get("HTTP_ACCEPT_LANGUAGE")
    if header:
        request.META["HTTP_ACCEPT_LANGUAGE"] = ",".join(
            _rewrite_tag(tag) for tag in header.split(",")
        )


class LanguageAliasMiddleware:
    """Maps Accept-Language tags we do not publish onto the language that serves those readers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with_language_aliases(request)
        return self.get_response(request)


class RememberLanguageMiddleware:
    """Remembers a language the reader switched to on this site.

    Following a link from one of our pages in one language to a page in another (the language
    switcher) is a choice, and language-neutral links should honour it. Arriving from elsewhere
    (a knowledge base linking to a fixed language) is not, and changes nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        chosen = get_language_from_path(request.path_info)
        if (
            chosen
            and response.status_code == 200
            and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != chosen
            and _switched_from(request) not in (None, chosen)
        ):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                chosen,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response


def _switched_from(request):
    """The language of the page on this site the reader came from, if any. A Referer that
    is not an address (`http://[`) names no page."""
    try:
        referer = urlsplit(request.META.get("HTTP_REFERER", ""))
    except ValueError:
        return None
    if referer.netloc != request.get_host():
        return None
    return get_language_from_path(referer.path)


def language_links(request):
    """Context: this page in every language, for the switcher, hreflang and canonical links."""
    language = get_language_from_path(request.path_info)
    if language is None:
        return {"language_links": None}
    rest = request.path_info[len(language) + 1 :]
    alternates = [
        {
            "code": other.code,
            "name": other.name,
            "url": absolute(f"/{other.code}{rest}"),
            "path": f"/{other.code}{rest}",
            "locale": other.babel_locale,
            "current": other.code == language,
        }
        for other in languages.LANGUAGES
    ]
    canonical = absolute(f"/{language}{rest}")
    oembed = urlencode({"url": canonical, "format": "json"})
    return {
        "language_links": {
            "alternates": alternates,
            "canonical": canonical,
            "x_default": absolute(rest),
            "locale": babel_locale(get_language()),
            "oembed": absolute(f"{site_url.path('oembed')}?{oembed}"),
            "preview_image": absolute(static("img/preview.png")),
        }
    }


def in_this_language_only(links, elsewhere):
    """`links` (language_links's) for a page that exists in its own language only, as an
    A to Z letter does (Korean's ㄱ, Bokmål's å): the switcher leads to `elsewhere(code)`,
    that language's nearest page, and hreflang, x-default and og:locale:alternate name no
    other page, since none is this page in another language."""
    for link in links["alternates"]:
        if not link["current"]:
            link["path"] = elsewhere(link["code"])
            link["url"] = absolute(link["path"])
    return {**links, "this_language_only": True, "x_default": None}
