"""The whole published reference per language as files: JSON-LD (schema.org, as the pages
carry it) and CSV (roles, responsibilities, metrics, salary bands), with the licence and the
publication they reflect.

They are stored pages, remade by downloads_remake() in the background (a task of the queue,
enqueued by every publication with downloads_remake_later()); they note no reads, so a
publication never renders them while the editor waits.
"""

import csv
import io
import json

from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from articles.loader import article_from
from articles.structured_data import occupation
from content.models import Published
from content.published import every, instance, label, noting_reads, sort
from content.site_url import absolute
from content.structured_data import CONTEXT, publisher
from linking.views import DOWNLOADS
from metrics.models import Metric
from metrics.structured_data import defined_term, term_set
from publishing import front_cache, rendering
from publishing.models import Publication
from publishing.queue import DEFAULT_PRIORITY, READY, after_commit, stored
from roles.models import Role, RoleFamily
from salaries.models import Location

CSV_FILES = {
    "roles": ["slug", "url", "title", "abbreviation", "summary", "family", "other_titles",
              "judged_by", "reports_on", "updated_on", "version", "version_url"],
    "responsibilities": ["role", "group", "title", "description"],
    "metrics": ["code", "url", "name", "abbreviation", "definition", "calculation", "unit",
                "higher_is_better"],
    "salary-bands": ["role", "location", "country", "track", "job_title", "minimum", "maximum",
                     "currency", "period", "source", "source_url", "as_of"],
}  # fmt: skip
# The JSON-LD, then a CSV file of each of CSV_FILES (the guide lists them: linking/views.py).
FILES = DOWNLOADS


def download_paths(languages=None):
    paths = []
    for code in languages or [c for c, _name in settings.LANGUAGES]:
        with translation.override(code):
            paths += [reverse("published:download", kwargs={"name": name}) for name in FILES]
    return paths


def without_downloads(paths):
    """`paths` but the downloads, and the languages whose downloads were among them: a
    language's files are rendered together (downloads_remake), reading every article once,
    where rendered one by one each file read them all again."""
    files = set(download_paths())
    pages = [path for path in paths if path not in files]
    languages = sorted({path.split("/")[1] for path in paths if path in files})
    return pages, languages


def last_publication():
    return Publication.objects.order_by("-published_at", "-pk").first()


def _articles(language):
    """Every published role's article, read in a fixed number of queries however many roles
    there are (load_article reads two per role): the roles with their lists, then the
    families, metrics and places they refer to."""
    rows = every(Role, with_parts=True)
    shown = {(label(Role), published.object_id): instance(published) for published in rows}
    kinds = [label(model) for model in (RoleFamily, Metric, Location)]
    for published in Published.objects.filter(kind__in=kinds).defer("parts"):
        shown[(published.kind, published.object_id)] = instance(published)

    def referred(wanted):
        keys = ((label(model), pk) for model, ids in wanted.items() for pk in ids)
        return {key: shown[key] for key in keys if key in shown}

    ordered = sorted(rows, key=lambda p: (p.order, p.object_id))
    return [article_from(published, language, referred=referred) for published in ordered]


def _metrics():
    return sort(map(instance, every(Metric)))


def _licence_link():
    return f'<{settings.CONTENT_LICENCE_URL}>; rel="license"'


def reference_jsonld(language, articles):
    """The reference as one schema.org graph: a Dataset, an Occupation per role, and the
    metrics' DefinedTermSet."""
    last = last_publication()
    dataset = {
        "@type": "Dataset",
        "@id": absolute(reverse("published:download", kwargs={"name": "reference.jsonld"})),
        "name": _("Role reference"),
        "description": _(
            "Every published role, its responsibilities, metrics and salary bands, in one language."
        ),
        "inLanguage": language,
        "license": settings.CONTENT_LICENCE_URL,
        "publisher": publisher(),
        "url": absolute(reverse("linking:linking-guide")) + "#downloads",
        "distribution": [
            {
                "@type": "DataDownload",
                "encodingFormat": "text/csv",
                "name": name,
                "contentUrl": absolute(reverse("published:download", kwargs={"name": name})),
            }
            for name in FILES
            if name.endswith(".csv")
        ],
    }
    if last is not None:
        moment = last.published_at.isoformat(timespec="seconds")
        dataset["dateModified"] = moment
        dataset["version"] = f"{moment} ({last})"
    roles = []
    for article in articles:
        url = absolute(article.role.get_absolute_url())
        node = occupation(article, url)
        node["url"] = url
        roles.append(node)
    metrics = term_set(defined_term(metric) for metric in _metrics())
    return {"@context": CONTEXT, "@graph": [dataset, *roles, metrics]}


def _rows(name, articles):
    if name == "metrics":
        for metric in _metrics():
            yield [metric.code, absolute(metric.get_absolute_url()), metric.name,
                   metric.abbreviation, metric.definition, metric.calculation, metric.unit,
                   "yes" if metric.higher_is_better else "no"]  # fmt: skip
        return
    for article in articles:
        role = article.role
        if name == "roles":
            judged = [rm.metric.code for rm in article.role_metrics if rm.kind != "reports-on"]
            reports = [rm.metric.code for rm in article.role_metrics if rm.kind == "reports-on"]
            version = reverse("published:role-version",
                              kwargs={"slug": role.slug, "number": article.number})  # fmt: skip
            yield [role.slug, absolute(role.get_absolute_url()), role.title, role.abbreviation,
                   role.summary, role.family.slug if role.family else "",
                   " | ".join(a.name for a in article.aliases), " ".join(judged),
                   " ".join(reports), role.updated_on.isoformat(), article.number,
                   absolute(version)]  # fmt: skip
        elif name == "responsibilities":
            for item in article.responsibilities:
                group = item.group.title if item.group else ""
                yield [role.slug, group, item.title, item.description]
        else:
            for band in article.salary_bands:
                yield [role.slug, band.location.slug, band.location.country, band.track,
                       band.job_title, band.minimum, band.maximum, band.currency, band.period,
                       band.source, band.source_url, band.as_of.isoformat()]  # fmt: skip


def reference_csv(name, articles):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_FILES[name])
    writer.writerows(_rows(name, articles))
    return out.getvalue()


def file_body(name, language, articles):
    if name.endswith(".jsonld"):
        return json.dumps(reference_jsonld(language, articles), ensure_ascii=False, indent=1)
    return reference_csv(name.removesuffix(".csv"), articles)


# The articles downloads_remake read once for all five files of a language, while it
# renders them (one thread: rendering.render runs the requests in this one).
_remaking = {}


@require_safe
def download(request, name):
    if name not in FILES:
        raise Http404
    language = get_language()
    # Remade after each publication (downloads_remake), never by one while the editor waits.
    with noting_reads():
        articles = _remaking.get(language)
        body = file_body(name, language, _articles(language) if articles is None else articles)
    kind = "application/ld+json" if name.endswith(".jsonld") else "text/csv"
    response = HttpResponse(body, content_type=f"{kind}; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="role-reference-{language}-{name}"'
    response["Link"] = _licence_link()
    response["Access-Control-Allow-Origin"] = "*"
    return response


@task(priority=DEFAULT_PRIORITY)
def remake(*, languages=None):
    """downloads_remake as a task of the queue, for the queue's pages."""
    made = downloads_remake(languages=languages)
    return {"outcome": "remade", "message": _("%(count)s files remade.") % {"count": len(made)}}


def downloads_remake_later():
    """Once the current transaction commits, remake the downloads in the background. One
    waiting task is enough: it reads what is published when it runs."""
    waiting = DBTaskResult.objects.filter(task_path=remake.module_path, status=READY)
    if stored(remake) and waiting.exists():
        return
    after_commit(remake)


def downloads_render(language):
    """The downloads of `language` as rendering them now gives them ({path: (response,
    reads)}, as rendering.render answers), every article read once for all the files."""
    with rendering.collecting_less():
        with translation.override(language), noting_reads():
            _remaking[language] = _articles(language)
        try:
            rendered, _vanished = rendering.render(download_paths([language]), required=())
        finally:
            _remaking.pop(language, None)
    return rendered


def downloads_remake(*, languages=None):
    """Render the downloads of `languages` (every language by default) from what is
    published now, and store them: what a publication calls once it has committed."""
    made = []
    for language in languages or [code for code, _name in settings.LANGUAGES]:
        with transaction.atomic():
            rendered = downloads_render(language)
            changed = rendering.store(
                {path: (response, set()) for path, (response, _r) in rendered.items()}
            )
            # The front caches forget the files that changed (by their own page keys).
            front_cache.purge_after_commit(changed)
        made += sorted(rendered)
    return made
