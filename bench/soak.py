"""The soak: readers and editors at once, for a fixed time, against the production server.

Run by `make soak` (not by the test suite). Readers load every page type in every language;
editors save drafts through the admin, each to an object of their own, and publish every
third one. It ends by itself after SOAK_SECONDS (default 60) and reports the requests, the
errors (there must be none) and whether every edit is where it belongs afterwards: the last
published one in the pages and the API, a later draft in neither, each one in the history.
"""

import itertools
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.bench import gunicorn, prepare, production_env
from tests.html import FormReader
from tests.servers import free_port, wait_for

ROOT = Path(__file__).resolve().parent.parent
SECONDS = float(os.environ.get("SOAK_SECONDS", "60"))
READERS = int(os.environ.get("SOAK_READERS", "8"))
sys.path.insert(0, str(ROOT))
from content.languages import CODES as LANGUAGES  # noqa: E402  (the project is not on the path)

PAGES = [
    "", "roles/customer-support-manager/", "roles/senior-customer-success-manager/",
    "metrics/", "metrics/nps/", "salaries/", "linking/",
    "embed/roles/customer-support-manager/", "embed/metrics/csat/",
]  # fmt: skip
API = ["/api/v1/roles/", "/api/v1/roles/customer-support-manager", "/api/v1/metrics/nps",
       "/api/v1/salaries/", "/sitemap.xml"]  # fmt: skip
# Each editor owns one object and one field, so that no edit can legitimately overwrite another.
EDITS = [
    ("roles/role", "customer-support-manager", "title_nb", "Kundestøtteleder", "role_form", "nb"),
    ("metrics/metric", "nps", "name_uk", "Індекс лояльності клієнтів", "metric_form", "uk"),
]
PUBLISH_EVERY = 3


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.counts = Counter()
        self.errors = []

    def add(self, kind, problem=None):
        with self.lock:
            self.counts[kind] += 1
            if problem:
                self.errors.append(problem)


def reader(base, stop, tally):
    session = requests.Session()
    urls = [f"/{code}/{page}" for code in LANGUAGES for page in PAGES] + [
        f"{path}?lang={code}" if path.startswith("/api") else path
        for path in API
        for code in LANGUAGES
    ]
    for url in itertools.cycle(urls):
        if stop.is_set():
            return
        try:
            response = session.get(base + url, timeout=30)
            ok = response.status_code == 200
            tally.add("reads", None if ok else f"GET {url}: {response.status_code}")
        except requests.RequestException as error:
            tally.add("reads", f"GET {url}: {error}")


def publish(session, base, path, object_id, language):
    kind = path.replace("/", ".")
    page = f"{base}/admin/publishing/{kind}/{object_id}/"
    token = FormReader(session.get(page, timeout=60).text, "publish-form").data
    token.pop("language", None)
    done = session.post(f"{page}publish/", data={**token, "language": language}, timeout=120)
    if done.status_code != 200 or "errornote" in done.text:
        return False
    # The worker publishes it; the publishing page refreshes itself until it is done.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if 'http-equiv="refresh"' not in session.get(page, timeout=60).text:
            return True
        time.sleep(0.1)
    return False


def editor(base, number, object_id, stop, tally, saved, published):
    path, key, field, text, form_id, language = EDITS[number]
    session = requests.Session()
    login = FormReader(session.get(f"{base}/admin/login/", timeout=30).text, "login-form")
    login.data.update(username=f"editor{number}", password="soak-passphrase-123")
    session.post(f"{base}/admin/login/?next=/admin/", data=login.data, timeout=30)
    for n in itertools.count(1):
        if stop.is_set():
            return
        url = f"{base}/admin/{path}/{object_id}/change/"
        try:
            form = FormReader(session.get(url, timeout=30).text, form_id)
            value = f"{text} {n}"
            form.data[field] = value
            response = session.post(url, data={**form.data, "_save": "Save"}, timeout=60)
            if response.status_code == 200 and response.url.endswith(f"/admin/{path}/"):
                saved[number].append(value)
                tally.add("saves")
            else:
                tally.add("saves", f"save {n} of {key}: {response.status_code} {response.url}")
            if n % PUBLISH_EVERY == 0:
                if publish(session, base, path, object_id, language):
                    published[number].append(value)
                    tally.add("publications")
                else:
                    tally.add("publications", f"publishing {key} after save {n} failed")
        except requests.RequestException as error:
            tally.add("saves", f"save {n} of {key}: {error}")
        time.sleep(0.2)


def object_ids(env):
    """The database ids of the objects the editors change, for their admin addresses."""
    code = (
        "from roles.models import Role\nfrom metrics.models import Metric\n"
        "print(Role.objects.get(slug='customer-support-manager').pk,"
        " Metric.objects.get(code='nps').pk)"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        env=env, cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return result.stdout.split()[-2:]


def check_saved(base, env, saved, published):
    """The last published edit of each editor is what readers get now, a later draft is not;
    every edit is in the history."""
    problems = []
    last = {n: published[n][-1] if published[n] else None for n in published}
    draft = {n: saved[n][-1] if saved[n] and saved[n][-1] not in published[n] else None
             for n in saved}  # fmt: skip
    role = requests.get(f"{base}/api/v1/roles/customer-support-manager?lang=nb", timeout=30).json()
    page = requests.get(f"{base}/nb/roles/customer-support-manager/", timeout=30).text
    if last[0] and (role["title"] != last[0] or last[0] not in page):
        problems.append(f"role title is {role['title']!r}, the last publication {last[0]!r}")
    if draft[0] and draft[0] in page:
        problems.append(f"the draft {draft[0]!r} is visible to readers")
    metric = requests.get(f"{base}/api/v1/metrics/nps?lang=uk", timeout=30).json()
    if last[1] and metric["name"] != last[1]:
        problems.append(f"metric name is {metric['name']!r}, the last publication {last[1]!r}")
    code = (
        "import sys, json\n"
        "from roles.models import Role\nfrom metrics.models import Metric\n"
        "role = set(Role.history.filter(slug='customer-support-manager')"
        ".values_list('title_nb', flat=True))\n"
        "metric = set(Metric.history.filter(code='nps').values_list('name_uk', flat=True))\n"
        "print(json.dumps([sorted(role), sorted(metric)]))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        env=env, cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    histories = json.loads(result.stdout.strip().splitlines()[-1])
    for number, history in enumerate(histories):
        missing = [value for value in saved[number] if value not in history]
        if missing:
            problems.append(f"{len(missing)} saved edits missing from history: {missing[:3]}")
    return problems


def main():
    workdir = Path(tempfile.mkdtemp(prefix="role-soak-"))
    port = free_port()
    env = production_env(workdir, port)
    database = prepare(env)
    print(f"soak: {SECONDS:.0f} s, {READERS} readers, {len(EDITS)} editors, {database}")
    for number in range(len(EDITS)):
        subprocess.run(
            [sys.executable, "manage.py", "createsuperuser", "--noinput"],
            env={**env, "DJANGO_SUPERUSER_USERNAME": f"editor{number}",
                 "DJANGO_SUPERUSER_EMAIL": f"editor{number}@example.com",
                 "DJANGO_SUPERUSER_PASSWORD": "soak-passphrase-123"},
            cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip
    server, _workers = gunicorn(env, port)
    base = f"http://127.0.0.1:{port}"
    tally, stop = Tally(), threading.Event()
    saved, published = {n: [] for n in range(len(EDITS))}, {n: [] for n in range(len(EDITS))}
    with server:
        wait_for(base + "/robots.txt")
        threads = [
            threading.Thread(target=reader, args=(base, stop, tally)) for _ in range(READERS)
        ]
        ids = object_ids(env)
        threads += [
            threading.Thread(target=editor, args=(base, n, ids[n], stop, tally, saved, published))
            for n in range(len(EDITS))
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        time.sleep(SECONDS)
        stop.set()
        for thread in threads:
            thread.join(120)
        elapsed = time.monotonic() - started
        problems = check_saved(base, env, saved, published)
    print(f"\nrequests: {tally.counts['reads']} reads ({tally.counts['reads'] / elapsed:.0f}/s), "
          f"{tally.counts['saves']} drafts saved, {tally.counts['publications']} publications, "
          f"in {elapsed:.0f} s")  # fmt: skip
    print(f"errors: {len(tally.errors)}")
    for error in tally.errors[:10]:
        print(f"  {error}")
    print(f"every edit where it belongs afterwards: {'yes' if not problems else 'NO'}")
    for problem in problems:
        print(f"  {problem}")
    sys.exit(1 if tally.errors or problems or not tally.counts["saves"] else 0)


if __name__ == "__main__":
    main()
