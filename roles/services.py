from roles.models import RoleSlug


def role_slug_record(*, role_id, slug):
    """Remember a slug the role is published at, so that links to it keep working after it
    changes: the old slug then redirects to the new one."""
    RoleSlug.objects.update_or_create(slug=slug, defaults={"role_id": role_id})
