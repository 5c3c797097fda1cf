"""The translation overview: every piece of content in every language, in the admin."""

from collections import Counter
from dataclasses import dataclass

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from articles.loader import Article, parts_of, with_articles
from articles.parts import SHARED
from content import languages
from content.outdated import COMPLETE, LABELS, MISSING, OUTDATED, object_state
from roles.models import Role


@dataclass
class Row:
    kind: str
    name: str
    url: str
    cells: list


def _row(obj, state):
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    cells = [
        {
            "language": code,
            "state": state(code),
            "label": LABELS[state(code)],
            "url": f"{url}#language-{code}",
        }
        for code in languages.CODES
    ]
    return Row(str(obj._meta.verbose_name).capitalize(), str(obj), url, cells)


def _may_view(user, model):
    return user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")


def translation_overview(request):
    """Staff who may view roles (editors, translators) see it, with the rows of what else
    they may view; a staff account with no permissions gets 403."""
    if not _may_view(request.user, Role):
        raise PermissionDenied
    rows = []
    for role in with_articles(Role.objects.all()):
        rows.append(_row(role, Article(role, parts_of(role)).state))
    for shared in SHARED:
        if not _may_view(request.user, shared.model):
            continue
        for obj in shared.model.objects.all():
            rows.append(_row(obj, lambda code, obj=obj: object_state(obj, code)))
    totals = [
        {"language": language.code, "name": language.name, "counts": Counter()}
        for language in languages.LANGUAGES
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
