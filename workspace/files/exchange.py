"""The translation memory as TMX and the glossary as TBX: the standard formats every CAT tool
(OmegaT, Trados, memoQ, Weblate) exchanges them in.

Written with translate-toolkit (tmx, tbx). Read with lxml, the elements the standards name,
so that TMX 1.1 (OmegaT's `lang`), TMX 1.4 (`xml:lang`), TBX 2008 (`martif`, `termEntry`,
`langSet`) and TBX 2019 (`tbx`, `conceptEntry`, `langSec`) all come in.

The memory is exported per language pair from what is published and up to date; a TMX from
another project seeds the memory the editor suggests from (MemoryEntry). The glossary is
exported whole; a TBX updates it (editors only): terms are added or their translations
replaced, none is deleted.
"""

import hashlib
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from lxml import etree
from translate.storage import tbx, tmx

from content import languages
from content.access import can_edit_structure
from content.languages import SOURCE
from workspace.files.units import FileRefused, code
from workspace.models import GlossaryTerm, GlossaryTranslation, MemoryEntry
from workspace.segments import OUTDATED

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DO_NOT_TRANSLATE = "x-do-not-translate"
# What tools write when they do not know the language (csv2tbx: "xx").
UNNAMED = ("xx", "und", "")


@dataclass
class Summary:
    """What importing a memory or glossary did (or would do)."""

    added: int = 0
    changed: int = 0
    unchanged: int = 0
    skipped: int = 0
    dry_run: bool = False


def kind_of(root):
    """ "tmx", "tbx" or None for the root element of an XML file."""
    name = etree.QName(root).localname if isinstance(root.tag, str) else ""
    if name == "tmx":
        return "tmx"
    if name in ("martif", "tbx"):
        return "tbx"
    return None


# Translation memory -------------------------------------------------------------------


def memory_export(corpus):
    """The published, up-to-date translations of the corpus's language, as TMX 1.4."""
    store = tmx.tmxfile(sourcelanguage=SOURCE, targetlanguage=corpus.language)
    seen = set()
    for segment in corpus.by_id.values():
        pair = (segment.source, segment.published_target)
        if segment.published_target and segment.state != OUTDATED and pair not in seen:
            seen.add(pair)
            store.addtranslation(segment.source, SOURCE, segment.published_target, corpus.language)
    return bytes(store)


def _lang(node):
    return node.get(XML_LANG) or node.get("lang") or ""


def _pairs(root, language):
    for tu in root.iter(_name(root, "tu")):
        texts = {}
        for tuv in tu.iterchildren(_name(root, "tuv")):
            seg = tuv.find(_name(root, "seg"))
            if seg is not None:
                texts.setdefault(code(_lang(tuv)), "".join(seg.itertext()))
        if texts.get(SOURCE) and texts.get(language):
            yield texts[SOURCE], texts[language]


def _name(root, local):
    namespace = etree.QName(root).namespace
    return f"{{{namespace}}}{local}" if namespace else local


def memory_import(*, root, language, origin="", dry_run=False):
    """Add the English → `language` pairs of a TMX to the memory; others are skipped."""
    summary = Summary(dry_run=dry_run)
    wanted = {}
    for source, target in _pairs(root, language):
        digest = hashlib.sha256(f"{source}\0{target}".encode()).hexdigest()
        wanted[digest] = (source, target)
    total = sum(1 for _tu in root.iter(_name(root, "tu")))
    if not wanted:
        raise FileRefused(
            _("The memory has no pairs of English and %(language)s. Nothing was imported.")
            % {"language": languages.get(language).name}
        )
    known = set(
        MemoryEntry.objects.filter(language=language, digest__in=wanted).values_list(
            "digest", flat=True
        )
    )
    summary.unchanged = len(known)
    summary.added = len(wanted) - len(known)
    summary.skipped = total - len(wanted)
    if not dry_run:
        MemoryEntry.objects.bulk_create(
            MemoryEntry(language=language, source=s, target=t, origin=origin[:255], digest=digest)
            for digest, (s, t) in wanted.items()
            if digest not in known
        )
    return summary


# Glossary -----------------------------------------------------------------------------


def glossary_export():
    """The whole glossary as TBX: a term entry per English term, its approved translation
    in each language, its note, and whether it stays untranslated."""
    store = tbx.tbxfile(sourcelanguage=SOURCE)
    for term in GlossaryTerm.objects.prefetch_related("translations"):
        unit = store.addsourceunit(term.term)
        for translation in term.translations.all():
            unit.set_target_terms([translation.text], lang=translation.language)
        if term.note:
            unit.addnote(term.note)
        if term.do_not_translate:
            descrip = etree.SubElement(unit.xmlelement, "descrip", type=DO_NOT_TRANSLATE)
            descrip.text = "true"
    return bytes(store)


def _entries(root):
    """(English term, {language: term}, note, do not translate) of each entry."""
    for entry in root.iter(_name(root, "termEntry"), _name(root, "conceptEntry")):
        terms = {}
        for lang_set in entry.iter(_name(root, "langSet"), _name(root, "langSec")):
            term = lang_set.find(f".//{_name(root, 'term')}")
            if term is not None and (term.text or "").strip():
                terms.setdefault(code(_lang(lang_set)), term.text.strip())
        notes = [n.text.strip() for n in entry.iterchildren(_name(root, "note")) if n.text]
        flag = any(
            d.get("type") == DO_NOT_TRANSLATE and (d.text or "").strip() == "true"
            for d in entry.iter(_name(root, "descrip"))
        )
        if terms.get(SOURCE):
            yield terms.pop(SOURCE), terms, "\n".join(notes), flag


def glossary_import(*, root, user, language=None, dry_run=False):
    """Add the TBX's terms to the glossary or replace their translations (editors only).
    Terms in an unnamed language (csv2tbx writes `xx`) are taken as `language`'s."""
    if not can_edit_structure(user):
        raise FileRefused(_("Only editors may change the glossary. Nothing was imported."))
    summary = Summary(dry_run=dry_run)
    existing = {t.term: t for t in GlossaryTerm.objects.prefetch_related("translations")}
    with transaction.atomic():
        for english, terms, note, flag in _entries(root):
            term = existing.get(english)
            if language and not terms.get(language):
                unnamed = next((terms[k] for k in UNNAMED if terms.get(k)), None)
                if unnamed:
                    terms[language] = unnamed
            wanted = {k: v[:200] for k, v in terms.items() if k in languages.TARGETS}
            if term is None:
                term = GlossaryTerm.objects.create(
                    term=english[:200], note=note, do_not_translate=flag
                )
                summary.added += 1
                have = {}
            else:
                have = {t.language: t.text for t in term.translations.all()}
                if have == {**have, **wanted} and (not note or note == term.note):
                    summary.unchanged += 1
                    continue
                if note and note != term.note:
                    term.note = note
                    term.save(update_fields=["note"])
                summary.changed += 1
            for language, text in wanted.items():
                if have.get(language) != text:
                    GlossaryTranslation.objects.update_or_create(
                        term=term, language=language, defaults={"text": text}
                    )
        if dry_run:
            transaction.set_rollback(True)
    if not (summary.added or summary.changed or summary.unchanged):
        raise FileRefused(_("The glossary file has no English terms. Nothing was imported."))
    return summary
