from roles.models import RoleSlug


def role_slug_record(*, role):
    """Remember the role's current slug, so that links to it keep working after a change."""
    RoleSlug.objects.update_or_create(slug=role.slug, defaults={"role": role})
