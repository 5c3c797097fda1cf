"""Roles and families as readers see them: what was published, never the drafts, a page of
a list at a time however many roles there are."""

from content.published import (
    every,
    find,
    first_of_each,
    first_under_each_letter,
    in_order,
    instance,
    referred_to,
    sort,
    under_letter,
)
from roles.models import Role, RoleFamily

# Roles the index shows under each family; the family's page lists them all.
ON_INDEX = 6
# Families on a page of the index, each with its first ON_INDEX roles and their summaries:
# 30 roles, fewer than a list's page, for the index is a way in, and publishing renders it
# again whenever one of those summaries changes.
FAMILIES_ON_INDEX = 5
# Lists of roles with their summaries, 50 a page: publishing renders again the page that
# shows a role whenever its summary changes, so a page's length is part of what every
# publication costs.
FAMILY_PAGE = 50
LETTER_PAGE = 50
# Roles the A to Z shows under each letter; the letter's page lists them all.
PER_LETTER = 10


def _families():
    return {family.pk: family for family in map(instance, every(RoleFamily))}


def _with_family(rows, families):
    roles = []
    for role in map(instance, rows):
        if role.family_id in families:
            role.family = families[role.family_id]
            roles.append(role)
    return roles


def published_roles(*, page=1, size=100):
    """A page of the published roles, in editorial order, each with its family, and how many
    there are."""
    rows, total = in_order(Role, page=page, size=size)
    return _with_family(rows, _families()), total


def families_with_roles(page=1):
    """A page of the families that have published roles (FAMILIES_ON_INDEX of them, in
    editorial order), each with its first ON_INDEX roles (family.first_roles) and how many
    it has (family.role_count); and how many such families there are."""
    families = _families()
    with_roles = referred_to(RoleFamily, Role)
    listed = sort(family for pk, family in families.items() if pk in with_roles)
    start = (page - 1) * FAMILIES_ON_INDEX
    shown = listed[start : start + FAMILIES_ON_INDEX]
    firsts = first_of_each(Role, RoleFamily, ON_INDEX, among=[family.pk for family in shown])
    for family in shown:
        rows, family.role_count = firsts[family.pk]
        family.first_roles = _with_family(rows, families)
    return shown, len(listed)


def family_roles(slug, page):
    """(family, a page of its published roles, how many it has), or None."""
    published = find(RoleFamily, slug)
    if published is None:
        return None
    family = instance(published)
    rows, total = in_order(Role, page=page, size=FAMILY_PAGE, linking_to=family)
    return family, _with_family(rows, {family.pk: family}), total


def roles_a_to_z(language):
    """[(letter, its first PER_LETTER roles, how many it has)] in `language`'s order."""
    families = _families()
    return [
        (letter, _with_family(rows, families), count)
        for letter, rows, count in first_under_each_letter(Role, language, PER_LETTER)
    ]


def roles_under(language, letter, page):
    """(a page of the roles under `letter` in `language`, how many there are)."""
    rows, total = under_letter(Role, language, letter, page=page, size=LETTER_PAGE)
    return _with_family(rows, _families()), total
