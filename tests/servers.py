"""Processes a test starts (servers: gunicorn, Redis; a fresh Python with another
project), stopped whatever happens to the test."""

import contextlib
import json
import socket
import subprocess
import sys
import time

import requests
from django.conf import settings


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running(command, **popen):
    """A process for the length of a with-block: stopped on leaving it, by an error too."""
    process = subprocess.Popen(command, **popen)
    try:
        yield process
    finally:
        stop(process)


def stop(process):
    """Ask a process to stop; after 10 s, make it."""
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(10)


def wait_for(url, seconds=30, *, status=None, log=None):
    """Until `url` answers (with `status`, if given); else an error with the end of the
    server's `log` file."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            response = requests.get(url, timeout=5)
            if status is None or response.status_code == status:
                return
        except (requests.ConnectionError, requests.Timeout):
            # Not listening yet, or listening while its workers still boot (slow when the
            # machine is busy): either way, not ready.
            pass
        time.sleep(0.2)
    said = log.read_text()[-3000:] if log and log.exists() else ""
    raise RuntimeError(f"{url} did not answer within {seconds}s\n{said}".rstrip())


def what_a_fresh_process_found(script, settings_module):
    """Run `script` in a new Python process under `settings_module` (a project changed the
    way a developer would change it: another language, another list type), and return the
    JSON its last line prints."""
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=False,
        cwd=settings.BASE_DIR,
        env={"DJANGO_SETTINGS_MODULE": settings_module, "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def leave_the_shared_connection(server):
    """Before a live server (pytest_django's LiveServer) stops: its request threads use the
    test thread's connection to the in-memory database, and one still holding a browser's
    kept-alive connection after the server stops would close that connection once it is no
    longer shared ("DatabaseWrapper objects created in a thread can only be used in that
    same thread", an unhandled thread exception). The server leaves closing it to the test
    thread, through the hook Django's own tests replace."""
    server.thread.httpd._close_connections = lambda: None


def create_superuser(env, username, password):
    """An administrator made by manage.py under `env` (a server's production settings, so
    that the password uses their hasher), as a deploy's script makes one."""
    subprocess.run(
        [sys.executable, "manage.py", "createsuperuser", "--noinput"],
        env={**env, "DJANGO_SUPERUSER_USERNAME": username,
             "DJANGO_SUPERUSER_EMAIL": f"{username}@example.org",
             "DJANGO_SUPERUSER_PASSWORD": password},
        cwd=settings.BASE_DIR, check=True, capture_output=True,
    )  # fmt: skip
