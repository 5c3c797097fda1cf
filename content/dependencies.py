"""What a page read of the published content: each a Dependency, noted while the page renders
(content.published.noting_reads), stored beside the page (publishing's StoredPageRead) and
compared by publishing with what a publication changed.

Its string form (`obj:roles.role:3`, `links:metrics.metric:*`, `az:ko:ㄱ`) is what is stored,
and what a front cache is told as a surrogate key.
"""

from dataclasses import dataclass

ANY = "*"


@dataclass(frozen=True)
class Dependency:
    scope: str
    args: tuple = ()

    # What a page shows of one published object.
    WHOLE = "obj"  # all of it: its own page
    HEAD = "head"  # its row without its lists: a list's entry
    TITLE = "title"  # its address and title: a link to it
    PART = "part"  # one of its lists, besides its title
    # Lists: their members and order, which change only when objects are published anew,
    # move, or are taken away.
    KIND = "kind"  # a list of the objects of a kind
    LINKS = "links"  # a list of those that refer to one (or to any of its kind)
    AZ = "az"  # the A to Z of a language, under one letter (or any)
    LATEST = "latest"  # when one of a kind was last published
    LISTS = frozenset({KIND, LINKS, AZ})

    def __str__(self):
        return ":".join([self.scope, *(str(arg) for arg in self.args)])

    @property
    def is_list(self):
        return self.scope in self.LISTS

    @classmethod
    def whole(cls, kind, object_id):
        return cls(cls.WHOLE, (kind, object_id))

    @classmethod
    def head(cls, kind, object_id):
        return cls(cls.HEAD, (kind, object_id))

    @classmethod
    def title(cls, kind, object_id):
        return cls(cls.TITLE, (kind, object_id))

    @classmethod
    def shown(cls, shows, kind, object_id):
        """whole, head or title of an object, as `shows` (one of those scopes) says."""
        return cls(shows, (kind, object_id))

    @classmethod
    def part(cls, kind, object_id, part):
        return cls(cls.PART, (kind, object_id, part))

    @classmethod
    def of_kind(cls, kind):
        return cls(cls.KIND, (kind,))

    @classmethod
    def links(cls, kind, object_id=ANY):
        return cls(cls.LINKS, (kind, object_id))

    @classmethod
    def az(cls, language, letter=ANY):
        return cls(cls.AZ, (language, letter))

    @classmethod
    def latest(cls, kind):
        return cls(cls.LATEST, (kind,))
