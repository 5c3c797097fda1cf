"""gunicorn's settings for every server started from the project folder (gunicorn reads
./gunicorn.conf.py): scripts/serve (make serve), bench/ and the tests that start servers.

No control socket. gunicorn 25.1 and later open one at a fixed path per user
($XDG_RUNTIME_DIR/gunicorn.ctl or ~/.gunicorn/gunicorn.ctl): a second server on the same
machine took it over, and the first to stop deleted it from under the other.

make serve (scripts/serve sets SERVE_PREPARE=true): the master prepares the site, then
loads the app once before it forks its workers, and starts the task queue's workers once it
listens. A restart, or a release, is answered after one Django start-up, not after a
separate prepare_site process and then one in every worker (bench part "release": 5.2 s
before, 0.8-2.6 s after, by the load of the shared machine).

- The site is prepared (publishing/management/commands/prepare_site.py: static files when
  they changed, migrations when any is unapplied, ...) here, while this file is read: before
  the app is loaded, since whitenoise lists the static files when it is, and before the
  master listens, so that new code never serves on an old schema. A step that fails stops
  gunicorn before it serves (it says "Failed to read config file" and why).
- preload_app: the workers are forked from a master that has Django and the app loaded, so
  each is ready at once (copy-on-write) instead of starting Django itself. Its connections
  to the database are closed before the fork. New code needs a restart, not a HUP.
- when_ready: the task queue's workers (manage.py work) start only now, after the
  migrations, at a lower CPU priority than the readers' processes (nice, WORKER_NICE, 10 by
  default), as children of the master, which they stop with (--exit-with-parent).
  TASK_WORKERS=0 starts none, for a site whose workers run on other machines.
- The editors' pool (SERVE_EDITORS, host:port, set by scripts/serve when Varnish is in
  front): when_ready starts a second gunicorn there, for the front to send /admin/ to, at a
  lower CPU priority than the readers' processes (nice, EDITORS_NICE, 10 by default), as a
  child of this master that gets SIGTERM when the master is gone. It loads the app once
  before it forks, as this master does, but prepares nothing (this master has) and starts
  no task worker; its access log lines begin with "editors".
- reuse_port: each worker listens on a socket of its own (SO_REUSEPORT) and the kernel
  spreads new connections across them. On one shared socket, the first worker to wake
  took every keep-alive connection a client (wrk, or a front cache's pool) opened at
  once: one worker at 100% of a core and the other idle, and the role page rendered on
  request served 70-77 req/s in such rounds against 190-220 in the others (make bench,
  PostgreSQL, 2026-12-07). on_starting keeps the one thing a shared socket gave for free:
  a second server on a port already served stops with a message instead of sharing it;
  and a server of one process keeps the shared socket.
"""

import ctypes
import importlib
import os
import signal
import socket
import subprocess
import sys
import time

control_socket_disable = True
reuse_port = True

PREPARING = os.environ.get("SERVE_PREPARE") == "true"
# The editors' pool make serve starts (when_ready below).
EDITORS_POOL = os.environ.get("SERVE_POOL") == "editors"

if PREPARING or EDITORS_POOL:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections
    from django.urls import get_resolver
    from django.utils import translation

    if PREPARING:
        call_command("prepare_site")
    # The app (its middleware lists the static files just collected), loaded once here
    # rather than by each worker. (Imported by name: a module-level
    # name "config" would be read as gunicorn's setting of that name.)
    importlib.import_module("config.wsgi")
    # What each worker's first request would build otherwise (0.2 s of it measured): every
    # language's catalogue and its reverse index of the URLs (i18n_patterns: one each).
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            get_resolver().reverse_dict  # noqa: B018
    connections.close_all()
    preload_app = True

if EDITORS_POOL:
    access_log_format = 'editors %(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"'


def on_starting(server):
    """Stop before serving when another process listens on one of the addresses: with
    reuse_port, the kernel would otherwise share the port between the two servers. Tried
    five times a second apart, as gunicorn binds, for a server still stopping there.

    A server of one process (the editors' pool) keeps the master's socket: there is
    nothing to spread, and while its process is replaced, connections wait in the
    master's queue instead of being refused. gunicorn's own bind then refuses a port
    already served."""
    if server.cfg.workers == 1:
        server.cfg.set("reuse_port", False)
        return
    for address in server.cfg.address:
        if not isinstance(address, tuple):  # a Unix socket or a file descriptor
            continue
        for attempt in range(5):
            try:
                _bind_alone(address)
                break
            except OSError as error:
                if attempt == 4:
                    server.log.error("%s:%s is already in use (%s): stop the server there first.",
                                     *address[:2], error.strerror)  # fmt: skip
                    sys.exit(1)
                time.sleep(1)


def _bind_alone(address):
    family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # Connections left in TIME_WAIT by a server just stopped do not count.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(address[:2])


# Looked up here, not in the forked child, where only async-signal-safe calls belong.
_prctl = ctypes.CDLL(None, use_errno=True).prctl


def _stopped_with_parent():
    """In the child, before it runs the command: SIGTERM when the process that started it
    (gunicorn's master, single-threaded) is gone, whichever way it went."""
    parent = os.getppid()
    _prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:
        os._exit(1)


def when_ready(server):
    if not PREPARING:
        return
    nice = os.environ.get("WORKER_NICE", "10")
    command = ["nice", "-n", nice, sys.executable, "manage.py", "work", "--exit-with-parent",
               "--parent-pid", str(server.pid)]  # fmt: skip
    for _ in range(int(os.environ.get("TASK_WORKERS", "1"))):
        subprocess.Popen(command)
    editors = os.environ.get("SERVE_EDITORS")
    if editors:
        cfg = server.cfg
        command = ["nice", "-n", os.environ.get("EDITORS_NICE", "10"),
                   sys.executable, "-m", "gunicorn", "config.wsgi", "--config", "gunicorn.conf.py",
                   "--bind", editors, "--workers", os.environ.get("EDITORS_CONCURRENCY", "1"),
                   "--worker-class", "gthread", "--threads", str(cfg.threads),
                   "--forwarded-allow-ips", ",".join(cfg.forwarded_allow_ips)]  # fmt: skip
        if cfg.accesslog:
            command += ["--access-logfile", cfg.accesslog]
        env = {k: v for k, v in os.environ.items() if k not in ("SERVE_PREPARE", "SERVE_EDITORS")}
        subprocess.Popen(command, env={**env, "SERVE_POOL": "editors"},
                         preexec_fn=_stopped_with_parent)  # fmt: skip
