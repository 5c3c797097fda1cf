"""A role page's structured data: the page, the article, the Occupation it describes and
the breadcrumbs, in the page's language, from the article the page shows (articles.loader).

Salary bands are ranges (a minimum and a maximum, as the sources give them), not
percentiles: each is a MonetaryAmountDistribution that is also a MonetaryAmount, so that
its figures are minValue and maxValue, and no median is invented.
"""

from django.templatetags.static import static
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from content.site_url import absolute, path
from content.structured_data import breadcrumbs, publisher_id, web_page
from metrics.models import RoleMetric
from metrics.structured_data import defined_term
from roles.models import Section

# ISO 8601 durations of a salary band's period.
DURATIONS = {"year": "P1Y", "month": "P1M", "hour": "PT1H"}
EXPERIENCE_SECTIONS = {Section.Key.EXPERIENCE}


def plain(text):
    """A text as one paragraph: the page's list marks and line breaks taken out."""
    lines = (line.strip().removeprefix("- ") for line in (text or "").splitlines())
    return " ".join(line for line in lines if line)


def _place(location):
    return {
        "@type": "AdministrativeArea",
        "name": location.name,
        "containedInPlace": {"@type": "Country", "identifier": location.country},
    }


def _band(band):
    track = band.get_track_display()
    name = f"{track}: {band.job_title}" if band.job_title else track
    return {
        "@type": ["MonetaryAmountDistribution", "MonetaryAmount"],
        "name": f"{name} ({band.location.name})",
        "currency": band.currency,
        "duration": DURATIONS.get(band.period, "P1Y"),
        "minValue": band.minimum,
        "maxValue": band.maximum,
    }


def classification_links(role):
    """The codes a role page shows: (classification, code, address or "")."""
    codes = []
    if role.isco_08:
        codes.append(("ISCO-08", role.isco_08, ""))
    if role.esco_uri:
        # Its code is the address's last part, a UUID: the link says "ESCO".
        codes.append(("", "ESCO", role.esco_uri))
    if role.onet_soc:
        url = f"https://www.onetonline.org/link/summary/{role.onet_soc}"
        codes.append(("O*NET-SOC", role.onet_soc, url))
    return codes


def classification(role):
    """The role's codes in the classifications that have one for it, as CategoryCodes."""
    codes = []
    systems = [
        ("isco_08", "ISCO-08", "https://www.ilo.org/public/english/bureau/stat/isco/isco08/"),
        ("onet_soc", "O*NET-SOC", "https://www.onetcenter.org/taxonomy.html"),
    ]
    for field, name, scheme in systems:
        code = getattr(role, field)
        if code:
            code_set = {"@type": "CategoryCodeSet", "name": name, "url": scheme}
            codes.append({"@type": "CategoryCode", "codeValue": code, "inCodeSet": code_set})
    esco = role.esco_uri
    if esco:
        code_set = {"@type": "CategoryCodeSet", "name": "ESCO"}
        codes.append({"@type": "CategoryCode", "@id": esco, "url": esco, "inCodeSet": code_set})
    return codes


def occupation(article, page_url):
    role = article.role
    node = {
        "@type": "Occupation",
        "@id": f"{page_url}#occupation",
        "name": role.title,
        "description": role.summary,
        "mainEntityOfPage": {"@id": page_url},
    }
    if article.aliases:
        node["alternateName"] = [alias.name for alias in article.aliases]
    if article.responsibilities:
        # Their titles: the page, not its data block, is where each is explained (a role
        # page's budget is 44 KB).
        node["responsibilities"] = [item.title for item in article.responsibilities]
    if article.skills:
        node["skills"] = [skill.name for skill in article.skills]
    experience = [
        s.section.body
        for s in article.sections
        if s.key in EXPERIENCE_SECTIONS and s.section is not None and s.section.body
    ]
    if experience:
        node["experienceRequirements"] = plain(experience[0])
    bands = article.salary_bands
    if bands:
        node["estimatedSalary"] = [_band(band) for band in bands]
        places = {band.location.pk: band.location for band in bands}
        node["occupationLocation"] = [_place(place) for place in places.values()]
    codes = classification(role)
    if codes:
        node["occupationalCategory"] = codes
    return node


def sources(article):
    """The works the article's figures come from (the salary bands' sources), once each."""
    works = {}
    for band in article.salary_bands:
        source = band.source  # a translated field: read once (each read asks the language)
        if source:
            work = {"@type": "CreativeWork", "name": source}
            if band.source_url:
                work["url"] = band.source_url
            works.setdefault(source, work)
    return list(works.values())


def role_graph(article, *, page_url, published_at, version_url=None):
    """The nodes of a role page (or of one of its versions, at `version_url`)."""
    role = article.role
    url = version_url or page_url
    family = role.family
    roles = absolute(path("roles:role-list"))
    crumbs = [(_("Roles"), roles)]
    if family is not None:
        crumbs.append((family.name, absolute(path("roles:family-detail", slug=family.slug))))
    crumbs.append((role.title, url))
    # To the second: a backup keeps times to the millisecond, and a restored page is the same.
    published = published_at.isoformat(timespec="seconds") if published_at else None
    article_node = {
        "@type": "Article",
        "@id": f"{url}#article",
        "headline": role.title[:110],
        "inLanguage": get_language(),
        "datePublished": published,
        "dateModified": published,
        "author": {"@id": publisher_id()},
        "publisher": {"@id": publisher_id()},
        "image": absolute(static("img/preview.png")),
        "mainEntityOfPage": {"@id": url},
        "about": {"@id": f"{url}#occupation"},
    }
    judged = [rm.metric for rm in article.role_metrics if rm.kind != RoleMetric.Kind.REPORTS_ON]
    if judged:
        # The metrics the role is judged by, each linked to its DefinedTerm on its own page.
        article_node["mentions"] = [defined_term(metric, described=False) for metric in judged]
    cited = sources(article)
    if cited:
        article_node["isBasedOn"] = cited[0]
        article_node["citation"] = cited
    if version_url:
        article_node["isPartOf"] = {"@id": page_url}
        article_node["url"] = version_url
    page = web_page(
        url,
        role.title,
        kind="ItemPage",
        lastReviewed=role.updated_on.isoformat(),
        breadcrumb={"@id": f"{url}#breadcrumb"},
        mainEntity={"@id": f"{url}#occupation"},
    )
    return [page, article_node, occupation(article, url), breadcrumbs(url, crumbs)]
