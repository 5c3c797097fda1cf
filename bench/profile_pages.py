"""Where a page's render goes: each public page type rendered on request under production
settings (DEBUG off, stored pages off), timed and profiled with cProfile. Not run by the
test suite; docs/rendering.md has its figures.

    .venv/bin/python bench/profile_pages.py            # every page type, 30 renders each
    PROFILE_RENDERS=100 .venv/bin/python bench/profile_pages.py role metric

It makes a throwaway SQLite database with the reference content (as a deploy does; kept in
PROFILE_FOLDER when set), then for each page: the median and the best of PROFILE_RENDERS
renders through the whole site (middleware and all, as publishing renders a page), and the
share of the profiled time in
the template's render, the loader, the database and Babel's formatting (SHARES).
"""

import cProfile
import os
import pstats
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RENDERS = int(os.environ.get("PROFILE_RENDERS", "30"))
ROLE = "customer-support-manager"
PAGES = {
    "role": f"/en/roles/{ROLE}/",
    "role hi": f"/hi/roles/{ROLE}/",
    "metric": "/en/metrics/nps/",
    "index": "/en/",
    "salaries": "/en/salaries/",
    "a-z": "/en/roles/",
    "api": f"/api/v1/roles/{ROLE}?lang=en",
    "embed": f"/en/embed/roles/{ROLE}/",
}
# Where a render's time goes: the cumulative time of these functions (file, name), as a
# share of the whole request's. The template's share includes the template tags it runs
# (and the Babel formatting they do); the database's (the driver's calls, through Django's
# cursor: the ORM's queries and those written in SQL alike) is inside the others.
SHARES = {
    "template render": [("django/shortcuts.py", "render")],
    "loader": [("articles/loader.py", "load_article")],
    "database": [("django/db/backends/utils.py", "execute")],
    "Babel": [
        ("babel/numbers.py", "format_decimal"),
        ("babel/numbers.py", "format_currency"),
        ("babel/dates.py", "format_date"),
        ("babel/lists.py", "format_list"),
    ],
}


def environment(folder, *, database="profile.sqlite3", stored_pages=False):
    """Production settings on a throwaway SQLite database in `folder` (bench/
    profile_publication.py stores pages; the pages rendered here are rendered on request)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "HTTPS": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY", secrets.token_urlsafe(50)),
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "SITE_URL": "http://127.0.0.1:8000",
        "STORED_PAGES": "true" if stored_pages else "false",
        "STORED_PAGES_STAMP": str(folder / "published.stamp"),
        "LOG_LEVEL": "WARNING",
        "DATABASE_URL": f"sqlite:///{folder / database}",
        "STATIC_ROOT": str(folder / "static"),
    }


def prepare(env, *, render=False):
    """As a deploy does: static files, migrations, the reference content and, with
    `render`, every page stored."""
    steps = [
        ["collectstatic", "--noinput", "-v0"],
        ["migrate", "--noinput", "-v0"],
        ["load_reference", "--if-empty", "-v0"],
    ]
    for args in steps + ([["render_pages"]] if render else []):
        subprocess.run(
            [sys.executable, "manage.py", *args], env=env, cwd=ROOT, check=True,
            stdout=subprocess.DEVNULL,
        )  # fmt: skip


def cumulative(stats, functions):
    """Seconds spent inside any of `functions` ((file suffix, name)), callees included."""
    return sum(
        cumtime
        for (filename, _line, name), (_cc, _nc, _tt, cumtime, _callers) in stats.stats.items()
        if any(filename.endswith(suffix) and name == wanted for suffix, wanted in functions)
    )


def profile(client, path):
    client.get(path)  # the first render loads templates and catalogues: not measured
    times = []
    for _ in range(RENDERS):
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(RENDERS):
        client.get(path)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = sum(row[2] for row in stats.stats.values())
    shares = {name: cumulative(stats, functions) / total for name, functions in SHARES.items()}
    return statistics.median(times), min(times), len(response.content), shares, stats


def main():
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    chosen = sys.argv[1:] or list(PAGES)
    print(f"{RENDERS} renders each, production settings, stored pages off\n")
    print("| page | median ms | best ms | bytes | queries | " + " | ".join(SHARES) + " |")
    print("|---|---:|---:|---:|---:|" + "---:|" * len(SHARES))
    details = {}
    for name in chosen:
        path = PAGES[name]
        median, best, size, shares, stats = profile(client, path)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        cells = " | ".join(f"{share:.0%}" for share in shares.values())
        print(f"| {name} `{path}` | {median:.1f} | {best:.1f} | {size:,} | {len(queries)} | "
              f"{cells} |")  # fmt: skip
        details[name] = stats
    if os.environ.get("PROFILE_TOP"):
        for name, stats in details.items():
            print(f"\n## {name}: the {os.environ['PROFILE_TOP']} costliest functions (own time)")
            stats.sort_stats("tottime").print_stats(int(os.environ["PROFILE_TOP"]))


def set_up(prefix):
    """This process in the project folder, on the database in PROFILE_FOLDER (kept, with
    its static files, for the next run) or in a new folder named `prefix`, prepared once."""
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    folder = Path(os.environ.get("PROFILE_FOLDER") or tempfile.mkdtemp(prefix=prefix))
    os.environ.update(environment(folder))
    if not (folder / "profile.sqlite3").exists():
        prepare(os.environ)


if __name__ == "__main__":
    set_up("role-profile-")
    main()
