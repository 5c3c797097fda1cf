vcl 4.1;
# The front cache: Varnish 7 in front of the app servers (README "Serving"). Run by
# `manage.py front_cache`, which writes front-cache-site.vcl beside Varnish's working
# files: the readers' app servers as backends of the director "app", the editors' (if any)
# behind the director "editors" (which falls back to "app"), the acl "purgers" and the sub
# "purge_allowed" (FRONT_CACHE_PURGERS, FRONT_CACHE_SECRET).
#
# What it keeps: only answers the site marks `public` and either names keys to purge them
# by (stored pages) or calls immutable (hashed static files); never one that sets a cookie,
# and never for a request with a cookie or credentials (Varnish's built-in rules, which run
# after these). Drafts, previews, the admin, search answers, the API's answers made on
# request and health answers always reach an app server.
# How long: s-maxage, then stale-while-revalidate (answered at once, fetched anew behind),
# then, only while the app servers fail, stale-if-error.
# Forgetting: a PURGE naming keys (xkey header) from an allowed sender forgets every page
# filed under any of them (publishing/front_cache.py); naming them in xkey-soft only marks
# those pages past their time.

import std;
import xkey;
import directors;

include "front-cache-site.vcl";

sub vcl_recv {
    if (req.url ~ "^/admin(/|\?|$)") {
        # Only staff go there (the admin, its previews, the workspace, every form they
        # post): their own processes, at a lower CPU priority (scripts/serve), so that a
        # 0.7 s change form does not take a core from readers.
        set req.backend_hint = editors.backend();
    } else {
        set req.backend_hint = app.backend();
    }
    if (req.restarts == 0) {
        # Markers of this file's own restarts, never a client's.
        unset req.http.x-front-refresh;
        unset req.http.x-front-failed;
    }
    if (req.method == "PURGE") {
        call purge_allowed;
        if (!req.http.x-front-purger) {
            return (synth(403, "Not allowed to purge"));
        }
        if (req.http.xkey-soft) {
            # Past their time, not gone: answered while the app servers fail.
            return (synth(200, "Expired " + xkey.softpurge(req.http.xkey-soft) + " objects"));
        }
        if (!req.http.xkey) {
            return (synth(400, "Name the keys to purge in an xkey header"));
        }
        return (synth(200, "Purged " + xkey.purge(req.http.xkey) + " objects"));
    }
    if (req.http.x-front-failed) {
        # The app servers failed: any page within its stale-if-error will do (req.grace
        # outlives a restart).
        set req.grace = 3650d;
    } elsif (req.http.x-front-refresh) {
        # A page past stale-while-revalidate: only a fresh one will do.
        set req.grace = 0s;
    }
    # One stored variant per encoding the site sends (each with its own ETag).
    if (req.http.Accept-Encoding) {
        if (req.http.Accept-Encoding ~ "(?i)\bbr\b" && req.http.Accept-Encoding !~ "(?i)\bbr\s*;\s*q=0(\.0*)?\s*(,|$)") {
            set req.http.Accept-Encoding = "br";
        } elsif (req.http.Accept-Encoding ~ "(?i)\bgzip\b" && req.http.Accept-Encoding !~ "(?i)\bgzip\s*;\s*q=0(\.0*)?\s*(,|$)") {
            set req.http.Accept-Encoding = "gzip";
        } else {
            unset req.http.Accept-Encoding;
        }
    }
}

sub vcl_hit {
    if (obj.ttl + std.duration(obj.http.x-front-swr, 0s) < 0s
        && !req.http.x-front-refresh && !req.http.x-front-failed) {
        set req.http.x-front-refresh = "1";
        return (restart);
    }
}

sub vcl_backend_fetch {
    unset bereq.http.x-front-refresh;
    unset bereq.http.x-front-failed;
}

sub vcl_backend_response {
    if (beresp.status >= 500) {
        # Keep the page there is (a background fetch), or let vcl_deliver look for it.
        return (abandon);
    }
    if (beresp.http.Cache-Control !~ "(?i)\bpublic\b"
        || beresp.http.Cache-Control ~ "(?i)no-cache|no-store|private"
        || beresp.http.Set-Cookie
        || !(beresp.http.xkey || beresp.http.Cache-Control ~ "(?i)\bimmutable\b")) {
        # Not for everyone, or nothing would purge it (an answer made on request, which
        # browsers may keep a while by its own rules): not kept, and the next request goes
        # to an app server too.
        set beresp.ttl = 10s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    set beresp.http.x-front-swr = "0s";
    if (beresp.http.Cache-Control ~ "stale-while-revalidate=\d+") {
        set beresp.http.x-front-swr = regsub(beresp.http.Cache-Control,
            "^.*stale-while-revalidate=(\d+).*$", "\1s");
    }
    set beresp.grace = std.duration(beresp.http.x-front-swr, 0s);
    if (beresp.http.Cache-Control ~ "stale-if-error=\d+") {
        set beresp.grace = std.duration(regsub(beresp.http.Cache-Control,
            "^.*stale-if-error=(\d+).*$", "\1s"), beresp.grace);
    }
    # The built-in rules would refuse a page that varies on everything; the site's pages
    # say what they vary on.
    return (deliver);
}

sub vcl_backend_error {
    if (bereq.retries < 1 && (bereq.method == "GET" || bereq.method == "HEAD")) {
        # The director gives the next app server.
        return (retry);
    }
    # No error page is kept: it would replace the page past its time that vcl_synth
    # answers with instead.
    return (abandon);
}

sub vcl_deliver {
    if (resp.status >= 500 && req.http.x-front-refresh && !req.http.x-front-failed) {
        # The app servers fail: the page past its time is better than an error.
        set req.http.x-front-failed = "1";
        return (restart);
    }
    unset resp.http.xkey;
    unset resp.http.x-front-swr;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}

sub vcl_synth {
    if (resp.status == 503 && req.http.x-front-refresh && !req.http.x-front-failed) {
        set req.http.x-front-failed = "1";
        return (restart);
    }
}
