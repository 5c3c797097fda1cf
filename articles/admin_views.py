"""The translation overview: every piece of content in every language, in the admin, a page
at a time and filtered by kind, family, title and state (articles/overview.py)."""

from dataclasses import dataclass

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from articles import overview
from articles.loader import Article, parts_of, with_articles
from content import languages
from content.outdated import LABELS, object_state
from roles.models import Role, RoleFamily

PAGE_SIZE = 50


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


def _rows(page):
    rows = []
    for model, queryset in page:
        if model is Role:
            for role in with_articles(queryset):
                rows.append(_row(role, Article(role, parts_of(role)).state))
        else:
            for obj in queryset:
                rows.append(_row(obj, lambda code, obj=obj: object_state(obj, code)))
    return rows


def _filters(request, kinds):
    """The filters asked for, the unknown ones left out."""
    get = request.GET
    kind = get.get("kind", "")
    family = RoleFamily.objects.filter(pk=get["family"]).first() if get.get(
        "family", ""
    ).isdigit() else None  # fmt: skip
    language = get.get("language", "")
    if language not in languages.TARGETS:
        language = languages.TARGETS[0]
    state = get.get("state", "")
    return {
        "kind": kind if kind in kinds else "",
        # PostgreSQL refuses text with NUL bytes.
        "search": get.get("q", "").replace("\x00", "").strip()[:100],
        "family": family,
        "language": language,
        "state": state if state in overview.STATES else "",
    }


def translation_overview(request):
    """Staff who may view roles (editors, translators) see it, with the rows of what else
    they may view; a staff account with no permissions gets 403."""
    if not _may_view(request.user, Role):
        raise PermissionDenied
    kinds = {k: m for k, m in overview.kinds().items() if _may_view(request.user, m)}
    chosen = _filters(request, kinds)
    models = [kinds[chosen["kind"]]] if chosen["kind"] else list(kinds.values())
    querysets = overview.content(
        models,
        search=chosen["search"],
        family=chosen["family"],
        language=chosen["language"],
        state=chosen["state"],
    )
    paginator = Paginator(overview.Chain(querysets.values()), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    counts = overview.totals(querysets, languages.TARGETS)
    totals = []
    for language in languages.LANGUAGES:
        numbers = counts.get(language.code, {overview.COMPLETE: paginator.count})
        summary = [(LABELS[s], numbers.get(s, 0)) for s in overview.STATES[::-1]]
        totals.append({"language": language.code, "name": language.name, "summary": summary})
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        **admin.site.each_context(request),
        "title": _("Translation overview"),
        "rows": _rows(page.object_list),
        "page": page,
        "query": query.urlencode(),
        "totals": totals,
        "chosen": chosen,
        "kinds": [(k, m._meta.verbose_name_plural) for k, m in kinds.items()],
        "families": RoleFamily.objects.order_by("name_en") if Role in models else [],
        "states": [(s, LABELS[s]) for s in overview.STATES],
        "target_languages": [languages.get(code) for code in languages.TARGETS],
    }
    return render(request, "admin/translation_overview.html", context)
