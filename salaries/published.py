"""Salary bands as readers see them: what was published with each role."""

from content.published import attach, every, find, from_row, instance, label, sort
from roles.models import Role
from salaries.models import Location, SalaryBand


def published_salaries(key=None):
    """(roles, locations): every published role (or the one at `key`), each with its bands
    (role.salary_bands), and the locations that have bands, in editorial order."""
    locations = {location.pk: location for location in map(instance, every(Location))}
    roles, used = [], set()
    publications = every(Role, with_parts=True) if key is None else [find(Role, key)]
    for published in filter(None, publications):
        role = instance(published)
        bands = []
        for row in published.parts.get(label(SalaryBand), []):
            band = from_row(SalaryBand, row)
            if band.location_id in locations:
                band.location, band.role = locations[band.location_id], role
                bands.append(band)
        bands.sort(key=lambda b: (b.location.order, b.location.pk, b.track))
        used |= {band.location_id for band in bands}
        attach(role, "salary_bands", bands)
        roles.append(role)
    return sort(roles), sort(location for pk, location in locations.items() if pk in used)
