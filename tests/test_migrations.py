"""Migrations are history: they must not change when the code does. A data migration
carries what it needs, as Wagtail's do; none imports from a project app."""

import ast
from pathlib import Path

from django.conf import settings

PROJECT_APPS = {
    "config", "content", "roles", "metrics", "salaries", "articles", "linking", "search",
    "publishing", "workspace", "demo",
}  # fmt: skip
# Field validators are part of a field's state, and Django's migration writer names them by
# their path: the text rules are referred to, not run by a migration.
REFERRED_TO = {"content.text_rules"}


def imported_modules(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module


def test_no_migration_imports_from_a_project_app():
    found = []
    for path in sorted(Path(settings.BASE_DIR).glob("*/migrations/*.py")):
        for module in imported_modules(path):
            if module.split(".")[0] in PROJECT_APPS and module not in REFERRED_TO:
                found.append(f"{path.relative_to(settings.BASE_DIR)}: {module}")
    assert found == []
