"""Where a publication's time goes: the role published in five languages in one process
(`content_publish` of a new English summary, as the worker runs it), the pages it changes
rendered and stored. Not run by the test suite; docs/rendering.md has its figures.

    .venv/bin/python bench/profile_publication.py          # 1 + 3 publications
    PROFILE_RENDERS=5 PROFILE_TOP=40 .venv/bin/python bench/profile_publication.py

It makes a SQLite database with the reference content and every page stored (as a deploy
does; kept in PROFILE_FOLDER when set, and copied for each run, so that every run starts
from the same content), publishes once (the first loads templates and catalogues, as a new
worker's first does), then times PROFILE_RENDERS publications in CPU time of the process
(`time.process_time()`: the machine is shared, and CPU time is what a publication costs):
the mean and the best, its queries, the rendering time of each kind of page, and the rest
outside rendering. With PROFILE_TOP, the same publications again under cProfile.
"""

import cProfile
import gc
import os
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from profile_pages import ROOT, environment, prepare

ROUNDS = int(os.environ.get("PROFILE_RENDERS", "3"))
ROLE = "customer-support-manager"
# The kind of each page a publication renders, by the first pattern its path holds.
KINDS = [
    ("/versions/", "its new version page"),
    ("/api/v1/roles/?", "the API's list of roles"),
    ("/api/v1/salaries/", "the API's salaries of the role"),
    ("/families/", "the role's family"),
    ("/api/v1/roles/", "the API's role answer"),
    ("/embed/", "the embed"),
    ("card.json", "the role's card"),
    (f"/roles/{ROLE}/", "the role page"),
    ("/feed", "the feed"),
    ("sitemap", "the sitemaps"),
    ("/roles/", "the A to Z"),
    ("/linking/", "the linking guide"),
]


def kind_of(path):
    for pattern, kind in KINDS:
        if pattern in path:
            return kind
    return "the index" if path.count("/") <= 2 else f"other ({path})"


def main():
    import django

    django.setup()
    from django.db import connection

    from content.languages import CODES
    from publishing import rendering
    from publishing.services import content_publish
    from roles.models import Role

    spent, renders = defaultdict(float), defaultdict(int)
    get = rendering._Site.get

    def timed_get(site, path):
        start = time.process_time()
        try:
            return get(site, path)
        finally:
            spent[kind_of(path)] += time.process_time() - start
            renders[kind_of(path)] += 1

    rendering._Site.get = timed_get
    # Python's garbage collector, which runs when it will: a full collection of a worker's
    # objects takes tens of milliseconds, every few publications.
    collecting = {"seconds": 0.0, "since": 0.0}

    def collected(phase, info):
        if phase == "start":
            collecting["since"] = time.process_time()
        else:
            collecting["seconds"] += time.process_time() - collecting["since"]

    gc.callbacks.append(collected)
    role = Role.objects.get(slug=ROLE)
    summary = role.summary_en

    def publish(number):
        role.summary_en = summary.rstrip(".") + f" (published again, {number})."
        role.save()
        # Counted as they are made: Django's query log (CaptureQueriesContext) would time
        # and format each, a tenth of the publication's time.
        queries = []
        start = time.process_time()
        with connection.execute_wrapper(lambda execute, *args: queries.append(1) or execute(*args)):
            content_publish(obj=role, languages=CODES)
        return time.process_time() - start, len(queries)

    publish(0)
    try:  # what the worker does after its first task, where it does (publishing/worker.py)
        from publishing.worker import settle_after_first_task
    except ImportError:
        pass
    else:
        settle_after_first_task()
    spent.clear()
    renders.clear()
    collecting["seconds"] = 0.0
    times, counts = [], []
    for number in range(1, ROUNDS + 1):
        seconds, queries = publish(number)
        times.append(seconds)
        counts.append(queries)
    rendering_ms = sum(spent.values()) * 1000 / ROUNDS
    print(f"{ROUNDS} publications after a first, CPU time of this process\n")
    print("| pages rendered | pages | ms |")
    print("|---|---:|---:|")
    for kind, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"| {kind} | {renders[kind] / ROUNDS:g} | {seconds * 1000 / ROUNDS:.1f} |")
    print(f"| **rendering, in all** | **{rendering_ms:.0f}** |")
    mean = statistics.mean(times) * 1000
    print(f"| **the publication, in all** | **{mean:.0f}** |")
    print(f"\npublication ms: mean {mean:.0f}, best {min(times) * 1000:.0f}, "
          f"each {', '.join(f'{t * 1000:.0f}' for t in times)}; outside rendering "
          f"{mean - rendering_ms:.0f}; garbage collection "
          f"{collecting['seconds'] * 1000 / ROUNDS:.0f}; queries {counts}")  # fmt: skip
    if os.environ.get("PROFILE_TOP"):
        profiler = cProfile.Profile()
        profiler.enable()
        for number in range(ROUNDS + 1, 2 * ROUNDS + 1):
            publish(number)
        profiler.disable()
        stats = pstats.Stats(profiler)
        if os.environ.get("PROFILE_OUT"):
            stats.dump_stats(os.environ["PROFILE_OUT"])
        top = int(os.environ["PROFILE_TOP"])
        stats.sort_stats("cumulative").print_stats(top)
        stats.sort_stats("tottime").print_stats(top)


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    # PROFILE_FOLDER keeps the prepared database and static files for the next run.
    folder = Path(os.environ.get("PROFILE_FOLDER") or tempfile.mkdtemp(prefix="publication-"))
    os.environ.update(environment(folder, database="run.sqlite3", stored_pages=True))
    prepared = folder / "prepared.sqlite3"
    if not prepared.exists():
        prepare(os.environ, render=True)
        shutil.copy(folder / "run.sqlite3", prepared)
    shutil.copy(prepared, folder / "run.sqlite3")
    main()
