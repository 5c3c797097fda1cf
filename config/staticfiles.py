from django.contrib.staticfiles.finders import AppDirectoriesFinder

# What django-ninja ships and the site never serves: Redoc (the docs page is Swagger UI) and
# the bundle's source map, 5 MB that collectstatic would hash and compress at every deploy.
UNSERVED = ["redoc.standalone.js", "redoc.standalone.js.map", "swagger-ui-bundle.js.map"]


class AppStaticFiles(AppDirectoriesFinder):
    """The apps' static files, less those nobody is sent."""

    def list(self, ignore_patterns):
        return super().list([*(ignore_patterns or []), *UNSERVED])
