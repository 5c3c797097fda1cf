"""The production topology on several hosts, each a network namespace made here with its own
address: PostgreSQL on one, gunicorn on two app hosts, Varnish (config/front-cache.vcl) on
the fourth; this test's process reads through a link of its own. One setup for the module,
every check in order on it, and all of it taken down afterwards, failed or not.

Needs root, `ip`, Varnish and PostgreSQL's server: skipped with a message elsewhere, a
failure when CI sets REQUIRE_NETNS or REQUIRE_VARNISH.
"""

import contextlib
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings

from tests.servers import stop, wait_for

BIN = Path(sys.executable).parent
ROOT = Path(settings.BASE_DIR)
ROLE, OTHER = "customer-support-manager", "senior-customer-success-manager"
SECRET = secrets.token_urlsafe(24)


def _missing():
    if os.environ.get("DATABASE_URL"):
        return "brings its own PostgreSQL host: runs in the SQLite half of make test", False
    if os.geteuid() != 0:
        return "network namespaces need root (CI runs as root)", True
    if shutil.which("ip") is None:
        return "`ip` (iproute2) is not installed", True
    if not (shutil.which("varnishd") or Path("/usr/sbin/varnishd").exists()):
        return "Varnish is not installed (apt-get install varnish varnish-modules)", True
    if not list(Path("/usr/lib/postgresql").glob("*/bin/initdb")):
        return "PostgreSQL's server is not installed", True
    return None, False


def _skip_or_fail():
    reason, required = _missing()
    if reason is None:
        return
    if required and (os.environ.get("REQUIRE_NETNS") or os.environ.get("REQUIRE_VARNISH")):
        pytest.fail(f"REQUIRE_NETNS/REQUIRE_VARNISH is set, but {reason}")
    pytest.skip(reason)


def run(*command, check=True, **kwargs):
    done = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if check and done.returncode:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return done


class Topology:
    """Four hosts on one switch (a bridge in a namespace of its own), and a link to it from
    here. Addresses from the benchmarking range, no route out of any of them."""

    HOSTS = {"db": 2, "a": 3, "b": 4, "front": 5}

    def __init__(self, stack):
        tag = os.getpid() % 100000
        self.net = f"198.18.{os.getpid() % 250 + 1}"
        self.names = {host: f"rr{tag}{host}" for host in [*self.HOSTS, "sw"]}
        self.here = f"rr{tag}here"
        self.stack = stack
        self.workdir = Path(tempfile.mkdtemp(prefix="multi-host-"))
        stack.callback(shutil.rmtree, self.workdir, ignore_errors=True)
        # Varnish compiles its configuration as its own user: a folder it can reach.
        self.front_dir = Path(tempfile.mkdtemp(prefix="multi-host-front-"))
        self.front_dir.chmod(0o755)
        stack.callback(shutil.rmtree, self.front_dir, ignore_errors=True)
        stack.callback(self._take_down)
        self.processes = {}
        # PostgreSQL refuses root: its cluster belongs to "postgres" (or "nobody").
        self.owner = "postgres" if _user("postgres") else "nobody"

    def address(self, host):
        return f"{self.net}.{self.HOSTS[host]}"

    def ns(self, host):
        return ["ip", "netns", "exec", self.names[host]]

    def build(self):
        switch = self.names["sw"]
        run("ip", "netns", "add", switch)
        run(*self.ns("sw"), "ip", "link", "add", "br0", "type", "bridge")
        run(*self.ns("sw"), "ip", "link", "set", "br0", "up")
        for host, number in self.HOSTS.items():
            name = self.names[host]
            run("ip", "netns", "add", name)
            inside, outside = f"{name}i"[-15:], f"{name}o"[-15:]
            run("ip", "link", "add", inside, "type", "veth", "peer", "name", outside)
            run("ip", "link", "set", inside, "netns", name)
            run("ip", "link", "set", outside, "netns", switch)
            run(*self.ns("sw"), "ip", "link", "set", outside, "master", "br0", "up")
            run(*self.ns(host), "ip", "addr", "add", f"{self.net}.{number}/24", "dev", inside)
            run(*self.ns(host), "ip", "link", "set", inside, "up")
            run(*self.ns(host), "ip", "link", "set", "lo", "up")
        outside = f"{self.here}o"[-15:]
        run("ip", "link", "add", self.here, "type", "veth", "peer", "name", outside)
        run("ip", "link", "set", outside, "netns", switch)
        run(*self.ns("sw"), "ip", "link", "set", outside, "master", "br0", "up")
        run("ip", "addr", "add", f"{self.net}.1/24", "dev", self.here)
        run("ip", "link", "set", self.here, "up")

    def _take_down(self):
        for process in self.processes.values():
            stop(process)
        self.postgres("stop", "-m", "immediate", check=False)
        run("ip", "link", "del", self.here, check=False)
        for name in self.names.values():
            run("ip", "netns", "del", name, check=False)

    # PostgreSQL refuses to run as root: as the "postgres" user, in the db host.
    def postgres(self, *args, check=True):
        bindir = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
        data = self.workdir / "pg"
        options = (f"-c listen_addresses={self.address('db')} -p 5432 -k {data} "
                   "-c fsync=off -c synchronous_commit=off")  # fmt: skip
        extra = ["-w", "-t", "60", "-l", str(self.workdir / "pg.log"), "-o", options]
        command = [str(bindir / "pg_ctl"), "-D", str(data / "data"), *args]
        if args[0] == "start":
            command += extra
        return run(*self.ns("db"), "runuser", "-u", self.owner, "--", *command, check=check)

    def start_postgres(self):
        bindir = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
        data = self.workdir / "pg"
        data.mkdir()
        shutil.chown(self.workdir, self.owner)
        shutil.chown(data, self.owner)
        run("runuser", "-u", self.owner, "--", str(bindir / "initdb"), "-D", str(data / "data"),
            "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8")  # fmt: skip
        with open(data / "data" / "pg_hba.conf", "a") as hba:
            hba.write(f"host all all {self.net}.0/24 trust\n")
        self.postgres("start")

    def env(self, **extra):
        front = self.address("front")
        return {
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "false",
            "HTTPS": "false",
            "SECRET_KEY": "multi-host-test-" + "k" * 40,
            "ALLOWED_HOSTS": ",".join(self.address(h) for h in ("a", "b", "front")),
            "DATABASE_URL": f"postgres://postgres@{self.address('db')}:5432/postgres",
            "SITE_URL": f"http://{front}",
            "STATIC_ROOT": str(self.workdir / "static"),
            "FRONT_CACHE_PURGE": f"http://{front}/",
            # Purges come from the app hosts; anyone else needs the secret.
            "FRONT_CACHE_PURGERS": f"{self.address('a')},{self.address('b')}",
            "FRONT_CACHE_SECRET": SECRET,
            # Past its time a page is fetched anew at once (no stale-while-revalidate), so
            # that the check of stale-if-error below needs no waiting.
            "FRONT_CACHE_STALE_SECONDS": "0",
            "LOG_LEVEL": "WARNING",
            **extra,
        }

    def manage(self, *args, host=None):
        prefix = self.ns(host) if host else []
        return run(*prefix, sys.executable, "manage.py", *args, env=self.env(), cwd=ROOT).stdout

    def start_app(self, host):
        command = [*self.ns(host), str(BIN / "gunicorn"), "config.wsgi", "--config",
                   "gunicorn.conf.py", "--bind", f"{self.address(host)}:8000", "--workers", "1",
                   "--worker-class", "gthread", "--threads", "4",
                   "--forwarded-allow-ips", self.address("front")]  # fmt: skip
        self.processes[host] = subprocess.Popen(
            command, env=self.env(BEHIND_PROXY="true"), cwd=ROOT,
            stdout=subprocess.DEVNULL, stderr=self.log(host),
        )  # fmt: skip
        health = f"http://{self.address(host)}:8000/healthz"
        wait_for(health, 60, status=200, log=self.workdir / f"{host}.log")

    def start_front(self):
        command = [*self.ns("front"), sys.executable, "manage.py", "front_cache",
                   "--listen", f"{self.address('front')}:80",
                   "--backend", f"{self.address('a')}:8000",
                   "--backend", f"{self.address('b')}:8000",
                   "--workdir", str(self.front_dir), "--memory", "64m"]  # fmt: skip
        self.processes["front"] = subprocess.Popen(
            command, env=self.env(), cwd=ROOT,
            stdout=subprocess.DEVNULL, stderr=self.log("front"),
        )  # fmt: skip
        wait_for(f"{self.front}/healthz", 60, status=200, log=self.workdir / "front.log")

    def log(self, host):
        return self.stack.enter_context(open(self.workdir / f"{host}.log", "a"))

    def stop(self, host):
        stop(self.processes.pop(host))

    @property
    def front(self):
        return f"http://{self.address('front')}"

    def app(self, host):
        return f"http://{self.address(host)}:8000"


def _user(name):
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


@pytest.fixture(scope="module")
def hosts():
    _skip_or_fail()
    with contextlib.ExitStack() as stack:
        topology = Topology(stack)
        topology.build()
        topology.start_postgres()
        # As a deploy does, from one app host.
        for step in (["collectstatic", "--noinput", "-v0"], ["migrate", "--noinput", "-v0"],
                     ["load_reference", "-v0"], ["render_pages", "-v0"]):  # fmt: skip
            topology.manage(*step, host="a")
        topology.start_app("a")
        topology.start_app("b")
        topology.start_front()
        yield topology


def get(url, **kwargs):
    return requests.get(url, timeout=10, headers={"Accept-Encoding": "gzip"}, **kwargs)


PUBLISH = f"""
import time
from roles.models import Role
from publishing.services import content_publish
role = Role.objects.get(slug="{ROLE}")
role.summary_en = %r
role.save()
content_publish(obj=role, languages=["en"])
print(time.time())
"""


def publish_through(hosts, host, text):
    """Publish the role's new English summary in a process of `host`; when it committed."""
    return float(hosts.manage("shell", "-c", PUBLISH % text, host=host).split()[-1])


def first_time(condition, seconds=5):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if condition():
            return time.time()
        time.sleep(0.05)
    return None


@contextlib.contextmanager
def watching(urls, text, seconds=90):
    """Each of `urls` polled in a thread from now: {url: when it first showed `text`}. The
    window is long, as it opens before the publishing process starts Django (many seconds
    on a loaded machine); what is asserted is the time from the commit."""
    seen = dict.fromkeys(urls)
    start = time.time()

    def watch(url):
        while time.time() - start < seconds:
            if text in get(url).text:
                seen[url] = time.time()
                return
            time.sleep(0.01)

    watchers = [threading.Thread(target=watch, args=(url,)) for url in urls]
    for watcher in watchers:
        watcher.start()
    try:
        yield seen
    finally:
        for watcher in watchers:
            watcher.join()


def test_several_app_hosts_behind_a_front_cache(hosts):
    front, b = hosts.front, hosts.app("b")
    page, other = f"/en/roles/{ROLE}/", f"/ko/roles/{OTHER}/"
    others = [other, "/en/metrics/", f"/api/v1/roles/{OTHER}?lang=en"]

    # Readers get stored pages through the front, kept there: a second answer is a hit.
    first = get(front + page)
    assert first.status_code == 200 and "xkey" not in first.headers
    assert "s-maxage" in first.headers["Cache-Control"]
    before = {path: get(front + path).headers["ETag"] for path in others}
    get(b + page)  # B keeps the page in its memory
    time.sleep(1.1)
    assert int(get(front + page).headers["Age"]) >= 1

    # Nobody else purges: not from an address that is not an app host, not without the secret.
    refused = requests.request("PURGE", front + "/", headers={"xkey": "obj:roles.role:1"})
    assert refused.status_code == 403
    assert int(get(front + page).headers["Age"]) >= 1

    # Drafts, the admin and search answers are never kept in front.
    for path in ("/admin/login/", "/en/search/?q=manager"):
        get(front + path)
    time.sleep(1.1)
    for path in ("/admin/login/", "/en/search/?q=manager"):
        assert int(get(front + path).headers.get("Age", "0")) == 0, path

    # Publish through host A: host B and the front serve the new bytes within a second of
    # the commit; the other pages keep their ETags, and stay cached.
    text = "Published through host A."
    # Watched from before: the publishing process's own exit is no reader's delay.
    with watching([b + page, front + page], text) as seen:
        committed = publish_through(hosts, "a", text)
    assert None not in seen.values(), seen
    assert all(at - committed < 1 for at in seen.values()), (committed, seen)
    for path, etag in before.items():
        again = get(front + path)
        assert again.headers["ETag"] == etag, path
        assert int(again.headers["Age"]) >= 1, f"{path} was purged"

    # Stop host A: the front keeps serving, from B, pages it kept and pages it did not.
    hosts.stop("a")
    for path in [page, *others, "/uk/roles/", "/hi/metrics/", f"/nb/roles/{OTHER}/"]:
        assert get(front + path).status_code == 200, path

    # Restart PostgreSQL: readers keep getting pages from the front and from B's memory;
    # an editor gets an error, and nothing published is lost.
    hosts.postgres("stop", "-m", "fast")
    assert get(front + page).status_code == 200
    assert "Published through host A." in get(b + page).text
    assert get(b + "/readyz").status_code == 503
    editing = get(b + "/admin/", cookies={"sessionid": "an-editors-session"})
    assert editing.status_code == 503 and "cannot be reached" in editing.text
    hosts.postgres("start")
    assert first_time(lambda: get(b + "/readyz").json()["database"] == "ok", seconds=30)
    committed = publish_through(hosts, "b", "Published after the restart.")
    assert first_time(lambda: "Published after the restart." in get(b + page).text)
    assert first_time(lambda: "Published after the restart." in get(front + page).text)

    # Stop every app server: the front still answers, a page past its time included
    # (stale-if-error).
    softened = requests.request(
        "PURGE", front + "/", headers={"xkey-soft": f"page:{_page_key(page)}",
                                       "X-Purge-Secret": SECRET},
    )  # fmt: skip
    assert softened.status_code == 200 and "Expired 1" in softened.reason
    hosts.stop("b")
    wait_for_sick(front)
    for path in [page, *others]:
        answer = get(front + path)
        assert answer.status_code == 200, path
    assert "Published after the restart." in get(front + page).text


def _page_key(path):
    from publishing.front_cache import page_key

    return page_key(path).removeprefix("page:")


def wait_for_sick(front, seconds=10):
    """Until the front's probe has seen that no app server answers (a request then never
    waits on one)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if get(front + "/healthz").status_code == 503:
            return
        time.sleep(0.2)


def test_slow_clients_never_reach_the_app_servers(hosts):
    """The probe that stalled gunicorn: 8 connections that never finish their headers. The
    front buffers them; other readers are answered as before."""
    # Host B, if the test above stopped it, serves again.
    if "b" not in hosts.processes:
        hosts.start_app("b")
        wait_for(hosts.front + "/healthz", 60, status=200)  # once the front's probe has seen it
    address = (hosts.address("front"), 80)
    stalled = []
    try:
        for _ in range(8):
            s = socket.create_connection(address, timeout=5)
            s.sendall(b"GET /en/ HTTP/1.1\r\nHost: " + address[0].encode() + b"\r\nX-Slow: ")
            stalled.append(s)
        start = time.monotonic()
        for path in ["/en/", "/uk/roles/", "/ko/metrics/", "/hi/roles/", "/healthz"] * 4:
            assert get(hosts.front + path).status_code == 200, path
        assert time.monotonic() - start < 5
    finally:
        for s in stalled:
            s.close()
