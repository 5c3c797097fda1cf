from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from content.paging import Pages, checked
from salaries.layout import comparison_tables
from salaries.published import (
    SALARIES_PAGE,
    WITHOUT_FIGURES,
    published_salaries,
    roles_without_figures,
)


@require_safe
def salary_list(request, page=1):
    roles, total = published_salaries(page)
    checked(page, total, SALARIES_PAGE)
    # On the first page only: on every page, a change to one of them would render every
    # page of the comparison again.
    without, without_total = roles_without_figures() if page == 1 else ([], 0)
    return render(
        request,
        "salaries/salary_list.html",
        {
            "tables": comparison_tables(roles, get_language()),
            "pages": Pages(page, total, SALARIES_PAGE, reverse("salaries:salary-list")),
            "roles_without_figures": without,
            "without_figures_count": without_total,
            "title": _("Salaries"),
            "description": _("Salary ranges for each role, side by side by location and track."),
        },
    )


@require_safe
def without_figures(request, page=1):
    roles, total = roles_without_figures(page)
    checked(page, total, WITHOUT_FIGURES)
    return render(
        request,
        "salaries/without_figures.html",
        {
            "roles": roles,
            "pages": Pages(page, total, WITHOUT_FIGURES, reverse("salaries:without-figures")),
            "title": _("Roles with no published figures yet"),
            "description": _("Salary ranges for each role, side by side by location and track."),
        },
    )
