import ipaddress
import os
import re
import shutil
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

VCL = Path(settings.BASE_DIR) / "config" / "front-cache.vcl"
SITE_VCL = "front-cache-site.vcl"
# Debian's built-in VCL (included by every configuration) lives here.
VCL_PATH = "/usr/share/varnish/vcl"


def _address(text):
    host, _, port = text.rpartition(":")
    host = host.strip("[]")
    if not host or not port.isdigit():
        raise CommandError(f"A backend is host:port, not {text!r}.")
    return host, port


def _backend(name, address):
    host, port = _address(address)
    return [
        f"backend {name} {{",
        f'    .host = "{host}";',
        f'    .port = "{port}";',
        "    .probe = healthz;",
        "    .connect_timeout = 1s;",
        "}",
    ]


def site_vcl(backends, purgers, secret, editors=()):
    """The part of the configuration that differs between sites: the app servers (the
    readers' and, if any, the editors' own), who may purge and with what secret."""
    lines = [
        "# Written by manage.py front_cache; the rest is config/front-cache.vcl.",
        "probe healthz {",
        '    .url = "/healthz";',
        "    .interval = 1s;",
        "    .timeout = 1s;",
        "    .window = 3;",
        "    .threshold = 2;",
        "}",
    ]
    for n, backend in enumerate(backends, start=1):
        lines += _backend(f"app_{n}", backend)
    for n, backend in enumerate(editors, start=1):
        lines += _backend(f"editors_{n}", backend)
    lines += ["sub vcl_init {", "    new app = directors.round_robin();"]
    lines += [f"    app.add_backend(app_{n});" for n in range(1, len(backends) + 1)]
    # The staff's requests (config/front-cache.vcl): to the editors' processes while any
    # is healthy, else to the readers' (no editors' pool, or it is not up yet), so the
    # admin never goes down with it.
    lines.append("    new editors = directors.fallback();")
    if editors:
        lines.append("    new editors_pool = directors.round_robin();")
        lines += [f"    editors_pool.add_backend(editors_{n});" for n in range(1, len(editors) + 1)]
        lines.append("    editors.add_backend(editors_pool.backend());")
    lines += ["    editors.add_backend(app.backend());", "}", "acl purgers {"]
    for purger in purgers:
        try:
            network = ipaddress.ip_network(purger, strict=False)
        except ValueError:
            raise CommandError(f"FRONT_CACHE_PURGERS: {purger!r} is not an address.") from None
        lines.append(f'    "{network.network_address}"/{network.prefixlen};')
    lines += ["}", "sub purge_allowed {"]
    lines += ['    unset req.http.x-front-purger;', '    if (client.ip ~ purgers) {',
              '        set req.http.x-front-purger = "address";', "    }"]  # fmt: skip
    if secret:
        if not re.fullmatch(r"[A-Za-z0-9._~+/=-]{16,}", secret):
            raise CommandError(
                "FRONT_CACHE_SECRET: at least 16 letters, digits or ._~+/=- (it is written "
                "into the front cache's configuration)."
            )
        lines += [f'    if (req.http.X-Purge-Secret == "{secret}") {{',
                  '        set req.http.x-front-purger = "secret";', "    }"]  # fmt: skip
    lines += ["    unset req.http.X-Purge-Secret;", "}"]
    return "\n".join(lines) + "\n"


class Command(BaseCommand):
    help = (
        "Run the front cache (Varnish, config/front-cache.vcl) in front of app servers: it "
        "answers readers on --listen and purges by key for FRONT_CACHE_PURGERS or whoever "
        "names FRONT_CACHE_SECRET."
    )

    def add_arguments(self, parser):
        parser.add_argument("--listen", required=True, help="host:port readers come to")
        parser.add_argument(
            "--backend", action="append", required=True, help="an app server, host:port"
        )
        parser.add_argument(
            "--editors-backend",
            action="append",
            default=[],
            help="an app server for the staff's requests (/admin/), host:port; without "
            "one, they go to the --backend servers too",
        )
        parser.add_argument("--workdir", required=True, help="Varnish's working folder")
        parser.add_argument("--memory", default="256m", help="how much it keeps (malloc)")
        parser.add_argument(
            "--check", action="store_true", help="write and compile the configuration only"
        )

    def handle(self, *args, listen, backend, editors_backend, workdir, memory, check, **options):
        varnishd = shutil.which("varnishd") or (
            "/usr/sbin/varnishd" if os.path.exists("/usr/sbin/varnishd") else None
        )
        if varnishd is None:
            raise CommandError(
                "Varnish is not installed (apt-get install varnish varnish-modules)."
            )
        folder = Path(workdir).resolve()
        folder.mkdir(parents=True, exist_ok=True)
        site = folder / SITE_VCL
        secret = settings.FRONT_CACHE_SECRET
        site.write_text(site_vcl(backend, settings.FRONT_CACHE_PURGERS, secret, editors_backend))
        # Varnish compiles it as its own user (Debian's group "varnish"); nobody else reads
        # the secret.
        try:
            shutil.chown(site, group="varnish")
            site.chmod(0o640)
        except (LookupError, PermissionError):
            site.chmod(0o644 if not secret else 0o640)
        command = [
            # Its own working files in a folder of their own: varnishd removes it on exit.
            varnishd, "-n", str(folder / "varnish"), "-f", str(VCL),
            "-p", f"vcl_path={folder}:{VCL.parent}:{VCL_PATH}",
            # The site sends gzip and brotli itself, each variant with its own ETag.
            "-p", "http_gzip_support=off",
            "-s", f"malloc,{memory}",
        ]  # fmt: skip
        if check:
            os.execv(varnishd, [*command, "-C"])
        os.execv(varnishd, [*command, "-F", "-a", listen])
