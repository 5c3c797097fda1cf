"""Which methods the public addresses answer: GET and HEAD, alike; anything else is 405.

The site's reader-facing pages, its API, oEmbed, the sitemap and robots.txt are read-only.
Only the admin takes other methods. A HEAD to an address outside the page views (the API,
oEmbed, the sitemap, robots.txt) is answered as its GET is, headers and all (ETag, 304,
the page cache), without the body: django-ninja and Django's sitemap view answer only GET.
"""

from django.http import HttpResponse, JsonResponse

READS = ("GET", "HEAD")
ALLOW = ", ".join(READS)
# Where other methods are the admin's business.
OTHER_METHODS = ("/admin/", "/admin")
JSON_ADDRESSES = ("/api/", "/oembed")
# Answered by views that know only GET.
HEAD_AS_GET = (*JSON_ADDRESSES, "/sitemap.xml", "/robots.txt")


def not_allowed(request):
    if request.path_info.startswith(JSON_ADDRESSES):
        response = JsonResponse(
            {"error": f"This address answers only {ALLOW}, not {request.method}."}, status=405
        )
    else:
        response = HttpResponse(
            f"This address answers only {ALLOW}.\n",
            status=405,
            content_type="text/plain; charset=utf-8",
        )
    response["Allow"] = ALLOW
    return response


class ReadOnlyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path.startswith(OTHER_METHODS):
            return self.get_response(request)
        if request.method not in READS:
            return not_allowed(request)
        if request.method == "HEAD" and path.startswith(HEAD_AS_GET):
            request.method = "GET"
            try:
                response = self.get_response(request)
            finally:
                request.method = "HEAD"
            if not response.streaming:
                # Content-Length stays that of the GET, as HEAD means.
                response.content = b""
            return response
        return self.get_response(request)
