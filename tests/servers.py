"""Servers a test starts (gunicorn, Redis), stopped whatever happens to the test."""

import contextlib
import socket
import subprocess
import time

import requests


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
