from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from roles.models import Role
from salaries.layout import comparison_tables
from salaries.models import Location, roles_with_salary_bands


@require_safe
def salary_list(request):
    roles = roles_with_salary_bands()
    locations = Location.objects.with_salary_bands()
    return render(
        request,
        "salaries/salary_list.html",
        {
            "tables": comparison_tables(roles, locations, get_language()),
            "roles_without_figures": Role.objects.filter(salary_bands__isnull=True),
            "title": _("Salaries"),
            "description": _("Salary ranges for each role, side by side by location and track."),
        },
    )
