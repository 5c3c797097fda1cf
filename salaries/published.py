"""Salary bands as readers see them: what was published with each role, a page of roles at a
time."""

from content.published import (
    TITLE,
    find,
    from_row,
    in_order,
    instance,
    label,
    related,
)
from roles.models import Role
from salaries.models import Location, SalaryBand

# Roles whose figures the salaries page compares, a page at a time; and of those with none.
SALARIES_PAGE = 20
WITHOUT_FIGURES = 20


def _with_bands(rows):
    """Each published role in `rows` (with its `listed` bands), with its bands and their
    published locations (role.bands)."""
    roles = [instance(published) for published in rows]
    bands_of = {
        role.pk: [from_row(SalaryBand, row, published.schema) for row in published.listed or []]
        for role, published in zip(roles, rows, strict=True)
    }
    wanted = {band.location_id for bands in bands_of.values() for band in bands}
    found = related([(Location, wanted)])
    locations = {pk: instance(p) for (_kind, pk), p in found.items()}
    for role in roles:
        bands = [b for b in bands_of[role.pk] if b.location_id in locations]
        for band in bands:
            band.location, band.role = locations[band.location_id], role
        bands.sort(key=lambda b: (b.location.order, b.location.pk, b.track))
        role.bands = bands
    return roles


def published_salaries(page=1):
    """(a page of the published roles that have bands, each with them; how many roles have
    bands)."""
    rows, total = in_order(
        Role, page=page, size=SALARIES_PAGE, linking_to=Location, linking=True,
        part=label(SalaryBand), shows=TITLE,
    )  # fmt: skip
    return _with_bands(rows), total


def roles_without_figures(page=1, size=WITHOUT_FIGURES):
    """(a page of the published roles with no bands, how many there are)."""
    rows, total = in_order(
        Role, page=page, size=size, linking_to=Location, linking=False, shows=TITLE
    )
    return [instance(published) for published in rows], total


def role_salaries(key):
    """The published role at `key` with its bands, or None."""
    published = find(Role, key)
    if published is None:
        return None
    published.listed = published.parts.get(label(SalaryBand), [])
    return _with_bands([published])[0]
