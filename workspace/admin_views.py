"""The translator's workspace in the admin: a queue per language, an editor per object and
language, and files for translation tools. Every action is checked on the server."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from content import languages
from content.access import can_edit_structure, can_publish, can_translate
from publishing.reviews import open_document_comments
from publishing.services import review_request
from workspace import files
from workspace.display import marked_terms, word_diff
from workspace.files import exchange
from workspace.models import ImportConflict, PendingImport
from workspace.segments import DONE, OUTDATED, STATE_LABELS, URGENCY, Corpus, queue_kinds
from workspace.services import Edit, conflict_resolve, segments_save

# A file checked but not imported is kept this long for "Import this file".
PENDING_KEPT = datetime.timedelta(days=1)


def translatable(user):
    """The languages `user` translates, in the registry's order."""
    return [code for code in languages.TARGETS if can_translate(user, code)]


def translators_front_page(request):
    """A translator's front page of the admin is the queue of their language (`?index`
    shows the admin's own); None for everyone else (config.admin.SiteAdmin.index)."""
    if (
        "index" not in request.GET
        and request.user.is_active
        and request.user.is_staff
        and not can_edit_structure(request.user)
    ):
        codes = translatable(request.user)
        if codes:
            return redirect("admin:workspace:queue", language=codes[0])
    return None


def _language(request, language):
    if language not in languages.TARGETS:
        raise Http404
    if not can_translate(request.user, language):
        raise PermissionDenied
    return languages.get(language)


def _context(request, language, **extra):
    return {
        **admin.site.each_context(request),
        "language": languages.get(language),
        "languages": [languages.get(code) for code in translatable(request.user)],
        **extra,
    }


@staff_member_required
def home(request):
    codes = translatable(request.user)
    if not codes:
        raise PermissionDenied
    return redirect("admin:workspace:queue", language=codes[0])


QUEUE_PAGE_SIZE = 25


def _queue_filters(request, corpus):
    get = request.GET
    kinds = {label: model._meta.verbose_name_plural for label, model in queue_kinds()}
    families = corpus.families()
    kind, state, family = get.get("kind", ""), get.get("state", ""), get.get("family", "")
    return {
        "kind": kind if kind in kinds else "",
        "state": state if state in STATE_LABELS and state != DONE else "",
        "family": int(family) if family.isdigit() and int(family) in families else None,
        "search": get.get("q", "").strip()[:100],
        "kinds": list(kinds.items()),
        "families": list(families.items()),
        "states": [(s, STATE_LABELS[s]) for s in URGENCY if s != DONE],
    }


@staff_member_required
def queue(request, language):
    registry = _language(request, language)
    corpus = Corpus(language)
    chosen = _queue_filters(request, corpus)
    documents = corpus.queue(
        kind=chosen["kind"], state=chosen["state"], family=chosen["family"], search=chosen["search"]
    )
    page = Paginator(documents, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    # The checks run for the page shown, not for everything in the queue.
    rows = [{"document": d, "warnings": corpus.warnings(d)} for d in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    context = _context(
        request,
        language,
        title=_("Translation work %(in_language)s") % {"in_language": registry.in_language},
        rows=rows,
        page=page,
        query=query.urlencode(),
        chosen=chosen,
        filtered=any(chosen[k] for k in ("kind", "state", "family", "search")),
        conflicts=_open_conflicts(language),
        formats=files.format_labels(),
    )
    return render(request, "admin/workspace/queue.html", context)


def _document(corpus, kind, pk):
    document = corpus.document(kind, pk)
    if document is None:
        raise Http404
    return document


def _edits(post, only):
    edits = []
    for key in post:
        if not key.startswith("text:"):
            continue
        segment_id = key.removeprefix("text:")
        if only not in ("all", segment_id):
            continue
        edits.append(
            Edit(
                segment_id,
                post.get(key, ""),
                base=post.get(f"base:{segment_id}", ""),
                confirm=bool(post.get(f"confirm:{segment_id}")),
            )
        )
    if only not in ("all", "") and not edits and post.get(f"confirm:{only}"):
        edits.append(Edit(only, "", base=post.get(f"base:{only}", ""), confirm=True))
    return edits


def _as_json(corpus, outcome):
    segment = outcome.segment
    problems = corpus.problems(segment) if segment is not None and outcome.ok else outcome.problems
    return {
        "id": outcome.segment_id,
        "status": outcome.status,
        "label": str(outcome.label),
        "message": outcome.message,
        "problems": [{"message": p.message, "blocking": p.blocking} for p in problems],
        "their_text": outcome.their_text,
        "state": segment.state if segment else None,
        "state_label": str(segment.state_label) if segment else None,
        "base": segment.base if segment else None,
    }


@staff_member_required
def editor(request, language, kind, pk):
    registry = _language(request, language)
    corpus = Corpus(language)
    document = _document(corpus, kind, pk)
    outcomes, posted = {}, {}
    if request.method == "POST":
        edits = _edits(request.POST, request.POST.get("save", "all"))
        results = segments_save(language=language, user=request.user, edits=edits, corpus=corpus)
        outcomes = {o.segment_id: o for o in results}
        if request.headers.get("accept", "").startswith("application/json"):
            return JsonResponse({"results": [_as_json(corpus, o) for o in results]})
        if all(o.ok for o in results):
            saved = sum(1 for o in results if o.status in ("saved", "confirmed"))
            messages.success(request, _("Texts saved: %(count)s.") % {"count": saved})
            return redirect(request.path)
        posted = {e.segment_id: e.text for e in edits}
    rows = []
    memory = corpus.memory
    conflicts = defaultdict(list)
    for conflict in _open_conflicts(language, [s.id for s in document.segments]):
        conflicts[conflict.segment_id].append(conflict)
    for n, segment in enumerate(document.segments, start=1):
        source_html, terms = marked_terms(segment.source, corpus.glossary)
        outcome = outcomes.get(segment.id)
        rows.append(
            {
                "n": n,
                "segment": segment,
                "source_html": source_html,
                "terms": terms,
                "diff": word_diff(segment.old_source, segment.source)
                if segment.state == OUTDATED and segment.old_source is not None
                else None,
                "text": posted.get(segment.id, segment.target),
                "problems": outcome.problems
                if outcome and not outcome.ok
                else corpus.problems(segment),
                "suggestions": memory.suggestions(segment),
                "outcome": outcome,
                "conflicts": conflicts.get(segment.id, []),
                "comments": corpus.comments.get(segment.id, []),
            }
        )
    done = document.count(DONE)
    context = _context(
        request,
        language,
        title=_("%(name)s %(in_language)s")
        % {"name": document, "in_language": registry.in_language},
        document=document,
        rows=rows,
        done=done,
        total=len(document.segments),
        # Shown whatever the states were when the page was opened: with the script, texts
        # are saved without reloading it.
        may_submit=not can_publish(request.user, language),
        may_publish=can_publish(request.user, language),
        # What a reviewer said of the whole document, while its review is open.
        document_comments=open_document_comments(language=language, kind=kind, object_id=pk),
        publishing_url=reverse(
            "admin:publishing:publishing", kwargs={"kind": document.kind, "pk": document.obj.pk}
        ),
        formats=files.format_labels(),
    )
    return render(request, "admin/workspace/editor.html", context)


@staff_member_required
@require_POST
def submit(request, language, kind, pk):
    registry = _language(request, language)
    document = _document(Corpus(language), kind, pk)
    review_request(obj=document.obj, language=language, user=request.user)
    messages.success(
        request,
        _("Submitted for review: the texts %(in_language)s.")
        % {"in_language": registry.in_language},
    )
    return redirect("admin:workspace:editor", language=language, kind=kind, pk=pk)


@staff_member_required
def export(request, language):
    _language(request, language)
    fmt = request.GET.get("format", files.XLIFF)
    if fmt not in files.FORMATS:
        raise Http404
    corpus = Corpus(language)
    wanted = request.GET.get("object", "")
    if wanted:
        kind, _sep, pk = wanted.rpartition(":")
        documents = [_document(corpus, kind, int(pk) if pk.isdigit() else 0)]
    else:
        documents = corpus.queue()
    if not documents:
        messages.info(request, _("There is no work in this language to export."))
        return redirect("admin:workspace:queue", language=language)
    response = HttpResponse(
        files.export(documents, fmt, language, user=request.user),
        content_type=files.FORMATS[fmt]["content_type"],
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{files.filename(language, documents, fmt)}"'
    )
    return response


@staff_member_required
def memory(request, language):
    """The language's published translations as a TMX file."""
    _language(request, language)
    response = HttpResponse(
        exchange.memory_export(Corpus(language)), content_type="application/x-tmx+xml"
    )
    response["Content-Disposition"] = f'attachment; filename="memory-en-{language}.tmx"'
    return response


@staff_member_required
def glossary(request):
    """The whole glossary as a TBX file, for whoever translates or edits."""
    if not translatable(request.user) and not can_edit_structure(request.user):
        raise PermissionDenied
    response = HttpResponse(exchange.glossary_export(), content_type="application/x-tbx+xml")
    response["Content-Disposition"] = 'attachment; filename="glossary.tbx"'
    return response


# Room for the form's other fields and the multipart boundaries around the file.
FORM_OVERHEAD = 64 * 1024


# The CSRF check reads the request's body to find the token: it runs only after the
# checks that need no body, so a large upload from someone who may not import is never
# read (csrf_protect below).
@csrf_exempt
@staff_member_required
@require_POST
def import_file(request, language):
    """Import a file, or only check it (then keep it, so that it can be imported next
    without choosing it again). Who may translate the language, and the request's size, are
    checked before the body is read; the file's size before it is parsed."""
    registry = _language(request, language)
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > settings.TRANSLATION_FILE_MAX_BYTES + FORM_OVERHEAD:
        error = _(
            "The file is larger than %(limit)s, the largest that can be imported. Nothing was "
            "imported."
        ) % {"limit": filesizeformat(settings.TRANSLATION_FILE_MAX_BYTES)}
        title = _("Import %(in_language)s") % {"in_language": registry.in_language}
        context = _context(request, language, title=title, error=error, error_says_so=True)
        return render(request, "admin/workspace/import_report.html", context, status=413)
    return _import(request, language, registry)


@csrf_protect
def _import(request, language, registry):
    check_only = bool(request.POST.get("check_only"))
    pending = None
    if request.POST.get("pending", "").isdigit():
        pending = PendingImport.objects.filter(
            pk=int(request.POST["pending"]), user=request.user, language=language
        ).first()
    upload = request.FILES.get("file")
    report, error, name, kept = None, None, "", None
    try:
        if pending is not None:
            name, data = pending.filename, bytes(pending.data)
        elif upload is not None:
            name = upload.name
            files.check_access(user=request.user, language=language, size=upload.size)
            data = upload.read()
        else:
            raise files.FileRefused(_("Choose a file to import."))
        report = files.any_import(
            data=data, language=language, user=request.user, dry_run=check_only, name=name
        )
    except files.FileRefused as refusal:
        error = str(refusal)
    if isinstance(report, exchange.Summary):
        title = _("Import %(in_language)s") % {"in_language": registry.in_language}
        context = _context(request, language, title=title, summary=report, filename=name)
        return render(request, "admin/workspace/import_summary.html", context)
    if report is not None and check_only:
        PendingImport.objects.filter(created_at__lt=timezone.now() - PENDING_KEPT).delete()
        kept = pending or PendingImport.objects.create(
            language=language, user=request.user, filename=name[:255], data=data
        )
    elif pending is not None and report is not None:
        pending.delete()
    context = _context(
        request,
        language,
        title=_("Import %(in_language)s") % {"in_language": registry.in_language},
        report=report,
        error=error,
        # A refusal that says nothing was imported is not followed by "Nothing was changed."
        error_says_so=bool(error) and error.endswith(_("Nothing was imported.")),
        check_only=check_only,
        filename=name,
        pending=kept,
        conflicts=_open_conflicts(language, [o.segment_id for o in report.conflicts])
        if report and not check_only
        else [],
    )
    return render(
        request, "admin/workspace/import_report.html", context, status=400 if error else 200
    )


def _open_conflicts(language, segment_ids=None):
    found = ImportConflict.objects.filter(language=language, resolution="")
    if segment_ids is not None:
        found = found.filter(segment_id__in=segment_ids)
    return list(found.select_related("imported_by"))


@staff_member_required
@require_POST
def resolve(request, language, pk):
    """Keep the current draft, or use the file's text, for a conflict an import left."""
    _language(request, language)
    conflict = ImportConflict.objects.filter(pk=pk, language=language).first()
    if conflict is None:
        raise Http404
    back = request.POST.get("next") or reverse(
        "admin:workspace:queue", kwargs={"language": language}
    )
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("admin:workspace:queue", kwargs={"language": language})
    if conflict.resolution:
        messages.info(request, _("This conflict was already decided."))
        return redirect(back)
    outcome = conflict_resolve(
        conflict=conflict, user=request.user, use_file=request.POST.get("use") == "file"
    )
    if outcome is None or outcome.ok:
        decided = conflict.get_resolution_display()
        messages.success(request, _("Decided: %(what)s.") % {"what": decided})
    else:
        messages.error(request, f"{outcome.label}: {outcome.message}")
    return redirect(back)
