"""make serve's script (scripts/serve, gunicorn.conf.py): gunicorn's master prepares the site
before it listens, and starts the task queue's worker once it does, at a lower CPU priority
than the processes that answer readers."""

import os
import subprocess
import sys
from pathlib import Path

import requests
from django.conf import settings

from tests.servers import free_port, running, wait_for


def _children(pid):
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            # After the name: state, ppid, ... nice is the 19th field of stat, 17th here.
            if int(fields[1]) == pid:
                found.append((int(entry.name), int(fields[16]), command))
    return found


def test_make_serve_migrates_an_empty_database_before_it_answers_and_its_worker_yields(
    tmp_path,
):
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO")},
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "STORED_PAGES_STAMP": str(tmp_path / "published"),
        "SECRET_KEY": "a-key-for-this-test-only-0123456789-abcdefghijklmnop",
        "PORT": str(port),
        "FRONT_CACHE": "false",
        "WEB_CONCURRENCY": "1",
        "LOG_LEVEL": "WARNING",
    }
    log = tmp_path / "serve.log"
    with log.open("w") as out, running(
        [str(settings.BASE_DIR / "scripts" / "serve")], env=env, cwd=settings.BASE_DIR,
        stdout=out, stderr=subprocess.STDOUT,
    ) as serve:  # fmt: skip
        wait_for(f"http://127.0.0.1:{port}/en/", 180, status=200, log=log)
        page = requests.get(f"http://127.0.0.1:{port}/en/", timeout=10)
        assert '<html lang="en"' in page.text
        # Nothing was left unapplied for the new code to serve on.
        check = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--check"],
            env=env, cwd=settings.BASE_DIR, capture_output=True, text=True,
        )  # fmt: skip
        assert check.returncode == 0, check.stdout + check.stderr
        # The master (scripts/serve became it) forked the readers' worker and started the
        # task queue's worker, niced below it.
        children = _children(serve.pid)
        readers = [nice for _pid, nice, command in children if "gunicorn" in command]
        tasks = [nice for _pid, nice, command in children if "manage.py work" in command]
        assert len(readers) == 1 and tasks == [min(readers[0] + 10, 19)], children
