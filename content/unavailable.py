"""The answer when the database cannot be reached (PostgreSQL restarting, a network fault):
503 with Retry-After and a page that says so, instead of a bare 500. Readers rarely see it:
the front cache and each process's memory keep answering with the stored pages."""

import sys

from django.db import InterfaceError, OperationalError
from django.shortcuts import render
from django.views.defaults import server_error as plain_server_error


def server_error(request):
    """settings' handler500: the one view an uncaught exception reaches."""
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        response = render(request, "unavailable.html", status=503)
        response["Retry-After"] = "30"
        response["Cache-Control"] = "no-store"
        return response
    return plain_server_error(request)
