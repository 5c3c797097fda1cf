"""Roles and families as readers see them: what was published, never the drafts."""

from content.published import attach, every, instance, sort
from roles.models import Role, RoleFamily


def published_roles():
    """Every published role, in editorial order, each with its family."""
    families = {family.pk: family for family in map(instance, every(RoleFamily))}
    roles = []
    for role in sort(map(instance, every(Role))):
        if role.family_id in families:
            role.family = families[role.family_id]
            roles.append(role)
    return roles


def families_with_roles():
    """The families that have published roles, each with them (family.roles.all)."""
    roles = published_roles()
    families = {role.family_id: role.family for role in roles}
    for family in families.values():
        attach(family, "roles", [role for role in roles if role.family_id == family.pk])
    return sort(families.values())
