"""An Atom feed per language of what was published: new and changed roles and metrics, and
what changed in each, so that a knowledge base can tell when a role it links to changes.

Stored like any page: it notes when roles and metrics were last published, so every
publication renders it again.
"""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from content.languages import SOURCE
from content.published import last_published, once
from content.site_url import absolute
from metrics.models import Metric
from publishing.models import Publication
from publishing.versions import version_languages, version_path
from roles.models import Role

ENTRIES = 50
KINDS = {"roles.role": ("title", "articles:role-detail", "slug"),
         "metrics.metric": ("name", "metrics:metric-detail", "code")}  # fmt: skip


def _name(publication, language):
    field = KINDS[publication.kind][0]
    head = publication.head or {}
    return head.get(f"{field}_{language}") or head.get(f"{field}_{SOURCE}") or publication.key


def _concerns(publication, language):
    """Whether readers of `language` see a change: it was published in their language, or
    it came (shown to them in English until translated) or went."""
    return (
        language in publication.languages
        or publication.number == 1
        or publication.action != Publication.Action.PUBLISH
    )


def published_in(language, size=ENTRIES):
    """The last `size` publications of roles and metrics that readers of `language` see."""
    # Their titles are in their rows; their lists are not read. The newest of every kind,
    # along their index (publication_newest_first): SQLite chose the index of kinds for
    # kind__in, and read and sorted every publication (32 ms at 1,000 roles, 0.5 through
    # this one).
    recent = Publication.objects.defer("parts").order_by("-published_at", "-pk")
    found = []
    # Families' and places' publications, and those in other languages only, are skipped;
    # read a few more than needed, once for the feeds of every language a publication
    # renders (reading_once).
    for publication in once(("recent publications", size * 6), lambda: list(recent[: size * 6])):
        if publication.kind in KINDS and _concerns(publication, language):
            found.append(publication)
        if len(found) == size:
            break
    return found


class PublicationsFeed(Feed):
    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        response["Content-Type"] = "application/atom+xml; charset=utf-8"
        return response

    def title(self):
        return _("Role reference: what was published")

    def subtitle(self):
        return _("New and changed roles and metrics, and what changed in each.")

    def link(self):
        return absolute(reverse("roles:index"))

    def feed_url(self):
        return absolute(reverse("published:feed"))

    def author_name(self):
        return _("Role reference")

    def items(self):
        # What the stored feed read: every publication of a role or metric renders it again.
        last_published(Role)
        last_published(Metric)
        return published_in(get_language())

    def item_title(self, publication):
        name = _name(publication, get_language())
        if publication.action == Publication.Action.UNPUBLISH:
            return _("Removed: %(name)s") % {"name": name}
        if publication.number == 1:
            return _("New: %(name)s") % {"name": name}
        return _("Changed: %(name)s") % {"name": name}

    def item_description(self, publication):
        language = get_language()
        if publication.action == Publication.Action.UNPUBLISH:
            return _("Readers no longer see this page.")
        if publication.action == Publication.Action.ROLLBACK:
            return _("An earlier version is shown again.")
        if publication.number == 1:
            return _("Published for the first time.")
        changed = publication.changes.get(language) or publication.changes.get(SOURCE) or []
        if not changed:
            return _("Published again without changes to its texts in this language.")
        # Kept as "<kind>: <field>" in the models' English names, which the catalogues
        # translate; each named once.
        texts = dict.fromkeys(": ".join(_(part) for part in text.split(": ")) for text in changed)
        return _("What changed: %(texts)s.") % {"texts": ", ".join(texts)}

    def item_link(self, publication):
        language = get_language()
        if publication.kind == "roles.role" and publication.head is not None:
            # The version published then: it says what the reader saw, for good (in
            # English when it was not published in the reader's language).
            if language not in version_languages(publication):
                language = SOURCE
            return absolute(version_path(publication, language))
        _field, name, key = KINDS[publication.kind]
        return absolute(
            f"{reverse(name, kwargs={key: publication.key})}#publication-{publication.number}"
        )

    def item_guid(self, publication):
        return absolute(f"/{get_language()}/feed/#publication-{publication.pk}")

    item_guid_is_permalink = False

    def item_pubdate(self, publication):
        return publication.published_at

    def item_updateddate(self, publication):
        return publication.published_at
