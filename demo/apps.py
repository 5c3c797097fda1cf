from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Synthetic content for measuring the site at scale; never mixed with real content."""

    name = "demo"
    verbose_name = _("Demo content")
