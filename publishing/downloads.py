"""The whole published reference per language as files: JSON-LD (schema.org, as the pages
carry it) and CSV (roles, responsibilities, metrics, salary bands), with the licence and the
publication they reflect.

They are stored pages, remade by downloads_remake() once a publication has committed (the
task queue may run it in the background); they note no reads, so a publication never
renders them while the editor waits.
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

from articles.loader import load_article
from articles.structured_data import occupation
from content.published import every, instance, noting_reads, sort
from content.site_url import absolute
from content.structured_data import CONTEXT, publisher
from metrics.models import Metric
from metrics.structured_data import defined_term, term_set
from publishing import rendering
from publishing.models import Publication
from roles.models import Role

CSV_FILES = {
    "roles": ["slug", "url", "title", "abbreviation", "summary", "family", "other_titles",
              "judged_by", "reports_on", "updated_on", "version", "version_url"],
    "responsibilities": ["role", "group", "title", "description"],
    "metrics": ["code", "url", "name", "abbreviation", "definition", "calculation", "unit",
                "higher_is_better"],
    "salary-bands": ["role", "location", "country", "track", "job_title", "minimum", "maximum",
                     "currency", "period", "source", "source_url", "as_of"],
}  # fmt: skip
FILES = ["reference.jsonld", *(f"{name}.csv" for name in CSV_FILES)]


def download_paths(languages=None):
    paths = []
    for code in languages or [c for c, _name in settings.LANGUAGES]:
        with translation.override(code):
            paths += [reverse("published:download", kwargs={"name": name}) for name in FILES]
    return paths


def last_publication():
    return Publication.objects.order_by("-published_at", "-pk").first()


def _articles(language):
    roles = sort(map(instance, every(Role)))
    return [a for a in (load_article(role.slug, language) for role in roles) if a is not None]


def _metrics():
    return sort(map(instance, every(Metric)))


def _licence_link():
    return f'<{settings.CONTENT_LICENCE_URL}>; rel="license"'


def reference_jsonld(language):
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
    for article in _articles(language):
        url = absolute(article.role.get_absolute_url())
        node = occupation(article, url)
        node["url"] = url
        roles.append(node)
    metrics = term_set(defined_term(metric) for metric in _metrics())
    return {"@context": CONTEXT, "@graph": [dataset, *roles, metrics]}


def _rows(name, language):
    if name == "metrics":
        for metric in _metrics():
            yield [metric.code, absolute(metric.get_absolute_url()), metric.name,
                   metric.abbreviation, metric.definition, metric.calculation, metric.unit,
                   "yes" if metric.higher_is_better else "no"]  # fmt: skip
        return
    for article in _articles(language):
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


def reference_csv(name, language):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_FILES[name])
    writer.writerows(_rows(name, language))
    return out.getvalue()


@require_safe
def download(request, name):
    if name not in FILES:
        raise Http404
    language = get_language()
    # Remade after each publication (downloads_remake), never by one while the editor waits.
    with noting_reads():
        if name.endswith(".jsonld"):
            body = json.dumps(reference_jsonld(language), ensure_ascii=False, indent=1)
            response = HttpResponse(body, content_type="application/ld+json; charset=utf-8")
        else:
            stem = name.removesuffix(".csv")
            response = HttpResponse(
                reference_csv(stem, language), content_type="text/csv; charset=utf-8"
            )
    response["Content-Disposition"] = f'inline; filename="role-reference-{language}-{name}"'
    response["Link"] = _licence_link()
    response["Access-Control-Allow-Origin"] = "*"
    return response


def downloads_remake(*, languages=None):
    """Render the downloads of `languages` (every language by default) from what is
    published now, and store them: what a publication calls once it has committed."""
    with transaction.atomic():
        rendered, _vanished = rendering.render(download_paths(languages), required=())
        rendering.store({path: (response, set()) for path, (response, _r) in rendered.items()})
    return sorted(rendered)
