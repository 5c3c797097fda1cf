"""make serve's script (scripts/serve, gunicorn.conf.py): gunicorn's master prepares the site
before it listens, and starts the task queue's worker once it does, at a lower CPU priority
than the processes that answer readers; behind Varnish, the editors' pool too, which the
front sends /admin/ to."""

import dataclasses
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings

from tests.html import FormReader
from tests.servers import create_superuser, free_port, running, stop, wait_for


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


def _serve_env(tmp_path, port):
    return {
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


def _varnish_installed():
    return bool(shutil.which("varnishd")) or Path("/usr/sbin/varnishd").exists()


def _varnish_or_skip():
    if _varnish_installed():
        return
    reason = "Varnish is not installed (apt-get install varnish varnish-modules)"
    if os.environ.get("REQUIRE_VARNISH"):
        pytest.fail(f"REQUIRE_VARNISH is set, but {reason}")
    pytest.skip(reason)


@dataclasses.dataclass
class Served:
    process: subprocess.Popen
    env: dict
    log: Path
    front: str
    app_port: int
    editors_port: int | None


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One make serve for the module (its start on an empty database is most of the time
    these tests take): behind Varnish where it is installed, else gunicorn alone."""
    tmp_path = tmp_path_factory.mktemp("serve")
    port, app_port, editors_port = free_port(), free_port(), free_port()
    env = _serve_env(tmp_path, port)
    front_dir = None
    if _varnish_installed():
        # Varnish's compiler (another user) reads the configuration written there.
        front_dir = Path(tempfile.mkdtemp(prefix="role-test-serve-front-"))
        front_dir.chmod(0o755)
        env |= {"FRONT_CACHE": "true", "APP_PORT": str(app_port),
                "EDITORS_PORT": str(editors_port),
                "FRONT_CACHE_DIR": str(front_dir / "front")}  # fmt: skip
    log = tmp_path / "serve.log"
    try:
        with log.open("w") as out, running(
            [str(settings.BASE_DIR / "scripts" / "serve")], env=env, cwd=settings.BASE_DIR,
            stdout=out, stderr=subprocess.STDOUT,
        ) as serve:  # fmt: skip
            front = f"http://127.0.0.1:{port}"
            wait_for(f"{front}/en/", 180, status=200, log=log)
            yield Served(serve, env, log, front, app_port if front_dir else port,
                         editors_port if front_dir else None)  # fmt: skip
    finally:
        if front_dir:
            shutil.rmtree(front_dir, ignore_errors=True)


def test_make_serve_migrates_an_empty_database_before_it_answers_and_its_worker_yields(
    served,
):
    page = requests.get(f"{served.front}/en/", timeout=10)
    assert '<html lang="en"' in page.text
    # Nothing was left unapplied for the new code to serve on.
    check = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--check"],
        env=served.env, cwd=settings.BASE_DIR, capture_output=True, text=True,
    )  # fmt: skip
    assert check.returncode == 0, check.stdout + check.stderr
    # The master (scripts/serve became it) forked the readers' worker and started the
    # task queue's worker, niced below it.
    children = _children(served.process.pid)
    readers = [nice for _pid, nice, command in children
               if "gunicorn" in command and f":{served.app_port} " in command]  # fmt: skip
    tasks = [nice for _pid, nice, command in children if "manage.py work" in command]
    assert len(readers) == 1 and tasks == [min(readers[0] + 10, 19)], children


def _answered_by(log, marker):
    """Which pool's access log line names `marker`: "editors", "readers", or None yet."""
    for line in log.read_text().splitlines():
        if marker in line:
            return "editors" if line.startswith("editors ") else "readers"
    return None


def _until_answered(log, marker, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if pool := _answered_by(log, marker):
            return pool
        time.sleep(0.1)
    return None


def test_make_serve_sends_the_admin_to_the_editors_processes_at_a_lower_priority(served):
    """Behind Varnish, make serve runs two gunicorn pools: readers' pages go to the readers'
    processes, /admin/ (its pages and the forms staff post) to the editors', niced below
    the readers'; signing in through the front works as it does on one pool; while the
    editors' processes do not answer, the staff go to the readers'; and the editors' pool
    stops with make serve (stopped here: this test is the module's last)."""
    _varnish_or_skip()
    front, log, env, serve = served.front, served.log, served.env, served.process
    app_port, editors_port = served.app_port, served.editors_port
    wait_for(f"http://127.0.0.1:{editors_port}/healthz", 60, status=200, log=log)
    # Until Varnish's probe has seen the editors' pool up (a second or two), the
    # staff go to the readers' processes; from then on, to their own. The editors' first
    # admin page (templates and catalogues not loaded yet) is rendered at nice 10: with
    # the whole suite on the two cores it took over 30 s once (10 s alone).
    deadline = time.monotonic() + 90
    n = 0
    while True:
        n += 1
        requests.get(f"{front}/admin/login/?first={n}", timeout=90)
        if _until_answered(log, f"/admin/login/?first={n} ") == "editors":
            break
        assert time.monotonic() < deadline, log.read_text()[-3000:]
    for n in range(3):
        admin = requests.get(f"{front}/admin/login/?n={n}", timeout=30)
        assert admin.status_code == 200 and 'id="login-form"' in admin.text
        assert _until_answered(log, f"/admin/login/?n={n} ") == "editors"
        # A query the front has not kept: it reaches a pool.
        page = requests.get(f"{front}/en/roles/?n={n}", timeout=30)
        assert page.status_code == 200 and '<html lang="en"' in page.text
        assert _until_answered(log, f"/en/roles/?n={n} ") == "readers"

    # Signing in (a POST with its CSRF token and the session's cookie) through the
    # front, to the editors' processes, with the same key and database.
    create_superuser(env, "pool-editor", "a-long-passphrase")
    editor = requests.Session()
    form = FormReader(editor.get(f"{front}/admin/login/", timeout=30).text, "login-form")
    form.data.update(username="pool-editor", password="a-long-passphrase")
    signed_in = editor.post(f"{front}/admin/login/?next=/admin/", data=form.data,
                            timeout=30)  # fmt: skip
    assert signed_in.status_code == 200 and signed_in.url == f"{front}/admin/"
    assert 'id="logout-form"' in signed_in.text
    assert _until_answered(log, "POST /admin/login/?next=/admin/ ") == "editors"

    # The processes: the master (scripts/serve became it) forked the readers' worker
    # and started the editors' gunicorn (which forked its own), niced below it.
    children = _children(serve.pid)
    readers = [nice for _pid, nice, command in children
               if "gunicorn" in command and f":{app_port} " in command]  # fmt: skip
    editors = [(pid, nice) for pid, nice, command in children
               if "gunicorn" in command and f":{editors_port} " in command]  # fmt: skip
    assert len(readers) == 1 and len(editors) == 1, children
    [(editors_master, editors_nice)] = editors
    editors_workers = [nice for _pid, nice, _command in _children(editors_master)]
    assert editors_nice == min(readers[0] + 10, 19), children
    assert editors_workers == [editors_nice], editors_workers

    # While the editors' processes do not answer (frozen here), the front sends the
    # staff to the readers' once its probe sees it: the admin stays up.
    frozen = [pid for pid, _nice, _command in _children(editors_master)]
    for pid in frozen:
        os.kill(pid, signal.SIGSTOP)
    try:
        deadline = time.monotonic() + 30
        n = 0
        while True:
            n += 1
            try:
                down = requests.get(f"{front}/admin/login/?down={n}", timeout=5)
            except requests.Timeout:
                down = None
            if down is not None and down.status_code == 200:
                assert 'id="login-form"' in down.text
                assert _until_answered(log, f"/admin/login/?down={n} ") == "readers"
                break
            assert time.monotonic() < deadline, log.read_text()[-3000:]
    finally:
        for pid in frozen:
            os.kill(pid, signal.SIGCONT)
    # The editors' pool stops with make serve's master.
    stop(serve)
    deadline = time.monotonic() + 20
    while any(re.search(rf":{editors_port}\b", c) for _p, _n, c in _all_processes()):
        assert time.monotonic() < deadline, "the editors' pool outlived make serve"
        time.sleep(0.2)


def _all_processes():
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            found.append((int(entry.name), None, command))
    return found
