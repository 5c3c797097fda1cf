"""A kind of list item is one Part away: added to articles/parts.py (as a developer adds
certifications), every place derived from PARTS picks it up (DESIGN.md, "Adding a kind of
list item"), as test_a_sixth_language_is_one_registry_row_away shows for a language."""

import textwrap

from tests.servers import what_a_fresh_process_found

A_LIST_TYPE = textwrap.dedent(
    """
    import importlib.abc, importlib.util, json, sys
    from pathlib import Path

    spec = importlib.util.find_spec("articles.parts")
    source = Path(spec.origin).read_text()
    anchor = "\\n]\\n\\nPART_MODELS = "
    assert source.count(anchor) == 1, "the end of PARTS moved: update this test"
    row = '\\n    Part(Certification, "certifications"),'
    source = "from tests.list_type.models import Certification\\n" + source
    patched = compile(source.replace(anchor, row + anchor), spec.origin, "exec")


    class WithCertifications(importlib.abc.Loader, importlib.abc.MetaPathFinder):
        # articles.parts as the developer's edit leaves it, imported when Django imports it.
        def find_spec(self, name, path, target=None):
            if name == "articles.parts":
                return importlib.util.spec_from_loader(name, self, origin=spec.origin)

        def exec_module(self, module):
            exec(patched, module.__dict__)


    sys.meta_path.insert(0, WithCertifications())

    import django
    django.setup()
    import tempfile
    from django.contrib import admin
    from django.core.management import call_command
    from django.test import Client

    from articles.loader import load_article
    from content.models import Published
    from roles.models import Role
    from tests.list_type.models import Certification

    call_command("migrate", run_syncdb=True, verbosity=0)
    call_command("generate_demo_content", "--roles", "8", verbosity=0)
    role = next(r for r in Role.objects.order_by("pk") if r.certifications.exists())
    article = load_article(role.slug, "uk")
    published = Published.objects.get(kind="roles.role", object_id=role.pk)
    inlines = admin.site._registry[Role].get_inline_instances(None)
    api = Client().get(f"/api/v1/roles/{role.slug}?lang=uk").json()
    backup = Path(tempfile.mkdtemp()) / "backup.jsonl"
    call_command("backup_content", str(backup), verbosity=0)
    print(json.dumps({
        "generated": Certification.objects.count(),
        "translated": bool(Certification.objects.first().name_uk),
        "published": len(published.parts.get("list_type.certification", [])),
        "read": [c.name_en for c in article.parts["certifications"]],
        "read_uk": [c.name_uk for c in article.parts["certifications"]],
        "drafted": list(role.certifications.values_list("name_en", flat=True)),
        "admin": [type(i).__name__ for i in inlines if i.model is Certification],
        "history": hasattr(Certification, "history"),
        "api": [c["name"] for c in api.get("certifications", [])],
        "backup": backup.read_text().count('"list_type.certification"'),
    }))
    """
)


def test_a_kind_of_list_item_is_one_part_away():
    found = what_a_fresh_process_found(A_LIST_TYPE, "tests.list_type.settings")
    # The demo generator writes it, in every language, and publishing keeps it.
    assert found["generated"] and found["translated"]
    assert found["published"] == len(found["drafted"]) > 0
    # Readers get it as published: the loader, and the API in the reader's language.
    assert found["read"] == found["drafted"]
    # (in Ukrainian, and in English where the Ukrainian is missing)
    shown = zip(found["read_uk"], found["read"], strict=True)
    assert found["api"] == [uk or en for uk, en in shown]
    assert None in found["read_uk"] and any(found["read_uk"])
    # Editors edit it inline on the role's page, with its history kept; backups hold it.
    assert found["admin"] and found["history"]
    assert found["backup"] >= found["generated"]
