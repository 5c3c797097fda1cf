from django.shortcuts import render

from salaries.models import SalaryBand


def salary_list(request):
    bands = SalaryBand.objects.select_related("role", "location")
    return render(request, "salaries/salary_list.html", {"bands": bands})
