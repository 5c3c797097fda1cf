"""The translation tools a translator uses, driven as they are installed: OmegaT in console
mode (Debian's `omegat`), translate-toolkit's converters, GNU gettext. Each returns the bytes
the tool wrote."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from lxml import etree

OMEGAT = shutil.which("omegat")
BIN = Path(sys.executable).parent

PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>en</source_lang>
    <target_lang>{language}</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.DefaultTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""


def _omegat(project, *arguments):
    env = {**os.environ, "HOME": str(project.parent)}
    subprocess.run(
        [OMEGAT, str(project), "--quiet", "--no-team", "--disable-project-locking", *arguments],
        check=True, capture_output=True, timeout=180, env=env,
    )  # fmt: skip


def omegat_translate(exported, name, language, translate, workdir):
    """Open `exported` in an OmegaT project as a translator would, translate the segments
    OmegaT offers with `translate` (text -> translation or None to leave it), and return
    the target file OmegaT writes."""
    project = Path(workdir) / "omegat-project"
    for folder in ("source", "target", "tm", "omegat", "glossary", "dictionary"):
        (project / folder).mkdir(parents=True, exist_ok=True)
    (project / "omegat.project").write_text(PROJECT.format(language=language))
    (project / "source" / name).write_bytes(exported)
    # The segments as OmegaT sees them: its own pseudo-translation memory.
    offered = project / "offered.tmx"
    _omegat(
        project,
        "--mode=console-createpseudotranslatetmx",
        f"--pseudotranslatetmx={offered}",
        "--pseudotranslatetype=equal",
    )
    memory = etree.parse(str(offered))
    body = memory.getroot().find("body")
    for tu in list(body):
        source = "".join(tu[0].find("seg").itertext())
        translation = translate(source)
        if translation is None:
            body.remove(tu)
        else:
            seg = tu[1].find("seg")
            for child in list(seg):
                seg.remove(child)
            seg.text = translation
    # What a translator's work in OmegaT is saved as, then the target files it writes.
    memory.write(
        str(project / "omegat" / "project_save.tmx"), encoding="UTF-8", xml_declaration=True
    )
    _omegat(project, "--mode=console-translate")
    return (project / "target" / name).read_bytes()


def run(*command, data=None, workdir):
    """Run a command-line tool on files in `workdir`; its standard output."""
    found = shutil.which(command[0]) or str(BIN / command[0])
    result = subprocess.run(
        [found, *command[1:]], cwd=workdir, check=True, capture_output=True, timeout=120,
        input=data,
    )  # fmt: skip
    return result.stdout


def strip_dates(text):
    return re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d[+-]\d{4}", "2026-12-07 12:00+0000", text)
