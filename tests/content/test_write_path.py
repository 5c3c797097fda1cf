"""One write path: a draft's outdated marks and its version are written by the kernel's
services only (content_save, content_mark_outdated), whatever changes them: the admin, the
workspace, file imports and publishing alike."""

import re
from pathlib import Path

from django.conf import settings

SERVICES = Path("content/services.py")
# Assignments to the model fields, on an object or in an update(); comparisons (==) aside.
WRITES = re.compile(r"\.(outdated|version)\s*=(?!=)|\bupdate\([^)]*\b(outdated|version)\s*=")
# Attributes of the same name that are not the model's fields.
NOT_THE_FIELD = {
    ("articles/loader.py", "section.outdated"),  # whether a page's section shows the notice
    ("publishing/services.py", "change.outdated"),  # what a publication made outdated
}


def test_only_the_kernel_s_services_write_outdated_marks_and_versions():
    root = Path(settings.BASE_DIR)
    found = []
    for path in sorted(root.glob("*/**/*.py")):
        relative = path.relative_to(root)
        if relative.parts[0] in ("tests", ".venv", "bench") or "migrations" in relative.parts:
            continue
        if relative == SERVICES:
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if WRITES.search(line) and not any(
                str(relative) == where and name in line for where, name in NOT_THE_FIELD
            ):
                found.append(f"{relative}:{number}: {line.strip()}")
    assert found == []
