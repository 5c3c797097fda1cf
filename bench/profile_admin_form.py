"""What the role's admin change form costs: its GET and the POST of an unchanged save,
under production settings, timed in CPU seconds and profiled with cProfile. Not run by the
test suite; docs/editing.md has its figures.

    .venv/bin/python bench/profile_admin_form.py                 # 10 of each
    PROFILE_RENDERS=5 PROFILE_TOP=25 .venv/bin/python bench/profile_admin_form.py
    PROFILE_SAVE_HTML=/tmp/form.html .venv/bin/python bench/profile_admin_form.py

It makes a throwaway SQLite database with the reference content (kept in PROFILE_FOLDER
when set) and a superuser, then for the customer-support-manager role: the median and the
best of PROFILE_RENDERS requests (time.process_time(): CPU, not wall clock), the queries of
one, and the size of the page. PROFILE_SAVE_HTML writes the GET's page, its CSRF token
replaced, for comparing before and after a change byte for byte.
"""

import cProfile
import os
import pstats
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from profile_pages import ROLE, set_up

RENDERS = int(os.environ.get("PROFILE_RENDERS", "10"))
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')


def timed(request):
    request()  # the first loads templates and catalogues: not measured
    times = []
    for _ in range(RENDERS):
        start = time.process_time()
        response = request()
        times.append(time.process_time() - start)
    return statistics.median(times), min(times), response


def main():
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from roles.models import Role
    from tests.html import FormReader

    user = User.objects.filter(username="profile-admin").first()
    if user is None:
        user = User.objects.create_superuser("profile-admin", "p@example.com", "a-long-pass")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    role = Role.objects.get(slug=ROLE)
    address = f"/admin/roles/role/{role.pk}/change/"

    def get():
        response = client.get(address)
        assert response.status_code == 200, response.status_code
        return response

    page = get().content
    form = FormReader(page.decode(), "role_form").data
    if os.environ.get("PROFILE_SAVE_HTML"):  # before the saves add their messages to it
        Path(os.environ["PROFILE_SAVE_HTML"]).write_bytes(
            CSRF.sub(b'name="csrfmiddlewaretoken" value="-"', page)
        )

    def post():
        response = client.post(address, {**form, "_save": "Save"})
        assert response.status_code == 302, response.content.decode()[-3000:]
        return response

    print(f"{RENDERS} requests each, production settings, CPU seconds (process_time)\n")
    print("| request | median s | best s | queries | bytes |")
    print("|---|---:|---:|---:|---:|")
    profiles = {}
    for name, request in (("GET", get), ("POST unchanged", post)):
        median, best, response = timed(request)
        with CaptureQueriesContext(connection) as queries:
            request()
        size = len(response.content)
        print(f"| {name} `{address}` | {median:.3f} | {best:.3f} | {len(queries)} | {size:,} |")
        if os.environ.get("PROFILE_TOP"):
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(3):
                request()
            profiler.disable()
            profiles[name] = pstats.Stats(profiler)
    for name, stats in profiles.items():
        top = int(os.environ["PROFILE_TOP"])
        print(f"\n## {name}: the {top} costliest functions (own time, 3 requests)")
        stats.sort_stats("tottime").print_stats(top)
        stats.sort_stats("cumulative").print_stats(top)


if __name__ == "__main__":
    set_up("admin-profile-")
    main()
