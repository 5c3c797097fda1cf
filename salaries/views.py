from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from salaries.layout import comparison_tables
from salaries.published import published_salaries


@require_safe
def salary_list(request):
    roles, locations = published_salaries()
    with_figures = [role for role in roles if role.salary_bands.all()]
    return render(
        request,
        "salaries/salary_list.html",
        {
            "tables": comparison_tables(with_figures, locations, get_language()),
            "roles_without_figures": [role for role in roles if not role.salary_bands.all()],
            "title": _("Salaries"),
            "description": _("Salary ranges for each role, side by side by location and track."),
        },
    )
