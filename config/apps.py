from django.contrib.admin.apps import AdminConfig


class ReferenceAdminConfig(AdminConfig):
    """django.contrib.admin, with the site of config/admin.py as admin.site."""

    default_site = "config.admin.SiteAdmin"
