"""The translation overview: every piece of content in every language, in the admin."""

from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from metrics.models import Metric
from roles.models import Role, RoleFamily
from roles.translation_state import (
    COMPLETE,
    LABELS,
    MISSING,
    OUTDATED,
    object_state,
    role_state,
)
from salaries.models import Location


@dataclass
class Row:
    kind: str
    name: str
    url: str
    cells: list


def _row(kind, obj, states):
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    cells = [
        {"language": code, "state": state, "label": LABELS[state], "url": f"{url}#language-{code}"}
        for code, state in states
    ]
    return Row(kind, str(obj), url, cells)


def translation_overview(request):
    languages = [code for code, _name in settings.LANGUAGES]
    rows = [
        _row(_("Role"), role, [(code, role_state(role, code)) for code in languages])
        for role in Role.objects.with_page_data()
    ]
    for kind, queryset in [
        (_("Metric"), Metric.objects.all()),
        (_("Location"), Location.objects.all()),
        (_("Role family"), RoleFamily.objects.all()),
    ]:
        rows += [
            _row(kind, obj, [(code, object_state(obj, code)) for code in languages])
            for obj in queryset
        ]
    totals = [
        {"language": code, "name": name, "counts": Counter()} for code, name in settings.LANGUAGES
    ]
    for row in rows:
        for total, cell in zip(totals, row.cells, strict=True):
            total["counts"][cell["state"]] += 1
    for total in totals:
        total["summary"] = [(LABELS[s], total["counts"][s]) for s in (COMPLETE, OUTDATED, MISSING)]
    context = {
        **admin.site.each_context(request),
        "title": _("Translation overview"),
        "rows": rows,
        "totals": totals,
    }
    return render(request, "admin/translation_overview.html", context)
