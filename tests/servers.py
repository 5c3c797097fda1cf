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
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            requests.get(url, timeout=5)
            return
        except (requests.ConnectionError, requests.Timeout):
            # Not listening yet, or listening while its workers still boot (slow when the
            # machine is busy): either way, not ready.
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds}s")
