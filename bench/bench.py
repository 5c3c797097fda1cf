"""The benchmark: the production server under load, against a static file of the same size.

Run by `make bench` (not by the test suite). It prepares a database (PostgreSQL when
bench/run found one, else SQLite), starts gunicorn with the settings `make serve` uses, drives
it with wrk, and prints requests per second, p50 and p99 latency per address, with the ratio
to a static HTML file of the same size served by the same server in the same run. It also
reports the uncached render time and query count of the role page.
"""

import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from content.languages import CODES as LANGUAGES  # noqa: E402  (the project is not on the path)

ROLE = "customer-support-manager"
DURATION = os.environ.get("BENCH_SECONDS", "10")
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "32")
TARGETS = {"throughput": 0.70, "p99": 2.0, "render_ms": 15.0}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_env(workdir):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "HTTPS": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "STATIC_ROOT": str(workdir / "static"),
        "LOG_LEVEL": "WARNING",
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    return env


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], env=env, cwd=ROOT, check=True)


def prepare(env):
    """The database and static files the production server needs; says which database."""
    database = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_reference", "--if-empty", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    return database


def start_server(env, workers="1", threads="4"):
    """gunicorn as `make serve` runs it, once it answers; returns the process and its URL."""
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi",
         "--bind", f"127.0.0.1:{port}", "--workers", workers,
         "--worker-class", "gthread", "--threads", threads, "--timeout", "120"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(base + "/robots.txt", timeout=2)
            return server, base
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit("bench: the server did not start")


def uncached_render(env):
    """Median server time and queries of the role page with the page cache off."""
    code = f"""
import statistics, time, django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST="127.0.0.1")
for language in {LANGUAGES!r}:
    url = f"/{{language}}/roles/{ROLE}/"
    client.get(url)
    times = []
    for _ in range(40):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    print(language, f"{{statistics.median(times):.2f}}", len(queries), len(response.content))
"""
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "PAGE_CACHE_SECONDS": "0"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        sys.exit(f"bench: measuring the uncached render failed:\n{result.stderr[-3000:]}")
    rows = [line.split() for line in result.stdout.strip().splitlines()]
    return {r[0]: (float(r[1]), int(r[2]), int(r[3])) for r in rows}


def wrk(url):
    output = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--latency", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip

    def latency(label):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        value, unit = float(match[1]), match[2]
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    socket_errors = re.search(r"Socket errors: (.*)", output)
    if socket_errors:
        errors += sum(int(n) for n in re.findall(r"\d+", socket_errors[1]))
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        "p50": latency(50),
        "p99": latency(99),
        "errors": errors,
    }


def main():
    if shutil.which("wrk") is None:
        sys.exit("bench: wrk is not installed (apt-get install wrk)")
    workdir = Path(tempfile.mkdtemp(prefix="role-bench-"))
    env = production_env(workdir)
    database = prepare(env)
    print(f"bench: database {database}; cache {env.get('CACHE_URL') or 'locmem:// (default)'}")

    render = uncached_render(env)
    size = render["en"][2]
    static_dir = workdir / "static" / "bench"
    static_dir.mkdir(parents=True)
    (static_dir / "page.html").write_bytes(b"<!doctype html>" + b"x" * (size - 15))

    workers = os.environ.get("WEB_CONCURRENCY", "1")
    server, base = start_server(env, workers, os.environ.get("WEB_THREADS", "4"))
    try:
        addresses = {
            "static file (same size)": "/static/bench/page.html",
            **{f"role page {code}": f"/{code}/roles/{ROLE}/" for code in LANGUAGES},
            "index": "/en/",
            "metric page": "/en/metrics/nps/",
            "api role": f"/api/v1/roles/{ROLE}?lang=en",
        }
        for path in addresses.values():  # warm the page cache
            urllib.request.urlopen(base + path, timeout=10).read()
        results = {name: wrk(base + path) for name, path in addresses.items()}
        results["static file (again)"] = wrk(base + addresses["static file (same size)"])
    finally:
        server.terminate()
        server.wait(10)
        shutil.rmtree(workdir, ignore_errors=True)
    report(results, render, database, workers)


def report(results, render, database, workers):
    static_runs = [results["static file (same size)"], results["static file (again)"]]
    static_rps = statistics.mean(r["rps"] for r in static_runs)
    static_p99 = statistics.mean(r["p99"] for r in static_runs)
    print(f"\nwrk -t2 -c{CONNECTIONS} -d{DURATION}s, gunicorn {workers} worker(s) x gthread, "
          f"{database}, {os.cpu_count()} cores\n")  # fmt: skip
    print("| address | req/s | p50 ms | p99 ms | req/s vs static | p99 vs static | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    failures = []
    for name, r in results.items():
        ratio, p99_ratio = r["rps"] / static_rps, r["p99"] / static_p99
        print(f"| {name} | {r['rps']:.0f} | {r['p50']:.2f} | {r['p99']:.2f} | "
              f"{ratio:.0%} | {p99_ratio:.2f}x | {r['errors']} |")  # fmt: skip
        if r["errors"]:
            failures.append(f"{name}: {r['errors']} errors")
        if name.startswith("role page"):
            if ratio < TARGETS["throughput"]:
                failures.append(f"{name}: {ratio:.0%} of static throughput (target 70%)")
            if p99_ratio > TARGETS["p99"]:
                failures.append(f"{name}: p99 {p99_ratio:.2f}x static (target at most 2x)")
    print("\nUncached role page (page cache off), median of 40 renders:\n")
    print("| language | median ms | queries | HTML bytes |")
    print("|---|---:|---:|---:|")
    for language, (ms, queries, size) in render.items():
        print(f"| {language} | {ms:.2f} | {queries} | {size} |")
        if ms >= TARGETS["render_ms"]:
            failures.append(f"uncached role page {language}: {ms:.1f} ms (target under 15 ms)")
    print()
    if failures:
        print("TARGETS MISSED:\n  " + "\n  ".join(failures))
        sys.exit(1)
    print("All targets met.")


if __name__ == "__main__":
    main()
