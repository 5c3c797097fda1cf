"""Production servers side by side: two gunicorn servers sharing one PostgreSQL, started
here. A publication through one is what readers get through the other at the next request;
a draft saved through one is seen through neither."""

import contextlib
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from roles.models import Role
from tests.html import FormReader
from tests.reference import load_reference_content
from tests.servers import create_superuser, free_port, running, wait_for

BIN = Path(sys.executable).parent
CSM = "customer-support-manager"


@pytest.fixture(scope="module")
def production_env(tmp_path_factory, django_db_setup):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: runs in the PostgreSQL half of make test")
    db = connection.settings_dict
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "HTTPS": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "SITE_URL": "http://127.0.0.1",
        "STATIC_ROOT": str(tmp_path_factory.mktemp("static")),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        env=env, cwd=settings.BASE_DIR, check=True,
    )  # fmt: skip
    return env


@pytest.fixture(scope="module")
def two_servers(production_env, django_db_blocker):
    """Two servers and a task worker on the reference content, for the module (starting
    them is most of its time); the rows are removed after it."""
    with django_db_blocker.unblock():
        load_reference_content()
        create_superuser(production_env, "editor", "a-long-passphrase")
        # As a deploy does: the pages are rendered by the release that serves them.
        subprocess.run(
            [sys.executable, "manage.py", "render_pages"],
            env=production_env, cwd=settings.BASE_DIR, check=True, capture_output=True,
        )  # fmt: skip
        # Both are stopped after the module, or when starting the second one fails.
        with contextlib.ExitStack() as servers:
            urls = []
            for _ in range(2):
                port = free_port()
                command = [str(BIN / "gunicorn"), "config.wsgi", "--bind",
                           f"127.0.0.1:{port}", "--workers", "2"]  # fmt: skip
                servers.enter_context(
                    running(
                        command,
                        env=production_env,
                        cwd=settings.BASE_DIR,
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL,
                    )
                )
                urls.append(f"http://127.0.0.1:{port}")
            # The task queue's worker, as make serve starts one: publications run there.
            servers.enter_context(
                running(
                    [sys.executable, "manage.py", "work", "--interval", "0.2", "-v0"],
                    env=production_env, cwd=settings.BASE_DIR,
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                )
            )  # fmt: skip
            for url in urls:
                wait_for(url + "/robots.txt")
            yield urls
        call_command("flush", "--noinput", verbosity=0)


def admin_session(base):
    session = requests.Session()
    login = session.get(f"{base}/admin/login/")
    form = FormReader(login.text, "login-form")
    form.data.update(username="editor", password="a-long-passphrase")
    signed_in = session.post(f"{base}/admin/login/?next=/admin/", data=form.data, timeout=10)
    assert signed_in.url == f"{base}/admin/" and "sessionid" in session.cookies
    return session


@pytest.mark.django_db
def test_a_publication_through_one_server_is_read_through_the_other(two_servers):
    first, second = two_servers
    page = f"/ko/roles/{CSM}/"
    before = requests.get(second + page, timeout=10)
    assert before.status_code == 200 and "고객 지원 관리자" in before.text
    assert requests.get(second + page, timeout=10).headers["ETag"] == before.headers["ETag"]

    role = Role.objects.get(slug=CSM)
    session = admin_session(first)
    change = f"{first}/admin/roles/role/{role.pk}/change/"
    form = FormReader(session.get(change, timeout=10).text, "role_form")
    form.data["title_ko"] = "고객 지원 총괄"
    saved = session.post(change, data={**form.data, "_save": "Save"}, timeout=30)
    assert saved.status_code == 200 and saved.url.endswith("/admin/roles/role/")
    # A draft: neither server shows it.
    for server in (first, second):
        assert "고객 지원 총괄" not in requests.get(server + page, timeout=10).text

    publishing = f"{first}/admin/publishing/roles.role/{role.pk}/"
    token = FormReader(session.get(publishing, timeout=10).text, "publish-form").data
    published = session.post(f"{publishing}publish/", data={**token, "language": "ko"}, timeout=60)
    assert published.status_code == 200 and "Publishing in the background" in published.text
    # The worker publishes it in a moment; the page shows it once it is done.
    deadline = time.monotonic() + 60
    while "Published: 한국어" not in session.get(publishing, timeout=10).text:
        assert time.monotonic() < deadline, "not published within 60 s"
        time.sleep(0.2)
    after = requests.get(second + page, timeout=10)
    assert "고객 지원 총괄" in after.text
    assert after.headers["ETag"] != before.headers["ETag"]


@pytest.mark.django_db
def test_hashed_static_files_are_precompressed_and_cached_for_good(two_servers):
    first, _second = two_servers
    page = requests.get(f"{first}/en/", timeout=10).text
    stylesheet = next(
        part.split('"')[0] for part in page.split('href="') if part.startswith("/static/css/site.")
    )
    assert stylesheet != "/static/css/site.css"  # a hashed name
    for encoding in ("br", "gzip"):
        response = requests.get(
            first + stylesheet, headers={"Accept-Encoding": encoding}, timeout=10, stream=True
        )
        assert response.headers["Content-Encoding"] == encoding
        assert "immutable" in response.headers["Cache-Control"]
        assert "max-age=315360000" in response.headers["Cache-Control"]


def test_servers_side_by_side_open_no_shared_control_socket(tmp_path):
    """gunicorn 27 opened a control socket at one path per user; a second server took it
    over and deleted it on exit. gunicorn.conf.py, read from the project folder, turns it
    off for every server started there (make serve, bench, these tests)."""
    home, runtime = tmp_path / "home", tmp_path / "run"
    home.mkdir()
    runtime.mkdir()
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "HOME": str(home),
        "XDG_RUNTIME_DIR": str(runtime),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        # An empty database: robots.txt answers without looking for a stored page.
        "STORED_PAGES": "false",
    }
    with contextlib.ExitStack() as servers:
        urls = []
        for _ in range(2):
            port = free_port()
            command = [str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}"]
            servers.enter_context(
                running(command, env=env, cwd=settings.BASE_DIR,
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            )  # fmt: skip
            urls.append(f"http://127.0.0.1:{port}")
        for url in urls:
            wait_for(url + "/robots.txt")
            assert requests.get(url + "/robots.txt", timeout=10).status_code == 200
        time.sleep(1)  # the arbiter opens its socket once its workers are up
        assert list(home.rglob("*.ctl")) == [] and list(runtime.rglob("*.ctl")) == []


def _listening(port):
    """The process ids of the sockets listening on `port`, one entry a socket."""
    out = subprocess.run(["ss", "-Hltnp", f"( sport = :{port} )"], capture_output=True,
                         text=True, check=True).stdout  # fmt: skip
    return [sorted(re.findall(r"pid=(\d+)", line)) for line in out.splitlines()]


def _gthread_server(port, workers, tmp_path):
    """(command, environment) of a gunicorn of `workers` processes of 4 threads on `port`,
    on an empty SQLite database; skips the test where ss cannot list its sockets."""
    if shutil.which("ss") is None:
        pytest.skip("needs ss (Debian's iproute2)")
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "STORED_PAGES": "false",
    }
    command = [str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}",
               "--workers", str(workers), "--worker-class", "gthread",
               "--threads", "4"]  # fmt: skip
    return command, env


def _parent(pid):
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def test_each_worker_takes_connections_from_its_own_queue_and_a_port_is_never_shared(tmp_path):
    """On one shared socket, the first worker to wake took every keep-alive connection a
    client opened at once, and the other sat idle (half the throughput in such rounds of
    make bench). Each worker now listens on a socket of its own, which the kernel fills in
    turn; and a second server started on the same port stops with a message rather than
    being handed half the connections."""
    port = free_port()
    command, env = _gthread_server(port, 2, tmp_path)
    with running(command, env=env, cwd=settings.BASE_DIR, stdout=subprocess.DEVNULL,
                 stderr=subprocess.DEVNULL) as server:  # fmt: skip
        url = f"http://127.0.0.1:{port}/robots.txt"
        wait_for(url)
        deadline = time.monotonic() + 30  # each worker binds once it has booted
        while len(sockets := _listening(port)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(sockets) == 2, sockets
        owners = {owner for (owner,) in sockets}
        assert len(owners) == 2 and {_parent(pid) for pid in owners} == {server.pid}

        second = subprocess.run(command, env=env, cwd=settings.BASE_DIR, capture_output=True,
                                text=True, timeout=60)  # fmt: skip
        assert second.returncode != 0
        assert f"127.0.0.1:{port} is already in use" in second.stderr
        assert len(_listening(port)) == 2
        assert requests.get(url, timeout=10).status_code == 200


def test_a_server_of_one_process_keeps_its_masters_socket(tmp_path):
    """With one process there is nothing to spread: the master keeps the socket, so that
    connections wait in its queue while the process is replaced (a socket of the
    process's own closes with it, and they would be refused)."""
    port = free_port()
    command, env = _gthread_server(port, 1, tmp_path)
    with running(command, env=env, cwd=settings.BASE_DIR, stdout=subprocess.DEVNULL,
                 stderr=subprocess.DEVNULL) as server:  # fmt: skip
        wait_for(f"http://127.0.0.1:{port}/robots.txt")
        [owners] = _listening(port)
        assert str(server.pid) in owners and len(owners) == 2, owners
